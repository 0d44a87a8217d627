"""Options that take a number, seconds or a whole count: each mistake said as what it is.

Typer checks an option's ``min`` with pydantic, whose words for ``--time-limit nan`` were
"Input should be greater than or equal to 0.001": true of no number, and silent on what
was wrong. Here ``nan`` and ``inf`` are "not a number of seconds", and a number out of
range is said as that.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import typer

__all__ = ["SECONDS_METAVAR", "seconds", "whole_number"]

SECONDS_METAVAR = "SECONDS"
_SECONDS = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""Seconds as a person writes them: ASCII digits, one point, an exponent (``2.5``, ``1e3``).

Python's ``float`` also takes ``1_0`` and full-width or other scripts' digits (``５``)."""
_NOT_A_NUMBER = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
_WHOLE = re.compile(r"[+-]?[0-9]+(?:\.0*)?")
"""A whole number as days are written: ``4``, ``4.0``, ``4.`` (not ``4.5``, ``1_0``, ``４``)."""
_DIGITS = 30
"""More digits are compared as 10**30: beyond every most, and int() of 4,301 digits fails."""


def seconds(
    *, least: float, leave_out: str, most: float | None = None
) -> Callable[[str | float | None], float | None]:
    """A Typer ``parser`` for a number of seconds of at least ``least``.

    ``leave_out`` says what leaving the option out gives (``leave --time-limit out for
    no limit``); a mistake raises ``typer.BadParameter`` (exit code 2).

    >>> parse = seconds(least=0.001, leave_out="leave --time-limit out for no limit")
    >>> parse("2.5"), parse(None)
    (2.5, None)
    >>> try:
    ...     parse("nan")
    ... except typer.BadParameter as exc:
    ...     print(exc)
    nan is not a number of seconds (leave --time-limit out for no limit)
    """

    def parse(value: str | float | None) -> float | None:
        if value is None or isinstance(value, float):  # a default, not typed by the user
            return value
        text = value.strip()
        if _NOT_A_NUMBER.fullmatch(text) is None and _SECONDS.fullmatch(text) is None:
            raise typer.BadParameter(
                f"{value!r} is not a number of seconds (write it in the digits 0-9, with one "
                "point and an exponent if need be: 2.5, 90, 1e3)"
            )
        number = float(text)  # 1e400 is inf: a number, more than the most (below, if any)
        if not math.isfinite(number) and (_NOT_A_NUMBER.fullmatch(text) or most is None):
            raise typer.BadParameter(f"{value} is not a number of seconds ({leave_out})")
        if number < least:
            raise typer.BadParameter(f"{value} is less than the least, {least:g} seconds")
        if most is not None and number > most:
            raise typer.BadParameter(f"{value} is more than the most, {_figure(most)} seconds")
        return number

    return parse


def whole_number(
    *, least: int, what: str, most: int | None = None
) -> Callable[[str | int | None], int | None]:
    """A Typer ``parser`` for a whole number of ``what`` from ``least`` (to ``most``).

    Pydantic's words for ``--threads 0`` were "Input should be greater than or equal to 1".

    A whole number written with a point is taken, as days are (``4.0``, ``4.``). A
    ``what`` of one thing (``"a seed"``) reads "give a seed, a whole number from 0 to …".

    >>> parse = whole_number(least=1, most=1024, what="solver threads")
    >>> parse("4"), parse("4.0"), parse("4."), parse(None)
    (4, 4, 4, None)
    >>> try:
    ...     parse("0")
    ... except typer.BadParameter as exc:
    ...     print(exc)
    0 is below 1: give a whole number of solver threads from 1 to 1,024
    """

    def parse(value: str | int | None) -> int | None:
        if value is None or isinstance(value, int):  # a default, not typed by the user
            return value
        # "a seed" names one thing: "a whole number of seed" read wrong
        kind = f"{what}, a whole number" if what.startswith(("a ", "an ")) else None
        span = (
            (kind or f"a whole number of {what}")
            + f" from {least:,}"
            + ("" if most is None else f" to {most:,}")
        )
        text = value.strip()
        if _WHOLE.fullmatch(text) is None:
            raise typer.BadParameter(f"{value!r} is not {span}") from None
        digits = text.partition(".")[0]
        if len(digits.lstrip("+-").lstrip("0")) > _DIGITS:  # int() refuses 4,301 digits
            sign = -1 if digits.startswith("-") else 1
            number = sign * int(10**_DIGITS)
        else:
            number = int(digits)
        if number < least:
            raise typer.BadParameter(f"{value} is below {least:,}: give {span}")
        if most is not None and number > most:
            raise typer.BadParameter(f"{value} is above {most:,}: give {span}")
        return number

    return parse


def _figure(number: float) -> str:
    """A bound as a person reads it: ``1,000,000`` (``:g`` said ``1e+06``), ``0.001``."""
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,g}"

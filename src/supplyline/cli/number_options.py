"""Options that take a number, seconds or a whole count: each mistake said as what it is.

Typer checks an option's ``min`` with pydantic, whose words for ``--time-limit nan`` were
"Input should be greater than or equal to 0.001": true of no number, and silent on what
was wrong. Here ``nan`` and ``inf`` are "not a number of seconds", and a number out of
range is said as that.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import typer

__all__ = ["SECONDS_METAVAR", "seconds", "whole_number"]

SECONDS_METAVAR = "SECONDS"


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
        try:
            number = float(value)
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not a number of seconds") from None
        if not math.isfinite(number):
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

    >>> parse = whole_number(least=1, most=1024, what="solver threads")
    >>> parse("4"), parse(None)
    (4, None)
    >>> try:
    ...     parse("0")
    ... except typer.BadParameter as exc:
    ...     print(exc)
    0 is below 1: give a whole number of solver threads from 1 to 1,024
    """

    def parse(value: str | int | None) -> int | None:
        if value is None or isinstance(value, int):  # a default, not typed by the user
            return value
        span = f"a whole number of {what} from {least:,}" + (
            "" if most is None else f" to {most:,}"
        )
        try:
            number = int(value)
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not {span}") from None
        if number < least:
            raise typer.BadParameter(f"{value} is below {least:,}: give {span}")
        if most is not None and number > most:
            raise typer.BadParameter(f"{value} is above {most:,}: give {span}")
        return number

    return parse


def _figure(number: float) -> str:
    """A bound as a person reads it: ``1,000,000`` (``:g`` said ``1e+06``), ``0.001``."""
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,g}"

"""Options that take one of a few words (``--method``, ``--by``, ``--format``…): one parser.

Typer checks an Enum option with pydantic, whose words for ``plan --method fast`` were
"Value error, 'fast' is not one of 'auto', 'simplex', …", and ``--method SIMPLEX`` was
refused without a hint. Here a choice is taken whatever its case (and ``_`` for ``-``)
when that names one choice only, and a mistake says what it is, the choices, and the
choice meant if it is a near miss (``--by units``: did you mean 'unit'?).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

import typer

__all__ = ["choice", "choice_metavar", "choice_option", "read_choice"]

E = TypeVar("E", bound=StrEnum)

_NEAR = 0.6
"""How alike (difflib's ratio) a word must be to a choice to be offered as the one meant."""


def _folded(word: str) -> str:
    """A word as choices are compared: its case and ``_``/``-`` aside."""
    return word.strip().casefold().replace("_", "-")


def read_choice(kind: type[E], text: str) -> E | None:
    """The choice of ``kind`` that ``text`` names, exactly or else folded; None if none.

    Folded (case, ``_`` or ``-``), a word is taken only if it names one choice alone.

    >>> from supplyline.cli.output import OutputFormat
    >>> read_choice(OutputFormat, "JSON"), read_choice(OutputFormat, "xlsx")
    (<OutputFormat.JSON: 'json'>, None)
    """
    for member in kind:
        if member.value == text:
            return member
    named = [m for m in kind if _folded(m.value) == _folded(text)]
    return named[0] if len(named) == 1 else None


def choice(kind: type[E], *, what: str) -> Callable[[str | E | None], E | None]:
    """A Typer ``parser`` for one of ``kind``'s values; ``what`` names one (``a method``).

    A mistake raises ``typer.BadParameter`` (exit code 2) naming the choices, and the one
    meant if the word is a near miss.

    >>> from supplyline.cli.output import OutputFormat
    >>> parse = choice(OutputFormat, what="an output format")
    >>> parse("Csv"), parse(None)
    (<OutputFormat.CSV: 'csv'>, None)
    >>> try:
    ...     parse("jsn")
    ... except typer.BadParameter as exc:
    ...     print(exc)
    'jsn' is not an output format (one of: table, csv, json); did you mean 'json'?
    """

    def parse(value: str | E | None) -> E | None:
        if value is None or isinstance(value, kind):  # a default, not typed by the user
            return value
        member = read_choice(kind, value)
        if member is not None:
            return member
        values = [m.value for m in kind]
        said = f"{value!r} is not {what} (one of: {', '.join(values)})"
        folded = {_folded(v): v for v in values}
        near = difflib.get_close_matches(_folded(value), list(folded), n=1, cutoff=_NEAR)
        if near:
            said += f"; did you mean {folded[near[0]]!r}?"
        raise typer.BadParameter(said)

    return parse


def choice_metavar(kind: type[StrEnum]) -> str:
    """The choices as ``--help`` shows them beside the option: ``<table|csv|json>``.

    >>> from supplyline.cli.output import OutputFormat
    >>> choice_metavar(OutputFormat)
    '<table|csv|json>'
    """
    return "<" + "|".join(m.value for m in kind) + ">"


def choice_option(kind: type[StrEnum], *names: str, what: str, help: str | None = None) -> Any:
    """An option's ``typer.Option`` (no default) taking one of ``kind``, for ``Annotated``."""
    return typer.Option(
        *names, help=help, parser=choice(kind, what=what), metavar=choice_metavar(kind)
    )

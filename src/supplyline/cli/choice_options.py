"""Options that take one of a few words (``--method``, ``--by``, ``--format``…): one parser.

Typer checks an Enum option with pydantic, whose words for ``plan --method fast`` were
"Value error, 'fast' is not one of 'auto', 'simplex', …", and ``--method SIMPLEX`` was
refused without a hint. Here a choice is taken whatever its case (and ``_`` for ``-``)
when that names one choice only, and a mistake says what it is, the choices, and the
choice meant if it is a near miss (``--by units``: did you mean 'unit'?).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

import typer

from supplyline.domain.choices import choice_problem, read_choice

__all__ = ["choice", "choice_metavar", "choice_option", "read_choice"]

E = TypeVar("E", bound=StrEnum)


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
        raise typer.BadParameter(f"{value!r} {choice_problem(kind, value, what=what)}")

    return parse


def choice_metavar(kind: type[StrEnum]) -> str:
    """The choices as ``--help`` shows them beside the option: ``<table|csv|json>``.

    >>> from supplyline.cli.output import OutputFormat
    >>> choice_metavar(OutputFormat)
    '<table|csv|json>'
    """
    return "<" + "|".join(m.value for m in kind) + ">"


def choice_option(
    kind: type[StrEnum],
    *names: str,
    what: str,
    help: str | None = None,
    callback: Callable[..., Any] | None = None,
) -> Any:
    """An option's ``typer.Option`` (no default) taking one of ``kind``, for ``Annotated``.

    ``callback``: typer's, given the parsed value (``--format`` notes the format asked).
    """
    return typer.Option(
        *names,
        help=help,
        parser=choice(kind, what=what),
        metavar=choice_metavar(kind),
        callback=callback,
    )

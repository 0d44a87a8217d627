"""Tabular output in the three formats every tabular command offers: table, csv, json."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["OutputFormat", "emit_rows", "listed"]


_UNBOUNDED = 100_000
"""A width no table reaches: to measure a table's natural width, not the terminal's."""


class OutputFormat(StrEnum):
    """How a command prints rows: a rich table for people, CSV or JSON for programs."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def listed(names: Sequence[str]) -> str:
    """Names for a help text, as a person lists them: ``a, b and c``.

    >>> listed(["routes.csv", "trucks.csv", "routes.json"])
    'routes.csv, trucks.csv and routes.json'
    """
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _decimals(rows: Sequence[Mapping[str, Any]], col: str) -> int:
    """Digits a column's numbers get: none when every one but zeros is 100 or more, else two.

    Zeros do not count: a mode that moved nothing would otherwise give a column of
    thousands two decimals, and on an 80-column terminal the table no longer fits.
    """
    floats = [v for row in rows if isinstance(v := row.get(col), float) and v != 0]
    return 0 if floats and all(abs(v) >= 100 for v in floats) else 2


def _header(col: str) -> str:
    """A column's heading for people: ``days_late`` as ``days late``.

    So that a narrow terminal wraps it between words rather than inside one.
    """
    return col.replace("_", " ")


def _cell(value: Any, decimals: int = 2) -> str:
    if isinstance(value, float):
        return f"{value:,.{decimals}f}"
    return "" if value is None else str(value)


def _table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], title: str | None, *, narrow: bool
) -> Table:
    """The rows as a rich table; ``narrow`` when it is wider than the terminal.

    A number never breaks across lines: its column keeps its width and text columns wrap
    instead. Narrow, a number's heading stands one word per line and a text column keeps
    room for its heading's longest word, so that neither is cut inside a word either.
    """
    table = Table(title=title, show_lines=False)
    for col in columns:
        numeric = bool(rows) and isinstance(rows[0].get(col), int | float)
        header = _header(col)
        table.add_column(
            header.replace(" ", "\n") if narrow and numeric else header,
            justify="right" if numeric else "left",
            overflow="fold",  # only a terminal too narrow for the numbers alone folds them
            no_wrap=numeric,
            min_width=max(map(len, header.split())) if narrow and not numeric else None,
        )
    digits = {col: _decimals(rows, col) for col in columns}
    for row in rows:
        table.add_row(*(_cell(row.get(c), digits[c]) for c in columns))
    return table


def emit_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    *,
    console: Console,
    title: str | None = None,
) -> None:
    """Print ``rows`` (dicts keyed by ``columns``) in the chosen format on ``console``."""
    if fmt is OutputFormat.JSON:
        data = [{c: row.get(c) for c in columns} for row in rows]
        sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
    elif fmt is OutputFormat.CSV:
        writer = csv.DictWriter(
            sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = _table(rows, columns, title, narrow=False)
        unbounded = console.options.update_width(_UNBOUNDED)  # measured without the terminal
        if console.measure(table, options=unbounded).maximum > console.width:
            table = _table(rows, columns, title, narrow=True)
        console.print(table)

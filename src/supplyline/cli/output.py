"""Tabular output in the three formats every tabular command offers: table, csv, json."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from supplyline.io.csv_out import csv_cell, yes_no

__all__ = ["OutputFormat", "emit_rows", "listed", "write_json"]


TEXT_ROOM = 20
"""Characters a long text column (a shortfall's cause) should keep on a narrow terminal."""
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


def _header(col: str) -> str:
    """A column's heading for people: ``days_late`` as ``days late``.

    So that a narrow terminal wraps it between words rather than inside one.
    """
    return col.replace("t_days", "t-days").replace("pax_days", "person-days").replace("_", " ")


_LABELS = re.compile(r"(.*_)?(id|seq|line|rank|day|order|number|no|version|year)")
"""Integer columns that name or number things (an order id, an audit sequence number, a
day): written as they are, 1000 not 1,000. Other integers are counts and get separators."""


def _decimals(values: Sequence[Any]) -> int:
    """Digits after the point for a column's numbers: 2 if one of them needs them, else 0.

    A number needs them when it is below 100 and not whole (100 or more reads whole). One
    number of decimals in a column: a tester read start hours 5.77, 6, 6.93 one above the
    other.
    """
    return (
        2
        if any(
            isinstance(v, float) and abs(v) < 100 and not v.is_integer() and math.isfinite(v)
            for v in values
        )
        else 0
    )


def _cell(value: Any, col: str = "", decimals: int = 2) -> str:
    """A value as a person reads it: a float to its column's ``decimals`` (:func:`_decimals`).

    A tester read "60.00" people in the closure table: a column of whole numbers has none.
    Truth values read ``yes``/``no``, as in the CSV files.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int):
        return str(value) if _LABELS.fullmatch(col) else f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return f"{value or 0.0:,.{decimals}f}"  # -0.0 as 0
    return str(value)


def _numeric(rows: Sequence[Mapping[str, Any]], col: str) -> bool:
    """Whether a column holds numbers (blanks aside), to right-align and never wrap them."""
    values = [v for row in rows if (v := row.get(col)) is not None]
    return bool(values) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values
    )


def _table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    title: str | None,
    *,
    width: int | None = None,
    fold_numbers: bool = False,
    compact: bool = False,
    fold_headings: bool = False,
) -> Table:
    """The rows as a rich table, for a terminal ``width`` wide (None: as wide as it likes).

    A number never breaks across lines: its column keeps its width and text columns wrap
    instead, each keeping room for its heading's longest word. When the numbers do not
    leave a text column :data:`TEXT_ROOM` characters (or what it needs, if less), a
    number's heading stands one word per line. ``compact`` drops the vertical rules and the
    outer padding, and ``fold_headings`` lets headings and text break inside words while
    numbers keep their width: eleven columns of the reach check then fit 80 columns, where
    a tester saw its numbers folded ("32.2" over "0").
    """
    numeric = {col: _numeric(rows, col) for col in columns}
    places = {c: _decimals([row.get(c) for row in rows]) for c in columns}
    cells = [[_cell(row.get(c), c, places[c]) for c in columns] for row in rows]
    headers = [_header(c) for c in columns]
    stack = False
    if width is not None:
        widest = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
        least = sum(
            widest[i]
            if numeric[c]
            else min(widest[i], max(TEXT_ROOM, *map(len, headers[i].split())))
            for i, c in enumerate(columns)
        )
        rules = (2 if compact else 3) * len(columns) + (0 if compact else 1)  # borders, padding
        stack = fold_numbers or least + rules > width
    table = (
        Table(
            title=title,
            show_lines=False,
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            collapse_padding=True,
        )
        if compact
        else Table(title=title, show_lines=False)
    )
    for i, (col, header) in enumerate(zip(columns, headers, strict=True)):
        table.add_column(
            header.replace(" ", "\n") if stack and numeric[col] else header,
            justify="right" if numeric[col] else "left",
            overflow="fold",  # only a terminal too narrow for the numbers alone folds them
            # with headings folded, a number keeps its width by its column's least width
            no_wrap=numeric[col] and not (fold_numbers or fold_headings),
            min_width=_least_width(
                header,
                [r[i] for r in cells],
                numeric=numeric[col],
                bounded=width is not None,
                fold_numbers=fold_numbers,
                fold_headings=fold_headings,
            ),
        )
    for row_cells in cells:
        table.add_row(*row_cells)
    return table


def _least_width(
    header: str,
    cells: list[str],
    *,
    numeric: bool,
    bounded: bool,
    fold_numbers: bool,
    fold_headings: bool,
) -> int | None:
    """A column's least width (None: rich decides).

    A number's, when only headings fold: its longest value, which must not break. A
    text's, when the table is narrowed without folding: its heading's longest word.
    """
    if not bounded or fold_numbers:
        return None
    if numeric:
        return max(map(len, cells), default=1) if fold_headings else None
    return None if fold_headings else max(map(len, header.split()), default=1)


def _drawn_width(table: Table, width: int) -> int:
    """How wide the table comes out on a terminal ``width`` wide (rich crops what is wider)."""
    scratch = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    with scratch.capture() as drawn:
        scratch.print(table, crop=False)
    return max((cell_len(line) for line in drawn.get().splitlines()), default=0)


def write_json(data: object) -> None:
    """``data`` as JSON on stdout, in UTF-8 whatever the locale, names as written.

    JSON between programs is UTF-8 (RFC 8259), so the bytes go to stdout's buffer: with
    the text stream, a Latin-1 locale could not print ``Łódź``, and escaping it hid the
    name from a person reading the output.
    """
    text = json.dumps(data, indent=2, default=str, ensure_ascii=False) + "\n"
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def fitted_table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], title: str | None, console: Console
) -> Table:
    """The rows as a table that fits ``console``: as it likes, else narrowed step by step."""
    unbounded = console.options.update_width(_UNBOUNDED)  # measured without the terminal
    table = _table(rows, columns, title)
    if console.measure(table, options=unbounded).maximum <= console.width:
        return table
    for compact, headings, fold in (
        (False, False, False),
        (True, False, False),
        (True, True, False),
        (True, False, True),  # not even the numbers fit side by side: fold them
    ):
        table = _table(
            rows,
            columns,
            title,
            width=console.width,
            compact=compact,
            fold_headings=headings,
            fold_numbers=fold,
        )
        if _drawn_width(table, console.width) <= console.width:
            break
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
        write_json([{c: row.get(c) for c in columns} for row in rows])
    elif fmt is OutputFormat.CSV:
        writer = csv.DictWriter(
            sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    else:
        console.print(fitted_table(rows, columns, title, console))

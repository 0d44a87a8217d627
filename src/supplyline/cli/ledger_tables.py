"""The ledger's tables for people: ids and states never broken, on any terminal.

A ledger table's words are ids (``ha-nr-2026``, ``nordrelief``) and states (``settled``),
which :func:`~supplyline.cli.output.fitted_table` lets wrap like prose: a relief
coordinator's ``ledger orders`` at 80 columns read ``s/e/t/t/l/e/d`` down a column and
``ha/-n/r-/20/26``, and a table at 160 broke ``nordrelie/f`` with its rules still drawn.
Here a table is drawn only with every word whole: without its rules if need be, then
without its least important columns (said in a line under it), and when even the
essential ones cannot stand side by side, one record per block.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

from supplyline.cli.output import (
    _UNBOUNDED,
    OutputFormat,
    _cells,
    _numbers_whole,
    _numeric,
    _table,
    emit_rows,
)

__all__ = [
    "AGREEMENTS_SHAPE",
    "BALANCE_SHAPE",
    "EVENTS_SHAPE",
    "LINES_SHAPE",
    "STATEMENT_SHAPE",
    "LedgerShape",
    "emit_ledger_rows",
    "emit_shaped",
    "whole_words_table",
]


def whole_words_table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], title: str | None, console: Console
) -> Table | None:
    """The rows as a table that fits ``console`` with no word broken; None if none does.

    Tried as :func:`~supplyline.cli.output.fitted_table` narrows a table (its rules go
    first, then headings keep only their words' width), each step kept only if every
    number and every word of text and headings is whole.
    """
    table = _table(rows, columns, title)
    unbounded = console.options.update_width(_UNBOUNDED)  # measured without the terminal
    if console.measure(table, options=unbounded).maximum <= console.width:
        return table
    numeric = [_numeric(rows, c) for c in columns]
    cells = _cells(rows, columns)
    for compact, fixed in ((False, False), (True, False), (True, True)):
        table = _table(
            rows, columns, title, width=console.width, compact=compact, fold_headings=fixed,
            fixed=fixed,
        )  # fmt: skip
        if _numbers_whole(table, cells, numeric, console.width, words=True):
            return table
    return None


def emit_ledger_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    *,
    console: Console,
    title: str,
    drop: Sequence[str] = (),
    record: str = "row",
    key: str | None = None,
    every: str = "--format csv or json gives every column",
) -> None:
    """Print ledger rows: CSV and JSON whole; a table that breaks no id or state word.

    ``drop``: the columns a narrow terminal may leave out, least important first; those
    left out are named under the table with ``every`` (how to see them). If the others
    still cannot stand whole side by side, each row is a block of its own, headed
    ``{record} {row[key]}`` (or its number), its fields one a line.
    """
    if fmt is not OutputFormat.TABLE or not rows:
        emit_rows(rows, columns, fmt, console=console, title=title)
        return
    for n in range(len(drop) + 1):
        left_out = list(drop[:n])
        shown = [c for c in columns if c not in left_out]
        table = whole_words_table(rows, shown, title, console)
        if table is not None:
            console.print(table)
            if left_out:
                console.print(
                    f"not shown at {console.width} columns: {', '.join(left_out)} ({every})",
                    markup=False,
                    highlight=False,
                )
            return
    console.print(title, markup=False, highlight=False)
    for i, row in enumerate(rows, start=1):
        pairs = [{"field": c.replace("_", " "), "value": row.get(c)} for c in columns]
        name = f"{record} {row[key] if key is not None else i}"
        emit_rows(pairs, ["field", "value"], OutputFormat.TABLE, console=console, title=name)


@dataclass(frozen=True, slots=True, kw_only=True)
class LedgerShape:
    """How one ledger table narrows: what it leaves out first, and how a block is named.

    Kept here, beside :func:`emit_ledger_rows`, so the commands name a shape in one line
    (``ledger_cmds`` is near the 600-line split) and the choices can be read together.
    """

    drop: tuple[str, ...]
    record: str
    key: str | None = None
    every: str = "--format csv or json gives every column"


BALANCE_SHAPE = LedgerShape(drop=("next_due", "receivable", "payable"), record="balance with",
                            key="counterparty")  # fmt: skip
"""Who, under which agreement, in which unit and the net stay: what a balance is for."""
STATEMENT_SHAPE = LedgerShape(drop=("note", "item", "agreement", "at"), record="line")
"""Order, counterparty, kind, unit, amount and running balance stay: the money's trail."""
EVENTS_SHAPE = LedgerShape(
    drop=("hash", "at"), record="event", key="seq",
    every="--format csv or json gives every column, and the whole hash",
)  # fmt: skip
"""The full-precision time (32 characters) and the shortened hash go first; `--head` and
CSV give the hash to compare."""
AGREEMENTS_SHAPE = LedgerShape(
    drop=("scope", "name", "modes", "ceiling_total", "ceiling_per_order", "valid"),
    record="agreement", key="id",
)  # fmt: skip
"""Id, parties and currency stay: what one needs to name an agreement in ``request``."""
LINES_SHAPE = LedgerShape(drop=("note", "due_on", "condition", "at"), record="line", key="line")
"""Line, kind, who, quantity and amount stay: what happened to the order, by whom."""


def emit_shaped(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    shape: LedgerShape,
    *,
    console: Console,
    title: str,
) -> None:
    """:func:`emit_ledger_rows` with a table's :class:`LedgerShape`."""
    emit_ledger_rows(rows, columns, fmt, console=console, title=title, drop=shape.drop,
                     record=shape.record, key=shape.key, every=shape.every)  # fmt: skip

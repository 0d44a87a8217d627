"""The ledger's tables for people: ids and states never broken, on any terminal.

A ledger table's words are ids (``ha-nr-2026``, ``nordrelief``) and states (``settled``),
which :func:`~supplyline.cli.table_fit.fitted_table` lets wrap like prose: a relief
coordinator's ``ledger orders`` at 80 columns read ``s/e/t/t/l/e/d`` down a column and
``ha/-n/r-/20/26``, and a table at 160 broke ``nordrelie/f`` with its rules still drawn.
Here a table is drawn only with every word whole: without its rules if need be, then
without its least important columns (said in a line under it), and when even the
essential ones cannot stand side by side, one record per block.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console

from supplyline.cli.output import OutputFormat, emit_rows
from supplyline.cli.table_cells import shown_cells
from supplyline.cli.table_draw import DrawnTable
from supplyline.cli.table_fit import _UNBOUNDED, _laid_out, _numbers_whole, left_out_words
from supplyline.io.csv_out import csv_time

__all__ = [
    "AGREEMENTS_SHAPE",
    "BALANCE_SHAPE",
    "EVENTS_SHAPE",
    "LINES_SHAPE",
    "STATEMENT_SHAPE",
    "LedgerShape",
    "emit_ledger_rows",
    "emit_shaped",
    "short_time",
    "shown_time",
    "whole_words_table",
    "with_csv_times",
]

TIME_FORMS = {"minute": ("%Y-%m-%dT%H:%MZ", "to the minute"), "date": ("%Y-%m-%d", "as dates")}
"""Shorter forms of a time a narrow table shows (in UTC), and how the line under it says so.

ISO 8601 still, and one word: with a space, ``2026-11-30 04:56Z`` wrapped in two lines."""


def short_time(value: object, form: str) -> object:
    """A time (a datetime or its ISO text) in a shorter ``form`` of :data:`TIME_FORMS`, in UTC.

    Anything else is left as it is. A statement's time is 25 characters
    (``2026-11-30T04:31:07+00:00``) and 80 columns had left it out altogether.

    >>> short_time("2026-11-30T05:31:07+01:00", "minute")
    '2026-11-30T04:31Z'
    >>> short_time("2026-11-30T04:31:07+00:00", "date"), short_time("soon", "date")
    ('2026-11-30', 'soon')
    """
    moment = _moment(value)
    return value if moment is None else moment.astimezone(dt.UTC).strftime(TIME_FORMS[form][0])


def shown_time(value: object) -> object:
    """A time (a datetime or its ISO text) as every ledger table shows it whole.

    In UTC, to the second, with its zone: ``statement`` and ``show`` showed
    ``2026-11-30T21:11:20+00:00`` while ``events`` showed the text it was hashed with, to
    the microsecond (JSON still gives that text, CSV a spreadsheet's time). Anything
    else is left as it is.

    >>> shown_time("2026-11-30T22:10:58.446586+01:00"), shown_time("soon")
    ('2026-11-30T21:10:58+00:00', 'soon')
    """
    moment = _moment(value)
    return value if moment is None else moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _moment(value: object) -> dt.datetime | None:
    """A time with its zone, from a datetime or its ISO text; None for anything else."""
    moment = value
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return None  # not a time: shown as it is (an edit outside supplyline, say)
    if not isinstance(moment, dt.datetime) or moment.tzinfo is None:
        return None
    return moment


def with_csv_times(rows: Sequence[Mapping[str, Any]], times: Sequence[str]) -> list[dict[str, Any]]:
    """The rows with each of their ``times`` columns as every ledger CSV writes a time.

    In UTC, to the second, with no offset (:func:`~supplyline.io.csv_out.csv_time`,
    ``2026-11-30 15:00:21``), which a spreadsheet sorts and filters as a time. The one path
    of the statement (its file and ``--format csv``), ``events`` and ``show``'s lines: the
    statement wrote ``2026-11-30 15:00:21`` while ``events --format csv`` wrote
    ``"2026-11-30T15:00:21.980186+00:00"`` and ``show --format csv``
    ``"2026-11-30T15:00:21+00:00"``, quoted, text to a spreadsheet. A time is a datetime or
    its ISO text (an event keeps the text it was hashed with); text that is no time with a
    zone (an event's time edited outside supplyline, which ``verify`` names) is left as the
    table and JSON show it.

    >>> with_csv_times([{"at": "2026-11-30T16:00:21.5+01:00", "n": 1}], ["at"])
    [{'at': '2026-11-30 15:00:21', 'n': 1}]
    >>> with_csv_times([{"at": "soon"}, {"at": None}], ["at"])
    [{'at': 'soon'}, {'at': None}]
    """
    return [{**row, **{c: _csv_time_cell(row.get(c)) for c in times if c in row}} for row in rows]


def _csv_time_cell(value: object) -> object:
    """A time as :func:`with_csv_times` writes it; anything else as it is."""
    moment = _moment(value)
    return value if moment is None else csv_time(moment)


def whole_words_table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], title: str | None, console: Console
) -> DrawnTable | None:
    """The rows as a table that fits ``console`` with no word broken; None if none does.

    Tried as :func:`~supplyline.cli.table_fit.fitted_table` narrows a table (its rules go
    first, then headings keep only their words' width), each step kept only if every
    number and every word of text and headings is whole; fitted, as it is, on the rows
    that measure as all do, and drawn with all (:class:`~supplyline.cli.table_draw.DrawnTable`).
    """
    cells = shown_cells(rows, columns)
    sample = cells.sample()
    table = _laid_out(sample, title)
    unbounded = console.options.update_width(_UNBOUNDED)  # measured without the terminal
    if console.measure(table, options=unbounded).maximum <= console.width:
        return DrawnTable(table, cells.rows)
    for compact, fixed in ((False, False), (True, False), (True, True)):
        table = _laid_out(
            sample, title, width=console.width, compact=compact, fold_headings=fixed, fixed=fixed
        )
        if _numbers_whole(table, sample.rows, list(sample.figures), console.width, words=True):
            return DrawnTable(table, cells.rows)
    return None


def emit_ledger_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    *,
    console: Console,
    title: str,
    drop: Sequence[str] = (),
    times: Sequence[str] = (),
    record: str = "row",
    key: str | None = None,
    every: str = "--format csv or json gives every column",
) -> None:
    """Print ledger rows: CSV and JSON whole; a table that breaks no id or state word.

    ``drop``: the columns a narrow terminal may leave out, least important first; those
    left out are named under the table with ``every`` (how to see them). ``times``:
    columns of times a table shows in one form, UTC to the second with its zone
    (:func:`shown_time`), and a narrow one shorter before it leaves out the next column,
    to the minute and then as dates, in UTC (:func:`short_time`), saying so under it;
    CSV writes them as a spreadsheet's date and time (:func:`with_csv_times`: LibreOffice
    7.4 reads ``2026-11-30 21:10:58`` as a time, and every form with a zone as text).
    If the others still cannot stand whole side by side, each row is a block of its own,
    headed ``{record} {row[key]}`` (or its number), its fields one a line.
    """
    if fmt is not OutputFormat.TABLE or not rows:
        said = with_csv_times(rows, times) if fmt is OutputFormat.CSV else rows
        emit_rows(said, columns, fmt, console=console, title=title)
        return
    rows = [{**r, **{c: shown_time(r.get(c)) for c in times if c in r}} for r in rows]
    for n in range(len(drop) + 1):
        left_out = list(drop[:n])
        shown = [c for c in columns if c not in left_out]
        shortened = [c for c in times if c in shown]
        for form in (None, *(TIME_FORMS if shortened else ())):
            said = rows
            if form is not None:
                said = [{**r, **{c: short_time(r.get(c), form) for c in shortened}} for r in rows]
            table = whole_words_table(said, shown, title, console)
            if table is not None:
                console.print(table)
                _say_narrowed(console, left_out, shortened if form else [], form, every)
                return
    console.print(title, markup=False, highlight=False)
    for i, row in enumerate(rows, start=1):
        pairs = [{"field": c.replace("_", " "), "value": row.get(c)} for c in columns]
        name = f"{record} {row[key] if key is not None else i}"
        emit_rows(pairs, ["field", "value"], OutputFormat.TABLE, console=console, title=name)


def _say_narrowed(
    console: Console,
    left_out: Sequence[str],
    shortened: Sequence[str],
    form: str | None,
    every: str,
) -> None:
    """The line under a narrowed table: the columns it leaves out, the times it shortens."""
    said = []
    if left_out:
        said.append(left_out_words(console.width, left_out))
    if shortened and form is not None:
        how = f"{', '.join(shortened)} {TIME_FORMS[form][1]}, in UTC"
        said.append(
            f"shortened: {how}" if left_out else f"shortened at {console.width} columns: {how}"
        )
    if said:
        console.print(f"{'; '.join(said)} ({every})", markup=False, highlight=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class LedgerShape:
    """How one ledger table narrows: what it leaves out first, and how a block is named.

    Kept here, beside :func:`emit_ledger_rows`, so the commands name a shape in one line
    (``ledger_cmds`` is near the 600-line split) and the choices can be read together.
    """

    drop: tuple[str, ...]
    record: str
    key: str | None = None
    times: tuple[str, ...] = ()
    every: str = "--format csv or json gives every column"


BALANCE_SHAPE = LedgerShape(drop=("next_due", "receivable", "payable"), record="balance with",
                            key="counterparty")  # fmt: skip
"""Who, under which agreement, in which unit and the net stay: what a balance is for."""
STATEMENT_SHAPE = LedgerShape(
    drop=("note", "item", "agreement", "at"), record="line", times=("at",)
)
"""Order, counterparty, kind, unit, amount and running balance stay: the money's trail; the
time, to the minute or the day, before the note goes."""
EVENTS_SHAPE = LedgerShape(
    drop=("hash", "note", "at"), record="event", key="seq", times=("at",),
    every="--format csv or json gives every column, and the whole hash",
)  # fmt: skip
"""The shortened hash, the note, then the full-precision time (32 characters) go first;
`--head` and CSV give the hash to compare."""
AGREEMENTS_SHAPE = LedgerShape(
    drop=("scope", "name", "modes", "ceiling_total", "ceiling_per_order", "valid"),
    record="agreement", key="id",
)  # fmt: skip
"""Id, parties and currency stay: what one needs to name an agreement in ``request``."""
LINES_SHAPE = LedgerShape(
    drop=("note", "due_on", "condition", "at"), record="line", key="line", times=("at",)
)
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
                     times=shape.times, record=shape.record, key=shape.key,
                     every=shape.every)  # fmt: skip

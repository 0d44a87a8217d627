"""CSV result files, written one way for every result table (plans, routes, requirements…).

Why a byte-order mark: Excel, opening a CSV on a double-click, decodes it in the machine's
legacy code page unless the file starts with the UTF-8 byte-order mark, so a location
called Łódź shows each of its letters Ł, ó and ź as two wrong ones. With the mark it reads
UTF-8; pandas, LibreOffice, QGIS and supplyline's own readers skip the mark (Python's
``csv`` module wants ``encoding="utf-8-sig"``). Scenario files supplyline writes for
people to fill in keep plain UTF-8: they are inputs, and the reader takes either.

Why a leading apostrophe on some text: a spreadsheet takes a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return for a formula, and a scenario accepts any
text as a name: a tester's location called ``=HYPERLINK("http://…";"Grenzfeld")`` came out
at the start of a cell of ``bottlenecks.csv`` as a live link. Every text cell that starts
so (and is not a plain number, such as ``-5``) gets an apostrophe before it, as OWASP
advises against CSV injection (:func:`formula_safe`); numbers are never touched.
supplyline's readers drop it again (:func:`unguarded`), so what is read is what was
written.

Why every float as :func:`~supplyline.types.gram_text`: Python's ``csv`` writes a float
as its ``repr``, so a tester's requirements files read ``2e-06`` t where the plan's read
``0.000002``, and a spreadsheet that takes ``2e-06`` for text does not sum it. Every
result CSV now spells its numbers one way, to the gram, in plain decimals, and writes them
bare (:class:`~supplyline.io.csv_quoting.NumberText`), however many digits they have.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from supplyline.domain.rounding import apportion
from supplyline.io.csv_quoting import NumberText, csv_line, quoted_cell
from supplyline.types import GRAM_DECIMALS, DateText, gram_text, list_cell, to_gram

__all__ = [
    "CSV_ENCODING",
    "FORMULA_STARTS",
    "GRAM_DECIMALS",
    "apportion",
    "csv_cell",
    "csv_time",
    "formula_safe",
    "gram_text",
    "to_gram",
    "unguarded",
    "write_csv",
    "write_rows",
    "yes_no",
]

CSV_ENCODING = "utf-8-sig"
"""UTF-8 that starts the file with a byte-order mark (see the module docstring)."""


def yes_no(value: bool) -> str:
    """A truth value as every table and CSV file of supplyline writes it.

    One way for all: a tester found ``True`` in one CSV beside ``yes`` in the next
    column (JSON keeps ``true``/``false``).

    >>> yes_no(True), yes_no(False)
    ('yes', 'no')
    """
    return "yes" if value else "no"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads, at the start of a cell, as the start of a formula."""

_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _needs_guard(text: str) -> bool:
    """Whether ``text`` gets the apostrophe: it starts a formula (behind any apostrophes).

    Behind apostrophes too, so that a text that starts with an apostrophe of its own reads
    back as it was (``'=x`` is written ``''=x``).
    """
    return text.lstrip("'").startswith(FORMULA_STARTS) and _PLAIN_NUMBER.fullmatch(text) is None


def formula_safe(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet runs as a formula (the module docstring).

    >>> [formula_safe(t) for t in ("=1+1", "-5", "-", "@x", "Łódź", "'=x")]
    ["'=1+1", '-5', "'-", "'@x", 'Łódź', "''=x"]
    """
    return "'" + text if _needs_guard(text) else text


def unguarded(text: str) -> str:
    """A cell's text as it was before :func:`formula_safe`: the reader's side.

    >>> [unguarded(formula_safe(t)) for t in ("=1+1", "-5", "'=x", "'plain")]
    ['=1+1', '-5', "'=x", "'plain"]
    """
    return text[1:] if text.startswith("'") and _needs_guard(text[1:]) else text


def csv_time(moment: dt.datetime) -> DateText:
    """A time as a CSV gives it to a spreadsheet: in UTC, to the second, with no offset.

    ``2026-11-30 15:00:21``: the form LibreOffice and Excel read as a date and time, marked
    a :class:`~supplyline.types.DateText`, which
    :func:`~supplyline.io.csv_quoting.quoted_cell` leaves bare, as it leaves a date;
    Python's ``datetime.fromisoformat`` reads it too. With its offset
    (``2026-11-30T15:00:21+00:00``, as the ledger's JSON gives it) LibreOffice 7.4 took it
    for text, and a statement's times could not be sorted or filtered as times. A time
    without a zone is a bug: which UTC time it is cannot be known.

    >>> one_hour_east = dt.timezone(dt.timedelta(hours=1))
    >>> csv_time(dt.datetime(2026, 11, 30, 16, 0, 21, 5, tzinfo=one_hour_east))
    '2026-11-30 15:00:21'
    """
    if moment.tzinfo is None:
        raise ValueError(f"a time with no zone: {moment.isoformat()}")
    return DateText(moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"))


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: ``yes``/``no`` for a truth value, blank for none, else as is.

    Text is made :func:`formula_safe` (a date, :class:`~supplyline.types.DateText`, is
    left as it is, to be written bare); a float is written to the gram in plain decimals
    (:func:`~supplyline.types.gram_text`: ``0.000002``, never ``2e-06``; a NaN blank), a
    :class:`~supplyline.io.csv_quoting.NumberText` when finite, so that it is written
    bare; other numbers are left as they are. A list's values are joined by
    :data:`~supplyline.types.LIST_SEPARATOR`, as every CSV's list cells (a row may hold a
    list that JSON gives as one: ``reach``'s ``depots``), a ``;`` or a backslash in a value
    escaped by a backslash (:func:`~supplyline.types.list_cell`).

    >>> [csv_cell(v) for v in (True, None, -2.5, "x", "=x", 2e-06, 3.0, 7, ["DA", "DB"])]
    ['yes', '', '-2.5', 'x', "'=x", '0.000002', '3', 7, 'DA;DB']
    """
    if isinstance(value, list | tuple):
        value = list_cell(v if isinstance(v, str) else str(csv_cell(v)) for v in value)
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, float):
        return NumberText(gram_text(value)) if math.isfinite(value) else gram_text(value)
    if isinstance(value, str) and not isinstance(value, NumberText | DateText):
        return formula_safe(value)
    return "" if value is None else value


def write_rows(
    handle: TextIO,
    columns: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    *,
    ignore_extra: bool = False,
    line_end: str = "\r\n",
) -> None:
    r"""A header and the rows, lines ended as RFC 4180 and spreadsheets end them (CR LF).

    With lines ended by a line feed alone, Python's ``csv`` leaves a lone carriage return in
    a value unquoted, and a reader takes it for the end of the line: the value is lost
    (here every text cell with one is quoted, so ``line_end="\n"``, as ``--format csv``
    ends its lines on stdout, keeps it too).
    A key outside ``columns`` is a bug (``ValueError``) unless ``ignore_extra``. Cells go
    through :func:`csv_cell` (truth values as ``yes``/``no``, text safe from spreadsheets'
    formulas), then :func:`~supplyline.io.csv_quoting.csv_line` (text quoted, so that an id
    such as ``0042`` stays text in a spreadsheet).
    """
    names = list(columns)
    known = set(names)
    handle.write(",".join(names) + line_end)  # plain names: text to any reader
    # a text's cell, worked out once: ids and dates repeat row after row. Apart by kind:
    # the id "2026-12-25" is quoted, the date equal to it bare (csv_quoting)
    said_by_kind: dict[type, dict[str, str]] = {str: {}, DateText: {}}

    def cell(value: Any) -> str:
        said_of = said_by_kind.get(type(value))
        if said_of is None:  # a number, a NumberText: a cell of its own
            return quoted_cell(csv_cell(value))
        said = said_of.get(value)
        if said is None:
            said = said_of[value] = quoted_cell(csv_cell(value))
        return said

    for row in rows:
        extra = [key for key in row if key not in known]
        if extra and not ignore_extra:
            raise ValueError(f"dict contains fields not in fieldnames: {extra!r}")
        if len(names) == 1:  # a lone blank cell is '""' (csv_line)
            handle.write(csv_line([csv_cell(row.get(names[0], ""))]) + line_end)
            continue
        handle.write(",".join([cell(row.get(name, "")) for name in names]) + line_end)


def write_csv(
    path: Path,
    columns: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    *,
    ignore_extra: bool = False,
) -> None:
    """Write a result table to ``path`` (see :func:`write_rows`), with the byte-order mark."""
    with path.open("w", newline="", encoding=CSV_ENCODING) as handle:
        write_rows(handle, columns, rows, ignore_extra=ignore_extra)

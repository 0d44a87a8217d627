"""Tabular output in the three formats every tabular command offers: table, csv, json."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from supplyline.domain.rounding import summed_columns
from supplyline.io.csv_out import csv_cell, yes_no
from supplyline.types import Said, figure_decimals, fixed_text

__all__ = [
    "Amount",
    "Exact",
    "OutputFormat",
    "Shown",
    "amount_text",
    "column_places",
    "decimals_of",
    "emit_rows",
    "listed",
    "machine_row",
    "machine_value",
    "write_json",
    "wrote_what",
]


TEXT_ROOM = 20
"""Characters a long text column (a shortfall's cause) should keep on a narrow terminal."""
_UNBOUNDED = 100_000
"""A width no table reaches: to measure a table's natural width, not the terminal's."""
TIGHT_TEXT_ROOM = 6
"""The least a text column may be wrapped to so that the dates of a table stay whole."""


class OutputFormat(StrEnum):
    """How a command prints rows: a rich table for people, CSV or JSON for programs."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class Amount:
    """One of the ledger's exact amounts, with the decimals the ledger keeps of it.

    A table shows it by :func:`amount_text` (``decimals`` below 100, whole above), then
    ``unit`` if one is given (``5.000 t``); CSV and JSON get the number alone, to exactly
    ``decimals`` (``5.000``, ``42775.00``), its unit being a column of its own. A tester's
    CSV had ``"5.000 t"`` (text) in the column where cash orders had ``42775.00``, and a
    table ``30`` and ``5`` beside ``29.500``.
    """

    value: Decimal
    decimals: int
    unit: str = ""

    def number(self) -> Decimal:
        """The value to exactly ``decimals`` decimals, never ``-0.00``."""
        return self.value.quantize(Decimal(1).scaleb(-self.decimals)) + 0


def amount_text(value: Decimal, decimals: int | None = None) -> str:
    """An exact amount as a table shows it: whole from 100, else to ``decimals``.

    ``decimals`` defaults to those the value carries (2 to 4): the ledger keeps tonnes to
    the kilogram, money to the cent and prices to 1/100 of a cent. Thousands are
    separated and ``-0.00`` reads ``0.00``.

    >>> amount_text(Decimal("17901233825.00")), amount_text(Decimal("30"), 3)
    ('17,901,233,825', '30.000')
    >>> amount_text(Decimal("1"), 2), amount_text(Decimal("-0.00"))
    ('1.00', '0.00')
    """
    value = value + 0  # -0.00 reads 0.00
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.{_places(value) if decimals is None else decimals}f}"


@dataclass(frozen=True, slots=True)
class Exact:
    """A number a table shows with every digit it has; CSV and JSON get the number itself.

    For figures a planner copies, such as planning factors: at two decimals a tester read
    WFP's 0.555 kg as 0.56, 2.495 kg as 2.50 and 0.00289 m³ a ration as 0.00.
    """

    value: float | int

    def text(self) -> str:
        """``0.555``, ``0.00289``, ``170,900``: the shortest text that reads back exactly."""
        v = self.value
        if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
            return f"{int(v):,}"
        text = f"{v:,}"
        if "e" in text:  # 1.23e-05 reads 0.0000123: positional, every digit kept
            import numpy as np  # here: --help and the ledger's tables need no numpy

            text = np.format_float_positional(v, trim="-")
        return text


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


Alike = Sequence[Sequence[str]]
"""Groups of columns of one quantity (``demand_t`` and ``short_t``), shown with one number
of decimals, as the report's tables group them."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Shown:
    """How a table writes its numbers, beyond the shared rule for a column.

    ``alike``: groups of columns of one quantity, to one number of decimals.
    ``summed``: columns whose last row is the total of the rows above (an "all modes"
    row): the total is rounded as it reads alone and the rows are rounded to add up to
    it (:func:`~supplyline.domain.rounding.summed_columns`). ``within``: pairs (part,
    whole) of summed columns whose row's part is within its whole, rounded together so
    that none reads above it. ``least``: a column's least decimals, those of a sentence
    that says one of its figures (the headline's tonnes short over the shortfalls'
    total), so that both read the same.
    """

    alike: Alike = ()
    summed: tuple[str, ...] = ()
    least: tuple[tuple[str, int], ...] = ()
    within: tuple[tuple[str, str], ...] = ()


def _cells(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], shown: Shown | None = None
) -> list[list[str]]:
    """The rows' cells as shown: each column's numbers to one number of decimals.

    The report's rule (:func:`~supplyline.types.figure_decimals`), a group of ``alike``
    columns taking the most of its members: a demand of 2.503 t read "2.50" beside
    "short t 0.045" in the report, until the two shared their decimals. Columns that end
    in the total of the rows above (``shown.summed``) keep those decimals: the total is
    rounded as it reads alone and the rows are rounded to add up to it
    (:func:`~supplyline.domain.rounding.summed_columns`): a tester's costs by mode read
    4,905 + 32,961 beside an "all modes" 37,865, and raising the decimals until they
    added up made a corridor's tonnes 38,321.0396.
    """
    shown = shown or Shown()
    places = column_places(rows, columns, shown)
    said = _summed(rows, [c for c in columns if c in shown.summed], places, shown.within)
    return [
        [_cell(said[c][i] if c in said else row.get(c), c, places[c]) for c in columns]
        for i, row in enumerate(rows)
    ]


def _summed(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    places: Mapping[str, int],
    within: Sequence[tuple[str, str]],
) -> dict[str, list[float]]:
    """The figures of the summed ``columns`` that end in their total, rounded to add up."""
    totalled: dict[str, list[float]] = {}
    for c in columns:
        values = [v for row in rows if isinstance(v := row.get(c), float)]
        if len(values) == len(rows) > 1:
            totalled[c] = values
    said = summed_columns(totalled, places, within)
    return {c: [float(d) for d in figures] for c, figures in said.items()}


def column_places(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], shown: Shown | None = None
) -> dict[str, int]:
    """Each column's decimals as :func:`_cells` writes it, for a sentence to say alike."""
    shown = shown or Shown()
    places = {c: decimals_of(rows, c, shown) for c in columns}
    for group in [*shown.alike, *shown.within]:  # a part and its whole: one rounding
        most = max((places[c] for c in group if c in places), default=0)
        places.update({c: most for c in group if c in places})
    return places


def decimals_of(rows: Sequence[Mapping[str, Any]], column: str, shown: Shown) -> int:
    """One column's decimals: the shared rule's, at least ``shown.least``'s for it."""
    values = [row.get(column) for row in rows]
    return figure_decimals(values, at_least=dict(shown.least).get(column, 0))


def _cell(value: Any, col: str = "", decimals: int = 2) -> str:
    """A value as a person reads it: a float to its column's ``decimals``.

    The column's decimals and the rounding are the report's too
    (:func:`~supplyline.types.figure_decimals`, :func:`~supplyline.types.fixed_text`).

    A tester read "60.00" people in the closure table: a column of whole numbers has none.
    Truth values read ``yes``/``no``, as in the CSV files. The ledger's exact amounts
    (Decimals) read 17,901,233,825 EUR, not 17901233825.00 folded over four lines; below
    100 to their own decimals (:func:`_places`: tonnes to the kilogram, money to the
    cent); CSV and JSON keep every digit.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int):
        return str(value) if _LABELS.fullmatch(col) else f"{value:,}"
    if isinstance(value, Exact):
        return value.text()
    if isinstance(value, Said):  # as the sentence beside the table says it
        return str(value)
    if isinstance(value, Amount):
        text = amount_text(value.value, value.decimals)
        return f"{text} {value.unit}" if value.unit else text
    if isinstance(value, Decimal) and value.is_finite():  # exact money and tonnes
        return amount_text(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return fixed_text(value, decimals)
    return str(value)


def _places(amount: Decimal) -> int:
    """Decimals to show of an exact amount below 100: as many as it carries, 2 to 4.

    The ledger keeps tonnes to the kilogram (``29.505``), money to the cent and prices to
    1/100 of a cent, and its Decimals carry that exponent: a tester read 0.001 t as
    ``0.00`` and 29.505 t as ``29.50``.
    """
    exponent = amount.as_tuple().exponent
    return min(max(-exponent, 2), 4) if isinstance(exponent, int) else 2


_TOKEN = re.compile(r"(\d{4}-\d{2}-\d{2}|C[+-]\d+)([–-](\d{4}-\d{2}-\d{2}|C[+-]\d+))?")
"""A date or a C+N label (or a span of them), which a table must never break."""


def _tokens(rows: Sequence[Mapping[str, Any]], col: str) -> bool:
    """Whether a column holds dates or C+N labels only (blanks aside)."""
    values = [v for row in rows if (v := row.get(col)) is not None and v != ""]
    return bool(values) and all(
        isinstance(v, dt.date) or (isinstance(v, str) and _TOKEN.fullmatch(v)) for v in values
    )


def _numeric(rows: Sequence[Mapping[str, Any]], col: str) -> bool:
    """Whether a column holds numbers (blanks aside), to right-align and never wrap them."""
    values = [v for row in rows if (v := row.get(col)) is not None]
    return bool(values) and all(
        isinstance(v, int | float | Decimal | Amount | Exact | Said) and not isinstance(v, bool)
        for v in values
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
    fixed: bool = False,
    shown: Shown | None = None,
) -> Table:
    """The rows as a rich table, for a terminal ``width`` wide (None: as wide as it likes).

    A number never breaks across lines: its column keeps its width and text columns wrap
    instead, each keeping room for its heading's longest word. When the numbers do not
    leave a text column :data:`TEXT_ROOM` characters (or what it needs, if less), a
    number's heading stands one word per line. ``compact`` drops the vertical rules and the
    outer padding, and ``fold_headings`` lets headings and text break inside words while
    numbers keep their width: eleven columns of the reach check then fit 80 columns, where
    a tester saw its numbers folded ("32.2" over "0"). ``fixed`` sets every column's width
    here (:func:`_fixed_widths`) rather than leaving it to rich, which narrows all columns
    alike once its own narrowing falls short: sixteen columns of ledger orders on 100
    columns folded 17,901,233,825 over four lines.
    """
    figures = {col: _numeric(rows, col) for col in columns}
    cells = _cells(rows, columns, shown)
    headers = [_header(c) for c in columns]
    # dates and C+N labels keep their width as numbers do where the table has room for it:
    # a tester's 2025-08-0 over 1 read as no date, at 160 columns
    kept = {col: figures[col] or _tokens(rows, col) for col in columns}
    numeric = figures
    stack = False
    if width is None:
        numeric = kept
    else:
        widest = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]

        def least(whole: Mapping[str, bool], room: int = TEXT_ROOM) -> int:
            return sum(
                widest[i] if whole[c] else min(widest[i], max(room, *map(len, headers[i].split())))
                for i, c in enumerate(columns)
            )

        rules = (2 if compact else 3) * len(columns) + (0 if compact else 1)  # borders, padding
        if least(kept, TIGHT_TEXT_ROOM) + rules <= width:  # text wraps to make room for them
            numeric = kept
        stack = fold_numbers or least(numeric) + rules > width
    heading = None if title is None else Text(title)  # a scenario's name may hold "[…]"
    table = (
        Table(
            title=heading,
            show_lines=False,
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            collapse_padding=True,
        )
        if compact
        else Table(title=heading, show_lines=False)
    )
    given = (
        _fixed_widths(cells, headers, [numeric[c] for c in columns], width)
        if fixed and width is not None
        else None
    )
    for i, (col, header) in enumerate(zip(columns, headers, strict=True)):
        table.add_column(
            header.replace(" ", "\n") if stack and numeric[col] else header,
            justify="right" if figures[col] else "left",
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
            width=None if given is None else given[i],
        )
    for row_cells in cells:
        # as Text, not markup: a name like "Training area [south]" lost its "[south]" to
        # rich's markup, and every factor's source note its "[primary-copy]" tag
        table.add_row(*(Text(cell) for cell in row_cells))
    return table


def _fixed_widths(
    cells: list[list[str]], headers: list[str], numeric: list[bool], width: int
) -> list[int] | None:
    """Widths for a compact table ``width`` wide: each number's its widest, text the rest.

    Text columns share what the numbers leave, none wider than it needs, the narrow ones
    served first. None if the numbers leave each text column less than one character.
    """
    rules = 2 * len(headers)  # a compact table's padding between columns
    word = [max([cell_len(w) for w in header.split()] or [1]) for header in headers]
    longest = [max([cell_len(r[i]) for r in cells] or [1]) for i in range(len(headers))]
    texts = [i for i, is_number in enumerate(numeric) if not is_number]
    need = [max(word[i], longest[i], cell_len(headers[i])) for i in range(len(headers))]
    for least in (TEXT_ROOM // 4, 1):  # numbers' headings whole if text keeps a little room
        for i, is_number in enumerate(numeric):
            if is_number:
                need[i] = max(longest[i], word[i] if least > 1 else 1)
        left = width - rules - sum(need[i] for i, is_number in enumerate(numeric) if is_number)
        if left >= least * len(texts):
            break
    else:
        return None
    widths = list(need)
    for done, i in enumerate(sorted(texts, key=lambda i: need[i])):
        share = left // (len(texts) - done)
        widths[i] = min(need[i], share)
        left -= widths[i]
    return widths


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
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    title: str | None,
    console: Console,
    shown: Shown | None = None,
) -> Table:
    """The rows as a table that fits ``console``: as it likes, else narrowed step by step."""
    unbounded = console.options.update_width(_UNBOUNDED)  # measured without the terminal
    table = _table(rows, columns, title, shown=shown)
    if console.measure(table, options=unbounded).maximum <= console.width:
        return table
    numeric = [_numeric(rows, c) for c in columns]
    cells = _cells(rows, columns, shown)
    for compact, headings, fixed, fold in (
        (False, False, False, False),
        (True, False, False, False),
        (True, True, False, False),
        (True, True, True, False),
        (True, False, False, True),  # not even the numbers fit side by side: fold them
    ):
        table = _table(
            rows,
            columns,
            title,
            width=console.width,
            compact=compact,
            fold_headings=headings,
            fold_numbers=fold,
            fixed=fixed,
            shown=shown,
        )
        if fold or _numbers_whole(table, cells, numeric, console.width):
            break
    return table


def _numbers_whole(
    table: Table, cells: list[list[str]], numeric: list[bool], width: int, *, words: bool = False
) -> bool:
    """Whether ``table`` fits ``width`` with every number whole and every column shown.

    ``words``: and every word of a text column and of its heading whole too.

    Its drawn width alone was not enough: rich narrowed sixteen columns of ledger orders
    into 80 by cutting "17,901,233,825" to "17,901,233,8" and text columns to nothing.
    """
    if _drawn_width(table, width) > width:
        return False
    scratch = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    room_for_columns = width - table._extra_width  # what rich gives the columns: less rules
    widths = table._calculate_column_widths(scratch, scratch.options.update_width(room_for_columns))
    if sum(widths) > room_for_columns:  # rich then cuts what is drawn at the right
        return False
    for i, drawn in enumerate(widths):
        room = drawn - table._get_padding_width(i)
        need = max((cell_len(r[i]) for r in cells), default=0) if numeric[i] else 1
        if words and not numeric[i]:
            texts = [table.columns[i].header, *(r[i] for r in cells)]
            need = max(cell_len(w) for t in texts for w in [*str(t).split(), ""])
        if room < need:
            return False
    return True


def emit_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    *,
    console: Console,
    title: str | None = None,
    alike: Alike = (),
    shown: Shown | None = None,
) -> None:
    """Print ``rows`` (dicts keyed by ``columns``) in the chosen format on ``console``.

    ``alike``: groups of a table's columns that share their decimals; ``shown``, how a
    table writes its numbers besides (:class:`Shown`, its ``alike`` taken before the
    argument's). CSV and JSON give every digit.
    """
    if fmt is not OutputFormat.TABLE:  # the numbers themselves, not how a table shows them
        rows = [machine_row(r) for r in rows]
    if fmt is OutputFormat.JSON:
        write_json([{c: row.get(c) for c in columns} for row in rows])
    elif fmt is OutputFormat.CSV:
        writer = csv.DictWriter(
            sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    else:
        how = shown or Shown()
        how = Shown(
            alike=[*how.alike, *alike], summed=how.summed, least=how.least, within=how.within
        )
        console.print(fitted_table(rows, columns, title, console, how))


def machine_value(value: Any) -> Any:
    """A cell as CSV and JSON give it: the number itself, never ``-0.00``."""
    if isinstance(value, Exact | Said):
        return value.value
    if isinstance(value, Amount):
        return value.number()
    if isinstance(value, Decimal) and value.is_finite():
        return value + 0
    return value


def machine_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as CSV and JSON give it (:func:`machine_value` of each cell)."""
    return {k: machine_value(v) for k, v in row.items()}


def wrote_what(
    folder: Path | None, files: Sequence[Path], named: Mapping[str, Path | None] | None = None
) -> str:
    """What a command says it wrote: how many files went into ``folder``, and the others.

    ``named`` gives the files that may go elsewhere a name (``{"the report": path}``);
    a file outside ``folder`` without one is given by its path. A tester's ``wrote 9 files
    to n1/n2/n3, n1/r/plan.html`` counted the report, written elsewhere, among the
    folder's eight.

    >>> wrote_what(Path("n1/n2"), [Path("n1/n2/a.csv"), Path("n1/r.html")],
    ...            {"the report": Path("n1/r.html"), "the model": None})
    'wrote 1 file to n1/n2 and the report to n1/r.html'
    """
    inside = os.path.realpath(folder) if folder is not None else None
    names = {os.path.realpath(p): label for label, p in (named or {}).items() if p is not None}
    here = [p for p in files if os.path.realpath(p.parent) == inside]
    parts = [f"{len(here)} file{'' if len(here) == 1 else 's'} to {folder}"] if here else []
    for path in files:
        if path not in here:
            label = names.get(os.path.realpath(path))
            parts.append(f"{label} to {path}" if label else str(path))
    if len(parts) < 2:
        return "wrote " + "".join(parts)
    return "wrote " + ", ".join(parts[:-1]) + " and " + parts[-1]

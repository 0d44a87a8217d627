"""How a table for people writes each cell: numbers to their column's decimals.

Split from :mod:`supplyline.cli.output` (which prints rows in the three formats) so that
the rule for a cell and the rule for fitting a table (:mod:`supplyline.cli.table_fit`)
each have a module of their own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from supplyline.domain.amounts import amount_text as exact_amount_text
from supplyline.domain.margins import AddedTable, added_table
from supplyline.domain.rounding import half_up, rounded, summed_columns
from supplyline.io.csv_out import yes_no
from supplyline.types import Said, column_text, figure_decimals, said_cell, summed_text, to_gram

__all__ = [
    "Alike",
    "Amount",
    "Exact",
    "Shown",
    "added_totals",
    "amount_text",
    "column_places",
    "decimals_of",
]


@dataclass(frozen=True, slots=True)
class Amount:
    """One of the ledger's exact amounts, with the decimals the ledger keeps of it.

    A table shows it by :func:`amount_text` (``decimals`` below 100, whole above, unless
    ``exact``, or ``summed`` and its column needs the decimals), then ``unit`` if one is
    given (``5.000 t``); CSV and JSON get the number alone, to exactly ``decimals``
    (``5.000``, ``42775.00``), its unit being a column of its own. A tester's CSV had
    ``"5.000 t"`` (text) in the column where cash orders had ``42775.00``, and a table
    ``30`` and ``5`` beside ``29.500``.
    """

    value: Decimal
    decimals: int
    unit: str = ""
    shown: Decimal | None = None
    """What a table shows in place of ``value`` rounded alone, so that a column adds up
    (a balance's receivable and payable that differ by the net shown); CSV and JSON keep
    ``value``, and so does a table whose column shows its decimals."""
    exact: bool = False
    """Shown to ``decimals`` however large: one record's figure, which a user may type back.
    ``bill`` printed 543.75 EUR as ``value 544``, and ``settle --amount 544`` was refused."""
    words: str = ""
    """What a table writes in place of the figure, if anything: ``in kind`` for the value of
    an order replaced in kind that no price values (it read ``0.00``, as if given free); CSV
    and JSON keep the number."""
    summed: bool = False
    """Of a column that adds up (a statement's amounts and balances, a balance's figures):
    where one of its amounts from 100 has decimals, all are shown to theirs (:func:`_cells`).
    A listing (the orders) keeps its amounts whole from 100, to fit; one order's lines are
    ``exact``."""

    def number(self) -> Decimal:
        """The value to exactly ``decimals`` decimals (a half up), never ``-0.00``."""
        return half_up(self.value, self.decimals) + 0


def amount_text(value: Decimal, decimals: int | None = None, *, exact: bool = False) -> str:
    """An exact amount as a table shows it: whole from 100 (unless ``exact``), else to ``decimals``.

    ``decimals`` defaults to those the value carries (2 to 4): the ledger keeps tonnes to
    the kilogram, money to the cent and prices to 1/100 of a cent. Thousands are
    separated and ``-0.00`` reads ``0.00``. A half is rounded away from zero, as an
    invoice rounds it (:func:`~supplyline.domain.rounding.half_up`): Python's own
    half-to-even made settlements of 100.50, 101.50 and 102.50 read 100, 102 and 102.

    >>> amount_text(Decimal("17901233825.00")), amount_text(Decimal("30"), 3)
    ('17,901,233,825', '30.000')
    >>> amount_text(Decimal("1"), 2), amount_text(Decimal("-0.00"))
    ('1.00', '0.00')
    >>> amount_text(Decimal("100.50")), amount_text(Decimal("-1024.50"))
    ('101', '-1,025')
    >>> amount_text(Decimal("543.75"), 2, exact=True), amount_text(Decimal("1000"), 2, exact=True)
    ('543.75', '1,000.00')
    """
    if abs(value) >= 100 and not exact:
        places = 0
    else:
        places = _places(value) if decimals is None else decimals
    return exact_amount_text(value, places)  # the ledger's messages spell it the same


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
    ``added``: groups of columns whose last is, on each row, the sum of the others (a
    requirement's consumption and build-up, and its total): one number of decimals, each
    column's total rounded alone (of ``sums`` where given) and the cells rounded to add up
    across to each row's sum and down to those totals (:func:`added_totals`,
    :func:`~supplyline.domain.margins.added_table`).
    ``summed``: columns whose last row is the total of the rows above (an "all modes"
    row): the total is rounded as it reads alone and the rows are rounded to add up to
    it (:func:`~supplyline.domain.rounding.summed_columns`). ``within``: pairs (part,
    whole) of summed columns whose row's part is within its whole, rounded together so
    that none reads above it. ``least``: a column's least decimals, those of a sentence
    that says one of its figures (the headline's tonnes short over the shortfalls'
    total), so that both read the same. ``places``: a column's decimals, chosen from more
    figures than the table's rows (the requirements' by unit and by commodity, so that
    both views read to the same decimals).
    """

    alike: Alike = ()
    summed: tuple[str, ...] = ()
    least: tuple[tuple[str, int], ...] = ()
    within: tuple[tuple[str, str], ...] = ()
    added: tuple[tuple[str, ...], ...] = ()
    echoed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Pairs (column, columns of ``added``): on a row where the column's figure is one of
    theirs to the gram (what is to deliver, all of the consumption), it reads as that one
    reads; elsewhere it is rounded alone. 57.025 t consumed, all of it to deliver, read
    57.02 and 57.03 side by side."""
    places: tuple[tuple[str, int], ...] = ()
    sums: tuple[tuple[str, float], ...] = ()
    """The exact totals of ``added`` columns where the rows are not all the figures (the
    requirements' whole sums, one for both views): their totals round these alone, so that
    a total reads alike in every view of them."""


def _added(
    rows: Sequence[Mapping[str, Any]], group: Sequence[str], decimals: int, shown: Shown
) -> AddedTable | None:
    """The ``group``'s figures as :func:`added_table` rounds them (None: a row lacks one)."""
    cells = [[row.get(c) for c in group[:-1]] for row in rows]
    parts = [[v for v in row if isinstance(v, float) and math.isfinite(v)] for row in cells]
    if any(len(p) != len(c) for p, c in zip(parts, cells, strict=True)):
        return None
    sums = dict(shown.sums)
    totals = [sums[c] for c in group] if all(c in sums for c in group) else None
    return added_table(parts, decimals, totals)


def _echo(
    rows: Sequence[Mapping[str, Any]],
    column: str,
    said: Mapping[str, Sequence[Decimal]],
    decimals: int,
) -> list[Decimal]:
    """An ``echoed`` column as shown: each row as the ``said`` column it equals, else alone."""
    shown = []
    for i, row in enumerate(rows):
        value = float(row[column])
        same = [c for c in said if to_gram(float(row[c])) == to_gram(value)]
        shown.append(said[same[0]][i] if same else rounded(value, decimals))
    return shown


def added_totals(
    rows: Sequence[Mapping[str, Any]], group: Sequence[str], shown: Shown
) -> tuple[list[Decimal], int, AddedTable] | None:
    """The totals of an ``added`` group's columns as its table adds them, and its decimals.

    For the sentence under the table, so that it says the totals its columns add up to:
    the group's columns, their total, then each ``echoed`` column's sum as shown; the
    decimals; and the table as rounded, whose rows that read a last digit off their parts
    (:attr:`~supplyline.domain.margins.AddedTable.unsummed`), or whose figures each
    rounded alone (``alone``), the caption says.
    None where the table cannot add them (a cell that is no figure).
    """
    decimals = column_places(rows, list(group), shown)[group[-1]]
    said = _added(rows, group, decimals, shown)
    if said is None:
        return None
    by_column = {c: [r[j] for r in said.rows] for j, c in enumerate(group)}
    echoes = [
        sum(_echo(rows, column, {c: by_column[c] for c in of}, decimals), Decimal(0))
        for column, of in shown.echoed
    ]
    return [*said.totals, *echoes], decimals, said


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
    for group in shown.added:
        if all(c in columns for c in group) and rows:
            table = _added(rows, group, places[group[-1]], shown)
            if table is None:
                continue
            by_column = {c: [r[j] for r in table.rows] for j, c in enumerate(group)}
            said.update({c: [float(d) for d in v] for c, v in by_column.items()})
            for column, of in shown.echoed:
                if column in columns and all(isinstance(r.get(column), float) for r in rows):
                    echo = _echo(rows, column, {c: by_column[c] for c in of}, places[column])
                    said[column] = [float(d) for d in echo]
    exact = {c for c in columns if any(_needs_decimals(row.get(c)) for row in rows)}
    return [
        [
            summed_text(said[c][i], row.get(c), places[c])
            if c in said
            else _cell(_exactly(row.get(c), c in exact), c, places[c])
            for c in columns
        ]
        for i, row in enumerate(rows)
    ]


def _needs_decimals(value: Any) -> bool:
    """Whether a ``summed`` amount from 100 up would lose digits shown whole.

    Then its column shows every amount to its decimals (:func:`_exactly`), so that the
    column adds up: a tester's statement read a bill of ``-544`` and a settlement of ``543``
    above a balance of ``-0.75`` (true -543.75 and 543.00).
    """
    if not (isinstance(value, Amount) and value.summed):
        return False
    amount = value.value
    return abs(amount) >= 100 and half_up(amount, value.decimals) != half_up(amount, 0)


def _exactly(value: Any, exact: bool) -> Any:
    """A ``summed`` amount shown to its decimals if ``exact``; anything else as it is."""
    if exact and isinstance(value, Amount) and value.summed:
        return replace(value, exact=True)
    return value


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
    for group in [*shown.alike, *shown.within, *shown.added]:  # a part, its whole: one rounding
        most = max((places[c] for c in group if c in places), default=0)
        places.update({c: most for c in group if c in places})
    places.update({c: d for c, d in shown.places if c in places})
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
    (Decimals) read 17,901,233,825 EUR, not 17901233825.00 folded over four lines, when
    whole; below 100, or in a summed column where one needs them, to their own decimals
    (:func:`_places`: tonnes to the kilogram, money to the cent); CSV and JSON keep every
    digit.
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
        return said_cell(value, decimals)
    if isinstance(value, Amount):
        if value.words:
            return value.words
        said = value.value if value.shown is None or value.exact else value.shown
        text = amount_text(said, value.decimals, exact=value.exact)
        return f"{text} {value.unit}" if value.unit else text
    if isinstance(value, Decimal) and value.is_finite():  # exact money and tonnes
        return amount_text(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return column_text(value, decimals)
    return str(value)


def _places(amount: Decimal) -> int:
    """Decimals to show of an exact amount below 100: as many as it carries, 2 to 4.

    The ledger keeps tonnes to the kilogram (``29.505``), money to the cent and prices to
    1/100 of a cent, and its Decimals carry that exponent: a tester read 0.001 t as
    ``0.00`` and 29.505 t as ``29.50``.
    """
    exponent = amount.as_tuple().exponent
    return min(max(-exponent, 2), 4) if isinstance(exponent, int) else 2

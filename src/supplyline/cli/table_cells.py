"""A table's cells, worked out once from all its rows, and the few rows that fit it alike.

Fitting a table to the terminal (:mod:`supplyline.cli.table_fit`) draws it again at each
step of narrowing, and rich measures every cell each time: ``requirements --by unit`` of
500 units (10,000 rows) took 6.8 s at 200 columns and 31 s at 60. Yet rich measures a
column of text by its longest line and its longest word (and its heading), and every rule
of the fitting by a column's longest cell or word (and the last row's label, a total's).
So the rows that hold those, each column's, fit the table as all its rows do, to the
character (:meth:`ShownCells.sample`). The cells themselves are worked out from all the
rows once (:func:`shown_cells`): a column's decimals and its totals that add up are the
whole column's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from rich.cells import cell_len

from supplyline.cli.cells import Amount, Exact, Shown, _cells
from supplyline.types import Said

__all__ = ["ShownCells", "shown_cells"]


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


@dataclass(frozen=True, slots=True)
class ShownCells:
    """A table's cells as shown, and what each column holds, judged on every row."""

    columns: tuple[str, ...]
    rows: list[list[str]]
    figures: tuple[bool, ...]
    """Numbers only: right-aligned, never wrapped."""
    tokens: tuple[bool, ...]
    """Dates or C+N labels only: kept whole as numbers are where the table has room."""
    total: bool = False
    """Whether the last row is a total whose label stays whole (``all modes``)."""

    def kept(self) -> list[bool]:
        """Each column's cells never broken: its numbers, dates and C+N labels."""
        return [f or t for f, t in zip(self.figures, self.tokens, strict=True)]

    def sample(self) -> ShownCells:
        """The same cells with only the rows that fit the table as all of them do.

        The first and the last (a total's label), and for each column the row of its
        longest cell (by characters and by terminal cells), longest line, longest word,
        and widest word-or-blank (rich's least width of a cell): every width the fitting
        and rich measure is the most of one of these over the column's cells. In the
        rows' order, so that the last is still the last.

        >>> cells = ShownCells(("id", "t"), [["a", "1"], ["bb", "22"], ["c", "3"], ["d", "4"]],
        ...                    (False, True), (False, False))
        >>> cells.sample().rows
        [['a', '1'], ['bb', '22'], ['d', '4']]
        """
        if len(self.rows) <= 2:
            return self
        chosen = {0, len(self.rows) - 1}
        for i in range(len(self.columns)):
            for sizes in _sizes([row[i] for row in self.rows]):
                chosen.add(sizes.index(max(sizes)))
        return replace(self, rows=[self.rows[k] for k in sorted(chosen)])


def _sizes(column: Sequence[str]) -> list[list[int]]:
    """Each cell of a column measured every way a table is fitted by.

    Its characters (``len``), its terminal cells, its longest line and its longest word
    (-1 with none); and its least width as rich measures it, that word or, for a blank
    cell, its widest line. A column of plain one-line ASCII, the usual one, has its
    characters for its cells and lines alike.
    """
    chars = list(map(len, column))
    if all(c.isascii() and c.isprintable() for c in column):
        words = [max(map(len, c.split()), default=-1) for c in column]
        return [chars, words, [w if w >= 0 else n for w, n in zip(words, chars, strict=True)]]
    cells = list(map(cell_len, column))
    lines = [max(map(cell_len, c.splitlines()), default=0) for c in column]
    words = [max(map(cell_len, c.split()), default=-1) for c in column]
    least = [w if w >= 0 else n for w, n in zip(words, lines, strict=True)]
    return [chars, cells, lines, words, least]


def shown_cells(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], shown: Shown | None = None
) -> ShownCells:
    """The rows' cells as a table shows them (:func:`~supplyline.cli.cells._cells`), once.

    With what each column holds, from every row, and whether the last row is a total
    (``shown.summed``, below at least one row).
    """
    return ShownCells(
        columns=tuple(columns),
        rows=_cells(rows, columns, shown),
        figures=tuple(_numeric(rows, c) for c in columns),
        tokens=tuple(_tokens(rows, c) for c in columns),
        total=bool(shown and shown.summed) and len(rows) > 1,
    )

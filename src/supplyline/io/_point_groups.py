"""Numbers whose point may group thousands (``1.200``): read as decimals, said in a warning.

A point in a cell is always a decimal point (docs/scenario-format.md), but a spreadsheet
in a German, Dutch or Italian locale groups thousands with one: a tester's ``1.200`` t
of lift was read as 1.2 t, ``1.800`` t/day as 1.8 and ``1.180`` km as 1.18 km, and
``validate`` said nothing. A cell *shaped* like point grouping is still read as a decimal,
but the load warns with the file, line, column, the reading and what to write instead.

The shape (:data:`POINT_GROUPED`): an optional sign, one to three digits not starting
with 0, then one or more groups of exactly three digits, each after a point (``1.200``,
``12.500``, ``-100.000``; ``1.200.000`` too, which is no decimal and is refused as a
number with its thousands reading). ``0.125`` is exempt (a leading 0 never starts a
group), as are ``1.2``, ``1.20`` and ``1.2000``. A cell is warned only when its grouped
reading is a value its column also takes: ``52.080`` as a latitude is not, since 52080 is
no latitude; a whole-number column refuses ``1.200`` outright (see :func:`grouped_hint`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supplyline.io._source import Report

__all__ = [
    "POINT_GROUPED",
    "PointGroupedCell",
    "grouped_hint",
    "point_grouped_cell",
    "say_point_grouped",
]

POINT_GROUPED = re.compile(r"[-+]?[1-9]\d{0,2}(?:\.\d{3})+")
"""A number shaped like thousands grouped by points: ``1.200``, ``12.500``, ``1.200.000``."""

CELLS_ONE_BY_ONE = 3
"""Up to this many cells of a file are warned one by one; more are one line for the file."""


@dataclass(frozen=True, slots=True)
class PointGroupedCell:
    """A cell read as a decimal whose point may have meant a thousands separator."""

    file: str
    line: int
    column: str
    text: str
    read_as: float

    @property
    def grouped(self) -> str:
        """The cell without its points: the number it is if they group thousands."""
        return self.text.replace(".", "")

    def reading(self) -> str:
        """``'1.200' is read as 1.2``."""
        return f"{self.text!r} is read as {self.read_as:g}"


def grouped_hint(text: str) -> str:
    """The words for a whole-number column's ``1.200``: what to write if it is grouping.

    >>> grouped_hint("1.200")
    ': if it is 1200 with a point grouping the thousands, write 1200'
    >>> grouped_hint("0.5")
    ''
    """
    text = text.strip()
    if not POINT_GROUPED.fullmatch(text):
        return ""
    plain = text.replace(".", "")
    return f": if it is {plain} with a point grouping the thousands, write {plain}"


def point_grouped_cell(
    file: str, line: int, column: str, raw: Any, value: Any, parse: Callable[[Any], Any]
) -> PointGroupedCell | None:
    """The cell to warn about when ``raw`` read as ``value`` may be point grouping, else None.

    Only a text cell of the shape, read as a number, whose grouped reading ``parse`` also
    takes (so that it is a value the column could mean) is one.
    """
    if not isinstance(raw, str) or "." not in raw or not isinstance(value, float):
        return None
    text = raw.strip()
    if not POINT_GROUPED.fullmatch(text):
        return None
    # imported here: _cells imports this module
    from supplyline.io._cells import BadValue

    try:
        parse(text.replace(".", ""))
    except BadValue:  # the grouped reading is no value of this column: no doubt to say
        return None
    return PointGroupedCell(file, line, column, text, value)


def say_point_grouped(cells: list[PointGroupedCell], report: Report) -> None:
    """Warn about each file's point-grouped cells: one by one, or in one line if many.

    A file written in a point-grouping locale has such a cell in many rows; a warning a
    row buried the rest, so past :data:`CELLS_ONE_BY_ONE` the file gets one line with
    the first few cells and the count.
    """
    by_file: dict[str, list[PointGroupedCell]] = {}
    for cell in cells:
        by_file.setdefault(cell.file, []).append(cell)
    for file, found in by_file.items():
        if len(found) <= CELLS_ONE_BY_ONE:
            for cell in found:
                report.warning(
                    file,
                    f"{cell.reading()} (a point is always a decimal point); if it is "
                    f"{cell.grouped} with a point grouping the thousands, write {cell.grouped}",
                    cell.line,
                    cell.column,
                )
            continue
        first = found[:CELLS_ONE_BY_ONE]
        listed = "; ".join(f"line {c.line} {c.column}: {c.reading()}" for c in first)
        columns = {c.column for c in found}
        report.warning(
            file,
            f"{len(found)} cells are shaped like thousands grouped with a point and are read "
            f"as decimals (a point is always a decimal point): {listed}; and "
            f"{len(found) - len(first)} more. If the points group thousands, write the numbers "
            f"without them ({', '.join(f'{c.text} as {c.grouped}' for c in first)})",
            found[0].line,
            found[0].column if len(columns) == 1 else None,
        )

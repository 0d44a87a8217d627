"""A CSV row too long because a list cell's names were separated by commas: which cell.

fleet.csv's ``carries`` lists names separated by ``;``. Written ``food,medical`` unquoted,
it is two cells, and the row has a cell more than the header: a tester was told to quote
a cell that contains a comma, did so, and was then told that ``'food,medical'`` has a comma.
When the extra cells would join a list column's cell as names, the row's message says so
at once: which column, and to separate its names with ``;``. (A number's comma is
:mod:`supplyline.io._split_cells`'s matter.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from supplyline.io._cells import show
from supplyline.types import ID_PATTERN

__all__ = ["LISTED", "list_comma"]

LISTED: dict[str, frozenset[str]] = {"fleet.csv": frozenset({"carries"})}
"""The columns of each file whose cell is a list of names separated by ``;``."""


def list_comma(
    record: Sequence[str], columns: Sequence[str], listed: Callable[[str], bool]
) -> tuple[str, str] | None:
    """The list column whose names an unquoted comma split over the row's extra cells.

    ``(column, words)``, or ``None`` where no ``listed`` column of ``columns`` takes them
    as names, or more than one could.

    >>> list_comma(["f1", "9", "food", "medical"], ["id", "hours", "carries"], {"carries"}.__contains__)
    ('carries', "extra 'medical': carries is a list of names separated by ';', not ',' (write food;medical)")
    >>> list_comma(["f1", "9", "food", ""], ["id", "hours", "carries"], {"carries"}.__contains__)
    """  # noqa: E501
    extra = len(record) - len(columns)
    if extra < 1:
        return None
    found: list[tuple[str, list[str]]] = []
    for at, column in enumerate(columns):
        cells = [c.strip() for c in record[at : at + extra + 1]]
        if listed(column) and all(_name(c) for c in cells):
            found.append((column, cells))
    if len(found) != 1:
        return None
    column, names = found[0]
    return column, (
        f"extra {show(record[len(columns)].strip())}: {column} is a list of names separated "
        f"by ';', not ',' (write {';'.join(names)})"
    )


def _name(cell: str) -> bool:
    """Whether ``cell`` reads as a commodity or class name: an id that starts with a letter.

    Not a number (``12.5`` shifted from a column before) nor an empty trailing cell.
    """
    return cell[:1].isalpha() and ID_PATTERN.fullmatch(cell) is not None

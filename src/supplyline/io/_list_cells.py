"""A CSV row too long because a list cell's items were separated by commas: which cell.

fleet.csv's ``carries`` lists names separated by ``;``, and links.csv's ``outage_days``
days and ranges. Written ``food,medical`` or ``7-9,12`` unquoted, such a cell is two, and
the row has a cell more than the header: a tester was told to quote a cell that contains a
comma, did so, and was then told that ``'food,medical'`` has a comma. When the extra cells
would join a list column's cell as items, the row's message says so at once: which column,
and to separate its items with ``;``. (A number's comma is
:mod:`supplyline.io._split_cells`'s matter.)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from supplyline.io._cells import show
from supplyline.io._day_cells import is_outage_item
from supplyline.types import ID_PATTERN

__all__ = ["DAYS", "LISTED", "NAMES", "ListKind", "list_comma"]


@dataclass(frozen=True, slots=True)
class ListKind:
    """What a list column's items are: in words, and how one is told from other cells."""

    items: str
    is_item: Callable[[str], bool]


def _name(cell: str) -> bool:
    """Whether ``cell`` reads as a commodity or class name: an id that starts with a letter.

    Not a number (``12.5`` shifted from a column before) nor an empty trailing cell.
    """
    return cell[:1].isalpha() and ID_PATTERN.fullmatch(cell) is not None


NAMES = ListKind("names", _name)
DAYS = ListKind("days and ranges", is_outage_item)

LISTED: dict[str, dict[str, ListKind]] = {
    "fleet.csv": {"carries": NAMES},
    "links.csv": {"outage_days": DAYS},
}
"""The columns of each file whose cell is a list separated by ``;``, and what it lists."""


def list_comma(
    record: Sequence[str], columns: Sequence[str], listed: Mapping[str, ListKind]
) -> tuple[str, str] | None:
    """The list column whose items an unquoted comma split over the row's extra cells.

    ``(column, words)``, or ``None`` where no ``listed`` column of ``columns`` takes them
    as items, or more than one could.

    >>> list_comma(["f1", "9", "food", "medical"], ["id", "hours", "carries"], {"carries": NAMES})
    ('carries', "extra 'medical': carries is a list of names separated by ';', not ',' (write food;medical)")
    >>> list_comma(["r1", "7-9", "12"], ["id", "outage_days"], {"outage_days": DAYS})[1]
    "extra '12': outage_days is a list of days and ranges separated by ';', not ',' (write 7-9;12)"
    >>> list_comma(["f1", "9", "food", ""], ["id", "hours", "carries"], {"carries": NAMES})
    """  # noqa: E501
    extra = len(record) - len(columns)
    if extra < 1:
        return None
    found: list[tuple[str, ListKind, list[str]]] = []
    for at, column in enumerate(columns):
        cells = [c.strip() for c in record[at : at + extra + 1]]
        kind = listed.get(column)
        if kind is not None and all(kind.is_item(c) for c in cells):
            found.append((column, kind, cells))
    if len(found) != 1:
        return None
    column, kind, items = found[0]
    return column, (
        f"extra {show(record[len(columns)].strip())}: {column} is a list of {kind.items} "
        f"separated by ';', not ',' (write {';'.join(items)})"
    )

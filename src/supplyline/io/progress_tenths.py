"""How far a long loop is, said every tenth: the progress of reading and writing big tables.

A tester's ``requirements`` of 200,000 units printed one line and then nothing for 87 s,
and ``validate`` of 200,000 links nothing for a minute: a silent terminal reads as a hang.
Long loops over rows or units say their share done every tenth through the ``progress``
callback that the faces show (a spinner on a terminal, a line per stage in a log).

Below :data:`BIG_ROWS` rows a loop takes well under a second: it says nothing, so that a
log of an everyday run keeps its few lines.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from typing import TypeVar

__all__ = ["BIG_BYTES", "BIG_ROWS", "Progress", "is_big", "is_big_text", "tenths", "told"]

Progress = Callable[[str], None]
"""What hears the stages of a long job, in words for a person."""

BIG_ROWS = 10_000
"""From how many rows (or units) a loop says how far it is: about a second of work."""

BIG_BYTES = 1_000_000
"""From how many bytes a file's reading is a stage of its own."""

_T = TypeVar("_T")


def is_big(rows: int) -> bool:
    """Whether a loop over ``rows`` takes long enough to say how far it is.

    >>> is_big(9_999), is_big(10_000)
    (False, True)
    """
    return rows >= BIG_ROWS


def is_big_text(*texts: str | None) -> bool:
    """Whether reading ``texts`` is a stage of its own (None: a file not there).

    >>> is_big_text(None), is_big_text("x" * BIG_BYTES), is_big_text("x" * (BIG_BYTES - 1), "y")
    (False, True, True)
    """
    return sum(len(text or "") for text in texts) >= BIG_BYTES


def tenths(progress: Progress, doing: str, of: str) -> Callable[[int, int], None]:
    """A ``tell(done, total)`` that says ``doing (N % of the <of>)`` each time a tenth passes.

    >>> said = []
    >>> tell = tenths(said.append, "reading units.csv", "rows")
    >>> for done in range(1, 21):
    ...     tell(done, 20)
    >>> said[0], said[-1], len(said)
    ('reading units.csv (10 % of the rows)', 'reading units.csv (100 % of the rows)', 10)
    """
    said = [0]

    def tell(done: int, total: int) -> None:
        tenth = 10 * done // max(total, 1)
        if tenth > said[0]:
            said[0] = tenth
            progress(f"{doing} ({10 * tenth} % of the {of})")

    return tell


def told(
    items: Collection[_T],
    progress: Progress | None,
    doing: str,
    of: str = "rows",
) -> Iterator[_T]:
    """``items`` one by one, saying every tenth how far the loop over them is.

    Only where there is a ``progress`` and :func:`is_big` holds of their number (the
    caller names the stage itself, before any slow preparation of the items).

    >>> said = []
    >>> sum(told(range(20_000), said.append, "reading links.csv"))
    199990000
    >>> said[0], said[-1], len(said)
    ('reading links.csv (10 % of the rows)', 'reading links.csv (100 % of the rows)', 10)
    >>> list(told([1, 2], said.append, "small")), len(said)
    ([1, 2], 10)
    """
    total = len(items)
    if progress is None or not is_big(total):
        yield from items
        return
    tell = tenths(progress, doing, of)
    step = max(total // 100, 1)  # the tenths checked every hundredth: no cost per row
    for done, item in enumerate(items, 1):
        yield item
        if done % step == 0 or done == total:
            tell(done, total)

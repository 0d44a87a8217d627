"""Rows whose id repeats another's, and the references to unknown ids they likely explain.

A row copied and not renamed (``site-vardo`` twice, the second meant to be
``site-ridge``) is dropped as a duplicate, and every row that names ``site-ridge`` then
refers to an unknown location. A tester's were offered the closest known ids ("did you
mean 'site-1', 'site-2' or 'site-3'?"), which pointed away from the one row to mend.
Here such a reference names the repeated row as its likely cause, and the repeated row's
own error, said first, names the references that may follow from it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from supplyline.domain import did_you_mean
from supplyline.domain.references import known_listed
from supplyline.errors import Issue

if TYPE_CHECKING:
    from supplyline.io._source import Origin

__all__ = ["Dangling", "DuplicateRow", "Repeat", "blame_duplicates", "reference_message"]

SHOWN_PLACES = 4
"""How many referring rows the repeated row's error lists."""


@dataclass(frozen=True, slots=True)
class DuplicateRow:
    """A row left out because its id repeats an earlier row's, and where its error is."""

    file: str
    line: int
    first_line: int
    kind: str
    """What the row is (``"location"``): the kind a reference names."""
    id: str
    issue_at: int
    """The index of its error in the load's list of issues, to amend once the references
    are known."""


@dataclass(frozen=True, slots=True)
class Repeat:
    """A CSV row built whole whose id repeats an earlier row's, so left out of the scenario.

    Kept to be checked in its id's place once every file is read
    (:mod:`supplyline.io._repeats`).
    """

    entity: str
    """What the row is (``"link"``), as a domain finding names it."""
    key: str
    """Its id as the findings and origins name it (a stock's ``location/commodity``)."""
    record: Any
    """The domain object the row built."""
    origin: Origin


@dataclass(frozen=True, slots=True)
class Dangling:
    """A reference to an unknown id that a repeated row of its kind may explain."""

    file: str
    line: int | None
    kind: str
    ref: str


def reference_message(
    who: str,
    kind: str,
    ref: str,
    known: Iterable[str],
    repeated: Sequence[DuplicateRow],
    *,
    likely: bool,
    broken: Iterable[str] = (),
    none_known: str = "none",
) -> str:
    """The words for a reference to an unknown id when rows of its kind repeat an id.

    ``who`` is the referring entity in words (``link 'r-ridge'``). ``likely``: there are
    no more unknown ids of the kind than repeated rows, so the repeat is named as the
    likely cause, before the known ids that look alike (a row copied from ``site-5`` and
    meant to be ``site-6`` is one letter from ``site-1``); else as a possible one, after
    them. ``none_known``: what "known:" says when no id of the kind is known.

    >>> dup = DuplicateRow("locations.csv", 16, 15, "location", "site-vardo", 0)
    >>> print(reference_message("link 'r'", "location", "site-ridge", ["hub"], [dup], likely=True))
    link 'r' refers to unknown location 'site-ridge' (likely the row on locations.csv line 16, ...)
    """
    known_set = frozenset(known)
    rows = _rows_said(repeated)
    guess = did_you_mean(ref, known_set, broken=broken)
    if likely:
        cause = f"likely {rows}: give it the id {ref!r}" + (f"; else {guess}" if guess else "")
    else:
        cause = (f"{guess}; or " if guess else "") + f"is it the id meant for {rows}?"
    listed = known_listed(known_set, none_known)
    return f"{who} refers to unknown {kind} {ref!r} ({cause}; known: {listed})"


def _row(file: str) -> str:
    """What one record of ``file`` is called: a CSV file's row, a YAML file's entry."""
    return "entry" if file.endswith(".yaml") else "row"


def _rows_said(repeated: Sequence[DuplicateRow]) -> str:
    """The repeated rows of a kind, in words, as a reference's message names them."""
    row = _row(repeated[0].file)
    if len(repeated) == 1:
        d = repeated[0]
        return (
            f"the {row} on {d.file} line {d.line}, whose id {d.id!r} repeats line {d.first_line}'s"
        )
    lines = ", ".join(f"{d.line} ({d.id!r})" for d in repeated)
    return (
        f"one of the {row}s on {repeated[0].file} lines {lines}, whose ids repeat earlier {row}s'"
    )


def blame_duplicates(
    issues: list[Issue], repeated: Sequence[DuplicateRow], refs: Sequence[Dangling]
) -> None:
    """Add to each repeated row's error the references to unknown ids that may follow from it.

    The repeated row is said before them (its file comes before the files that refer to
    its kind), so a reader mends it first and may find them gone.
    """
    for row in repeated:
        mine = [r for r in refs if r.kind == row.kind]
        if not mine:
            continue
        ids = list(dict.fromkeys(r.ref for r in mine))
        places = list(
            dict.fromkeys(r.file if r.line is None else f"{r.file}:{r.line}" for r in mine)
        )
        shown = places[:SHOWN_PLACES] + (["…"] if len(places) > SHOWN_PLACES else [])
        either = ids[0] if len(ids) == 1 else ", ".join(map(repr, ids[:-1])) + f" or {ids[-1]!r}"
        those = f"that unknown {row.kind}" if len(ids) == 1 else f"those unknown {row.kind}s"
        refer = "refers" if len(places) == 1 else "refer"
        issue = issues[row.issue_at]
        issues[row.issue_at] = dataclasses.replace(
            issue,
            message=f"{issue.message}; was this {_row(row.file)} meant to be "
            f"{either if len(ids) > 1 else repr(either)}? {_and(shown)} {refer} to {those}: "
            "their errors below may follow from this one",
        )


def _and(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

"""Rows whose id was refused, and the references to unknown ids that follow from them.

A tester wrote ``base a`` for ``base-a`` in locations.csv: its row's error was said, then
six "link 'r-a-yard' refers to unknown location 'base-a' (known: camp-north, …)", each
pointing away from the one cell to mend; with every other row of the file broken too,
they said "(known: none)" though the file had six rows. Here a reference to an id close
to a refused one (:func:`~supplyline.domain.references.close_matches`: ``base-a`` is one
slip from ``base a``) is left out, as a reference to a row with any other error is, and
the refused row's own error names the references it explains; any other reference to the
kind says, where no id of it loaded, which rows were refused instead of "none".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from supplyline.domain.references import close_matches
from supplyline.errors import Issue

__all__ = ["RefusedId", "RefusedIds"]

SHOWN_PLACES = 4
"""How many referring rows a refused row's error lists (and refused lines "known:" lists)."""


@dataclass(frozen=True, slots=True)
class RefusedId:
    """A CSV row whose id cell was refused (so the row did not load), and where its error is."""

    file: str
    line: int
    text: str
    """The id cell as written (``base a``)."""
    issue_at: int
    """The index of its error in the load's list of issues, to amend once the references
    are known."""


@dataclass
class RefusedIds:
    """The refused ids of one load, by the file that lists each kind of entity."""

    rows: Sequence[RefusedId]
    file_of_kind: Mapping[str, str]
    """Which file lists each kind (``"location"``: ``"locations.csv"``)."""
    followers: dict[RefusedId, list[tuple[str, str]]] = field(default_factory=dict)
    """The references left out for each refused row: (``file:line``, id referred to)."""

    def _of_kind(self, kind: str) -> list[RefusedId]:
        file = self.file_of_kind.get(kind)
        return [r for r in self.rows if r.file == file]

    def absorbs(self, file: str, line: int | None, kind: str, ref: str) -> bool:
        """Whether a reference to unknown ``ref`` follows from a refused id (it is noted).

        >>> row = RefusedId("locations.csv", 2, "base a", 0)
        >>> refused = RefusedIds([row], {"location": "locations.csv"})
        >>> refused.absorbs("links.csv", 2, "location", "base-a")
        True
        >>> refused.absorbs("links.csv", 3, "location", "port-east")
        False
        """
        rows = self._of_kind(kind)
        close = close_matches(ref, [r.text for r in rows], n=1)
        if not close:
            return False
        row = next(r for r in rows if r.text == close[0])
        place = file if line is None else f"{file}:{line}"
        self.followers.setdefault(row, []).append((place, ref))
        return True

    def none_known(self, kind: str) -> str:
        """What "known:" says of a kind none of whose ids loaded: "none", or the refused rows.

        >>> rows = [RefusedId("locations.csv", n, "x y", 0) for n in (2, 5)]
        >>> RefusedIds(rows, {"location": "locations.csv"}).none_known("location")
        'none loaded: the ids on locations.csv lines 2 and 5 were refused above'
        >>> RefusedIds(rows, {"location": "locations.csv"}).none_known("partner")
        'none'
        """
        rows = self._of_kind(kind)
        if not rows:
            return "none"
        lines = [str(r.line) for r in rows[:SHOWN_PLACES]]
        if len(rows) > SHOWN_PLACES:
            lines.append(f"{len(rows) - SHOWN_PLACES} more")
        said = f"line {lines[0]}" if len(lines) == 1 else f"lines {_and(lines)}"
        ids = "the id" if len(lines) == 1 else "the ids"
        verb = "was" if len(lines) == 1 else "were"
        return f"none loaded: {ids} on {rows[0].file} {said} {verb} refused above"

    def blame(self, issues: list[Issue]) -> None:
        """Add to each refused row's error the references left out for it.

        The row is said before them (its file comes before the files that refer to its
        kind), so a reader mends it and the references are checked in the next run.
        """
        for row, refs in self.followers.items():
            places = list(dict.fromkeys(place for place, _ in refs))
            ids = list(dict.fromkeys(ref for _, ref in refs))
            shown = places[:SHOWN_PLACES]
            if len(places) > SHOWN_PLACES:
                shown.append(f"{len(places) - SHOWN_PLACES} more")
            meant = " or ".join(map(repr, ids))
            refer = "refers" if len(places) == 1 else "refer"
            issue = issues[row.issue_at]
            issues[row.issue_at] = dataclasses.replace(
                issue,
                message=f"{issue.message}; was it meant to be {meant}? {_and(shown)} {refer} "
                f"to {meant}, not said again until this id is mended",
            )


def _and(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

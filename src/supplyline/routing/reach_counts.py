"""The count heading the reach check's flags, by kind: one phrase for every face.

``reach``'s table, ``plan``'s reach line and the report's reach section all head the
flags with it. A tester's plan printed "reach check: 2 of 2 unit(s) beyond what their
trucks can sustain" over two units cut off by road for longer than their stock covers
(a stock matter, not trucks); now "2 of 2 unit(s) flagged: 2 cut off by road beyond
their stock".
"""

from __future__ import annotations

from collections import Counter

from supplyline.domain.reach_flags import FlagKind
from supplyline.domain.routes import ReachCheck
from supplyline.routing.reach_absent import never_count_words

__all__ = ["OTHER_WORDS", "flagged_count_words"]

OTHER_WORDS = "flagged for another reason"
"""A flagged row no kind was recorded for (a script's own rows): counted, not hidden."""


def flagged_count_words(check: ReachCheck) -> str:
    """``2 of 3 unit(s) flagged: 1 beyond what their trucks can carry, 1 cut off …``.

    Each kind counts the units flagged for it, in :class:`FlagKind`'s order; a unit
    flagged for two kinds counts in both. Then the units never there
    (:func:`~supplyline.routing.reach_absent.never_count_words`).
    """
    flagged = check.flagged
    counts: Counter[str] = Counter()
    for r in flagged:
        for kind in r.flagged_for or (OTHER_WORDS,):
            counts[str(kind)] += 1
    order = [str(k) for k in FlagKind] + [OTHER_WORDS]
    kinds = ", ".join(f"{counts[k]} {k}" for k in order if counts[k])
    return (
        f"{len(flagged)} of {len(check.rows)} unit(s) flagged"
        + (f": {kinds}" if kinds else "")
        + never_count_words(check)
    )

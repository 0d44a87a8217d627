"""What is left of the user's time limit once the solve is over, for the explaining.

``--time-limit 3`` bounded the solve alone: a tester's mesh-M plan (546,860 columns) was
optimal at 2.7 s and then measured bottlenecks until 13.6 s. The stages after the solve
(the bottleneck report's measuring, the shortfall causes on days nothing can arrive) get
what is left of the limit here; a stage the limit cut short is named in the plan
(:attr:`~supplyline.domain.SolveStats.cut_short`), which says how to get it.

>>> left = LimitLeft(deadline=None)
>>> left.spent(), left.capped(5.0)
(False, 5.0)
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from supplyline.domain import Bottleneck, Measuring

__all__ = [
    "BOTTLENECK_MEASURING",
    "CUT_SHORT_CAUSE",
    "SHORTFALL_CAUSES",
    "LimitLeft",
    "measuring_cut",
    "now",
    "uncaused",
]

CUT_SHORT_CAUSE = (
    "not worked out: the time limit ran out first (plan again with a longer --time-limit "
    "to see the cause)"
)
"""The cause of a shortfall or target gap whose explaining the time limit skipped."""

BOTTLENECK_MEASURING = "bottleneck measuring"
"""The bottleneck report's re-solves, as :attr:`SolveStats.cut_short` names them."""
SHORTFALL_CAUSES = "shortfall causes"
"""The causes of shortfalls on days nothing can arrive, as ``cut_short`` names them."""


def now() -> float:
    """The limit's clock (:func:`time.perf_counter`): a test may stop it at the limit."""
    return time.perf_counter()


@dataclass(frozen=True, slots=True)
class LimitLeft:
    """The deadline of the user's time limit (None: no limit), on :func:`now`'s clock."""

    deadline: float | None

    def spent(self) -> bool:
        """Whether the limit is used up."""
        return self.deadline is not None and now() >= self.deadline

    def capped(self, deadline: float) -> float:
        """``deadline`` (a stage's own), or the limit's if sooner; past when it is spent."""
        if self.deadline is None:
            return deadline
        if self.spent():
            return -math.inf
        return min(deadline, self.deadline)

    def cut(self, own_deadline: float) -> bool:
        """Whether a stage with ``own_deadline`` ran into the limit before its own end."""
        return self.deadline is not None and self.deadline < own_deadline and self.spent()


def measuring_cut(
    left: LimitLeft, own_deadline: float, found: Sequence[Bottleneck], untried: bool
) -> bool:
    """Whether the limit, not the report's own time, left bottlenecks unmeasured.

    ``untried``: outage windows were left untried by a report asked to measure.
    """
    ran_out = untried or any(b.measuring is Measuring.TIME_RAN_OUT for b in found)
    return ran_out and left.cut(own_deadline)


Missed = TypeVar("Missed")


def uncaused(records: Sequence[Missed]) -> tuple[Missed, ...]:
    """``records`` (shortfalls or target gaps) with :data:`CUT_SHORT_CAUSE` as their cause."""
    return tuple(replace(r, cause=CUT_SHORT_CAUSE) for r in records)  # type: ignore[type-var]

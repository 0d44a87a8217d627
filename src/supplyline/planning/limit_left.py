"""What is left of the user's time limit once the solve is over, for the explaining.

``--time-limit 3`` bounded the solve alone: a tester's mesh-M plan (546,860 columns) was
optimal at 2.7 s and then measured bottlenecks until 13.6 s. The stages after the solve
(the bottleneck report's measuring, the shortfall causes on days nothing can arrive) get
what is left of the limit here; a stage the limit cut short is named in the plan
(:attr:`~supplyline.domain.SolveStats.cut_short`), which says how to get it.

The rule for the measuring: its own budget is ``--explain-time`` (``explain_time_s``) when
the user gave one (CLI, ``PlanParams``, a parameters file or scenario.yaml), honoured as
given whatever the limit; else the default (as long as the solve, at least 10 s), cut to
what the limit leaves. The shortfall causes have no budget of their own: they stop where
the limit runs out, and the rows not reached say so (:data:`CUT_SHORT_CAUSE`). The
fallback's first mix is not bounded (:mod:`~supplyline.planning.hedge`): without it there
is no plan.

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
from supplyline.domain.plan import BOTTLENECK_MEASURING, SHORTFALL_CAUSES

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


def measuring_cut(
    own_deadline: float, used_deadline: float, found: Sequence[Bottleneck], cut_else: bool
) -> bool:
    """Whether the limit, not the report's own time, left bottlenecks unmeasured.

    ``used_deadline``: the one the measuring was given (:meth:`LimitLeft.capped`), sooner
    than its ``own_deadline`` where the limit cut it. ``cut_else``: the measuring ran out
    elsewhere than on a rank: outage windows left untried by a report asked to measure, or
    an extra's bisection cut short.
    """
    ran_out = cut_else or any(b.measuring is Measuring.TIME_RAN_OUT for b in found)
    return ran_out and used_deadline < own_deadline


Missed = TypeVar("Missed")


def uncaused(records: Sequence[Missed]) -> tuple[Missed, ...]:
    """``records`` (shortfalls or target gaps) with :data:`CUT_SHORT_CAUSE` as their cause."""
    return tuple(replace(r, cause=CUT_SHORT_CAUSE) for r in records)  # type: ignore[type-var]

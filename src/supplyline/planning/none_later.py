"""An equally good measured plan in which no unit closes later than in the plan itself.

A claim's words about closures are one optimum's, and an optimum is seldom the only one:
testers found, for every claim that a unit "closes 2 days later", a plan as good in every
respect that kept it on its day. The measuring (:mod:`~supplyline.planning.measure`) asks
for that plan before it words its claim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from supplyline.planning.assemble import Problem
from supplyline.planning.extract import Outcome, outcome_of
from supplyline.planning.model import LpModel
from supplyline.planning.network import FlowKind
from supplyline.planning.objective_tiers import Tier
from supplyline.planning.outcome_words import as_good

if TYPE_CHECKING:
    from supplyline.planning.measure import Resolver

__all__ = ["none_later"]

FloatArray = npt.NDArray[np.float64]


def none_later(
    p: Problem, m: LpModel, resolve: Resolver, base: Outcome, x: FloatArray
) -> FloatArray:
    """An equally good plan with the same extra in which no unit is later than now, if any.

    What the words say of closures is one optimum's; testers found, for every claim that a
    unit "closes 2 days later", a plan as good in every respect that kept it on its day. So
    each deploying unit is held to arrive wholly by the day it now does (its required day
    if on time), and the re-solve is taken if it does as well in every respect. When not
    all can be held, those the plan makes later are held one by one, as long as the plan
    stays as good: of two units one had to slip, and either could, where both were named.
    """
    found = outcome_of(p, m, x)
    later = [u for u, d in base.late_days.items() if found.late_days.get(u, 0) > d]
    if not later:
        return x
    on_time = [u for u in base.late_days if u not in later]
    every = _held_plan(p, m, resolve, base, found, [*on_time, *later])
    if every is not None:
        return every
    keep, best = list(on_time), x
    for u in later:
        tried = _held_plan(p, m, resolve, base, found, [*keep, u])
        if tried is not None:
            keep.append(u)
            best = tried
    return best


def _held_plan(
    p: Problem, m: LpModel, resolve: Resolver, base: Outcome, found: Outcome, units: list[int]
) -> FloatArray | None:
    """The re-solve with ``units`` held to arrive by their present day, if as good as found."""
    b = m.cols["arrived"]
    f, t = b["f"], b["t"]
    by_day = np.full(len(p.flows.names), p.days, dtype=np.int64)  # held by this day
    for ui in units:
        closure = base.closure_day.get(ui)
        if closure is not None:
            mine = p.flows.unit == ui
            by_day[mine] = np.maximum(closure, p.flows.required_day[mine])
    held = b.start + np.flatnonzero((p.flows.kind[f] != FlowKind.GOODS) & (t >= by_day[f]))
    upper = m.col_upper[held]
    resolve.session.set_col_bounds(held, upper, upper)
    try:
        kept = resolve()
    finally:
        resolve.session.set_col_bounds(held, m.col_lower[held], upper)
    if kept is None or not as_good(outcome_of(p, m, kept), found, Tier.COST, base, p.tiers):
        return None
    return kept

"""A time limit too short for the solve still gives the fallback plan: its mix is waited for.

The first mix of the flows' plans (:func:`~supplyline.planning.fallback.mixed_plan`) is not
bounded by ``--time-limit``: without it there is no plan. Bounded, mesh-M (546,860
columns) at ``--time-limit 3`` and ``5`` exited 6 with no plan where it had written a late
one; losing the plan is worse than running past the limit.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from typing import Any

import pytest

from supplyline.domain import Demand, PlanStatus, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning import solve as solve_module
from supplyline.planning.highs import HighsSession, Solution


def test_a_too_short_limit_still_gives_the_fallback_plan(
    bilateral: tuple[Scenario, Demand], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The solve stopped with no plan and the limit already past: the first mix is waited for.

    Bounding the mix by the limit had left mesh-M at ``--time-limit 3`` with no plan
    (exit 6) where it used to write a late one.
    """
    real_solve = HighsSession.solve
    real_fallback = solve_module.fallback_plan

    def stopped(self: HighsSession, **kw: bool) -> Solution:
        return replace(real_solve(self, **kw), status=PlanStatus.NO_SOLUTION, x=None)

    def late(*args: Any, **kw: Any) -> Any:
        return real_fallback(*args, **{**kw, "deadline": time.perf_counter() - 1.0})

    monkeypatch.setattr(HighsSession, "solve", stopped)
    monkeypatch.setattr(solve_module, "fallback_plan", late)
    plan = plan_movements(*bilateral, PlanParams(explain_top=0, time_limit_s=600))
    assert plan.status is PlanStatus.FEASIBLE
    assert math.isfinite(plan.objective)
    assert plan.movements

"""The shortfall causes stop where the time limit runs out, part-way through the rows.

Rows reached keep the causes they get without a limit; the rows not reached say the limit
left them (:data:`~supplyline.planning.limit_left.CUT_SHORT_CAUSE`). The limit's clock is
replaced: it stands before the deadline for a given number of readings, then past it.
"""

from __future__ import annotations

import dataclasses
import itertools
import math

import pytest

from supplyline.domain import Shortfall
from supplyline.planning import PlanParams, limit_left, plan_movements
from supplyline.planning.assemble import Problem, prepare
from supplyline.planning.examples import one_link
from supplyline.planning.limit_left import CUT_SHORT_CAUSE, LimitLeft
from supplyline.planning.unreachable import explain_unreachable

PARAMS = PlanParams(explain_top=0)


def _case() -> tuple[tuple[Shortfall, ...], tuple[Shortfall, ...], Problem]:
    """One link's shortfalls (days cut off, then days of capacity), uncaused and caused."""
    scenario, demand = one_link(capacity_t_per_day=5.0, transit_days=2, days=6)
    plan = plan_movements(scenario, demand, PARAMS)
    uncaused = tuple(dataclasses.replace(s, cause="") for s in plan.shortfalls)
    problem = prepare(scenario, demand, PARAMS)
    full, _ = explain_unreachable(problem, uncaused)
    return uncaused, full, problem


def _stopping_after(readings: int, monkeypatch: pytest.MonkeyPatch) -> LimitLeft:
    """A limit whose clock reads before its deadline ``readings`` times, then past it."""
    clock = itertools.chain(itertools.repeat(0.0, readings), itertools.repeat(math.inf))
    monkeypatch.setattr(limit_left, "now", lambda: next(clock))
    return LimitLeft(deadline=1.0)


def test_the_rows_reached_keep_their_causes_and_the_rest_are_not_worked_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Wherever the limit runs out, the causes are a prefix of the full ones, then cut."""
    uncaused, full, problem = _case()
    assert len(full) > 2
    reached_counts = []
    for readings in range(3 * len(full) + 2):
        left = _stopping_after(readings, monkeypatch)
        said, _ = explain_unreachable(problem, uncaused, stop=left.spent)
        reached = sum(s.cause != CUT_SHORT_CAUSE for s in said)
        assert said[:reached] == full[:reached]
        assert all(s.cause == CUT_SHORT_CAUSE for s in said[reached:])
        reached_counts.append(reached)
    assert reached_counts == sorted(reached_counts)  # more time, never fewer causes
    assert reached_counts[0] == 0
    assert reached_counts[-1] == len(full)
    assert any(0 < n < len(full) for n in reached_counts)  # part-way, not only all or none


def test_a_plan_cut_part_way_names_the_causes_among_what_the_limit_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The plan whose causes stopped part-way says so in ``cut_short`` and its notes."""
    scenario, demand = one_link(capacity_t_per_day=5.0, transit_days=2, days=6)
    heard: list[str] = []
    readings = itertools.count()

    def now() -> float:
        """Before the deadline until the causes have read the clock four times."""
        if "explaining shortfalls on days nothing can arrive" not in heard:
            return 0.0
        return 0.0 if next(readings) < 4 else math.inf

    monkeypatch.setattr(limit_left, "now", now)
    plan = plan_movements(
        scenario, demand, PlanParams(explain_top=0, time_limit_s=600), progress=heard.append
    )
    causes = [s.cause for s in plan.shortfalls]
    assert CUT_SHORT_CAUSE in causes
    assert any(c != CUT_SHORT_CAUSE for c in causes)
    assert plan.stats.cut_short == ("shortfall causes",)
    assert any("shortfall causes cut short" in note for note in plan.stats.notes)

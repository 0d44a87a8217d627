"""The time limit bounds the explaining after the solve (supplyline.planning.limit_left)."""

from __future__ import annotations

import math

import pytest

from supplyline.domain import Measuring
from supplyline.planning import limit_left
from supplyline.planning.examples import one_link
from supplyline.planning.limit_left import CUT_SHORT_CAUSE, LimitLeft
from supplyline.planning.params import PlanParams
from supplyline.planning.solve import plan_movements


@pytest.fixture
def limit_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit's clock stopped past any deadline: the solve is done, the limit used up."""
    monkeypatch.setattr(limit_left, "now", lambda: math.inf)


@pytest.mark.usefixtures("limit_spent")
def test_a_spent_limit_skips_the_shortfall_causes_and_says_so() -> None:
    """Every shortfall's cause says the limit skipped it, and the plan's notes say how."""
    plan = plan_movements(*one_link(capacity_t_per_day=5.0), PlanParams(time_limit_s=60))
    assert plan.shortfalls
    assert {s.cause for s in plan.shortfalls} == {CUT_SHORT_CAUSE}
    assert "shortfall causes" in plan.stats.cut_short
    assert any("--time-limit" in note for note in plan.stats.notes)


@pytest.mark.usefixtures("limit_spent")
def test_a_spent_limit_measures_no_bottleneck() -> None:
    """Bottlenecks are still ranked, none measured, and the plan names the measuring cut."""
    plan = plan_movements(*one_link(capacity_t_per_day=5.0), PlanParams(time_limit_s=60))
    assert plan.bottlenecks
    assert all(b.measuring is not Measuring.MEASURED for b in plan.bottlenecks)
    assert "bottleneck measuring" in plan.stats.cut_short


def test_a_run_within_its_limit_is_not_cut_short() -> None:
    """With time to spare, the plan is the one made without a limit."""
    params = PlanParams(time_limit_s=60)
    limited = plan_movements(*one_link(capacity_t_per_day=5.0), params)
    assert limited.stats.cut_short == ()
    assert limited == plan_movements(*one_link(capacity_t_per_day=5.0))


def test_no_limit_is_never_spent() -> None:
    """Without a limit a stage keeps its own deadline."""
    assert LimitLeft(deadline=None).capped(5.0) == 5.0
    assert not LimitLeft(deadline=None).spent()

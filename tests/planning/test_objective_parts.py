"""The objective split into its tiers adds up to it, and each tier counts its own unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.domain import Demand, Scenario
from supplyline.io.plan_files import read_plan, write_plan
from supplyline.planning import plan_movements
from supplyline.planning.examples import FOOD, one_link
from supplyline.planning.summary import headline


def test_the_parts_add_up_to_the_objective(bilateral: tuple[Scenario, Demand]) -> None:
    """Shortfall, targets, lateness, transport and holding sum to the solver's objective."""
    plan = plan_movements(*bilateral)
    parts = plan.objective_parts
    assert parts is not None
    assert parts.total == pytest.approx(plan.objective, rel=1e-9)
    assert parts.late_t_days == pytest.approx(sum(c.late_t_days for c in plan.closures))
    assert parts.lateness > parts.transport > parts.holding > 0


def test_shortfall_counts_tonnes_weighted_by_priority() -> None:
    """8 t/day over a 5 t/day link: the tonnes short, at food's priority weight."""
    plan = plan_movements(*one_link(capacity_t_per_day=5.0))
    parts = plan.objective_parts
    assert parts is not None
    weight = (10 - FOOD.priority) / 9
    assert parts.short_t_priority == pytest.approx(plan.total_short_t * weight, abs=1e-6)
    assert parts.shortfall > 0


def test_the_parts_read_back_and_are_said(tmp_path: Path) -> None:
    """plan.json keeps the parts; the summary says them in words and as columns."""
    scenario, demand = one_link(capacity_t_per_day=5.0)
    plan = plan_movements(scenario, demand)
    write_plan(tmp_path / "out", scenario, plan)
    assert read_plan(tmp_path / "out").objective_parts == plan.objective_parts
    head = headline(plan, demand, scenario)
    assert head["objective_shortfall"] == plan.objective_parts.shortfall  # type: ignore[union-attr]
    assert head["objective_by_tier"].startswith("objective by tier: shortfall ")

"""The summary's weight "in force" is the one the LP uses, with fair shares too.

An auditor's summary said ``target_gap_per_t_day 500 (default 1,000; 361 in force over
this 28-day horizon)`` with fair shares, while the MPS file's gap columns cost a tenth of
that: fair shares cap the target gap and lateness ten times lower, and the summary
worked from the horizon's cap alone.
"""

from __future__ import annotations

import re
from dataclasses import asdict

import pytest

from supplyline.planning import PlanParams, build, plan_movements
from supplyline.planning.examples import make_demand, one_link
from supplyline.planning.params import Weights
from supplyline.planning.summary import changed_weights, headline


def _said_in_force(text: str, name: str, asked: float) -> float:
    """The weight the summary says is in force for ``name`` (as asked if none is said)."""
    part = next(p for p in text.split(", ") if p.startswith(name))
    found = re.search(r"([\d,.]+) in force", part)
    return asked if found is None else float(found.group(1).replace(",", ""))


@pytest.mark.parametrize("fair_share", [False, True])
@pytest.mark.parametrize("days", [5, 30])
def test_the_target_gap_in_force_is_what_a_gap_column_costs(days: int, fair_share: bool) -> None:
    """Priority-2 food: a gap column costs the weight in force × 8/9 × the cost scale."""
    scenario, _ = one_link(days=days)
    demand = make_demand(scenario, {("u1", "food"): 8.0}, buildup_t={("u1", "food"): 20.0})
    params = PlanParams(weights=Weights(target_gap_per_t_day=500.0), fair_share=fair_share)
    problem, model = build(scenario, demand, params)
    gap = model.cols["gap"]
    assert gap.size > 0
    used = float(model.cost[gap.start]) / (problem.cost_scale * (10 - 2) / 9)
    text = changed_weights(asdict(params.weights), days, fair_share=fair_share)
    assert _said_in_force(text, "target_gap_per_t_day", 500.0) == pytest.approx(used, rel=5e-3)
    assert ("with fair shares" in text) is fair_share


def test_a_weight_below_both_caps_is_said_as_asked() -> None:
    """10 a tonne-day is under the horizon's and fair shares' caps on 5 days: no "in force"."""
    text = changed_weights({"target_gap_per_t_day": 10.0}, 5, fair_share=True)
    assert text == "target_gap_per_t_day 10 (default 1,000)"


def test_the_plan_summary_says_the_weight_in_force_with_fair_shares() -> None:
    """The summary of a plan (what the CLI's line and JSON say) takes the plan's fair shares."""
    scenario, _ = one_link(days=28)
    demand = make_demand(scenario, {("u1", "food"): 8.0}, buildup_t={("u1", "food"): 20.0})
    weights = Weights(target_gap_per_t_day=500.0)
    plan = plan_movements(scenario, demand, PlanParams(weights=weights, fair_share=True))
    said = headline(plan, demand)["weights_changed"]
    assert said == (
        "target_gap_per_t_day 500 (default 1,000; 36.1 in force over this 28-day horizon"
        " with fair shares)"
    )

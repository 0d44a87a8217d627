"""Closures rank as the objective values them: shortfall by priority, then objective saved.

A tester's quake scenario ranked "mtn-road closed C+22–C+23" (objective saved 76,870,547:
659 t-days less late) above "mtn-road closed C+15" (143,624,762: 319 t-days less late and
693 t-days of days-of-supply targets filled): lateness cut was compared before targets
filled, where the objective weighs a t-day below target (up to 337) far above one late (20).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from hypothesis import given
from random_networks import SETTINGS, scenarios

from supplyline.domain import Bottleneck, Demand, Plan, ResourceKind, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.bottleneck_rows import closure_table_rows
from supplyline.planning.outages import closure_rank
from supplyline.planning.params import PlanParams


def _outages(plan: Plan) -> list[Bottleneck]:
    return [b for b in plan.bottlenecks if b.kind is ResourceKind.OUTAGE]


def test_a_closure_filling_targets_worth_more_ranks_above_one_cutting_more_lateness() -> None:
    """The tester's two closures: the one saving more objective ranks first, lateness aside.

    Lateness first had ranked 659 t-days cut (76,870,547 saved) above 319 t-days cut and
    693 t-days of targets filled (143,624,762 saved).
    """
    later = closure_rank((0.0, 659.0, 0.0, 0.0), 76_870_547.0)
    sooner = closure_rank((0.0, 319.0, 693.0, 0.0), 143_624_762.0)
    assert sooner > later


def test_shortfall_removed_by_priority_outranks_any_objective_saved_without_it() -> None:
    """A closure that removes shortfall ranks above one that only fills targets, saving more."""
    assert closure_rank((0.5, 0.0, 0.0, 0.0), 1.0) > closure_rank((0.0, 900.0, 900.0, 0.0), 1e9)


@SETTINGS
@given(scenarios())
def test_closure_rows_rank_by_shortfall_removed_then_objective_saved(
    case: tuple[Scenario, Demand],
) -> None:
    """Down the closures' table, (shortfall removed, objective saved) never increases.

    One priority for every commodity, so that the tonnes removed weigh as the objective
    weighs them (ranks compare shortfall by priority, which the rows give in tonnes).
    """
    scenario, demand = case
    commodities = tuple(replace(c, priority=1) for c in scenario.commodities)
    scenario = replace(scenario, commodities=commodities)
    plan = plan_movements(scenario, demand, PlanParams(explain_top=1))
    closures = _outages(plan)
    rows = closure_table_rows(plan)
    assert [r["resource"] for r in rows] == [b.resource for b in closures]
    for above, below in pairwise(closures):
        removed_above = above.shortfall_removed_t or 0.0
        removed_below = below.shortfall_removed_t or 0.0
        assert removed_above >= removed_below - 1e-3
        if abs(removed_above - removed_below) <= 1e-3:
            assert above.shadow_price >= below.shadow_price

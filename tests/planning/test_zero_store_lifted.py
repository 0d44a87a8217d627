"""A store of 0 is a capacity to "whatever the transport capacities", as it is to the bottlenecks.

A tester's c1: one road D→U, 10 t/day, closed C+3–C+4; the unit eats 8 t a day, its target
16 t; D gets 9 t a day and stores 0 t. Its gaps on C+6–C+13 read "the closure … and the
supply together: with it closed, … whatever the capacities, the units there could hold no
more of their target on these days", while the bottleneck report on the same screen said
"+8 t of storage at Depot D fills 36 t-days more of the units' days-of-supply targets".
Re-planned with 8 t of storage at D the gaps were 36 t-days less (147 to 111), and with
every capacity lifted, the store too, never below target on those days: the supply's count
had taken the store of 0 for a place that holds nothing.
"""

from __future__ import annotations

import dataclasses

from depot_cases import roomy

from supplyline.domain import Demand, Plan, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import make_demand, one_link

PARAMS = PlanParams(explain_top=0)
AFTER = range(6, 14)
"""The days after the closure that the road's 10 t/day cannot catch up by."""


def _c1(storage_t: float | None = 0.0) -> tuple[Scenario, Demand]:
    """D (9 t/day, ``storage_t``) → U over L1, 10 t/day, closed C+3–C+4; 8 t a day, 16 t target."""
    scenario, _ = one_link(
        capacity_t_per_day=10.0, days=14, outage_days=[3, 4], replenishment_t_per_day=9.0
    )
    depot = dataclasses.replace(scenario.locations[0], storage_t=storage_t)
    scenario = dataclasses.replace(scenario, locations=(depot, *scenario.locations[1:]))
    return scenario, make_demand(scenario, {("u1", "food"): 8.0}, buildup_t={("u1", "food"): 16.0})


def _below(plan: Plan, days: range) -> float:
    return sum(g.below_t for g in plan.target_gaps if g.day in days)


def test_the_gaps_after_the_closure_name_the_capacities_not_the_supply() -> None:
    """C+6–C+13 read "the closure … and the capacities together", never the supply."""
    plan = plan_movements(*_c1(), PARAMS)
    causes = {g.cause for g in plan.target_gaps if g.day in AFTER}
    assert causes == {
        "the closure of road link L1 (closed C+3–C+4) and the capacities together: with it "
        "closed, the capacities cannot bring U the Rations its units missed in time (see the "
        "bottlenecks); with it reopened, they would leave room for more"
    }


def test_the_store_lifted_fills_what_the_cause_now_says_capacity_held_back() -> None:
    """Storage at D fills 36 t-days of those gaps; every capacity lifted, all of them."""
    scenario, demand = _c1()
    plan = plan_movements(scenario, demand, PARAMS)
    stored = plan_movements(*_c1(8.0), PARAMS)
    lifted = plan_movements(roomy(scenario), demand, PARAMS)
    assert _below(plan, AFTER) - _below(stored, AFTER) == 36.0
    assert _below(lifted, AFTER) == 0.0

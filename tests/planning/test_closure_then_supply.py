"""Days after a closure that the supply cannot refill name the closure and the supply.

A unit whose only road was closed C+10–C+16, its depot storing nothing and giving 9 t a
day for the 8 it eats, emptied its 16 t target during the closure and refilled it 1 t a
day after: C+18–C+21 read "not enough Rations can reach U in time: whatever the
capacities, …", as if the road did not matter. Re-planned with the road open, or with
more supply, those days are never below target; with every capacity unlimited but the
depot's store of 0, as below; with the store lifted too, never: the closure and the
capacities (the store) together, as the bottlenecks say ("storage at D holds nothing").
The closed days (C+11–C+17) are as short and as far below with every capacity and the
store lifted: the closure and the supply.
"""

from __future__ import annotations

import dataclasses

from depot_cases import closures_lifted, roomy

from supplyline.domain import Demand, Plan, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import make_demand, one_link
from supplyline.planning.summary import target_rows

PARAMS = PlanParams(explain_top=0)
AFTER = (18, 19, 20, 21)


def _camp(replenishment_t_per_day: float) -> tuple[Scenario, Demand]:
    """D→U, a day's transit, closed C+10–C+16; D stores nothing; 8 t a day, target 16 t."""
    scenario, _ = one_link(
        days=22,
        replenishment_t_per_day=replenishment_t_per_day,
        outage_days=range(10, 17),
    )
    depot, camp = scenario.locations
    scenario = dataclasses.replace(
        scenario, locations=(dataclasses.replace(depot, storage_t=0.0), camp)
    )
    return scenario, make_demand(scenario, {("u1", "food"): 8.0}, buildup_t={("u1", "food"): 16.0})


def _below(plan: Plan) -> dict[int, float]:
    return {g.day: round(g.below_t, 6) for g in plan.target_gaps if g.day in AFTER}


def test_the_days_after_are_the_closure_and_the_store_together() -> None:
    """Road open, 20 t a day more, or every capacity and the store lifted: no gap after C+17.

    Every capacity unlimited but the store of 0 kept: as below (the store holds them back).
    """
    scenario, demand = _camp(9.0)
    plan = plan_movements(scenario, demand, PARAMS)
    lifted = plan_movements(closures_lifted(scenario, {"L1"}), demand, PARAMS)
    whatever = plan_movements(roomy(scenario), demand, PARAMS)
    store_kept = dataclasses.replace(roomy(scenario), locations=scenario.locations)
    but_store = plan_movements(store_kept, demand, PARAMS)
    more = plan_movements(*_camp(29.0), PARAMS)
    assert _below(plan) == _below(but_store) == {18: 15.0, 19: 14.0, 20: 13.0, 21: 12.0}
    assert _below(lifted) == _below(more) == _below(whatever) == {}


def test_the_closed_days_are_the_closure_and_the_supply_too() -> None:
    """C+11–C+17 (no goods can arrive) had read "stock delivered before could cover these days".

    Re-planned with every capacity unlimited, the unit is as short (6 t on C+13, 8 t a day
    on C+14–C+17) and as far below target: nothing delivered before could cover them, as
    the depot gives 1 t a day more than is eaten, and none can arrive. With the road open,
    or 20 t a day more, it is never short. So those days, shortfalls and gaps, name the
    closure and the supply; C+18–C+21, which the store lifted fills, the capacities.
    """
    scenario, demand = _camp(9.0)
    plan = plan_movements(scenario, demand, PARAMS)
    whatever = plan_movements(roomy(scenario), demand, PARAMS)
    short = {s.day: s.short_t for s in plan.shortfalls}
    assert (
        short
        == {s.day: s.short_t for s in whatever.shortfalls}
        == {
            13: 6.0,
            14: 8.0,
            15: 8.0,
            16: 8.0,
            17: 8.0,
        }
    )
    assert {s.cause for s in plan.shortfalls} == {
        "the closure of road link L1 (closed C+10–C+16) and the supply together: with it "
        "closed, not enough Rations can reach U in the horizon: whatever the transport "
        "capacities, the units there would still be short of 38 t in all, as in this "
        "plan; the supply at D, 9 t/day of Rations, is the limit: see bottleneck 1; with it "
        "reopened, the supply would leave room for more"
    }
    (row,) = target_rows(plan, demand)
    assert row["why"].split("; C+11–C+17: ")[1].split("; C+18–C+21: ")[0] == CLOSED_WORDS


def test_the_days_after_name_the_closure_and_the_capacities() -> None:
    """The targets row: C+18–C+21 name the closure with the capacities, not the supply."""
    scenario, demand = _camp(9.0)
    (row,) = target_rows(plan_movements(scenario, demand, PARAMS), demand)
    assert row["why"].endswith(f"; C+18–C+21: {AFTER_WORDS}")


CLOSED_WORDS = (
    "the closure of road link L1 (closed C+10–C+16) and the supply together: with it "
    "closed, not enough Rations can reach U in time: whatever the transport capacities, the "
    "units there could hold no more of their target on these days without being shorter by "
    "then; the supply at D, 9 t/day of Rations, is the limit: see bottleneck 1; with it "
    "reopened, the supply would leave room for more"
)
AFTER_WORDS = (
    "the closure of road link L1 (closed C+10–C+16) and the capacities together: with it "
    "closed, the capacities cannot bring U the Rations its units missed in time (see the "
    "bottlenecks); with it reopened, they would leave room for more"
)

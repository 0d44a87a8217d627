"""A target gap's cause weighs the supply its camp shares with others, as a shortfall's does.

A depot of 1 t a day (storing) fed two camps U and W, each unit eating 4 t a day from C+3
with a target of 8 t; the road to U was closed C+3–C+5. U's gaps read the closure on C+3–C+5
and "capacity" after it, W's "capacity" on every day; re-planned with the road open, the two
camps together miss exactly as much on every day: the shared supply binds, not the road.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from depot_cases import closures_lifted, roomy

from supplyline.domain import Demand, Plan, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import make_demand, one_link
from supplyline.planning.summary import target_rows

PARAMS = PlanParams(explain_top=0)


def _camps(replenishment_t_per_day: float) -> tuple[Scenario, Demand]:
    """D feeds U (road L1 closed C+3–C+5) and W; X is fed by its own depot E over 1 t a day.

    10 days, no transit; each unit eats 4 t a day from C+3 and holds a target of 8 t. X,
    held back by its road's capacity, keeps the commodity's units together shorter than
    their supply makes them, so that only the two camps sharing D are the supply's.
    """
    scenario, _ = one_link(
        capacity_t_per_day=100.0,
        transit_days=0,
        days=10,
        replenishment_t_per_day=replenishment_t_per_day,
        outage_days=[3, 4, 5],
    )
    depot, camp = scenario.locations
    camp = dataclasses.replace(camp, storage_t=None)
    road = scenario.links[0]
    unit = dataclasses.replace(scenario.units[0], required_day=3)
    other_depot = dataclasses.replace(depot, id="E", name="E")
    stock = dataclasses.replace(scenario.stocks[0], location="E", replenishment_t_per_day=50.0)
    scenario = dataclasses.replace(
        scenario,
        locations=(
            depot,
            camp,
            dataclasses.replace(camp, id="W", name="W"),
            other_depot,
            dataclasses.replace(camp, id="X", name="X"),
        ),
        links=(
            road,
            dataclasses.replace(road, id="L2", destination="W", outage_days=frozenset()),
            dataclasses.replace(
                road,
                id="L3",
                origin="E",
                destination="X",
                capacity_t_per_day=1.0,
                outage_days=frozenset(),
            ),
        ),
        units=(
            unit,
            dataclasses.replace(unit, id="u2", home="W", destination="W"),
            dataclasses.replace(unit, id="u3", home="X", destination="X"),
        ),
        stocks=(scenario.stocks[0], stock),
    )
    ids = [u.id for u in scenario.units]
    return scenario, make_demand(
        scenario,
        {(u, "food"): 4.0 for u in ids},
        buildup_t={(u, "food"): 8.0 for u in ids},
    )


def _missed(plan: Plan, units: set[str]) -> list[float]:
    """Each day, what the units miss by then: their shortfall so far plus their gap that day."""
    short_t, below_t = np.zeros(plan.horizon_days), np.zeros(plan.horizon_days)
    for s in plan.shortfalls:
        if s.unit in units:
            short_t[s.day] += s.short_t
    for g in plan.target_gaps:
        if g.unit in units:
            below_t[g.day] += g.below_t
    return (np.cumsum(short_t) + below_t).round(6).tolist()


def test_the_camps_sharing_the_depot_miss_as_much_with_the_road_open() -> None:
    """Re-planned: road open or every capacity unlimited, as missed each day; more supply, less."""
    scenario, demand = _camps(1.0)
    plan = plan_movements(scenario, demand, PARAMS)
    lifted = plan_movements(closures_lifted(scenario, {"L1"}), demand, PARAMS)
    whatever = plan_movements(roomy(scenario), demand, PARAMS)
    more = plan_movements(*_camps(20.0), PARAMS)
    both = {"u1", "u2"}
    assert _missed(plan, both) == _missed(lifted, both) == _missed(whatever, both)
    assert _missed(plan, both)[3:] == [4.0, 11.0, 18.0, 25.0, 32.0, 39.0, 46.0]
    assert _missed(more, both)[3:] == [0.0] * 7


def test_a_gap_the_shared_supply_binds_names_it_on_every_day() -> None:
    """U's row (closed days and after) and W's name the supply the two camps share.

    Before: U "C+3: the closure …; C+4–C+5: the closure …; the supply is short too: …;
    C+6–C+9: capacity (see the bottlenecks)", W "capacity (see the bottlenecks)".
    """
    scenario, demand = _camps(1.0)
    plan = plan_movements(scenario, demand, PARAMS)
    rows = {r["unit"]: r["why"] for r in target_rows(plan, demand)}
    assert rows == {
        "u1": "not enough Rations is in stock in time for the units at U and at W, which share "
        "its supply: with road link L1 (closed C+3–C+5) reopened and whatever the transport "
        "capacities, they could hold no more of their targets on these days without being "
        "shorter by then; the supply at D, 1 t/day of Rations, is the limit: see bottleneck 1",
        "u2": "not enough Rations is in stock in time for the units at W and at U, which share "
        "its supply: whatever the transport capacities, they could hold no more of their "
        "targets on these days without being shorter by then; the supply at D, 1 t/day of "
        "Rations, is the limit: see bottleneck 1",
        "u3": "capacity (see the bottlenecks)",
    }

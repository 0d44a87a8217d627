"""A closure's cause weighs the supply its camp shares with others, not its camp's alone.

A tester's depot of 4 t a day (no store) fed two camps; the road to the first, closed
C+0–C+1, C+3–C+4 and C+7–C+8, was said to cut it off with "stock delivered before could
cover these days"; re-planned with the road open on every day, the plan was 23 t short
instead of 24: the shortfall moved to the other camp. Counted at the first camp alone,
the supply could feed it; counted for the two camps together, it is short.
"""

from __future__ import annotations

import dataclasses

import pytest
from depot_cases import closures_lifted

from supplyline.domain import Demand, Plan, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import make_demand, one_link


def _two_camps(
    replenishment_t_per_day: float, outage_days: list[int], *, depot_store: float | None
) -> tuple[Scenario, Demand]:
    """D feeds U (store 5 t, road L1 closed on ``outage_days``) and W (no store, L2 open).

    10 days, no transit; each camp's unit eats 4 t a day from C+3.
    """
    scenario, _ = one_link(
        capacity_t_per_day=100.0,
        transit_days=0,
        days=10,
        replenishment_t_per_day=replenishment_t_per_day,
        outage_days=outage_days,
    )
    depot, camp = scenario.locations
    depot = dataclasses.replace(depot, storage_t=depot_store)
    camp = dataclasses.replace(camp, storage_t=5.0)
    other = dataclasses.replace(camp, id="W", name="W", storage_t=0.0)
    road = scenario.links[0]
    second = dataclasses.replace(road, id="L2", destination="W", outage_days=frozenset())
    unit = dataclasses.replace(scenario.units[0], required_day=3)
    units = (unit, dataclasses.replace(unit, id="u2", home="W", destination="W"))
    scenario = dataclasses.replace(
        scenario, locations=(depot, camp, other), links=(road, second), units=units
    )
    return scenario, make_demand(scenario, {("u1", "food"): 4.0, ("u2", "food"): 4.0})


def _plans(case: tuple[Scenario, Demand]) -> tuple[Plan, Plan]:
    """The plan, and the plan re-made with L1 open on every day."""
    scenario, demand = case
    params = PlanParams(explain_top=0)
    lifted = closures_lifted(scenario, {"L1"})
    return plan_movements(scenario, demand, params), plan_movements(lifted, demand, params)


def test_a_shared_supply_short_for_both_camps_is_named_beside_the_closure() -> None:
    """4 t a day, no store at the depot: 24 t short, 23 t with the road open.

    The road's reopening moves U's shortfall to W (the tester's re-plan had U none short,
    W 23 t; which of the two is short is a tie), so the supply the two camps share binds;
    reopening it still saves 1 t (U's store takes C+0's 4 t a
    day; with the road closed, only C+2's), so the closure is named, the supply beside it,
    and stock delivered before is not said to cover the days. The days the road is open,
    which read "capacity" (an empty cause), name the supply beside the capacities: 40 t
    given for 56 t eaten, whatever the transport capacities at least 16 t short.
    """
    plan, lifted = _plans(_two_camps(4.0, [0, 1, 3, 4, 7, 8], depot_store=0.0))
    assert (plan.total_short_t, lifted.total_short_t) == pytest.approx((24.0, 23.0))
    both = (
        "the closure of road link L1 (closed C+0–C+1, C+3–C+4, C+7–C+8) cuts U off from "
        "Rations; the supply is short too: with it reopened, the units at U and at W, which "
        "share its supply, would still be short of at least 16 t of Rations in all (in this "
        "plan 24 t)"
    )
    beside = (
        "capacity and supply: whatever the transport capacities, the units would still be short "
        "of at least 16 t of Rations in all (see the bottlenecks); the supply at D, 4 t/day of "
        "Rations, is the limit: see bottleneck 1"
    )
    named = {s.cause for s in plan.shortfalls if s.unit == "u1"}
    assert named == {both, beside}


def test_a_closure_and_the_shared_supply_are_both_named() -> None:
    """53 t in stock for 56 t eaten: 7 t short, 3 t with the road (closed C+3–C+5) open.

    Before, the cause named the closure alone: at U alone, the supply could feed its unit.
    """
    plan, lifted = _plans(_two_camps(5.3, [3, 4, 5], depot_store=None))
    assert (plan.total_short_t, lifted.total_short_t) == pytest.approx((7.0, 3.0))
    both = (
        "the closure of road link L1 (closed C+3–C+5) cuts U off from Rations; the supply is "
        "short too: with it reopened, the units at U and at W, which share its supply, would "
        "still be short of at least 3 t of Rations in all (in this plan 7 t)"
    )
    named = {s.cause for s in plan.shortfalls if s.unit == "u1" and s.cause}
    assert named == {both}


def _and_a_camp_held_back(case: tuple[Scenario, Demand]) -> tuple[Scenario, Demand]:
    """The two camps, and X, fed by its own depot E over a road of 1 t a day (eating 4)."""
    scenario, _ = case
    depot, camp, other = scenario.locations
    road, second = scenario.links
    far = dataclasses.replace(other, id="X", name="X")
    store = dataclasses.replace(depot, id="E", name="E")
    third = dataclasses.replace(
        second, id="L3", origin="E", destination="X", capacity_t_per_day=1.0
    )
    unit = scenario.units[1]
    stock = dataclasses.replace(scenario.stocks[0], location="E", replenishment_t_per_day=50.0)
    scenario = dataclasses.replace(
        scenario,
        locations=(depot, camp, other, store, far),
        links=(road, second, third),
        units=(*scenario.units, dataclasses.replace(unit, id="u3", home="X", destination="X")),
        stocks=(scenario.stocks[0], stock),
    )
    daily = {(u.id, "food"): 4.0 for u in scenario.units}
    return scenario, make_demand(scenario, daily)


def test_the_shared_supply_alone_is_named_where_reopening_cannot_help() -> None:
    """1 t a day for U and W eating 4 each, the depot storing: as short with the road open.

    Counted at U alone, the supply left its unit at least 18 t short of the plan's 25, and
    counted for every unit, X, held back by its road's capacity, is shorter than its supply
    makes it: the closure was named with the supply beside it. The two camps that share the
    depot are short of what comes whatever the road does.
    """
    case = _and_a_camp_held_back(_two_camps(1.0, [3, 4, 5], depot_store=None))
    plan, lifted = _plans(case)
    in_two = [sum(s.short_t for s in x.shortfalls if s.unit != "u3") for x in (plan, lifted)]
    assert in_two[0] == pytest.approx(in_two[1]) == pytest.approx(46.0)
    supply = (
        "not enough Rations is in stock for the units at U and at W, which share its supply: "
        "with road link L1 (closed C+3–C+5) reopened and whatever the transport capacities, they "
        "would still be short of 46 t in all, as in this plan; the supply at D, 1 t/day "
        "of Rations, is the limit: see bottleneck 1"
    )
    named = {s.cause for s in plan.shortfalls if s.unit == "u1" and s.day in (3, 4, 5)}
    assert named == {supply}

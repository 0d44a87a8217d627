"""The objective's order holds on long horizons.

A priority comes before any lower one, and any shortfall before a days-of-supply target.
Both cases are a tester's: one link carries once, on day 0, and is closed after; what
crosses then has to last the unit the whole horizon.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from supplyline.domain import Demand, Link, LocationKind, Mode, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import FOOD, FUEL, _loc, make_demand, one_link
from supplyline.planning.summary import target_rows


def _one_crossing(days: int, capacity_t: float) -> Scenario:
    """A depot with fuel and food, one link open on day 0 only, the unit in place."""
    scenario, _ = one_link(
        capacity_t_per_day=capacity_t,
        days=days,
        outage_days=range(1, days),
        replenishment_t_per_day=10.0 * days,  # the depot has plenty on day 0
    )
    food = scenario.stocks[0]
    return dataclasses.replace(
        scenario,
        commodities=(FUEL, FOOD),
        stocks=(food, dataclasses.replace(food, commodity="fuel")),
    )


def _only_first_days(demand: Demand, commodity: str, last_day: int) -> Demand:
    k = demand.commodity_ids.index(commodity)
    consumption = demand.consumption_t.copy()
    consumption[:, k, last_day + 1 :] = 0.0
    return dataclasses.replace(demand, consumption_t=consumption)


@pytest.mark.parametrize("days", [15, 35, 90])
def test_the_higher_priority_is_never_short_to_spare_a_lower_one(days: int) -> None:
    # fuel (priority 1) every day, food (priority 2) on days 0-4; day 0 is out of reach
    # for both, and the one crossing carries exactly the fuel for days 1 to the end
    scenario = _one_crossing(days, capacity_t=days - 1.0)
    demand = _only_first_days(
        make_demand(scenario, {("u1", "fuel"): 1.0, ("u1", "food"): 1.0}), "food", 4
    )
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    short = {(s.commodity, s.day): s.short_t for s in plan.shortfalls}
    assert short == {("fuel", 0): 1.0, **{("food", d): 1.0 for d in range(5)}}


def test_a_days_of_supply_target_never_costs_a_shortfall() -> None:
    # food (priority 2) with a 10 t target (the unit is in place: on hand at the start)
    # and fuel of the lowest priority for a second unit: the crossing carries exactly the
    # food eaten after the 10 t on hand and the fuel, so the target is what goes without
    days = 30
    scenario = _one_crossing(days, capacity_t=(days - 10) + (days - 1))
    low = dataclasses.replace(FUEL, priority=9)
    second = dataclasses.replace(scenario.units[0], id="u2", name="2nd")
    scenario = dataclasses.replace(
        scenario, commodities=(low, FOOD), units=(*scenario.units, second)
    )
    demand = make_demand(
        scenario,
        {("u1", "food"): 1.0, ("u2", "fuel"): 1.0},
        buildup_t={("u1", "food"): 10.0},
    )
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    short = {(s.unit, s.commodity, s.day): s.short_t for s in plan.shortfalls}
    assert short == {("u2", "fuel", 0): 1.0}  # day 0 is out of reach
    assert np.isclose(plan.total_short_t, 1.0)


def test_a_days_of_supply_target_not_met_is_summarised_by_unit_and_commodity() -> None:
    """A tester's missed target showed nowhere: the summary now lists it.

    The unit, in place, starts with its 10 t target on hand and eats 8 t of it on day 0
    (nothing can arrive before day 1); the link then brings only what it eats, 8 t a day,
    so it holds 2 t against its 10 t target every day: 8 t below on each of 5 days.
    """
    scenario, _ = one_link(capacity_t_per_day=8.0, days=5)
    demand = make_demand(scenario, {("u1", "food"): 8.0}, buildup_t={("u1", "food"): 10.0})
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    assert plan.total_short_t == 0.0
    assert target_rows(plan, demand) == [
        {
            "unit": "u1",
            "commodity": "food",
            "target_t": 10.0,
            "below_t_days": 40.0,
            "most_below_t": 8.0,
            "first": "C+0",
            "last": "C+4",
            "days": "C+0–C+4",
            # day 0 was beyond any capacity; the link's 8 t a day is to blame after it
            "why": "C+0: no Rations can reach U before C+1; C+1–C+4: capacity (see the "
            "bottlenecks)",
        }
    ]


def _with_links(days: int, links: tuple[Link, ...]) -> tuple[Scenario, Demand]:
    """One unit U fed from depot D over the given links.

    X is a far airfield that only makes the scenario's dearest link cost 2,400 a tonne.
    """
    scenario, _ = one_link(days=days, transit_days=0)
    extra = (_loc("A", "A", LocationKind.DEPOT, 20.5), _loc("X", "A", LocationKind.DEPOT, 25.0))
    air = Link(
        id="air", origin="X", destination="D", mode=Mode.AIR, distance_km=900,
        transit_days=0, cost_per_t=2400.0,
    )  # fmt: skip
    scenario = dataclasses.replace(
        scenario, locations=scenario.locations + extra, links=(*links, air)
    )
    return scenario, make_demand(scenario, {("u1", "food"): 8.0})


def _road(link_id: str, origin: str, destination: str, cost: float, **kw: Any) -> Link:
    return Link(
        id=link_id, origin=origin, destination=destination, mode=Mode.ROAD, distance_km=45,
        transit_days=0, cost_per_t=cost, **kw,
    )  # fmt: skip


def test_two_cheap_legs_beat_one_dear_link_whatever_the_dearest_link_costs() -> None:
    """Tie-breakers stay below real costs.

    At 1e-3 of the cost scale a leg cost 2.4, and a reviewer's plan sent everything over a
    direct link of 4 instead of two legs of 1.
    """
    plan = plan_movements(
        *_with_links(
            6,
            (
                _road("direct", "D", "U", 4.0),
                _road("a1", "D", "A", 1.0),
                _road("a2", "A", "U", 1.0),
            ),
        ),
        PlanParams(explain_top=0),
    )
    assert plan.total_short_t == 0
    assert {m.link for m in plan.movements} == {"a1", "a2"}


def test_holding_does_not_outweigh_a_cheaper_link() -> None:
    """Stocking up over the cheap link before it closes beats the dear one afterwards."""
    closes = frozenset(range(3, 12))
    plan = plan_movements(
        *_with_links(
            12, (_road("cheap", "D", "U", 1.0, outage_days=closes), _road("dear", "D", "U", 2.0))
        ),
        PlanParams(explain_top=0),
    )
    assert plan.total_short_t == 0
    assert {m.link for m in plan.movements} == {"cheap"}

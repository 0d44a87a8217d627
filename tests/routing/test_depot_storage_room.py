"""What a depot keeps overnight is at most its store's room (``storage_t``).

A tester's depot D of ``storage_t`` 0, getting 5 t of food a day, was counted 20 t by
C+3 (initial stock and every day's replenishment added up), and ``routes`` loaded 8 t of
food there that day with no ``depot_short``: D can hold nothing overnight, so 5 t that
day at most; with ``storage_t`` 1, 6 t.
"""

from __future__ import annotations

import dataclasses

import pytest
from routing_scenarios import START, fleet, loc, road, scenario, unit

from supplyline.domain import (
    LocationKind,
    Mode,
    Movement,
    Plan,
    PlanStatus,
    Scenario,
    Stock,
    UnservedReason,
)
from supplyline.routing.convoy import ConvoyParams, route_day
from supplyline.routing.depot_days import plan_day_stock
from supplyline.routing.depot_ledger import plan_depot_stock
from supplyline.routing.problem import RouterParams
from supplyline.routing.site_stock import held_on_day, stock_on_day, store_room

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=2, max_iterations=100, seed=1))


def _site(storage_t: float | None, *, initial_t: float = 0.0, daily_t: float = 5.0) -> Scenario:
    """D (trucks; ``daily_t`` of food a day, store ``storage_t``), R (railhead), U1 and U2."""
    locs = [
        loc("R", 0.0, LocationKind.RAILHEAD),
        dataclasses.replace(loc("D", 0.01, LocationKind.DEPOT), storage_t=storage_t),
        loc("U1", 0.1),
        loc("U2", 0.15),
    ]
    links = [road(a, b, 15.0) for a in ("R", "D") for b in ("U1", "U2")]
    s = scenario(locs, [unit("u1", "U1"), unit("u2", "U2")], links, [fleet("T", "D", count=10)])
    food = Stock(
        location="D", commodity="food", initial_t=initial_t, replenishment_t_per_day=daily_t
    )
    return dataclasses.replace(s, horizon_days=6, stocks=(food,))


def _leg(
    a: str, b: str, tonnes: float, day: int, arrival: int | None = None, mode: Mode = Mode.ROAD
) -> Movement:
    return Movement(link=f"{a}-{b}", origin=a, destination=b, mode=mode, commodity="food",
                    departure_day=day, arrival_day=day if arrival is None else arrival,
                    tonnes=tonnes)  # fmt: skip


def _plan(s: Scenario, *legs: Movement) -> Plan:
    return Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0, movements=legs)  # fmt: skip


def _from_r(s: Scenario) -> Plan:
    """4 t of food a day by road from R to each unit, as the tester's plan sends it."""
    return _plan(s, *(_leg("R", p, 4.0, k) for k in range(6) for p in ("U1", "U2")))


@pytest.mark.parametrize(("storage_t", "held_t"), [(0.0, 5.0), (1.0, 6.0), (None, 20.0)])
def test_the_plans_depot_keeps_overnight_at_most_its_room(
    storage_t: float | None, held_t: float
) -> None:
    """C+3: the day's 5 t, plus what the store kept from C+2 (0 t, 1 t, or all 15 t)."""
    s = _site(storage_t)
    assert plan_depot_stock(s, _from_r(s), 3) == {("D", "food"): pytest.approx(held_t)}


@pytest.mark.parametrize(("storage_t", "held_t"), [(0.0, 5.0), (1.0, 6.0), (None, 20.0)])
def test_from_the_demand_a_place_keeps_overnight_at_most_its_room(
    storage_t: float | None, held_t: float
) -> None:
    """``routes --from-demand`` counts the same: stocks.csv's days kept up to ``storage_t``."""
    s = _site(storage_t)
    assert stock_on_day(s, 3)[("D", "food")] == pytest.approx(held_t)
    assert held_on_day(s, [[], []], 3)[("D", "food")] == pytest.approx(held_t)


def test_stock_on_hand_beyond_storage_stays() -> None:
    """20 t on hand in a store of storage_t 0 stay there, as the plan keeps them."""
    s = _site(0.0, initial_t=20.0, daily_t=0.0)
    assert store_room(s)["D"] == 20.0
    assert stock_on_day(s, 3)[("D", "food")] == pytest.approx(20.0)


def test_goods_on_the_road_overnight_are_not_the_stores() -> None:
    """10 t by rail into D on C+0 leave by a road of a day for U1: the trucks load them on C+1.

    The plan counts them on the road, not in D's store of storage_t 0.
    """
    s = _site(0.0, daily_t=0.0)
    plan = _plan(s, _leg("R", "D", 10.0, 0, mode=Mode.RAIL), _leg("D", "U1", 10.0, 0, 1))
    assert plan_depot_stock(s, plan, 1) == {("D", "food"): pytest.approx(10.0)}
    assert plan_depot_stock(s, plan, 2) == {("D", "food"): pytest.approx(0.0)}


def test_routes_leave_what_the_store_could_not_keep_depot_short() -> None:
    """C+3, storage_t 0: D loads its day's 5 t; 3 t of u2's food are depot_short."""
    s = _site(0.0)
    requests, drawn, stock = plan_day_stock(s, _from_r(s), 3)
    routes = route_day(s, requests, day=3, params=PARAMS, on_site=drawn, depot_stock=stock)
    loaded = sum(t for r in routes.routes for stop in r.stops for t in stop.load_t.values())
    short = [u for u in routes.unserved if u.reason is UnservedReason.DEPOT_SHORT]
    assert loaded == pytest.approx(5.0)
    assert [(u.unit, dict(u.load_t)) for u in short] == [("u2", {"food": pytest.approx(3.0)})]

"""``routes --from-demand`` takes earlier days' truck-loads off the depots' stock.

By hand: depot D holds 10 t of food and gets no more; unit u1, 15 km away, needs 4 t a
day on C+0, C+1 and C+2. D can give 4 t, 4 t, then the 2 t it has left: 10 t of 10.
``--from-demand`` checks the trucks' loads after routing (the router loads what the day
asks; docs/routing.md, *`--from-demand` checks it*), so on C+2 the trucks carry 4 t and
2 t of it are ``depot_short`` (D held 2 t). Before, each day was checked against the
whole 10 t: 12 t loaded over three days, no ``depot_short`` on any day.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Scenario, Stock
from supplyline.io import write_scenario
from supplyline.io.factors import factors_for
from supplyline.planning.arrival import demand_on_arrival
from supplyline.requirements import compute_requirements
from supplyline.routing.convoy import ConvoyParams, route_day
from supplyline.routing.demand_depot_days import demand_day_stock, loaded_at_depots
from supplyline.routing.depot_stock import DEMAND_BASIS
from supplyline.routing.problem import RouterParams
from supplyline.routing.requests import DeliveryRequest
from supplyline.services.routing import requests_from_demand, route_scenario_day

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=2, max_iterations=100, seed=1))
DAILY_T = 4.0


def _site(initial_t: float = 10.0) -> Scenario:
    """D (trucks, ``initial_t`` of food, no replenishment) and U1 15 km away; 3 days."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("U1", 0.1)]
    s = scenario(locs, [unit("u1", "U1")], [road("D", "U1", 15.0)], [fleet("T", "D", count=10)])
    food = Stock(location="D", commodity="food", initial_t=initial_t)
    return dataclasses.replace(s, horizon_days=3, stocks=(food,))


def _by_day(days: int = 3) -> list[list[DeliveryRequest]]:
    """u1's 4 t of food on each day, as ``requests_from_demand`` gives them."""
    return [[DeliveryRequest(unit="u1", location="U1", load_t={"food": DAILY_T})]] * days


def test_the_depot_holds_10_then_6_then_2_t() -> None:
    """Each day starts with what the earlier days' 4 t loads left of D's 10 t."""
    s = _site()
    held = [demand_day_stock(s, _by_day(), day)[("D", "food")] for day in range(3)]
    assert held == pytest.approx([10.0, 6.0, 2.0])


def test_the_days_shares_are_4_4_and_2_t() -> None:
    """As routes shares each day's stock: D gives 4, 4 and its last 2 t, 10 t of 10."""
    s = _site()
    shares = [
        loaded_at_depots(s, _by_day()[day], demand_day_stock(s, _by_day(), day), day)
        for day in range(3)
    ]
    assert [x.get(("D", "food"), 0.0) for x in shares] == pytest.approx([4.0, 4.0, 2.0])


def test_routes_from_demand_flag_2_t_depot_short_on_the_third_day() -> None:
    """C+0 and C+1 load 4 t unflagged; C+2 loads 4 t of D's 2 t: 2 t depot_short."""
    s = _site()
    flagged = []
    for day in range(3):
        held = demand_day_stock(s, _by_day(), day)
        routes = route_day(s, _by_day()[day], day=day, params=PARAMS, held_t=held)
        loaded = sum(t for r in routes.routes for stop in r.stops for t in stop.load_t.values())
        assert loaded == pytest.approx(DAILY_T)
        flagged += [(d.day, d.depot, d.held_t, d.asked_t) for d in routes.depot_short]
        assert routes.depot_stock_basis == DEMAND_BASIS
    assert flagged == [(2, "D", pytest.approx(2.0), pytest.approx(4.0))]


def test_a_depot_never_gives_below_nothing() -> None:
    """D of 3 t: 3 t on C+0, then nothing left on C+1 and C+2 (never a negative stock)."""
    s = _site(3.0)
    held = [demand_day_stock(s, _by_day(), day)[("D", "food")] for day in range(3)]
    assert held == pytest.approx([3.0, 0.0, 0.0])


@pytest.mark.slow
def test_route_scenario_day_from_demand_walks_the_earlier_days(tmp_path: Path) -> None:
    """Through the service (as the CLI): D holds 2.5 days of u1's food; C+2 is half short."""
    s = _site()
    demand = demand_on_arrival(s, compute_requirements(s, factors_for({})))
    daily = requests_from_demand(s, demand, 0)[0].load_t["food"]
    food = Stock(location="D", commodity="food", initial_t=2.5 * daily)
    write_scenario(dataclasses.replace(s, stocks=(food,)), tmp_path / "sc")
    run = route_scenario_day(tmp_path / "sc", day=2, from_demand=True, params=PARAMS)
    short = [(d.held_t, d.asked_t) for d in run.routes.depot_short if d.commodity == "food"]
    assert short == [(pytest.approx(0.5 * daily), pytest.approx(daily))]

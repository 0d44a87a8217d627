"""``routes --from-demand`` takes off earlier days only what their trucks could carry.

By hand: depot D holds 10 t of food and gets no more; unit u1, 15 km away, asks 4 t a
day, and D's one 3 t truck makes one trip a day to it (u1 receives 6:00-6:30, a round
trip is 1.1 h). The trucks carry 3 t a day, and 1 t a day is ``too_large`` (two loads, one trip): D
holds 10, 7, 4 and 1 t on C+0 to C+3. Before, all 4 t asked came off: 10, 6, 2, 0 t,
and C+2 flagged 1 t ``depot_short`` that routing C+0 and C+1 would not.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Scenario, Stock
from supplyline.routing.carry_bound import carry_bound
from supplyline.routing.convoy import ConvoyParams, route_day
from supplyline.routing.demand_depot_days import demand_day_stock, loaded_at_depots
from supplyline.routing.depot_days import day_allocation, day_loads, given_by_depot
from supplyline.routing.problem import RouterParams
from supplyline.routing.requests import DeliveryRequest

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=2, max_iterations=100, seed=1))


def _site(days: int = 4) -> Scenario:
    """D (one 3 t truck, 10 t of food, no replenishment) and U1 15 km away, open 6-6:30."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("U1", 0.1)]
    units = [unit("u1", "U1", open_h=6.0, close_h=6.5)]
    s = scenario(locs, units, [road("D", "U1", 15.0)], [fleet("T", "D", count=1, payload_t=3.0)])
    food = Stock(location="D", commodity="food", initial_t=10.0)
    return dataclasses.replace(s, horizon_days=days, stocks=(food,))


def _by_day(days: int = 4, daily_t: float = 4.0) -> list[list[DeliveryRequest]]:
    return [[DeliveryRequest(unit="u1", location="U1", load_t={"food": daily_t})]] * days


def test_the_depot_holds_10_7_4_and_1_t() -> None:
    """Each earlier day takes off the 3 t its truck carries, not the 4 t asked."""
    s = _site()
    held = [demand_day_stock(s, _by_day(), day)[("D", "food")] for day in range(4)]
    assert held == pytest.approx([10.0, 7.0, 4.0, 1.0])


def test_the_truck_carries_3_t_a_day_to_u1() -> None:
    """One trip a day (window 0.5 h, round trip 1.1 h) of one 3 t truck."""
    s = _site()
    loads = day_loads(s, _by_day()[0], 0)
    assert loads is not None
    bound = carry_bound(s, *loads, 0)
    assert bound.to_unit == {("u1", "U1"): pytest.approx(3.0)}
    assert bound.from_depot == {"D": pytest.approx(3.0)}


def test_the_stock_is_what_routing_every_earlier_day_leaves() -> None:
    """Routed, each day carries 3 t and leaves 1 t; C+3 loads 3 t of D's 1 t: 2 t short."""
    s = _site()
    left = 10.0
    for day in range(4):
        held = demand_day_stock(s, _by_day(), day)
        assert held[("D", "food")] == pytest.approx(left)
        routes = route_day(s, _by_day()[day], day=day, params=PARAMS, held_t=held)
        loaded = sum(t for r in routes.routes for stop in r.stops for t in stop.load_t.values())
        assert loaded == pytest.approx(3.0)
        assert [(u.reason.value, u.tonnes) for u in routes.unserved] == [
            ("too_large", pytest.approx(1.0))
        ]
        short = [(d.held_t, d.asked_t) for d in routes.depot_short]
        assert short == ([] if day < 3 else [(pytest.approx(1.0), pytest.approx(3.0))])
        left = max(left - loaded, 0.0)


def test_single_trip_trucks_bound_the_days_by_one_trip() -> None:
    """Open all day, the truck makes many trips; with one trip a day it carries 3 t."""
    s = _site()
    s = dataclasses.replace(s, units=(unit("u1", "U1", open_h=6.0, close_h=18.0),))
    many = [demand_day_stock(s, _by_day(), day)[("D", "food")] for day in range(3)]
    one = [demand_day_stock(s, _by_day(), day, multi_trip=False)[("D", "food")] for day in range(3)]
    assert many == pytest.approx([10.0, 6.0, 2.0])
    assert one == pytest.approx([10.0, 7.0, 4.0])


@st.composite
def _days(draw: st.DrawFn) -> tuple[Scenario, list[DeliveryRequest], dict[tuple[str, str], float]]:
    """Two depots, two units, random trucks, windows, stocks and requests for one day."""
    locs = [
        loc("D1", 0.0, LocationKind.DEPOT),
        loc("D2", 0.3, LocationKind.DEPOT),
        loc("U1", 0.1),
        loc("U2", 0.2),
    ]
    units = []
    for u in ("u1", "u2"):
        open_h = draw(st.floats(0.0, 20.0))
        units.append(unit(u, u.upper(), open_h=open_h, close_h=draw(st.floats(open_h + 0.1, 24.0))))
    groups = [
        fleet(
            f"T{d}",
            f"D{d}",
            count=draw(st.integers(0, 3)),
            payload_t=draw(st.floats(0.5, 12.0)),
            hours=draw(st.floats(1.0, 12.0)),
        )
        for d in (1, 2)
    ]
    roads = [road("D1", "U1", 15.0), road("D1", "U2", 30.0), road("D2", "U2", 15.0)]
    s = scenario(locs, units, roads, groups)
    requests = [
        DeliveryRequest(
            unit=u,
            location=u.upper(),
            load_t={"food": draw(st.floats(0.0, 80.0)), "fuel": draw(st.floats(0.0, 20.0))},
        )
        for u in ("u1", "u2")
    ]
    held = {(d, c): draw(st.floats(0.0, 60.0)) for d in ("D1", "D2") for c in ("food", "fuel")}
    return s, requests, held


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_days(), st.booleans())
def test_what_a_day_takes_off_is_within_its_shares_and_its_trucks(
    case: tuple[Scenario, list[DeliveryRequest], dict[tuple[str, str], float]], multi_trip: bool
) -> None:
    """A day takes off no more than its shares asked, nor than its trucks carry at most.

    Per depot and commodity no more than the share; per depot no more than its trucks
    load; in all no more than the trucks bring the units.
    """
    s, requests, held = case
    taken = loaded_at_depots(s, requests, held, 0, multi_trip=multi_trip)
    shared = day_allocation(s, requests, held, 0)
    loads = day_loads(s, requests, 0)
    if shared is None or loads is None:
        assert taken == {}
        return
    asked = {k: sum(to.values()) for k, to in given_by_depot(shared[1]).items()}
    bound = carry_bound(s, *loads, 0, multi_trip=multi_trip)
    for key, t in taken.items():
        assert 0.0 <= t <= asked[key] + 1e-9
    for depot in {d for d, _ in taken}:
        assert sum(t for (d, _), t in taken.items() if d == depot) <= (
            bound.from_depot[depot] + 1e-9
        )
    assert sum(taken.values()) <= sum(bound.to_unit.values()) + 1e-9
    assert sum(taken.values()) <= sum(asked.values()) + 1e-9

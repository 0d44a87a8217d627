"""Two loads of one unit on one trip are one stop with one service time, not two.

A tester's cargo truck took 1.5 h at os-mrb for two loads split to suit a smaller
bowser's volume, 45 minutes more than one stop needs: PyVRP times a service per load.
"""

from __future__ import annotations

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Scenario
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.requests import request_for

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=1, max_iterations=300, seed=2))
SERVICE_H = 0.5


def _depot(km: float, *groups: tuple[str, float], hours: float = 9.0) -> Scenario:
    """RH and U0 at L0, ``km`` away at 50 km/h; one truck of each (id, payload t)."""
    return scenario(
        [loc("RH", 0.0, LocationKind.RAILHEAD), loc("L0", 1.0)],
        [unit("U0", "L0", open_h=0.0, close_h=24.0)],
        [road("RH", "L0", km)],
        [fleet(g, "RH", count=1, payload_t=t, hours=hours) for g, t in groups],
        service_minutes=SERVICE_H * 60,
    )


def test_two_loads_on_one_trip_count_one_service_in_the_trucks_hours() -> None:
    """20 t of diesel in two 10 t loads (sized for the 10 t truck), 50 km out.

    The 20 t truck takes both on one trip (one fixed cost): one stop of 20 t, served
    for 0.5 h, and its day is 1 h out, 0.5 h there, 1 h back: 2.5 h, not 3.
    """
    sc = _depot(50.0, ("big", 20.0), ("small", 10.0))
    routes = route_day(sc, [request_for(sc, "U0", {"fuel": 20.0})], day=0, params=PARAMS)
    (truck,) = routes.routes
    assert truck.fleet_group == "big"
    (stop,) = truck.stops
    assert stop.tonnes == pytest.approx(20.0)
    assert stop.departure_h - stop.service_start_h == pytest.approx(SERVICE_H)
    assert truck.end_h - truck.start_h == pytest.approx(1.0 + SERVICE_H + 1.0)
    assert truck.end_h == pytest.approx(stop.departure_h + 1.0)


def test_a_10_and_a_20_t_truck_bring_30_t_in_one_trip_each() -> None:
    """30 t for a 10 t and a 20 t truck 180 km out (one trip a day each, 9 h drivers' hours).

    The loads are sized for the 10 t truck (three of 10 t); the 20 t truck carries two of
    them in one stop, with one service time, so all 30 t go.
    """
    sc = _depot(180.0, ("big", 20.0), ("small", 10.0))
    routes = route_day(sc, [request_for(sc, "U0", {"fuel": 30.0})], day=0, params=PARAMS)
    assert not routes.unserved
    by_group = {r.fleet_group: r for r in routes.routes}
    ((big_stop,),) = [by_group["big"].stops]
    assert big_stop.tonnes == pytest.approx(20.0)
    assert big_stop.departure_h - big_stop.service_start_h == pytest.approx(SERVICE_H)
    for r in routes.routes:
        assert r.end_h - r.start_h == pytest.approx(2 * 180.0 / 50.0 + SERVICE_H)


def test_drivers_hours_that_hold_one_service_but_not_two_still_take_two_loads() -> None:
    """The 30 t day again, the drivers' hours 8 h: 7.2 h driving and one 0.5 h stop fit.

    The search itself times one service per stop (the stop's service is on the way out),
    so the 20 t truck takes two loads on its trip; timed per load (8.2 h) it took one,
    and 10 t stayed behind.
    """
    sc = _depot(180.0, ("big", 20.0), ("small", 10.0), hours=8.0)
    routes = route_day(sc, [request_for(sc, "U0", {"fuel": 30.0})], day=0, params=PARAMS)
    assert not routes.unserved
    assert routes.delivered_t == pytest.approx(30.0)
    assert all(r.end_h - r.start_h <= 8.0 + 1e-9 for r in routes.routes)


def test_loads_left_count_what_a_bigger_truck_carries_on_a_trip() -> None:
    """40 t for the 10 t and 20 t trucks of one trip: 30 t go, 10 t are left.

    What is left is said against 3 loads a day (2 trips, the 20 t truck 2 loads a
    trip), not 2.
    """
    sc = _depot(180.0, ("big", 20.0), ("small", 10.0))
    routes = route_day(sc, [request_for(sc, "U0", {"fuel": 40.0})], day=0, params=PARAMS)
    assert routes.delivered_t == pytest.approx(30.0)
    (left,) = routes.unserved
    assert left.tonnes == pytest.approx(10.0)
    assert (
        "too few trips: 40.000 t needs 4 truck-loads of 10.000 t; the 2 trucks that reach it "
        "and can carry one (big, small) can make at most 2 trips a day, carrying at most 3 of "
        "its truck-loads (big 2 a trip), fewer than the 4 it needs"
    ) in left.detail
    assert left.reason is UnservedReason.TOO_LARGE  # 4 loads, 3 a day at most

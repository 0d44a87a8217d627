"""Convoy routing of a day: routes that hold, and every unserved load with its reason."""

from __future__ import annotations

import pytest
from routing_scenarios import fleet, loc, road, scenario, star, unit
from routing_validator import validate

from supplyline.domain.routes import Routes, RouteStatus, UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams


def _req(unit_id: str, where: str, **loads: float) -> DeliveryRequest:
    return DeliveryRequest(unit=unit_id, location=where, load_t=loads)


def _asked(reqs: list[DeliveryRequest]) -> dict[str, dict[str, float]]:
    return {r.unit: dict(r.load_t) for r in reqs}


def test_star_is_served_within_every_constraint(fast: ConvoyParams) -> None:
    """Three units 50 km from the railhead get all their loads on routes the validator accepts."""
    s = star(3, 50.0, count=2, payload_t=10.0)
    reqs = [_req(f"U{i}", f"L{i}", food=4.0, fuel=2.0 * i) for i in range(3)]
    routes = route_day(s, reqs, day=1, params=fast)
    assert routes.status is RouteStatus.SOLVED
    assert validate(s, routes, _asked(reqs)) == []


def test_no_fleet_is_reported_as_no_truck_reaches(fast: ConvoyParams) -> None:
    """Without trucks every delivery is unserved with reason no_truck_reaches."""
    s = scenario([loc("RH", 0.0), loc("L0", 0.1)], [unit("U0", "L0")], [], [])
    routes = route_day(s, [_req("U0", "L0", food=1.0)], day=0, params=fast)
    assert [u.reason for u in routes.unserved] == [UnservedReason.NO_TRUCK_REACHES]


def test_far_unit_is_beyond_drivers_hours(fast: ConvoyParams) -> None:
    """A unit 300 km away (12 h round trip at 50 km/h) is beyond a 9 h day, with the numbers."""
    s = star(1, 300.0)
    routes = route_day(s, [_req("U0", "L0", food=1.0)], day=0, params=fast)
    (u,) = routes.unserved
    assert u.reason is UnservedReason.BEYOND_DURATION
    assert "12.5 h" in u.detail


def _one_window_away(open_h: float, close_h: float, fast: ConvoyParams) -> Routes:
    """A day for one unit 100 km (2 h) from the trucks, receiving ``open_h``-``close_h``."""
    s = scenario(
        [loc("RH", 0.0), loc("L0", 0.5)],
        [unit("U0", "L0", open_h=open_h, close_h=close_h)],
        [road("RH", "L0", 100.0)],
        [fleet("F1", "RH")],
    )
    return route_day(s, [_req("U0", "L0", food=1.0)], day=0, params=fast)


def test_window_too_early_is_impossible(fast: ConvoyParams) -> None:
    """A unit receiving 0-1 h but 100 km (2 h) away cannot be reached inside its window."""
    routes = _one_window_away(0.0, 1.0, fast)
    assert [u.reason for u in routes.unserved] == [UnservedReason.WINDOW_IMPOSSIBLE]
    assert "earliest arrival 2.0 h, after the window 0-1 h closes" in routes.unserved[0].detail


def test_window_too_late_to_come_back_says_when_the_truck_would_be_back(
    fast: ConvoyParams,
) -> None:
    """A window of 23-24 h, 100 km (2 h) away: served at 23 h, back after midnight.

    A transport officer's detail read "earliest arrival 2.0 h ... impossible", as if the
    truck could make it: the binding fact is the way back.
    """
    (u,) = _one_window_away(23.0, 24.0, fast).unserved
    assert u.reason is UnservedReason.WINDOW_IMPOSSIBLE
    assert "served from 23.0 h (window 23-24 h)" in u.detail
    assert "2.0 h back: back at 25." in u.detail
    assert u.detail.endswith("after the day's 24 h")


def test_too_few_trucks_leave_loads_unserved(fast: ConvoyParams) -> None:
    """One truck on one trip a day serves one 8 t delivery of three; the rest are reported."""
    s = star(3, 50.0, count=1, payload_t=10.0)
    params = ConvoyParams(router=fast.router, multi_trip=False)
    reqs = [_req(f"U{i}", f"L{i}", food=8.0) for i in range(3)]
    routes = route_day(s, reqs, day=0, params=params)
    assert sorted(u.reason for u in routes.unserved) == [UnservedReason.NOT_ENOUGH_TRUCKS] * 2
    assert validate(s, routes, _asked(reqs)) == []


def test_more_than_all_trucks_can_carry_is_too_large(fast: ConvoyParams) -> None:
    """100 t for one 10 t truck making one trip is reported as too large, 90 t of it."""
    s = star(1, 50.0, count=1, payload_t=10.0)
    params = ConvoyParams(router=fast.router, multi_trip=False)
    routes = route_day(s, [_req("U0", "L0", food=100.0)], day=0, params=params)
    (u,) = routes.unserved
    assert u.reason is UnservedReason.TOO_LARGE
    assert u.tonnes == pytest.approx(90.0)


def test_large_delivery_is_split_into_truck_loads(fast: ConvoyParams) -> None:
    """25 t with 10 t trucks goes as two full loads and the 5 t left, all delivered."""
    s = star(1, 50.0, count=3, payload_t=10.0)
    reqs = [_req("U0", "L0", food=25.0)]
    routes = route_day(s, reqs, day=0, params=fast)
    loads = sorted(round(st.tonnes, 2) for r in routes.routes for st in r.stops)
    assert loads == [5.0, 10.0, 10.0]
    assert any("U0 ×3" in n for n in routes.notes)


def test_reloading_lets_one_truck_make_several_trips(fast: ConvoyParams) -> None:
    """One truck with 2.5 h round trips serves three full loads in three trips."""
    s = star(3, 50.0, count=1, payload_t=10.0)
    reqs = [_req(f"U{i}", f"L{i}", food=9.0) for i in range(3)]
    routes = route_day(s, reqs, day=0, params=fast)
    (r,) = routes.routes
    assert r.trips == 3
    assert not routes.unserved


def test_volume_limits_the_load(fast: ConvoyParams) -> None:
    """Food at 2 m3/t: 6 t is 12 m3, so a 10 m3 truck needs two loads though 6 t fits."""
    s = star(1, 50.0, count=2, payload_t=10.0, volume_m3=10.0)
    req = DeliveryRequest(unit="U0", location="L0", load_t={"food": 6.0}, volume_m3=12.0)
    routes = route_day(s, [req], day=0, params=fast)
    assert sum(len(r.stops) for r in routes.routes) == 2
    assert validate(s, routes, {"U0": {"food": 6.0}}) == []


def test_two_depots_each_serve_their_side(fast: ConvoyParams) -> None:
    """Units near each of two depots 400 km apart are served from the depot in reach."""
    locs = [loc("A", 0.0), loc("B", 4.0), loc("LA", 0.2), loc("LB", 4.2)]
    s = scenario(
        locs,
        [unit("UA", "LA"), unit("UB", "LB")],
        [road("A", "LA", 30.0), road("B", "LB", 30.0), road("A", "B", 400.0)],
        [fleet("FA", "A", count=1), fleet("FB", "B", count=1, payload_t=5.0)],
    )
    reqs = [_req("UA", "LA", food=3.0), _req("UB", "LB", food=3.0)]
    routes = route_day(s, reqs, day=0, params=fast)
    served = {st.unit: r.depot for r in routes.routes for st in r.stops}
    assert served == {"UA": "A", "UB": "B"}


def test_nothing_to_route_is_a_result(fast: ConvoyParams) -> None:
    """A day without deliveries returns status nothing_to_do, no error."""
    assert route_day(star(1), [], day=0, params=fast).status is RouteStatus.NOTHING_TO_DO


def test_same_seed_same_routes() -> None:
    """With an iteration limit, the same seed gives the same routes."""
    s = star(4, 40.0, count=2, payload_t=10.0)
    reqs = [_req(f"U{i}", f"L{i}", food=3.0 + i) for i in range(4)]
    params = ConvoyParams(router=RouterParams(time_limit_s=30, max_iterations=200, seed=7))
    a = route_day(s, reqs, day=0, params=params)
    b = route_day(s, reqs, day=0, params=params)
    assert [r.path for r in a.routes] == [r.path for r in b.routes]


def test_mixed_fleet_shares_a_large_delivery(fast: ConvoyParams) -> None:
    """33 t with one 12 t and three 10 t trucks on single trips: four 8.25 t loads, all served."""
    s = scenario(
        [loc("RH", 0.0), loc("L0", 0.3)],
        [unit("U0", "L0")],
        [road("RH", "L0", 40.0)],
        [fleet("BIG", "RH", count=1, payload_t=12.0), fleet("MID", "RH", count=3)],
    )
    params = ConvoyParams(router=fast.router, multi_trip=False)
    reqs = [_req("U0", "L0", food=33.0)]
    routes = route_day(s, reqs, day=0, params=params)
    assert not routes.unserved
    assert len(routes.routes) == 4
    assert validate(s, routes, _asked(reqs)) == []


def test_two_loads_of_one_unit_on_one_trip_are_one_stop(fast: ConvoyParams) -> None:
    """18 t split in two 9 t loads (for the 10 t trucks) rides one 20 t truck as one stop."""
    s = scenario(
        [loc("RH", 0.0), loc("L0", 0.3)],
        [unit("U0", "L0")],
        [road("RH", "L0", 40.0)],
        [fleet("BIG", "RH", count=1, payload_t=20.0), fleet("MID", "RH", count=1)],
    )
    reqs = [_req("U0", "L0", food=18.0)]
    routes = route_day(s, reqs, day=0, params=fast)
    (r,) = routes.routes
    (stop,) = r.stops
    assert stop.tonnes == pytest.approx(18.0)
    assert validate(s, routes, _asked(reqs)) == []

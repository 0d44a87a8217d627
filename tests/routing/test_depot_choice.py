"""Plan-mode depot choice: scarce stock to the units a depot serves best, roads before estimates.

A tester's quake: an airstrip's water went alphabetically to a site 44 km away, served
by three 1 t pick-ups, while a site 3 km from the strip got none; and a roadless
airstrip "nearer" by great circle × detour took a unit's water from a depot on the road
whose trucks stood idle.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Scenario
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.depot_stock import DepotStock, allocate
from supplyline.routing.problem import RouterParams
from supplyline.routing.truck_fit import DepotReach

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=3, max_iterations=200, seed=5))


def _strip_and_town() -> Scenario:
    """Strip S (3 km from P, 44 km from A), town T (26 km from A, 30 km from P).

    Unit ``ua`` at A comes first alphabetically; ``up`` at P is next door to the strip.
    """
    locs = [
        loc("S", 0.0, LocationKind.AIRFIELD),
        loc("T", 0.3, LocationKind.DEPOT),
        loc("P", 0.03),
        loc("A", 0.4),
    ]
    links = [road("S", "P", 3.0), road("S", "A", 44.0), road("T", "A", 26.0), road("T", "P", 30.0)]
    groups = [fleet("FS", "S", count=3, payload_t=1.0), fleet("FT", "T", count=2, payload_t=6.0)]
    return scenario(locs, [unit("ua", "A"), unit("up", "P")], links, groups)


def _delivered(routes_stops: list[tuple[str, str, float]]) -> dict[tuple[str, str], float]:
    got: dict[tuple[str, str], float] = defaultdict(float)
    for depot, who, t in routes_stops:
        got[(depot, who)] += t
    return dict(got)


def test_a_depot_s_scarce_stock_goes_to_the_unit_it_serves_best_not_alphabetically() -> None:
    """S holds 5 t of fuel, T none: up (3 km from S) gets it all, ua (44 km) none."""
    reqs = [
        DeliveryRequest(unit="ua", location="A", load_t={"fuel": 5.0}, priority=1),
        DeliveryRequest(unit="up", location="P", load_t={"fuel": 5.0}, priority=1),
    ]
    held = {("S", "fuel"): 5.0}
    routes = route_day(
        _strip_and_town(), reqs, day=0, params=PARAMS, depot_stock=DepotStock(held_t=held)
    )
    got = _delivered([(r.depot, s.unit, s.tonnes) for r in routes.routes for s in r.stops])
    assert got == {("S", "up"): pytest.approx(5.0)}
    (short,) = routes.unserved
    assert (short.unit, short.reason) == ("ua", UnservedReason.DEPOT_SHORT)


def test_depot_short_says_who_took_the_stock_and_which_depots_hold_none() -> None:
    """'T holds none; S holds 5 t, all loaded (up 5 t)': no 'more urgent units'."""
    reqs = [
        DeliveryRequest(unit="ua", location="A", load_t={"fuel": 5.0}, priority=1),
        DeliveryRequest(unit="up", location="P", load_t={"fuel": 5.0}, priority=1),
    ]
    options = [
        [DepotReach("T", 1.5), DepotReach("S", 2.3)],
        [DepotReach("S", 0.6), DepotReach("T", 1.7)],
    ]
    alloc = allocate(_strip_and_town(), reqs, options, {("S", "fuel"): 5.0}, 0)
    (short,) = alloc.unserved
    assert short.unit == "ua"
    assert "T holds none" in short.detail
    assert "S holds 5 t, all loaded (up 5 t)" in short.detail
    assert "more urgent" not in short.detail


def test_a_depot_whose_trucks_have_no_hours_left_passes_the_rest_to_the_next_depot() -> None:
    """S's trucks have 1 truck-hour (1 t at 1 t/h); the rest of up's 4 t comes from T."""
    req = DeliveryRequest(unit="up", location="P", load_t={"fuel": 4.0})
    options = [[DepotReach("S", 0.6, True, 1.0), DepotReach("T", 1.7, True, 3.0)]]
    held = {("S", "fuel"): 10.0, ("T", "fuel"): 10.0}
    alloc = allocate(_strip_and_town(), [req], options, held, 0, hours={"S": 1.0, "T": 20.0})
    parts = {d: dict(r.load_t) for r, d in zip(alloc.requests, alloc.depots, strict=True)}
    assert parts == {"S": pytest.approx({"fuel": 1.0}), "T": pytest.approx({"fuel": 3.0})}


def test_stock_beyond_every_depot_s_truck_hours_is_still_loaded_at_the_nearest() -> None:
    """No hours anywhere: the stock still goes (the router then says not_enough_trucks)."""
    req = DeliveryRequest(unit="up", location="P", load_t={"fuel": 4.0})
    options = [[DepotReach("S", 0.6, True, 1.0)]]
    alloc = allocate(_strip_and_town(), [req], options, {("S", "fuel"): 10.0}, 0, hours={"S": 0.0})
    assert [dict(r.load_t) for r in alloc.requests] == [{"fuel": 4.0}]
    assert alloc.unserved == ()


def test_a_depot_joined_by_road_is_chosen_before_a_roadless_one_nearer_by_estimate() -> None:
    """E (no roads, 11 km as the crow flies × 1.3) and D (40 km by road) hold water: D serves."""
    locs = [
        loc("D", 0.0, LocationKind.DEPOT),
        loc("E", 0.46, LocationKind.AIRFIELD),
        loc("C", 0.36),
    ]
    sc = scenario(
        locs,
        [unit("uc", "C")],
        [road("D", "C", 40.0)],
        [fleet("FD", "D", count=3), fleet("FE", "E", count=2, payload_t=2.0)],
    )
    held = {("D", "fuel"): 100.0, ("E", "fuel"): 20.0}
    req = DeliveryRequest(unit="uc", location="C", load_t={"fuel": 12.0})
    routes = route_day(sc, [req], day=0, params=PARAMS, depot_stock=DepotStock(held_t=held))
    assert {r.depot for r in routes.routes} == {"D"}
    assert routes.delivered_t == pytest.approx(12.0)

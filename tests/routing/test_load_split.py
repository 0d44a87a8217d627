"""Truck-loads: full loads and what remains, most urgent first, to the gram, never too big.

A tester's 10 t bowser, with one trip a day, drove 300 km with 5.05 t of a 10.1 t day
(the delivery split in two equal loads, the other reported ``too_large``); a unit's water
(priority 1) stayed half behind beside general goods (priority 9) that went, every load
carrying the same share of each. Before that, 80 t for 8 t trucks went as 8.001 and
7.999 t loads (each commodity's share rounded apart): a kilogram over the payload.
"""

from __future__ import annotations

import math
from collections import defaultdict

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from routing_scenarios import FOOD, fleet, loc, road, scenario, star, unit

from supplyline.domain import LocationKind, Scenario
from supplyline.domain.routes import UnservedReason
from supplyline.io.route_files import grams, route_rows
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.day_model import build_problem
from supplyline.routing.loads import pack_grams, plan_chunks
from supplyline.routing.problem import RouterParams
from supplyline.routing.requests import request_for
from supplyline.routing.roads import road_matrix
from supplyline.routing.translate import Chunk

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=3, max_iterations=200, seed=4))
DENSITY = {"food": 2.0, "fuel": 0.0}
"""m³ per tonne in the tiny scenarios (rations are bulky, diesel has no volume given)."""


def _one_trip(*groups: tuple[str, float, float | None]) -> Scenario:
    """RH and one unit U0 at L0, 180 km away: one round trip a day (7.7 h of 9 h).

    ``groups`` are (id, payload t, volume m³ or None), one truck each.
    """
    locs = [loc("RH", 0.0, LocationKind.RAILHEAD), loc("L0", 1.0)]
    trucks = [fleet(g, "RH", count=1, payload_t=t, volume_m3=v) for g, t, v in groups]
    return scenario(locs, [unit("U0", "L0")], [road("RH", "L0", 180.0)], trucks)


def _chunks(sc: Scenario, requests: list[DeliveryRequest]) -> list[Chunk]:
    """The day's truck-loads as the router gets them (no request ruled out here)."""
    groups = [g for g in sc.fleet if g.count > 0]
    ids = [*(g.depot for g in groups), *(r.location for r in requests)]
    km = road_matrix(sc, ids, day=0)
    chunks, unserved, _ = plan_chunks(
        requests, groups, km, sc, multi_trip=True, day=0, pinned=[None] * len(requests)
    )
    assert not unserved
    return chunks


def test_a_day_one_truck_cannot_carry_sends_a_full_truck_and_leaves_the_rest() -> None:
    """10.1 t of diesel, one 10 t truck with one trip: 10 t delivered, 0.1 t unserved."""
    sc = _one_trip(("tk", 10.0, None))
    req = request_for(sc, "U0", {"fuel": 10.1})
    routes = route_day(sc, [req], day=0, params=PARAMS)
    (truck,) = routes.routes
    assert [dict(s.load_t) for s in truck.stops] == [{"fuel": pytest.approx(10.0)}]
    (left,) = routes.unserved
    assert left.reason is UnservedReason.TOO_LARGE
    assert dict(left.load_t) == {"fuel": pytest.approx(0.1)}
    assert "10.100 t needs 2 truck-loads of 10.000 and 0.100 t" in left.detail


def test_the_most_urgent_commodity_goes_first_and_the_least_urgent_stays() -> None:
    """Diesel (priority 1) 5 t, rations (priority 2) 5.1 t, one 10 t trip: 0.1 t of rations stay."""
    sc = _one_trip(("tk", 10.0, None))
    req = request_for(sc, "U0", {"fuel": 5.0, "food": 5.1})
    routes = route_day(sc, [req], day=0, params=PARAMS)
    (truck,) = routes.routes
    (stop,) = truck.stops
    assert dict(stop.load_t) == {"fuel": pytest.approx(5.0), "food": pytest.approx(5.0)}
    (left,) = routes.unserved
    assert dict(left.load_t) == {"food": pytest.approx(0.1)}


def test_of_two_loads_one_trip_takes_the_more_urgent() -> None:
    """A 5 t truck, one trip, 5 t of diesel and 5 t of rations: the diesel goes.

    The loads are diesel and rations apart, and the diesel's prize is the higher (its
    urgency is its own, not the request's most urgent commodity's).
    """
    sc = _one_trip(("tk", 5.0, None))
    req = request_for(sc, "U0", {"fuel": 5.0, "food": 5.0})
    chunks = _chunks(sc, [req])
    assert [dict(c.load_t) for c in chunks] == [{"fuel": 5.0}, {"food": 5.0}]
    km = road_matrix(sc, ["RH", "L0"], day=0)
    problem = build_problem(sc, [req], list(sc.fleet), chunks, km, multi_trip=True)
    assert problem.prize is not None
    fuel_prize, food_prize = problem.prize[problem.num_depots :]
    assert fuel_prize > food_prize
    routes = route_day(sc, [req], day=0, params=PARAMS)
    assert [dict(s.load_t) for r in routes.routes for s in r.stops] == [{"fuel": 5.0}]


def test_a_mixed_fleet_gets_loads_that_fit_the_smaller_trucks_volume() -> None:
    """9 t of rations (2 m³/t): a 10 t truck of 20 m³ and an 8 t one of 6 m³.

    The 8 t truck is at least half the larger one's payload, so the loads fit it too:
    its 6 m³ hold 3 t of rations, so three full loads of 3 t (6 m³ each), that either
    truck may carry; both trucks together carry all 9 t in their one trip each.
    """
    sc = _one_trip(("big", 10.0, 20.0), ("van", 8.0, 6.0))
    req = request_for(sc, "U0", {"food": 9.0})
    chunks = _chunks(sc, [req])
    assert [c.tonnes for c in chunks] == [3.0, 3.0, 3.0]
    assert [c.volume_m3 for c in chunks] == pytest.approx([6.0, 6.0, 6.0])
    assert all(c.allowed == {"big", "van"} for c in chunks)
    routes = route_day(sc, [req], day=0, params=PARAMS)
    assert routes.delivered_t == pytest.approx(9.0)
    room = {g.id: g.volume_m3 for g in sc.fleet}
    for r in routes.routes:
        for s in r.stops:
            assert s.volume_m3 is not None
            assert s.volume_m3 <= (room[r.fleet_group] or math.inf) + 1e-9


def test_a_stop_without_any_volume_has_none_in_the_files() -> None:
    """Diesel has no m³/t: its stop's volume is unknown, an empty cell, not 0.0."""
    sc = _one_trip(("tk", 10.0, None))
    routes = route_day(sc, [request_for(sc, "U0", {"fuel": 4.0})], day=0, params=PARAMS)
    (row,) = route_rows(routes)
    assert row["volume_m3"] is None
    routes = route_day(sc, [request_for(sc, "U0", {"food": 4.0})], day=0, params=PARAMS)
    (row,) = route_rows(routes)
    assert row["volume_m3"] == pytest.approx(8.0)


def test_an_exact_multiple_of_the_payload_fills_every_truck_exactly() -> None:
    """80 t of two commodities for 8 t trucks: ten loads of 8.000 t, in the files too."""
    load = {"food": 1.667, "fuel": 78.333}
    sc = star(1, payload_t=8.0, count=10)
    routes = route_day(
        sc, [DeliveryRequest(unit="U0", location="L0", load_t=load)], day=0, params=PARAMS
    )
    kg = grams(routes)
    stops = [sum(s.values()) for route in kg.stops for s in route]
    assert sorted(stops) == [8_000_000] * 10
    assert all(s.tonnes <= 8.0 for r in routes.routes for s in r.stops)


_GRAMS = st.integers(min_value=0, max_value=30_000_000)
"""A commodity's tonnes in grams: up to 30 t."""
_GROUP = st.tuples(
    st.integers(min_value=500, max_value=20_000),  # payload, kg
    st.none() | st.integers(min_value=1_000, max_value=30_000),  # volume, litres
)


@settings(deadline=None, max_examples=60)
@example(demands=[(10_100_000, 0)], groups=[(10_000, None)])
@example(demands=[(1_954_000, 1_000_000)], groups=[(9_000, 977)])
@given(
    demands=st.lists(st.tuples(_GRAMS, _GRAMS), min_size=1, max_size=3),
    groups=st.lists(_GROUP, min_size=1, max_size=3),
)
def test_loads_add_up_to_the_gram_and_fit_every_truck_they_are_made_for(
    demands: list[tuple[int, int]], groups: list[tuple[int, int | None]]
) -> None:
    """Random units' food and fuel, random fleets at one railhead (a property).

    Each unit's loads add up to its demand to the gram, commodity by commodity; no load
    is heavier or bulkier than any truck type it may go on; and a unit's loads carry
    its diesel (priority 1) before its rations (priority 2).
    """
    sc = star(
        len(demands), km=20.0, count=1, payload_t=groups[0][0] / 1000,
        volume_m3=None if groups[0][1] is None else groups[0][1] / 1000,
    )  # fmt: skip
    more = [
        fleet(
            f"F{i}",
            "RH",
            count=1,
            payload_t=kg / 1000,
            volume_m3=None if litres is None else litres / 1000,
        )
        for i, (kg, litres) in enumerate(groups[1:], start=2)
    ]
    sc = scenario(sc.locations, sc.units, sc.links, [*sc.fleet, *more])
    loads = [{"food": food / 10**6, "fuel": fuel / 10**6} for food, fuel in demands]
    requests = [
        request_for(sc, f"U{i}", {c: t for c, t in load.items() if t > 0})
        for i, load in enumerate(loads)
    ]
    requests = [r for r in requests if r.load_t]
    chunks = _chunks(sc, requests)
    got: dict[tuple[str, str], int] = defaultdict(int)
    by_group = {g.id: g for g in sc.fleet}
    for c in chunks:
        for com, t in c.load_t.items():
            got[(c.unit, com)] += round(t * 10**6)
        # a record of several loads (those beyond the trips, counted) by its heaviest
        heaviest = c.tonnes if c.largest_t is None else c.largest_t
        assert c.tonnes <= heaviest * c.loads + 1e-9
        for gid in c.allowed:
            g = by_group[gid]
            assert math.ceil(heaviest * 1000 - 1e-6) <= math.floor(g.payload_t * 1000 + 1e-6)
            if g.volume_m3 is not None:
                assert c.volume_m3 <= g.volume_m3 * c.loads + 1e-9
        assert c.volume_m3 == pytest.approx(sum(t * DENSITY[k] for k, t in c.load_t.items()))
    for r in requests:
        for com, t in r.load_t.items():
            assert got[(r.unit, com)] == round(t * 10**6)
        mine = [c for c in chunks if c.unit == r.unit]
        fuel_in = [i for i, c in enumerate(mine) if c.load_t.get("fuel", 0) > 0]
        food_only = [i for i, c in enumerate(mine) if "fuel" not in c.load_t]
        assert not fuel_in or not food_only or max(fuel_in) < min(food_only)


@settings(deadline=None)
@given(
    grams=st.dictionaries(st.sampled_from(["a", "b", "c"]), _GRAMS, min_size=1),
    most_g=st.integers(min_value=100_000, max_value=10**7),
)
def test_every_load_but_the_last_is_full(grams: dict[str, int], most_g: int) -> None:
    """Without volume, loads are full but the last: as few as the weight allows."""
    load = {c: g / 10**6 for c, g in grams.items()}
    loads = pack_grams(load, sorted(load), most_g)
    totals = [sum(x.values()) for x in loads]
    assert sum(totals) == sum(grams.values())
    assert all(t == most_g for t in totals[:-1])
    assert len(loads) == max(1, -(-sum(grams.values()) // most_g))


def test_rations_fill_what_a_bulky_load_leaves_of_the_payload() -> None:
    """FOOD takes 2 m³/t: a 4 t, 2 m³ truck holds 1 t of it, and 3 t of diesel beside."""
    assert FOOD.volume_m3_per_t == 2.0
    loads = pack_grams({"food": 3.0, "fuel": 3.0}, ["food", "fuel"], 4 * 10**6, 2_000, DENSITY)
    assert loads == [
        {"food": 1_000_000, "fuel": 3_000_000},
        {"food": 1_000_000},
        {"food": 1_000_000},
    ]

"""A load's volume is its own commodities' m³/t, never the delivery's volume spread by weight.

In the scenarios here food is 2 m³/t and fuel has no ``volume_m3_per_t`` (as water had
none in a tester's earthquake scenario, whose water-only loads were given 1 m³ a tonne
and cut to a small truck's volume).
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, star, unit

from supplyline.domain import LocationKind, Scenario, Stock
from supplyline.domain.routes import Routes
from supplyline.routing.convoy import ConvoyParams, route_day
from supplyline.routing.depot_stock import DepotStock
from supplyline.routing.problem import RouterParams
from supplyline.routing.requests import request_for
from supplyline.routing.site_stock import draw_on_site, part_of

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=2, max_iterations=100, seed=3))
M3_PER_T = {"food": 2.0, "fuel": 0.0}


def _two_depots(volume_m3: float) -> Scenario:
    """Depots D1 (fuel) and D2 (food), 20 km each from unit U0 at L0; trucks of 10 t."""
    locs = [
        loc("D1", 0.0, LocationKind.DEPOT),
        loc("D2", 0.4, LocationKind.DEPOT),
        loc("L0", 0.2),
    ]
    links = [road("D1", "L0", 20.0), road("D2", "L0", 20.0)]
    groups = [
        fleet("F1", "D1", volume_m3=volume_m3),
        fleet("F2", "D2", volume_m3=volume_m3),
    ]
    return scenario(locs, [unit("U0", "L0")], links, groups)


def _stops(routes: Routes) -> list[tuple[dict[str, float], float | None]]:
    return [(dict(s.load_t), s.volume_m3) for r in routes.routes for s in r.stops]


def test_a_depots_fuel_only_share_has_no_volume_and_fills_the_truck_by_weight() -> None:
    """Plan mode: D1 holds the fuel, D2 the food; D1's 10 t of fuel go in one 6 m³ truck.

    Split among the depots, the fuel-only share was given the delivery's 2 m³ of food
    spread by weight (10 m³) and cut to loads of 6 t.
    """
    s = _two_depots(volume_m3=6.0)
    req = request_for(s, "U0", {"fuel": 10.0, "food": 1.0})
    held = DepotStock(held_t={("D1", "fuel"): 50.0, ("D2", "food"): 50.0})
    routes = route_day(s, [req], day=0, params=PARAMS, depot_stock=held, on_site=[])
    assert sorted(_stops(routes), key=str) == [({"food": 1.0}, 2.0), ({"fuel": 10.0}, None)]
    assert routes.unserved == ()
    assert len(routes.routes) == 2


def test_fuel_left_after_food_is_drawn_on_site_has_no_volume() -> None:
    """From demand: L0 holds the food, the 10 t of fuel go in one 6 m³ truck, volume none."""
    s = dataclasses.replace(
        star(1, 50.0, volume_m3=6.0),
        stocks=(Stock(location="L0", commodity="food", initial_t=5.0),),
    )
    req = request_for(s, "U0", {"fuel": 10.0, "food": 3.0})
    routes = route_day(s, [req], day=0, params=PARAMS)
    assert [dict(d.load_t) for d in routes.on_site] == [{"food": 3.0}]
    assert _stops(routes) == [({"fuel": 10.0}, None)]
    assert routes.unserved == ()


def test_a_scripts_own_volume_is_still_spread_by_weight() -> None:
    """A request whose volume is not its commodities' (a script's 8 m³ on 4 t) keeps 2 m³/t."""
    s = star(1, 50.0)
    req = dataclasses.replace(request_for(s, "U0", {"fuel": 4.0}), volume_m3=8.0)
    assert part_of(s, req, {"fuel": 1.0}).volume_m3 == pytest.approx(2.0)


def test_the_part_a_full_road_still_carries_keeps_its_own_volume() -> None:
    """A road of 5 t/day keeps 5 t of fuel (priority 1) of a 2 t food + 8 t fuel load: no m³.

    The part kept was given the load's 4 m³ in proportion to its tonnes (2 m³).
    """
    locs = [loc("RH", 0.0, LocationKind.RAILHEAD), loc("L0", 0.1)]
    links = [road("RH", "L0", 20.0, capacity=5.0)]
    s = scenario(locs, [unit("U0", "L0")], links, [fleet("F", "RH")])
    routes = route_day(s, [request_for(s, "U0", {"food": 2.0, "fuel": 8.0})], day=0, params=PARAMS)
    assert _stops(routes) == [({"fuel": 5.0}, None)]


tonnes_st = st.floats(0.0, 30.0).map(lambda t: round(t, 3))


@settings(max_examples=60, deadline=None)
@given(
    food=tonnes_st,
    fuel=tonnes_st,
    held_food=tonnes_st,
    held_fuel=tonnes_st,
)
def test_what_is_left_after_drawing_on_site_has_its_own_commodities_volume(
    food: float, fuel: float, held_food: float, held_fuel: float
) -> None:
    """Whatever the place holds, the part left to drive is Σ tonnes × m³/t of what it carries."""
    s = star(1, 50.0)
    load = {c: t for c, t in {"food": food, "fuel": fuel}.items() if t > 0}
    if not load:
        return
    req = request_for(s, "U0", load)
    rest, _, _ = draw_on_site(s, [req], {("L0", "food"): held_food, ("L0", "fuel"): held_fuel})
    for r in rest:
        expected = sum(t * M3_PER_T[c] for c, t in r.load_t.items())
        assert r.volume_m3 == pytest.approx(expected, abs=1e-9)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    food=st.floats(0.0, 25.0),
    fuel=st.floats(0.0, 25.0),
    d1_food=st.booleans(),
    volume_m3=st.sampled_from([6.0, 20.0, 45.0]),
)
def test_every_stops_volume_is_its_commodities_tonnes_times_their_m3_per_t(
    food: float, fuel: float, d1_food: bool, volume_m3: float
) -> None:
    """Routed from two depots, each stop's volume is Σ tonnes × m³/t (none when that is none).

    D1 holds the fuel and, in some draws, food too; D2 holds the food: loads are split
    among depots and into truck-loads, and must each keep their own commodities' volume.
    """
    s = _two_depots(volume_m3=volume_m3)
    load = {c: t for c, t in {"food": food, "fuel": fuel}.items() if t > 0.01}
    if not load:
        return
    held = {("D1", "fuel"): 60.0, ("D2", "food"): 60.0}
    if d1_food:
        held[("D1", "food")] = food / 2
    routes = route_day(
        s,
        [request_for(s, "U0", load)],
        day=0,
        params=PARAMS,
        depot_stock=DepotStock(held_t=held),
        on_site=[],
    )
    for stop_load, volume in _stops(routes):
        expected = sum(t * M3_PER_T[c] for c, t in stop_load.items())
        if "food" in stop_load:
            assert volume == pytest.approx(expected, abs=1e-6)
        else:
            assert volume is None

"""The fewest truck-loads when the trucks have room for all, most urgent first when short.

A tester's 21.75 t of water (1 m³/t, priority 1), rations (3 m³/t) and medical stores
(8 m³/t) for 12 t trucks of 20 m³ went as 12 t of water, 8.667 t and 1.083 t (three
stops) where two loads carry it all (39 m³ in 40).
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import Commodity, LocationKind, Scenario, SupplyClass
from supplyline.routing.convoy import ConvoyParams, route_day
from supplyline.routing.load_mix import fewest_grams
from supplyline.routing.loads import pack_grams
from supplyline.routing.problem import RouterParams
from supplyline.routing.requests import request_for

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=1, max_iterations=200, seed=4))
M3_PER_T = {"water": 1.0, "rations": 3.0, "med": 8.0}
DAY = {"water": 15.0, "rations": 6.0, "med": 0.75}
"""21.75 t, 39 m³: most urgent first, 12 t of water, then 8.667 t and 1.083 t."""


def _commodity(cid: str, priority: int) -> Commodity:
    return Commodity(
        id=cid, name=cid, supply_class=SupplyClass.GENERAL, priority=priority,
        per_person_per_day=1.0, volume_m3_per_t=M3_PER_T[cid],
    )  # fmt: skip


def _depot(trucks: int) -> Scenario:
    """RH and U0 at L0, 180 km away: one round trip a day per 12 t, 20 m³ truck."""
    sc = scenario(
        [loc("RH", 0.0, LocationKind.RAILHEAD), loc("L0", 1.0)],
        [unit("U0", "L0")],
        [road("RH", "L0", 180.0)],
        [fleet("tk", "RH", count=trucks, payload_t=12.0, volume_m3=20.0)],
    )
    coms = (_commodity("water", 1), _commodity("rations", 2), _commodity("med", 3))
    return dataclasses.replace(sc, commodities=coms)


def test_the_docs_case_goes_in_two_loads_when_two_trucks_can_take_them() -> None:
    """Two trucks of one trip each: two stops, all 21.75 t, each within 12 t and 20 m³.

    Most urgent first needed three loads, and one stayed behind for lack of a third trip.
    """
    sc = _depot(trucks=2)
    routes = route_day(sc, [request_for(sc, "U0", DAY)], day=0, params=PARAMS)
    stops = [s for r in routes.routes for s in r.stops]
    assert len(stops) == 2
    assert not routes.unserved
    assert routes.delivered_t == pytest.approx(21.75)
    for s in stops:
        assert s.tonnes <= 12.0 + 1e-9
        assert s.volume_m3 is not None
        assert s.volume_m3 <= 20.0 + 1e-9
        assert set(s.load_t) == set(DAY)  # every commodity in each: mixed
    assert any(
        "fewest truck-loads, commodities mixed, delivered in several stops: U0 ×2 stops" in n
        for n in routes.notes
    )


def test_one_truck_short_of_the_loads_still_takes_the_water_first() -> None:
    """One truck of one trip: it carries 12 t of water, the rest is left (least urgent).

    One stop: no split is noted (the unserved rows say the loads left out).
    """
    sc = _depot(trucks=1)
    routes = route_day(sc, [request_for(sc, "U0", DAY)], day=0, params=PARAMS)
    ((stop,),) = [r.stops for r in routes.routes]
    assert dict(stop.load_t) == {"water": pytest.approx(12.0)}
    assert sum(u.tonnes for u in routes.unserved) == pytest.approx(9.75)
    assert not [n for n in routes.notes if "split into" in n]
    assert routes.unserved[0].detail.startswith("2 of 3 truck-loads not routed")


_KG = st.integers(min_value=0, max_value=40_000)


@settings(deadline=None, max_examples=80)
@given(
    kg=st.tuples(_KG, _KG, _KG).filter(lambda t: sum(t) > 0),
    most_kg=st.integers(min_value=1_000, max_value=20_000),
    most_l=st.integers(min_value=2_000, max_value=40_000),
)
def test_the_fewest_loads_add_up_fit_and_are_never_more(
    kg: tuple[int, int, int], most_kg: int, most_l: int
) -> None:
    """Random deliveries of the three (a property): the mixed loads are made.

    They add up to the gram, fit weight and volume, and are as few as the totals allow,
    never more than most urgent first.
    """
    grams = {c: k * 1000 + 17 for c, k in zip(M3_PER_T, kg, strict=True)}
    loads = fewest_grams(grams, most_kg * 1000, most_l, M3_PER_T)
    assert loads is not None
    for c, g in grams.items():
        assert sum(x.get(c, 0) for x in loads) == g
    litres = [sum(g * M3_PER_T[c] / 1000 for c, g in x.items()) for x in loads]
    assert all(sum(x.values()) <= most_kg * 1000 for x in loads)
    assert all(v <= most_l + 1e-6 for v in litres)
    need = max(
        math.ceil(sum(grams.values()) / (most_kg * 1000)),
        math.ceil(sum(g * M3_PER_T[c] / 1000 for c, g in grams.items()) / most_l - 1e-12),
    )
    assert len(loads) == need
    load_t = {c: g / 10**6 for c, g in grams.items()}
    assert len(loads) <= len(pack_grams(load_t, list(M3_PER_T), most_kg * 1000, most_l, M3_PER_T))


def test_when_the_estimate_is_wrong_the_day_is_routed_most_urgent_first_again() -> None:
    """Two trucks of one trip (5.3 h of 9 h), the docs' case at U0 and 12 t of water at U1.

    Three loads of 5.3 h fit the trucks' 18 hours, so the estimate says room, but each
    truck makes one trip: the search leaves a mixed load of U0 (and its water) out.
    Packed most urgent first again, U0's 12 t of water and U1's 12 t go, all the water.
    """
    sc = scenario(
        [loc("RH", 0.0, LocationKind.RAILHEAD), loc("L0", 1.0), loc("L1", 1.0, lat=0.5)],
        [unit("U0", "L0"), unit("U1", "L1")],
        [road("RH", "L0", 120.0), road("RH", "L1", 120.0)],
        [fleet("tk", "RH", count=2, payload_t=12.0, volume_m3=20.0)],
    )
    coms = (_commodity("water", 1), _commodity("rations", 2), _commodity("med", 3))
    sc = dataclasses.replace(sc, commodities=coms)
    requests = [request_for(sc, "U0", DAY), request_for(sc, "U1", {"water": 12.0})]
    routes = route_day(sc, requests, day=0, params=PARAMS)
    assert any("most urgent first again" in n for n in routes.notes)
    water = sum(s.load_t.get("water", 0.0) for r in routes.routes for s in r.stops)
    assert water == pytest.approx(24.0)

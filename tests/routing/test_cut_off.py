"""A place whose road links are all closed on a day is cut off by road that day.

Whatever the other end's road data: a tester's depot with no road at all "reached" a site
whose only road was closed over a straight line. The estimate stands in only for pairs no
road joins on any day, and never with a place that is cut off that day.
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit
from routing_validator import validate

from supplyline.domain import LocationKind, Scenario, great_circle_km
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.roads import cut_off_roads, road_matrix

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=100, seed=3))


def _two_depots() -> Scenario:
    """D1 with a road to W (20 km, closed on C+1); D3, 0.1° from W, with no road at all.

    Only D3 has trucks, so W can only be served from the roadless depot.
    """
    locs = [loc("D1", 0.0, LocationKind.DEPOT), loc("W", 0.2), loc("D3", 0.3, LocationKind.DEPOT)]
    w_road = dataclasses.replace(road("D1", "W", 20.0), outage_days=frozenset({1}))
    return scenario(locs, [unit("UW", "W")], [w_road], [fleet("F3", "D3")])


def _food(tonnes: float = 4.0) -> list[DeliveryRequest]:
    return [DeliveryRequest(unit="UW", location="W", load_t={"food": tonnes})]


def test_a_roadless_depot_cannot_reach_a_site_whose_roads_are_all_closed() -> None:
    """C+1: D3–W is closed and infinite both ways, though no road joins D3 and W on any day."""
    m = road_matrix(_two_depots(), ["D3", "W"], day=1)
    assert m.closed[0, 1]
    assert m.closed[1, 0]
    assert math.isinf(m.km[0, 1])
    assert math.isinf(m.km[1, 0])
    assert not m.closed[0, 0]
    assert not m.closed[1, 1]


def test_the_same_pair_is_estimated_on_a_day_the_road_is_open() -> None:
    """C+0: D3→W is great circle (0.1° = 11.12 km) × 1.3, flagged as an estimate."""
    m = road_matrix(_two_depots(), ["D3", "W"], day=0)
    assert m.km[0, 1] == pytest.approx(great_circle_km(0, 0.3, 0, 0.2) * 1.3)
    assert not m.by_road[0, 1]
    assert not m.closed[0, 1]


def test_cut_off_roads_names_all_the_roads_of_a_place_only_when_all_are_closed() -> None:
    """W's one road on C+1; nothing on C+0 (open) nor for D3 (no road at all)."""
    s = _two_depots()
    assert [lk.id for lk in cut_off_roads(s, "W", 1)] == ["D1-W"]
    assert cut_off_roads(s, "W", 0) == []
    assert cut_off_roads(s, "D3", 1) == []


def test_the_cut_off_site_is_road_closed_naming_its_road() -> None:
    """C+1: UW's 4 t are road_closed, the detail names W's road; C+0 they are delivered."""
    s = _two_depots()
    day1 = route_day(s, _food(), day=1, params=PARAMS)
    (lost,) = day1.unserved
    assert (lost.unit, lost.reason, lost.tonnes) == ("UW", UnservedReason.ROAD_CLOSED, 4.0)
    assert lost.detail == (
        "road D1–W closed on C+1 (link D1-W): no open road between D3 and W (F3)"
    )
    assert day1.routes == ()
    day0 = route_day(s, _food(), day=0, params=PARAMS)
    assert day0.unserved == ()
    assert day0.delivered_t == pytest.approx(4.0)


def test_a_depot_whose_roads_are_all_closed_sends_no_truck() -> None:
    """Depot RH's only road closed on C+2: its trucks cannot reach even a roadless place."""
    locs = [loc("RH", 0.0, LocationKind.RAILHEAD), loc("M", 0.1), loc("L0", 0.2)]
    rh_road = dataclasses.replace(road("RH", "M", 10.0), outage_days=frozenset({2}))
    s = scenario(locs, [unit("U0", "L0")], [rh_road], [fleet("F1", "RH")])
    req = [DeliveryRequest(unit="U0", location="L0", load_t={"food": 3.0})]
    (lost,) = route_day(s, req, day=2, params=PARAMS).unserved
    assert lost.reason is UnservedReason.ROAD_CLOSED
    assert lost.detail.startswith("road RH–M closed on C+2 (link RH-M)")
    served = route_day(s, req, day=1, params=PARAMS)
    assert served.delivered_t == pytest.approx(3.0)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sites=st.lists(
        st.tuples(st.booleans(), st.sets(st.integers(0, 2), max_size=3)), min_size=1, max_size=4
    ),
    day=st.integers(0, 2),
)
def test_no_truck_ever_enters_a_place_cut_off_by_road(
    sites: list[tuple[bool, set[int]]], day: int
) -> None:
    """Random sites with or without a road to D1 (some closed) and a roadless depot D3.

    A site whose roads are all closed that day is never visited and is ``road_closed``;
    a site with no road at all is served (by estimate); every tonne is accounted for.
    """
    locs = [loc("D1", 0.0, LocationKind.DEPOT), loc("D3", 0.02, LocationKind.DEPOT, lat=0.05)]
    units, links, reqs = [], [], []
    for i, (has_road, closed) in enumerate(sites):
        locs.append(loc(f"S{i}", 0.03 * (i + 1)))
        units.append(unit(f"U{i}", f"S{i}"))
        if has_road:
            link = road("D1", f"S{i}", 10.0 + 5 * i)
            links.append(dataclasses.replace(link, outage_days=frozenset(closed)))
        reqs.append(DeliveryRequest(unit=f"U{i}", location=f"S{i}", load_t={"food": 2.0}))
    s = scenario(locs, units, links, [fleet("F3", "D3", count=4, hours=12.0)])
    routes = route_day(s, reqs, day=day, params=PARAMS)
    assert validate(s, routes, {r.unit: dict(r.load_t) for r in reqs}) == []
    cut = {f"S{i}" for i, (has_road, closed) in enumerate(sites) if has_road and day in closed}
    visited = {x for r in routes.routes for x in r.path}
    assert not visited & cut
    lost = {u.location: u.reason for u in routes.unserved}
    assert {x for x, why in lost.items() if why is UnservedReason.ROAD_CLOSED} == cut

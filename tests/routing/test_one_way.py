"""The cut-off rule follows one-way roads: a place is entered over a road in, left over one out.

A tester's site with a one-way pair of roads (D1→S in, S→D1 out) had its way in closed;
its way out was open, so the site counted as reachable, and a roadless depot "served" it
over a straight line. Closures on one direction are checked here, in ``road_matrix``,
``route_day`` and the reach check.
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit
from routing_validator import validate

from supplyline.domain import Link, LocationKind, Scenario
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.reach import check_reach
from supplyline.routing.roads import blocking_roads, closed_roads, cut_off_roads, road_matrix

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=100, seed=3))


def _one_way(a: str, b: str, km: float, *closed: int) -> Link:
    return dataclasses.replace(road(a, b, km), bidirectional=False, outage_days=frozenset(closed))


def _pair(with_roads_depot: bool = False) -> Scenario:
    """S joined to D1 by a one-way pair: D1→S (closed C+1) and S→D1 (closed C+2).

    Trucks at D3, 0.1° from S, with no road at all (or at D1 with ``with_roads_depot``).
    """
    locs = [
        loc("D1", 0.0, LocationKind.DEPOT),
        loc("S", 0.2),
        loc("D3", 0.3, LocationKind.DEPOT),
    ]
    links = [_one_way("D1", "S", 20.0, 1), _one_way("S", "D1", 20.0, 2)]
    trucks = fleet("F1", "D1") if with_roads_depot else fleet("F3", "D3")
    return scenario(locs, [unit("US", "S")], links, [trucks])


def _food(tonnes: float = 4.0) -> list[DeliveryRequest]:
    return [DeliveryRequest(unit="US", location="S", load_t={"food": tonnes})]


def test_a_place_whose_only_road_in_is_closed_is_not_entered_from_anywhere() -> None:
    """C+1: nothing reaches S (not even the roadless D3), but S can still be left."""
    m = road_matrix(_pair(), ["D3", "S", "D1"], day=1)
    assert m.closed[0, 1]
    assert m.closed[2, 1]
    assert math.isinf(m.km[0, 1])
    assert not m.closed[1, 0]
    assert m.km[1, 2] == pytest.approx(20.0)


def test_a_place_whose_only_road_out_is_closed_is_not_left_to_anywhere() -> None:
    """C+2: S cannot be left (to D3 or D1), but it can be reached."""
    m = road_matrix(_pair(), ["D3", "S", "D1"], day=2)
    assert m.closed[1, 0]
    assert m.closed[1, 2]
    assert not m.closed[0, 1]
    assert m.km[2, 1] == pytest.approx(20.0)


def test_cut_off_roads_names_the_closed_direction_only() -> None:
    """S's road in on C+1, its road out on C+2, nothing on C+0.

    D1 is not left on C+1 either: D1→S is its only road out.
    """
    s = _pair()
    assert [lk.id for lk in cut_off_roads(s, "S", 1)] == ["D1-S"]
    assert [lk.id for lk in cut_off_roads(s, "S", 2)] == ["S-D1"]
    assert cut_off_roads(s, "S", 0) == []
    assert [lk.id for lk in cut_off_roads(s, "D1", 1)] == ["D1-S"]


def test_a_roadless_depot_cannot_serve_a_site_whose_way_in_is_closed() -> None:
    """C+1: US is road_closed from D3, naming D1→S and the way that is closed."""
    (lost,) = route_day(_pair(), _food(), day=1, params=PARAMS).unserved
    assert (lost.reason, lost.tonnes) == (UnservedReason.ROAD_CLOSED, 4.0)
    assert lost.detail == "road D1→S closed on C+1 (link D1-S): no open road from D3 to S (F3)"


def test_a_roadless_depot_cannot_serve_a_site_whose_way_out_is_closed() -> None:
    """C+2: trucks could get in but not out again: road_closed, naming S→D1."""
    (lost,) = route_day(_pair(), _food(), day=2, params=PARAMS).unserved
    assert lost.reason is UnservedReason.ROAD_CLOSED
    assert lost.detail == (
        "road S→D1 closed on C+2 (link S-D1): no open road back from S to D3 (F3)"
    )


def test_the_site_is_served_on_a_day_both_ways_are_open() -> None:
    """C+0: both one-way roads open, the 4 t are delivered (by estimate from D3)."""
    routes = route_day(_pair(), _food(), day=0, params=PARAMS)
    assert routes.unserved == ()
    assert routes.delivered_t == pytest.approx(4.0)


def test_trucks_at_the_other_end_of_the_pair_are_told_which_way_is_closed() -> None:
    """From D1 on C+2: out over D1→S is open, back over S→D1 closed."""
    (lost,) = route_day(_pair(with_roads_depot=True), _food(), day=2, params=PARAMS).unserved
    assert lost.detail == (
        "road S→D1 closed on C+2 (link S-D1): no open road back from S to D1 (F1)"
    )


def test_reach_says_each_day_and_the_road_of_that_direction() -> None:
    """US cut off on C+1 (its way in) and C+2 (its way out), and flagged for it."""
    row = check_reach(_pair(), {"US": 2.0}, availability=1.0).rows[0]
    assert row.cut_off_days == (1, 2)
    assert row.cut_off == "C+1: road D1→S (link D1-S); C+2: road S→D1 (link S-D1)"
    assert not row.sustainable


def test_a_place_with_roads_out_only_is_reached_by_estimate() -> None:
    """No road leads into S at all (only S→D1): the roads say nothing of the way in.

    The estimate stands in for it, as for a place with no road data; S is not cut off
    while its road out is open.
    """
    s = dataclasses.replace(_pair(), links=(_one_way("S", "D1", 20.0, 2),))
    m = road_matrix(s, ["D3", "S"], day=1)
    assert not m.closed[0, 1]
    assert not m.by_road[0, 1]
    assert cut_off_roads(s, "S", 1) == []


def test_a_closed_link_is_not_blamed_when_an_open_detour_leads_there() -> None:
    """S→D1 closed on C+1, S→M→D1 open: nothing closed stands between S and D1."""
    s = _pair()
    locs = (*s.locations, loc("M", 0.1))
    links = (_one_way("S", "D1", 20.0, 1), _one_way("S", "M", 12.0), _one_way("M", "D1", 12.0))
    s = dataclasses.replace(s, locations=locs, links=links)
    assert closed_roads(s, "S", "D1", 1) == []
    assert blocking_roads(s, "S", "D1", 1) == []


def _two_depots() -> Scenario:
    """Site S behind its own road V–S (closed C+1); depot K reaches V over K–V (closed C+1).

    Trucks at V and at K: on C+1 the site is cut off by its own road; K–V is on K's
    way but not what keeps the site out.
    """
    locs = [
        loc("K", 0.0, LocationKind.DEPOT),
        loc("V", 0.3, LocationKind.DEPOT),
        loc("S", 0.5),
    ]
    links = [
        dataclasses.replace(road("K", "V", 40.0), outage_days=frozenset({1})),
        dataclasses.replace(road("V", "S", 20.0), outage_days=frozenset({1})),
    ]
    return scenario(locs, [unit("US", "S")], links, [fleet("FK", "K"), fleet("FV", "V")])


def test_a_site_cut_off_by_its_own_road_names_that_road_alone() -> None:
    """C+1: one message, V–S only, with both depots and both fleets; K–V is not named."""
    (lost,) = route_day(_two_depots(), _food(), day=1, params=PARAMS).unserved
    assert lost.detail == (
        "road V–S closed on C+1 (link V-S): no open road between S and any of K, V (FK, FV)"
    )


def test_reach_names_the_sites_own_road_alone() -> None:
    """The reach check's cut-off of US: V–S on C+1, not K–V."""
    row = check_reach(_two_depots(), {"US": 1.0}, availability=1.0).rows[0]
    assert row.cut_off == "C+1: road V–S (link V-S)"


def test_the_closed_roads_on_each_depots_way_are_named_when_the_site_is_open() -> None:
    """S keeps an open road (S–M) but M is cut from K and from V: both ways are named.

    K–M and V–M closed on C+1, a third road elsewhere (X–Y) closed too and never named.
    """
    locs = [
        loc("K", 0.0, LocationKind.DEPOT),
        loc("V", 0.6, LocationKind.DEPOT),
        loc("M", 0.3),
        loc("S", 0.35),
        loc("X", 2.0),
        loc("Y", 2.1),
    ]
    shut = frozenset({1})
    links = [
        dataclasses.replace(road("K", "M", 30.0), outage_days=shut),
        dataclasses.replace(road("V", "M", 30.0), outage_days=shut),
        road("M", "S", 5.0),
        dataclasses.replace(road("X", "Y", 9.0), outage_days=shut),
    ]
    s = scenario(locs, [unit("US", "S")], links, [fleet("FK", "K"), fleet("FV", "V")])
    (lost,) = route_day(s, _food(), day=1, params=PARAMS).unserved
    assert lost.detail == (
        "road K–M closed on C+1 (link K-M): no open road between K and S (FK); "
        "road V–M closed on C+1 (link V-M): no open road between V and S (FV)"
    )
    row = check_reach(s, {"US": 1.0}, availability=1.0).rows[0]
    assert row.cut_off == "C+1: road K–M (link K-M), road V–M (link V-M)"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    roads=st.lists(
        st.tuples(st.booleans(), st.booleans(), st.sets(st.integers(0, 2), max_size=3)),
        min_size=1,
        max_size=4,
    ),
    day=st.integers(0, 2),
)
def test_a_site_is_served_only_if_a_road_into_it_and_one_out_of_it_are_open(
    roads: list[tuple[bool, bool, set[int]]], day: int
) -> None:
    """Random one-way and two-way roads at S (from hubs H0…), trucks at a roadless depot.

    S is served that day exactly when it is entered and left: among its roads leading in,
    one is open (or none leads in at all), and likewise out; else it is ``road_closed``,
    and no truck ever goes there. Every tonne is accounted for.
    """
    locs = [loc("S", 0.0), loc("D3", 0.05, LocationKind.DEPOT)]
    links = []
    for i, (two_way, inward, closed) in enumerate(roads):
        locs.append(loc(f"H{i}", -0.1 * (i + 1)))
        a, b = (f"H{i}", "S") if inward else ("S", f"H{i}")
        link = dataclasses.replace(road(a, b, 10.0), outage_days=frozenset(closed))
        links.append(link if two_way else dataclasses.replace(link, bidirectional=False))
    s = scenario(locs, [unit("US", "S")], links, [fleet("F3", "D3", hours=12.0)])
    routes = route_day(s, _food(3.0), day=day, params=PARAMS)
    assert validate(s, routes, {"US": {"food": 3.0}}) == []
    into = [lk for lk in links if any(b == "S" for _, b in lk.directions())]
    out = [lk for lk in links if any(a == "S" for a, _ in lk.directions())]
    enters = not into or any(lk.is_open(day) for lk in into)
    leaves = not out or any(lk.is_open(day) for lk in out)
    visited = {x for r in routes.routes for x in r.path}
    if enters and leaves:
        assert routes.unserved == ()
        assert routes.delivered_t == pytest.approx(3.0)
    else:
        assert "S" not in visited
        assert [u.reason for u in routes.unserved] == [UnservedReason.ROAD_CLOSED]

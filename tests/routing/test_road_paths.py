"""The road matrix searched from junctions only gives the km of a search from every place.

A generated single-trip day of 5,000 units spent most of its fitting in a Dijkstra search
from every unit's site, and in a great-circle estimate of every pair of places. Now the
leaves (places one road joins to the network) take their neighbour's row plus their
road, and only the pairs without road data are estimated. Checked here against the
simple reference, a search from every place, on random graphs and on routed days.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit
from scipy.sparse.csgraph import dijkstra

from supplyline.domain import LocationKind, Scenario, great_circle_km
from supplyline.routing import road_paths, roads
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.road_paths import shortest_km
from supplyline.routing.road_sets import min_graph


def _searched_from_each(graph: object, wanted: np.ndarray) -> np.ndarray:
    """The reference: a search from every wanted node, 0 from a node to itself."""
    out = np.asarray(dijkstra(graph, directed=True, indices=wanted)[:, wanted], dtype=float)
    np.fill_diagonal(out, 0.0)
    return out


arcs = st.lists(
    st.tuples(st.integers(0, 11), st.integers(0, 11), st.sampled_from([0.1, 1.3, 2.5, 7.2, 40.0])),
    max_size=30,
)


@given(arcs=arcs, picks=st.lists(st.integers(0, 11), min_size=1, max_size=12, unique=True))
def test_leaves_rows_are_the_km_of_their_own_search(
    arcs: list[tuple[int, int, float]], picks: list[int]
) -> None:
    """Same paths found (inf where none) and the same km, to the float's last digits."""
    graph = min_graph([a for a, _, _ in arcs], [b for _, b, _ in arcs], [k for *_, k in arcs], 12)
    wanted = np.array(picks, dtype=np.int64)
    got, want = shortest_km(graph, wanted), _searched_from_each(graph, wanted)
    assert np.array_equal(np.isinf(got), np.isinf(want))
    assert np.allclose(got[np.isfinite(want)], want[np.isfinite(want)], rtol=1e-12, atol=0)


def test_a_star_of_sites_is_searched_from_its_hub_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """40 sites on their own tracks from one hub: one search, not one from each site."""
    sources: list[int] = []

    def counted(graph, *, directed, indices):  # type: ignore[no-untyped-def]
        sources.extend(np.atleast_1d(indices).tolist())
        return dijkstra(graph, directed=directed, indices=indices)

    monkeypatch.setattr(road_paths, "dijkstra", counted)
    sites = [f"S{i}" for i in range(40)]
    places = [loc("H", 0.0, LocationKind.HUB), *(loc(x, 0.01 * i) for i, x in enumerate(sites))]
    s = scenario(places, [], [road("H", x, 1.0 + i % 5) for i, x in enumerate(sites)], [])
    m = roads.road_matrix(s, sites)
    assert len(sources) == 1
    assert m.km[0, 1] == pytest.approx(1.0 + 2.0)  # S0 → H → S1


def _day(seed: int, units: int = 40) -> tuple[Scenario, list[DeliveryRequest]]:
    """A seeded day: a depot, hubs on a chain, sites on tracks from the hubs, a few roadless.

    A road between hubs and a site's own track are closed on day 0 (that site is cut off)
    and one track leads one way only, so that driven, closed and estimated pairs all occur.
    """
    rng = np.random.default_rng(seed)
    places = [loc("D", 0.0, LocationKind.DEPOT)]
    links = []
    for h in range(4):
        places.append(loc(f"H{h}", 0.05 * (h + 1), LocationKind.HUB, lat=0.02 * h))
        links.append(road("D" if h == 0 else f"H{h - 1}", f"H{h}", float(rng.integers(3, 9))))
    links.append(road("D", "H3", 12.0))
    people, asks = [], []
    for i in range(units):
        h = int(rng.integers(4))
        places.append(loc(f"P{i}", 0.05 * (h + 1) + 0.002 * i, lat=float(rng.uniform(-0.05, 0.1))))
        if i % 7:
            links.append(road(f"H{h}", f"P{i}", round(float(rng.uniform(0.5, 4.0)), 1)))
        people.append(unit(f"U{i}", f"P{i}"))
        tonnes = round(float(rng.uniform(0.2, 1.5)), 3)
        asks.append(DeliveryRequest(unit=f"U{i}", location=f"P{i}", load_t={"food": tonnes}))
    for k in (2, 5):  # a hub's road (there is a way round) and a site's own track
        links[k] = dataclasses.replace(links[k], outage_days=frozenset({0}))
    links[-1] = dataclasses.replace(links[-1], bidirectional=False)
    trucks = fleet("T", "D", count=3, payload_t=4.0, hours=6.0)
    return scenario(places, people, links, [trucks], service_minutes=10.0), asks


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_road_matrix_agrees_with_a_search_from_each_place_and_great_circles(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Driven pairs: the reference's km; the rest: closed (inf) or great circle × detour."""
    s, asks = _day(seed)
    ids = ["D", *(a.location for a in asks)]
    got = roads.road_matrix(s, ids, day=0)
    monkeypatch.setattr(roads, "shortest_km", _searched_from_each)
    want = roads.road_matrix(s, ids, day=0)
    assert np.array_equal(got.by_road, want.by_road)
    assert np.array_equal(got.closed, want.closed)
    assert np.allclose(got.km[got.by_road], want.km[want.by_road], rtol=1e-12, atol=0)
    assert np.isinf(got.km[got.closed]).all()
    at = {x.id: x for x in s.locations}
    for i, j in zip(*np.nonzero(~got.by_road & ~got.closed), strict=True):
        a, b = at[ids[i]], at[ids[j]]
        estimate = great_circle_km(a.lat, a.lon, b.lat, b.lon) * s.routing.detour_factor
        assert got.km[i, j] == pytest.approx(estimate, rel=1e-12)
    assert (~got.by_road & ~got.closed).any()  # the day has pairs estimated
    assert got.closed.any()  # and closed


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_single_trip_routes_are_those_of_a_search_from_each_place(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """The same trucks, stops, tonnes and cost as with the road matrix searched from each."""
    s, asks = _day(seed, units=60)
    params = ConvoyParams(
        router=RouterParams(time_limit_s=30, max_iterations=200, seed=seed), multi_trip=False
    )
    got = route_day(s, asks, day=0, params=params)
    monkeypatch.setattr(roads, "shortest_km", _searched_from_each)
    want = route_day(s, asks, day=0, params=params)
    assert got.routes
    assert got.unserved  # trucks short: a choice of loads was made
    assert [(r.truck, r.path, r.stops) for r in got.routes] == [
        (r.truck, r.path, r.stops) for r in want.routes
    ]
    assert [(u.unit, u.reason, u.load_t) for u in got.unserved] == [
        (u.unit, u.reason, u.load_t) for u in want.unserved
    ]
    assert got.total_cost == pytest.approx(want.total_cost, rel=1e-12)
    assert got.total_distance_km == pytest.approx(want.total_distance_km, rel=1e-12)

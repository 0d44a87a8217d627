"""The day's road sets name the same blocking roads as the per-call code they replaced.

``round_trip_blockers`` and its helpers rebuilt the road graph, the day's open roads and
the shortest paths from the scenario's links on every call: 19 s of a tester's 25 s
``routes`` run. They now answer from sets built once per scenario and day
(:mod:`supplyline.routing.road_sets`). The code they replaced is kept here, as it was, as
the reference: on random small road networks with closures, capacity-0 roads, one-way
roads, parallel links and equal lengths (where a shortest path has ties), every answer,
in its order, is the same.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from routing_scenarios import loc, scenario
from scipy.sparse.csgraph import dijkstra

from supplyline.domain import Link, Mode, Scenario
from supplyline.routing.road_sets import day_blocks, drives, min_graph, road_graph
from supplyline.routing.roads import (
    blocking_roads,
    closed_roads,
    cut_off_roads,
    one_way_roads,
    round_trip_blockers,
)
from supplyline.types import LocationId

# ------------------------------------------------------------ the reference (the old code)


def _ref_road_links(s: Scenario, pos: dict[LocationId, int]) -> list[Link]:
    return [
        x
        for x in s.links
        if x.mode is Mode.ROAD and all(a in pos and b in pos for a, b in x.directions())
    ]


def _ref_reaches(links: Sequence[Link], pos: dict[LocationId, int], a: int, b: int) -> bool:
    rows, cols, vals = [], [], []
    for x in links:
        for p, q in x.directions():
            rows.append(pos[p])
            cols.append(pos[q])
            vals.append(max(x.distance_km, 1e-9))
    if not vals:
        return False
    dist = dijkstra(min_graph(rows, cols, vals, len(pos)), directed=True, indices=[a, b])
    return bool(np.isfinite(dist[0, b]))


def _ref_path(best: dict[tuple[int, int], Link], a: int, b: int, n: int) -> list[tuple[int, int]]:
    graph = min_graph(
        [k[0] for k in best],
        [k[1] for k in best],
        [max(x.distance_km, 1e-9) for x in best.values()],
        n,
    )
    dist, pred = dijkstra(graph, directed=True, indices=a, return_predecessors=True)
    j = b
    if not np.isfinite(dist[j]):
        return []
    path: list[tuple[int, int]] = []
    while j != a:
        i = int(pred[j])
        path.append((i, j))
        j = i
    return path[::-1]


def _ref_best(s: Scenario) -> tuple[dict[LocationId, int], dict[tuple[int, int], Link]]:
    pos = {x.id: i for i, x in enumerate(s.locations)}
    best: dict[tuple[int, int], Link] = {}
    for x in _ref_road_links(s, pos):
        for a, b in x.directions():
            key = (pos[a], pos[b])
            if key not in best or x.distance_km < best[key].distance_km:
                best[key] = x
    return pos, best


def ref_closed(s: Scenario, origin: LocationId, destination: LocationId, day: int) -> list[Link]:
    pos, best = _ref_best(s)
    every = _ref_road_links(s, pos)
    if not every or origin == destination:
        return []
    open_pair = {(pos[a], pos[b]) for x in every if drives(x, day) for a, b in x.directions()}
    today = [x for x in every if drives(x, day)]
    if _ref_reaches(today, pos, pos[origin], pos[destination]):
        return []
    path = _ref_path(best, pos[origin], pos[destination], len(pos))
    return [best[k] for k in path if k not in open_pair]


def ref_one_way(s: Scenario, origin: LocationId, destination: LocationId) -> list[Link]:
    pos, best = _ref_best(s)
    n = len(pos)
    if origin == destination or not best or _ref_path(best, pos[origin], pos[destination], n):
        return []
    back = _ref_path(best, pos[destination], pos[origin], n)
    return [best[(i, j)] for i, j in back if (j, i) not in best]


def _ref_shut(s: Scenario, place: LocationId, day: int, *, into: bool) -> list[Link]:
    roads = [x for x in s.links if x.mode is Mode.ROAD]
    own = [x for x in roads if any((b if into else a) == place for a, b in x.directions())]
    return own if own and not any(drives(x, day) for x in own) else []


def _once(links: Sequence[Link]) -> list[Link]:
    return list({x.id: x for x in links}.values())


def ref_cut_off(s: Scenario, place: LocationId, day: int) -> list[Link]:
    return _once([*_ref_shut(s, place, day, into=True), *_ref_shut(s, place, day, into=False)])


def ref_blocking(s: Scenario, origin: LocationId, destination: LocationId, day: int) -> list[Link]:
    ends = [*_ref_shut(s, destination, day, into=True), *_ref_shut(s, origin, day, into=False)]
    if ends:
        return _once(ends)
    return ref_closed(s, origin, destination, day) or ref_one_way(s, origin, destination)


def ref_round_trip(
    s: Scenario, depot: LocationId, place: LocationId, day: int, *, out: bool, back: bool
) -> list[Link]:
    own = [
        *(_ref_shut(s, place, day, into=True) if out else []),
        *(_ref_shut(s, place, day, into=False) if back else []),
    ]
    if not own:
        own = [
            *(ref_blocking(s, depot, place, day) if out else []),
            *(ref_blocking(s, place, depot, day) if back else []),
        ]
    return _once(own)


# ------------------------------------------------------------ random small road networks

PLACES = ["A", "B", "C", "D", "E", "F"]


@st.composite
def networks(draw: st.DrawFn) -> Scenario:
    """Up to 6 places, 0-10 links (a few rail), closures, capacity 0, one-way, ties."""
    n = draw(st.integers(2, len(PLACES)))
    links = []
    for k in range(draw(st.integers(0, 10))):
        a, b = draw(st.lists(st.sampled_from(PLACES[:n]), min_size=2, max_size=2, unique=True))
        links.append(
            Link(
                id=f"x{k}",
                origin=a,
                destination=b,
                mode=draw(st.sampled_from([Mode.ROAD] * 5 + [Mode.RAIL])),
                distance_km=draw(st.sampled_from([0.0, 5.0, 5.0, 10.0, 20.0])),
                transit_days=draw(st.integers(0, 2)),
                capacity_t_per_day=draw(st.sampled_from([None, None, 0.0, 10.0])),
                bidirectional=draw(st.booleans()),
                outage_days=frozenset(draw(st.lists(st.integers(0, 5), max_size=3))),
            )
        )
    locations = [loc(p, float(i)) for i, p in enumerate(PLACES[:n])]
    return dataclasses.replace(scenario(locations, [], links, []), horizon_days=6)


def _ids(links: Sequence[Link]) -> list[str]:
    return [x.id for x in links]


@settings(max_examples=100, deadline=None)
@given(networks(), st.integers(0, 7))
def test_the_day_sets_name_what_the_per_call_code_named(s: Scenario, day: int) -> None:
    """Every pair of places, every way closed: the same roads, in the same order."""
    places = [x.id for x in s.locations]
    for a in places:
        assert _ids(cut_off_roads(s, a, day)) == _ids(ref_cut_off(s, a, day))
        for b in places:
            assert _ids(closed_roads(s, a, b, day)) == _ids(ref_closed(s, a, b, day))
            assert _ids(one_way_roads(s, a, b)) == _ids(ref_one_way(s, a, b))
            assert _ids(blocking_roads(s, a, b, day)) == _ids(ref_blocking(s, a, b, day))
            for out, back in [(True, True), (True, False), (False, True)]:
                got = round_trip_blockers(s, a, b, day, out=out, back=back)
                assert _ids(got) == _ids(ref_round_trip(s, a, b, day, out=out, back=back))


@settings(max_examples=30, deadline=None)
@given(networks(), st.integers(0, 7))
def test_a_scenario_copy_gets_its_own_sets(s: Scenario, day: int) -> None:
    """The sets are matched by identity: an equal copy, and another day, build their own."""
    copy = dataclasses.replace(s)
    assert road_graph(copy) is not road_graph(s)
    assert road_graph(s) is road_graph(s)
    assert day_blocks(s, day) is day_blocks(s, day)
    assert day_blocks(s, day) is not day_blocks(s, day + 1)
    assert day_blocks(s, day).day == day

"""A scenario's roads as sets built once: the roads driven on a day, the places they shut.

:func:`~supplyline.routing.roads.round_trip_blockers` names the closed (or one-way) roads
that keep a depot's trucks from a place. Each call rebuilt the road graph, the day's open
roads and a shortest path or two from the scenario's links: 264 calls on a tester's
100-unit corridor (500 places, 1,240 links) took 19 s of a 25 s ``routes`` run, although
what they read depends only on the scenario (the shortest road on any day, the roads into
and out of each place) and on the day (which roads are driven). Here those are built
once: :class:`RoadGraph` per scenario, :class:`DayBlocks` per day, and the shortest paths
from each place as they are asked for; :func:`road_graph` and :func:`day_blocks` keep the
few latest. A scenario is immutable, so a cached answer never goes stale; the cache holds
the scenario it was built from and is matched by identity, never by equality.

Also here, because both modules need them and :mod:`~supplyline.routing.roads` builds on
this one: when a link is driven (:func:`drives`, :func:`left_on`) and the sparse graph
of the shortest of parallel links (:func:`min_graph`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from supplyline.domain import Link, Mode, Scenario
from supplyline.types import LocationId

__all__ = ["DayBlocks", "RoadGraph", "day_blocks", "drives", "left_on", "min_graph", "road_graph"]

_K = TypeVar("_K")
_V = TypeVar("_V")
_KEPT = 4
"""Scenarios (and, per scenario, days) whose sets are kept: a run routes one or a few."""


def left_on(link: Link, day: int) -> int:
    """The day what arrives over ``link`` on ``day`` left: ``day - transit_days``, C+0 at least.

    >>> from supplyline.domain import Link, Mode
    >>> left_on(Link(id="r1", origin="A", destination="B", mode=Mode.ROAD, distance_km=5,
    ...              transit_days=1), 7)
    6
    """
    return max(day - link.transit_days, 0)


def drives(link: Link, day: int) -> bool:
    """Whether trucks drive ``link`` for what arrives on ``day``, as the movement plan does.

    The link carries tonnes (a ``capacity_t_per_day`` of 0 closes it on every day: the
    plan moves nothing over it) and it was open on the day its goods left
    (:func:`left_on`): the plan closes a link to what *departs* on an outage day, so a
    link with one day in transit, closed on C+6, brings nothing on C+7 and may bring
    what left on C+5 on C+6. Before the start a link is as it is on C+0.

    >>> from supplyline.domain import Link, Mode
    >>> r = Link(id="r1", origin="A", destination="B", mode=Mode.ROAD, distance_km=5,
    ...          transit_days=1, outage_days=frozenset({6}))
    >>> [drives(r, d) for d in (6, 7, 8)]
    [True, False, True]
    """
    return link.carries_tonnes and link.is_open(left_on(link, day))


def min_graph(rows: list[int], cols: list[int], vals: list[float], n: int) -> csr_matrix:
    """A sparse graph keeping the shortest of parallel links (csr would add them up)."""
    best: dict[tuple[int, int], float] = {}
    for r, c, v in zip(rows, cols, vals, strict=True):
        if v < best.get((r, c), math.inf):
            best[(r, c)] = v
    keys = list(best)
    return csr_matrix(
        ([best[k] for k in keys], ([k[0] for k in keys], [k[1] for k in keys])), shape=(n, n)
    )


def _graph_of(pairs: Sequence[tuple[int, int, Link]], n: int) -> csr_matrix:
    """:func:`min_graph` of the (from, to, link) ``pairs`` (a zero-length road still joins)."""
    return min_graph(
        [a for a, _, _ in pairs],
        [b for _, b, _ in pairs],
        [max(link.distance_km, 1e-9) for _, _, link in pairs],
        n,
    )


class RoadGraph:
    """A scenario's road links as a graph, on any day: built once, asked many times.

    ``roads`` are its road links; ``best`` the shortest link of each (from, to) pair of
    places (the first of equals), over the links whose ends are locations.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.roads = [link for link in scenario.links if link.mode is Mode.ROAD]
        self.pos = {loc.id: i for i, loc in enumerate(scenario.locations)}
        pos = self.pos
        self.pairs = [
            (pos[a], pos[b], link)
            for link in self.roads
            if all(a in pos and b in pos for a, b in link.directions())
            for a, b in link.directions()
        ]
        self.best: dict[tuple[int, int], Link] = {}
        for a, b, link in self.pairs:
            if (a, b) not in self.best or link.distance_km < self.best[(a, b)].distance_km:
                self.best[(a, b)] = link
        self.into: dict[LocationId, list[Link]] = {}
        self.out_of: dict[LocationId, list[Link]] = {}
        for link in self.roads:
            for place in dict.fromkeys(b for _, b in link.directions()):
                self.into.setdefault(place, []).append(link)
            for place in dict.fromkeys(a for a, _ in link.directions()):
                self.out_of.setdefault(place, []).append(link)
        self._graph: csr_matrix | None = None
        self._pred: dict[int, tuple[npt.NDArray[np.float64], npt.NDArray[np.int32]]] = {}
        self._days: dict[int, DayBlocks] = {}

    def path(self, origin: int, destination: int) -> list[tuple[int, int]]:
        """The (from, to) pairs of the shortest path over ``best``'s links; empty if none."""
        if origin not in self._pred:
            if self._graph is None:
                self._graph = _graph_of(
                    [(a, b, x) for (a, b), x in self.best.items()], len(self.pos)
                )
            dist, pred = dijkstra(
                self._graph, directed=True, indices=origin, return_predecessors=True
            )
            self._pred[origin] = (dist, pred)
        dist, pred = self._pred[origin]
        j = destination
        if not np.isfinite(dist[j]):
            return []
        path: list[tuple[int, int]] = []
        while j != origin:
            i = int(pred[j])
            path.append((i, j))
            j = i
        return path[::-1]

    def one_way(self, origin: LocationId, destination: LocationId) -> list[Link]:
        """:func:`~supplyline.routing.roads.one_way_roads`, from the graph built once."""
        if origin == destination or not self.best:
            return []
        there, back = self.pos[origin], self.pos[destination]
        if self.path(there, back):
            return []
        return [self.best[(i, j)] for i, j in self.path(back, there) if (j, i) not in self.best]

    def day(self, day: int) -> DayBlocks:
        """The road sets of ``day``, built on first asking (the latest few kept)."""
        got = self._days.get(day)
        if got is None:
            got = DayBlocks(self, day)
            _keep(self._days, day, got)
        return got


class DayBlocks:
    """The roads driven on one day and what they shut, for the questions of a day's routes.

    ``open_ids`` are the road links driven that day (by object, as listed in the
    scenario); ``open_pairs`` the (from, to) pairs of places that one of them joins.
    """

    def __init__(self, graph: RoadGraph, day: int) -> None:
        self.graph = graph
        self.day = day
        self.open_ids = {id(link) for link in graph.roads if drives(link, day)}
        today = [(a, b, x) for a, b, x in graph.pairs if id(x) in self.open_ids]
        self.open_pairs = {(a, b) for a, b, _ in today}
        self._today = _graph_of(today, len(graph.pos)) if today else None
        self._reach: dict[int, npt.NDArray[np.bool_]] = {}

    def shut(self, place: LocationId, *, into: bool) -> list[Link]:
        """The roads leading into (or out of) ``place`` if all of them are closed that day."""
        own = (self.graph.into if into else self.graph.out_of).get(place, [])
        return list(own) if own and not any(id(x) in self.open_ids for x in own) else []

    def reaches(self, origin: int, destination: int) -> bool:
        """Whether a road path driven that day leads from ``origin`` to ``destination``."""
        if self._today is None:
            return origin == destination
        if origin not in self._reach:
            dist = dijkstra(self._today, directed=True, indices=origin)
            self._reach[origin] = np.isfinite(dist)
        return bool(self._reach[origin][destination])

    def closed(self, origin: LocationId, destination: LocationId) -> list[Link]:
        """:func:`~supplyline.routing.roads.closed_roads` of this day."""
        g = self.graph
        if not g.pairs or origin == destination:
            return []
        there, back = g.pos[origin], g.pos[destination]
        if self.reaches(there, back):
            return []
        return [g.best[k] for k in g.path(there, back) if k not in self.open_pairs]

    def blocking(self, origin: LocationId, destination: LocationId) -> list[Link]:
        """:func:`~supplyline.routing.roads.blocking_roads` of this day."""
        ends = [*self.shut(destination, into=True), *self.shut(origin, into=False)]
        if ends:
            return list({link.id: link for link in ends}.values())
        return self.closed(origin, destination) or self.graph.one_way(origin, destination)


_GRAPHS: dict[int, RoadGraph] = {}
"""The latest scenarios' graphs by ``id``; each holds its scenario, so no id is reused."""


def _keep(cache: dict[_K, _V], key: _K, value: _V) -> None:
    """Put ``value`` in ``cache``, dropping the oldest entries beyond :data:`_KEPT`."""
    cache[key] = value
    for old in list(cache)[:-_KEPT]:
        cache.pop(old, None)


def road_graph(scenario: Scenario) -> RoadGraph:
    """The scenario's :class:`RoadGraph`, built once (the latest few scenarios kept).

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> road_graph(s) is road_graph(s)
    True
    """
    got = _GRAPHS.get(id(scenario))
    if got is None or got.scenario is not scenario:
        got = RoadGraph(scenario)
        _keep(_GRAPHS, id(scenario), got)
    return got


def day_blocks(scenario: Scenario, day: int) -> DayBlocks:
    """The scenario's :class:`DayBlocks` of ``day``, built once.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> [link.id for link in day_blocks(s, 0).blocking("U", "D")]  # L1 leads D→U only
    ['L1']
    """
    return road_graph(scenario).day(day)

"""The most that can move from one place to another in a day, every capacity to itself.

A lower bound on the days a unit's lift takes, whatever the other units do: a tester gave a
unit 10,000,000 t of lift behind a 300 t/day yard; it could never close, yet nothing said
so, and the plan gave it the yard while three units that could close did not.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from supplyline.planning.network import NetworkArrays

__all__ = ["Throughput", "Way", "most_per_day"]

STEPS_PER_UNIT = 10
"""Capacities are counted in tenths of a tonne (or of a person), rounded up: the bound
stays a bound."""
UNLIMITED_STEPS = 10**8
"""What an unlimited capacity counts as: ten million tonnes a day, above any lift."""


class Way(NamedTuple):
    """One way from a place to another: the most a day it carries, its days, its links."""

    rate: float
    delay: int
    """Days of transit and dwell from its start to its end."""
    arcs: tuple[int, ...] = ()
    """Its arcs in order, each ``offsets`` days after its start: on an arc's outage day, the
    lift that left that many days before cannot go on (the way loses that day's rate)."""
    offsets: tuple[int, ...] = ()


def _steps(values: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    scaled = np.ceil(np.minimum(values * STEPS_PER_UNIT, UNLIMITED_STEPS))
    return scaled.astype(np.int64)


def most_per_day(net: NetworkArrays, home: int, dest: int, *, people: bool) -> float:
    """Tonnes (or people) a day that can get from ``home`` to ``dest`` at most.

    A maximum flow over the links that carry them (capacity per day) through places whose
    handling bounds what passes (loaded at ``home``, unloaded at ``dest``); outage days
    aside, so that it is an upper bound.
    """
    return _most_over(_day_capacities(net, people=people), home, dest)


def _day_capacities(net: NetworkArrays, *, people: bool) -> csr_matrix:
    """The graph :func:`most_per_day` searches: one for every pair of places.

    Place ``v`` is ``v`` (arriving) → ``n + v`` (leaving), bounded by its handling; a
    usable link joins its tail's leaving node to its head's arriving one. In steps, int32.
    """
    n = len(net.location_ids)
    usable = net.arc_carries(people=people)
    cap = net.arc_cap_pax if people else net.arc_cap_t
    handling = net.handling_pax if people else net.handling
    places = np.arange(n)
    tails = np.concatenate([places, n + net.arc_from[usable]])
    heads = np.concatenate([n + places, net.arc_to[usable]])
    steps = np.concatenate([_steps(handling), _steps(cap[usable])])
    graph = csr_matrix((steps, (tails, heads)), shape=(2 * n, 2 * n), dtype=np.int64)
    graph.sum_duplicates()  # parallel links add up (in 64 bits: 22 unlimited ones overflowed)
    np.minimum(graph.data, UNLIMITED_STEPS, out=graph.data)
    return csr_matrix(graph, dtype=np.int32)


def _most_over(graph: csr_matrix, home: int, dest: int) -> float:
    """The maximum flow of a :func:`_day_capacities` graph from ``home`` to ``dest``."""
    n = graph.shape[0] // 2
    return float(maximum_flow(graph, home, n + dest).flow_value) / STEPS_PER_UNIT


class Throughput:
    """:func:`most_per_day` for many units of one network, asked only where it can matter.

    A maximum flow per unit took 36 s for 2,000 units on a 1,000-place network. The widest
    single way from a home (one search per home) is a lower bound of the maximum flow: a
    unit whose lift that way alone moves in time needs no maximum flow, and a pair of
    places asked twice is answered from a cache.
    """

    def __init__(self, net: NetworkArrays, *, people: bool) -> None:
        self.net, self.people = net, people
        self._handling = net.handling_pax if people else net.handling
        cap = net.arc_cap_pax if people else net.arc_cap_t
        self._out: dict[int, list[tuple[int, float, int, int]]] = defaultdict(list)
        delay = net.arc_delay
        self._delay: list[int] = delay.tolist()
        self._from: list[int] = net.arc_from.tolist()
        for a in np.flatnonzero(net.arc_carries(people=people)).tolist():
            way = (int(net.arc_to[a]), float(cap[a]), int(delay[a]), a)
            self._out[int(net.arc_from[a])].append(way)
        self._widest: dict[int, tuple[list[float], list[int], list[int]]] = {}
        self._quickest: dict[int, dict[int, tuple[float, int, int]]] = {}
        self._ways: dict[tuple[int, int], Way] = {}
        self._most: dict[tuple[int, int], float] = {}
        self._day_graph: csr_matrix | None = None

    def widest(self, home: int, dest: int) -> float:
        """The most a day one way from ``home`` to ``dest`` carries (its narrowest part)."""
        return self.widest_way(home, dest).rate

    def widest_way(self, home: int, dest: int) -> Way:
        """:meth:`widest`, with that way's delay and arcs."""
        if (home, dest) not in self._ways:
            if home not in self._widest:
                self._widest[home] = self._widest_from(home)
            best, delay, via = self._widest[home]
            rate = min(best[dest], UNLIMITED_STEPS / STEPS_PER_UNIT)  # as the flow
            self._ways[(home, dest)] = self._traced(Way(rate, delay[dest]), dest, via.__getitem__)
        return self._ways[(home, dest)]

    def _traced(self, way: Way, dest: int, via: Callable[[int], int]) -> Way:
        """``way`` with its arcs, traced back from ``dest`` by the arc ``via`` each place."""
        arcs: list[int] = []
        place = dest
        while (arc := via(place)) >= 0:
            arcs.append(arc)
            place = self._from[arc]
        arcs.reverse()
        offsets, offset = [], 0
        for arc in arcs:
            offsets.append(offset)
            offset += self._delay[arc]
        return way._replace(arcs=tuple(arcs), offsets=tuple(offsets))

    def _widest_from(self, home: int) -> tuple[list[float], list[int], list[int]]:
        best = [0.0] * len(self.net.location_ids)
        delay = [0] * len(self.net.location_ids)  # of the way that gave ``best``
        via = [-1] * len(self.net.location_ids)  # its last arc
        best[home] = float(self._handling[home])  # loaded there
        heap = [(-best[home], home)]
        while heap:
            value, u = heapq.heappop(heap)
            if -value < best[u]:
                continue
            for v, cap, days, arc in self._out.get(u, ()):
                through = min(-value, cap, float(self._handling[v]))  # unloaded at v
                if through > best[v]:
                    best[v], delay[v], via[v] = through, delay[u] + days, arc
                    heapq.heappush(heap, (-through, v))
        return best, delay, via

    def quickest_way(self, home: int, dest: int) -> Way:
        """The quickest way from ``home`` to ``dest`` (of those equally quick, the widest).

        ``Way(0.0, 0)`` where there is no way.
        """
        if (home, -1 - dest) not in self._ways:  # (the widest way's key is ``dest``)
            if home not in self._quickest:
                self._quickest[home] = self._quickest_from(home)
            found = self._quickest[home]
            rate, delay, _ = found.get(dest, (0.0, 0, -1))
            way = Way(min(rate, UNLIMITED_STEPS / STEPS_PER_UNIT), delay)  # as the flow
            via = (lambda place: found[place][2]) if dest in found else (lambda _: -1)
            self._ways[(home, -1 - dest)] = self._traced(way, dest, via)
        return self._ways[(home, -1 - dest)]

    def _quickest_from(self, home: int) -> dict[int, tuple[float, int, int]]:
        # (delay, -width) in order: a day more is never made up by width, and a narrower
        # part on the way only ever narrows a way, so the search may settle places in turn
        best: dict[int, tuple[float, int, int]] = {home: (float(self._handling[home]), 0, -1)}
        heap = [(0, -best[home][0], home)]
        done: set[int] = set()
        while heap:
            delay, width, u = heapq.heappop(heap)
            if u in done:
                continue
            done.add(u)
            for v, cap, days, arc in self._out.get(u, ()):
                through = min(-width, cap, float(self._handling[v]))  # unloaded at v
                was = best.get(v)
                if was is None or (delay + days, -through) < (was[1], -was[0]):
                    best[v] = (through, delay + days, arc)
                    heapq.heappush(heap, (delay + days, -through, v))
        return best

    def most(self, home: int, dest: int) -> float:
        """:func:`most_per_day`, remembered per pair of places, on a graph laid out once.

        The graph took four fifths of each of the 2,000-unit benchmark's 49 pairs' time.
        """
        if (home, dest) not in self._most:
            if self._day_graph is None:
                self._day_graph = _day_capacities(self.net, people=self.people)
            self._most[(home, dest)] = _most_over(self._day_graph, home, dest)
        return self._most[(home, dest)]

"""The most that can move from one place to another in a day, every capacity to itself.

A lower bound on the days a unit's lift takes, whatever the other units do: a tester gave a
unit 10,000,000 t of lift behind a 300 t/day yard; it could never close, yet nothing said
so, and the plan gave it the yard while three units that could close did not.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from supplyline.planning.network import NetworkArrays

__all__ = ["Throughput", "most_per_day"]

STEPS_PER_UNIT = 10
"""Capacities are counted in tenths of a tonne (or of a person), rounded up: the bound
stays a bound."""
UNLIMITED_STEPS = 10**8
"""What an unlimited capacity counts as: ten million tonnes a day, above any lift."""


def _steps(values: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    scaled = np.ceil(np.minimum(values * STEPS_PER_UNIT, UNLIMITED_STEPS))
    return scaled.astype(np.int64)


def most_per_day(net: NetworkArrays, home: int, dest: int, *, people: bool) -> float:
    """Tonnes (or people) a day that can get from ``home`` to ``dest`` at most.

    A maximum flow over the links that carry them (capacity per day) through places whose
    handling bounds what passes (loaded at ``home``, unloaded at ``dest``); outage days
    aside, so that it is an upper bound.
    """
    n = len(net.location_ids)
    usable = net.arc_carries(people=people)
    cap = net.arc_cap_pax if people else net.arc_cap_t
    handling = net.handling_pax if people else net.handling
    places = np.arange(n)
    # place v is v (arriving) → n + v (leaving), bounded by its handling
    tails = np.concatenate([places, n + net.arc_from[usable]])
    heads = np.concatenate([n + places, net.arc_to[usable]])
    steps = np.concatenate([_steps(handling), _steps(cap[usable])])
    graph = csr_matrix((steps, (tails, heads)), shape=(2 * n, 2 * n), dtype=np.int64)
    graph.sum_duplicates()  # parallel links add up (in 64 bits: 22 unlimited ones overflowed)
    np.minimum(graph.data, UNLIMITED_STEPS, out=graph.data)
    graph = csr_matrix(graph, dtype=np.int32)
    flow = maximum_flow(graph, home, n + dest).flow_value
    return float(flow) / STEPS_PER_UNIT


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
        self._out: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for a in np.flatnonzero(net.arc_carries(people=people)).tolist():
            self._out[int(net.arc_from[a])].append((int(net.arc_to[a]), float(cap[a])))
        self._widest: dict[int, list[float]] = {}
        self._most: dict[tuple[int, int], float] = {}

    def widest(self, home: int, dest: int) -> float:
        """The most a day one way from ``home`` to ``dest`` carries (its narrowest part)."""
        if home not in self._widest:
            self._widest[home] = self._widest_from(home)
        return min(self._widest[home][dest], UNLIMITED_STEPS / STEPS_PER_UNIT)  # as the flow

    def _widest_from(self, home: int) -> list[float]:
        best = [0.0] * len(self.net.location_ids)
        best[home] = float(self._handling[home])  # loaded there
        heap = [(-best[home], home)]
        while heap:
            value, u = heapq.heappop(heap)
            if -value < best[u]:
                continue
            for v, cap in self._out.get(u, ()):
                through = min(-value, cap, float(self._handling[v]))  # unloaded at v
                if through > best[v]:
                    best[v] = through
                    heapq.heappush(heap, (-through, v))
        return best

    def most(self, home: int, dest: int) -> float:
        """:func:`most_per_day`, remembered per pair of places."""
        if (home, dest) not in self._most:
            self._most[(home, dest)] = most_per_day(self.net, home, dest, people=self.people)
        return self._most[(home, dest)]

    def days_to_move(self, home: int, dest: int, amount: float, within: int) -> tuple[int, float]:
        """The fewest days ``amount`` takes to move, and the rate that says so (0: no way).

        When the widest single way moves it in ``within`` days or fewer, that is said
        without a maximum flow: the answer is then at most ``within``, all a caller needs.
        """
        widest = self.widest(home, dest)
        # a capacity of 5e-324 t/day made amount / widest inf, and ceil(inf) OverflowError
        days = amount / widest if widest > 0 else math.inf
        if days - 1e-9 <= within:
            return max(1, math.ceil(days - 1e-9)), widest
        rate = self.most(home, dest)
        if rate <= 0:
            return 0, 0.0
        return max(1, math.ceil(amount / rate - 1e-9)), rate

"""The most of a unit's lift (or people) that can be at its destination by each day.

A lower bound on the day a unit's last tonne (person) can arrive, whatever the other units
do. Counting the first day anything can arrive and the most a day over all ways together
was too early: a tester's battalion had a 10 t/day airbridge there on C+2 and a 350 t/day
yard on C+9, the warning said its 1,600 t could all be there on C+6 (as if 360 t/day came
from C+2) and so said nothing, and the plan closed it a week late. Here each way counts
only the days it can deliver on.

By day ``D``, an arc (a place's handling) can carry what reaches the destination by ``D``
only on the days between the first the lift can be at its tail (the unit's available day
plus the quickest delay from home) and the last from which the quickest way on still gets
there by ``D``. Any plan's lift arriving by ``D``, summed over the days, is then a flow from
home to the destination with each arc's capacity times its number of such days: the
maximum flow of that network bounds it. Outages are ignored and capacities rounded up, so
the bound is never later than a plan; a single way (the widest, from its own first day)
moving the lift in time answers without a maximum flow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from supplyline.planning.network import NetworkArrays, days_from, days_to
from supplyline.planning.throughput import STEPS_PER_UNIT, Throughput

__all__ = ["ClosureBound", "LastArrival"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

MOST_STEPS = 10**9
"""The most steps a lift may count (int32 flows): a larger lift is counted in coarser
steps, which rounds the capacities up and keeps the bound a bound."""


CLOSED_T = 1e-6
CLOSED_SHARE = 1e-4
"""A plan counts a unit wholly there with this share of its lift (or a gram) still on the
way (``extract.CLOSED_SHARE_OFF_VERTEX``, the larger of its two, and ``extract.TOL``):
the bound counts the same, so that it is never later than a plan's closure."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LastArrival:
    """When all of a lift can be there at the earliest, and what can be by the day before."""

    day: int
    """The first day all of it can be there; the horizon's length where never within it."""
    by_day_before: float
    """The most that can be there by ``day - 1`` (less than the lift)."""


@dataclass(frozen=True, slots=True)
class _Windows:
    """One unit's network: arcs and places, and the days each serves before ``D``.

    Arc (place) ``i`` can serve on ``D - lag[i]`` days by day ``D`` (none when that is not
    above 0): its window's first day is ``lag``-counted from where the lift can first be.
    """

    tails: IntArray
    heads: IntArray
    per_day: FloatArray
    lag: IntArray
    home: int
    sink: int
    n_nodes: int


class ClosureBound:
    """The earliest day all of a unit's lift (or people) can be there, for one network.

    ``net`` is the network without outages; ``people`` says which lift it counts.
    """

    def __init__(self, net: NetworkArrays, *, people: bool) -> None:
        self.net, self.people = net, people
        self.throughput = Throughput(net, people=people)
        self._usable = net.arc_carries(people=people)
        self._from: dict[int, FloatArray] = {}
        self._to: dict[int, FloatArray] = {}

    def last_arrival(
        self, home: int, dest: int, start: int, amount: float, *, in_time: int, days: int
    ) -> LastArrival | None:
        """The earliest day all of ``amount`` can be at ``dest``; None if by ``in_time``.

        ``start`` is the unit's available day at ``home``; days run to ``days - 1``.
        """
        target = min(in_time, days - 1)
        rate, delay = self.throughput.widest_way(home, dest)
        if rate * max(0, target - start - delay + 1) >= amount:
            return None  # one way alone brings it in time
        windows = self._windows(home, dest, start)
        scale = min(float(STEPS_PER_UNIT), MOST_STEPS / amount)
        closed = amount - max(CLOSED_T, CLOSED_SHARE * amount)  # as the plan counts it
        need = max(1, math.ceil(closed * scale - 1e-9))

        def most_by(day: int) -> int:
            return _most_steps(windows, day, scale, need)

        if target >= 0 and most_by(target) >= need:
            return None
        if most_by(days - 1) < need:
            return LastArrival(day=days, by_day_before=most_by(days - 1) / scale)
        low, high = max(target, -1), days - 1  # not enough by low, enough by high
        while high - low > 1:
            mid = (low + high) // 2
            low, high = (low, mid) if most_by(mid) >= need else (mid, high)
        return LastArrival(day=high, by_day_before=most_by(high - 1) / scale)

    def _windows(self, home: int, dest: int, start: int) -> _Windows:
        net, n = self.net, len(self.net.location_ids)
        if home not in self._from:
            self._from[home] = days_from(net, self._usable, np.array([home]))[0]
        if dest not in self._to:
            self._to[dest] = days_to(net, self._usable, np.array([dest]))[0]
        first, left = start + self._from[home], self._to[dest]
        arcs = np.flatnonzero(self._usable & (net.arc_from != dest))  # a unit stays there
        arc_lag = first[net.arc_from[arcs]] + net.arc_delay[arcs] + left[net.arc_to[arcs]] - 1
        place_lag = first + left - 1
        handling = net.handling_pax if self.people else net.handling
        cap = net.arc_cap_pax if self.people else net.arc_cap_t
        places = np.arange(n)
        lag = np.concatenate([place_lag, arc_lag])
        keep = np.isfinite(lag)  # where the lift can be and still get there
        # place v is v (arriving) → n + v (leaving), bounded by its handling
        return _Windows(
            tails=np.concatenate([places, n + net.arc_from[arcs]])[keep],
            heads=np.concatenate([n + places, net.arc_to[arcs]])[keep],
            per_day=np.concatenate([handling, cap[arcs]])[keep],
            lag=lag[keep].astype(np.int64),
            home=home,
            sink=n + dest,
            n_nodes=2 * n,
        )


def _most_steps(windows: _Windows, day: int, scale: float, need: int) -> int:
    """Steps that can be there by ``day``, counted up to ``need`` (a bound from above)."""
    served = np.maximum(day - windows.lag, 0)
    # any capacity of ``need`` or more is as good as unlimited for "is it enough" (and an
    # unlimited one so counted is no longer inf × 0 days on a day it cannot serve)
    per_day = np.minimum(windows.per_day * scale, need)
    steps = np.ceil(np.minimum(per_day * served, need)).astype(np.int64)
    graph = csr_matrix(
        (steps, (windows.tails, windows.heads)),
        shape=(windows.n_nodes, windows.n_nodes),
        dtype=np.int64,
    )
    graph.sum_duplicates()  # parallel links add up (in 64 bits), then count to need
    np.minimum(graph.data, need, out=graph.data)
    flow = maximum_flow(csr_matrix(graph, dtype=np.int32), windows.home, windows.sink)
    return int(flow.flow_value)

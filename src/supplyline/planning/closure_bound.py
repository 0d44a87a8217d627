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
the bound is never later than a plan. A single way (the widest, or the quickest), from
its own first day, moving the lift in time answers without a maximum flow, and the first
day it does bounds the search; the maximum flows of one home and destination are laid out
once and remembered by day, a later available day being the same windows shifted. The
days are tried one, two, four, … after the required day (the answer is most often a day or
two after it): the 2,000-unit benchmark asked 90 maximum flows where halving from the
horizon's end asked 410.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from supplyline.planning.network import NetworkArrays, days_over, delay_graph
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
    The entries lie in the order of their (tail, head) pairs, parallel ones side by side
    from ``starts``: the pairs' graph is laid out once, only its capacities change by day.
    """

    per_day: FloatArray
    """Steps a day of each entry, at most :data:`MOST_STEPS`."""
    lag: IntArray
    starts: IntArray
    indices: npt.NDArray[np.int32]
    indptr: npt.NDArray[np.int32]
    home: int
    sink: int
    most: dict[int, int] = field(default_factory=dict)
    """Steps that can be there by each day asked, remembered (units share homes)."""

    def most_by(self, day: int) -> int:
        """Steps that can be there by ``day`` (a bound from above, at most MOST_STEPS)."""
        if day not in self.most:
            served = np.maximum(day - self.lag, 0)
            steps = np.ceil(np.minimum(self.per_day * served, MOST_STEPS)).astype(np.int64)
            data = np.add.reduceat(steps, self.starts) if len(steps) else steps
            np.minimum(data, MOST_STEPS, out=data)  # parallel links add up, in 64 bits
            size = len(self.indptr) - 1
            graph = csr_matrix(
                (data.astype(np.int32), self.indices, self.indptr), shape=(size, size)
            )
            self.most[day] = int(maximum_flow(graph, self.home, self.sink).flow_value)
        return self.most[day]


class ClosureBound:
    """The earliest day all of a unit's lift (or people) can be there, for one network.

    ``net`` is the network without outages; ``people`` says which lift it counts.
    """

    def __init__(self, net: NetworkArrays, *, people: bool) -> None:
        self.net, self.people = net, people
        self.throughput = Throughput(net, people=people)
        self._usable = net.arc_carries(people=people)
        # searched only for the units one way alone does not answer for: all 1,000 places
        # of a benchmark's 2,000 units in one go took 1.1 s
        self._graphs: dict[bool, csr_matrix] = {}
        self._days: dict[tuple[bool, int], FloatArray] = {}
        self._windows: dict[tuple[int, int, float], _Windows] = {}

    def _days_apart(self, place: int, *, to: bool) -> FloatArray:
        """Days from ``place`` to every place (from every place to it, ``to``)."""
        if (to, place) not in self._days:
            if to not in self._graphs:
                self._graphs[to] = delay_graph(self.net, self._usable, reverse=to)
            found = days_over(self._graphs[to], np.array([place], dtype=np.int64))
            self._days[(to, place)] = found[0]
        return self._days[(to, place)]

    def last_arrival(
        self, home: int, dest: int, start: int, amount: float, *, in_time: int, days: int
    ) -> LastArrival | None:
        """The earliest day all of ``amount`` can be at ``dest``; None if by ``in_time``.

        ``start`` is the unit's available day at ``home``; days run to ``days - 1``.
        """
        target = min(in_time, days - 1)
        ways = (self.throughput.widest_way(home, dest), self.throughput.quickest_way(home, dest))
        if any(_one_way_brings(way, start, amount, by=target) for way in ways):
            return None  # one way alone brings it in time
        scale = min(float(STEPS_PER_UNIT), MOST_STEPS / amount)
        windows = self._windows_of(home, dest, scale)
        closed = amount - max(CLOSED_T, CLOSED_SHARE * amount)  # as the plan counts it
        need = max(1, math.ceil(closed * scale - 1e-9))

        def enough_by(day: int) -> bool:
            return windows.most_by(day - start) >= need  # the windows are laid out from C+0

        if target >= 0 and enough_by(target):
            return None
        sure = min(_one_way_day(way, start, amount, days=days) for way in ways)  # enough
        low = max(target, -1)  # not enough by ``low``
        high = _first_day(enough_by, low, min(sure, days - 1), known_enough=sure < days)
        if high is None:
            return LastArrival(day=days, by_day_before=windows.most_by(days - 1 - start) / scale)
        return LastArrival(day=high, by_day_before=windows.most_by(high - 1 - start) / scale)

    def _windows_of(self, home: int, dest: int, scale: float) -> _Windows:
        """The windows of a lift available at ``home`` on C+0 (a later one's are shifted)."""
        key = (home, dest, scale)
        if key not in self._windows:
            self._windows[key] = self._lay_out(home, dest, scale)
        return self._windows[key]

    def _lay_out(self, home: int, dest: int, scale: float) -> _Windows:
        net, n = self.net, len(self.net.location_ids)
        first, left = self._days_apart(home, to=False), self._days_apart(dest, to=True)
        arcs = np.flatnonzero(self._usable & (net.arc_from != dest))  # a unit stays there
        arc_lag = first[net.arc_from[arcs]] + net.arc_delay[arcs] + left[net.arc_to[arcs]] - 1
        place_lag = first + left - 1
        handling = net.handling_pax if self.people else net.handling
        cap = net.arc_cap_pax if self.people else net.arc_cap_t
        places = np.arange(n)
        lag = np.concatenate([place_lag, arc_lag])
        keep = np.isfinite(lag)  # where the lift can be and still get there
        # place v is v (arriving) → n + v (leaving), bounded by its handling
        tails = np.concatenate([places, n + net.arc_from[arcs]])[keep]
        heads = np.concatenate([n + places, net.arc_to[arcs]])[keep]
        order = np.lexsort((heads, tails))
        tails, heads = tails[order], heads[order]
        new_pair = np.ones(len(tails), dtype=bool)
        new_pair[1:] = (tails[1:] != tails[:-1]) | (heads[1:] != heads[:-1])
        starts = np.flatnonzero(new_pair)
        indptr = np.zeros(2 * n + 1, dtype=np.int32)
        np.cumsum(np.bincount(tails[starts], minlength=2 * n), out=indptr[1:])
        per_day = np.concatenate([handling, cap[arcs]])[keep][order]
        return _Windows(
            per_day=np.minimum(per_day * scale, MOST_STEPS),  # unlimited: a finite number
            lag=lag[keep][order].astype(np.int64),
            starts=starts,
            indices=heads[starts].astype(np.int32),
            indptr=indptr,
            home=home,
            sink=n + dest,
        )


def _one_way_brings(way: tuple[float, int], start: int, amount: float, *, by: int) -> bool:
    """Whether one way (its most a day, its delay) alone brings ``amount`` by day ``by``.

    Then the maximum flow does too: each place and link of the way serves at least the
    way's days (:class:`_Windows`), at least its rate on each, rounded up.
    """
    rate, delay = way
    return rate * max(0, by - start - delay + 1) >= amount


def _one_way_day(way: tuple[float, int], start: int, amount: float, *, days: int) -> int:
    """The first day one way alone brings ``amount`` by (:func:`_one_way_brings`).

    ``days`` where it may need the whole horizon: a maximum flow then says.
    """
    rate, delay = way
    if rate <= 0 or amount / rate >= days:
        return days  # (it needs more days than there are)
    day = start + delay - 1 + math.ceil(amount / rate)
    while day > start and _one_way_brings(way, start, amount, by=day - 1):
        day -= 1  # rounding aside
    while day < days and not _one_way_brings(way, start, amount, by=day):
        day += 1
    return min(day, days)


def _first_day(
    enough_by: Callable[[int], bool], low: int, last: int, *, known_enough: bool
) -> int | None:
    """The first day after ``low`` (not enough) by which it is enough, up to ``last``.

    None if not by ``last``; ``known_enough`` says it is by ``last`` without asking. Days
    are tried 1, 2, 4, … after ``low``, then halved: the answer is most often a day or two
    after the required day, found with two maximum flows where halving from the horizon's
    end took eight.
    """
    step, high = 1, None
    while high is None:
        probe = min(low + step, last)
        if probe <= low:
            return None  # ``low`` is already the last day
        if (probe == last and known_enough) or enough_by(probe):
            high = probe
        elif probe == last:
            return None
        else:
            low, step = probe, step * 2
    while high - low > 1:  # not enough by ``low``, enough by ``high``
        mid = (low + high) // 2
        low, high = (low, mid) if enough_by(mid) else (mid, high)
    return high

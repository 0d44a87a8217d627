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
there by ``D``, a link only on those of them it is open (nothing departs on an outage day).
Any plan's lift arriving by ``D``, summed over the days, is then a flow from home to the
destination with each arc's capacity times its number of such days: the maximum flow of
that network bounds it. Capacities are rounded up and the first days are those without
outages (the lift stays at its destination: no way through it counts), so the bound is
never later than a plan. Before, outages were left out: a unit behind a 10 t/day airbridge
and a road closed all horizon was said to have 60 t/day and C+5, where the plan closed it
on C+11; and a yard was counted from the day lift could fly to the destination and drive
back to it, 185 t by C+8 where 155 t could be.

A place's handling bounds what it takes in (on the arrival day) and what it sends on (on
the departure day) apart, as the plan's rows do: each is a step of its own, and a link
carries at most the handling at its ends a day. Beside a link with outage days, a place
counts only the days it can take in or send on (:mod:`~supplyline.planning.handling_days`):
counted as one capacity over its whole window, a tester's border post of 10 t/day, the
road beyond it closed C+5–C+6, sent on 30 t by C+9 where it can send on 10 t (C+10 said,
C+12 planned; its people's C+11 not said at all). A unit's lift waits at any place but its
destination, storage or not, as in the plan: the days between need no store.

A single way (the widest, or the quickest), from its own first day and but for its links'
outage days, moving the lift in time answers without a maximum flow, and the first day it does
bounds the search; the maximum flows of one home and destination are laid out once and
remembered by day, a later available day being the same windows shifted where no link of
them ever closes. The days are tried one, two, four, … after the required day (the answer
is most often a day or two after it): the 2,000-unit benchmark asked 90 maximum flows
where halving from the horizon's end asked 410.

The windows count each link and place as one capacity over its days, and so bound the lift
from above but are still too generous: a road closed C+0–C+4 before a 2 t/day link let
that link count from C+1 (30 t "on C+15", the plan C+20), and a 5 t/day post's days were
one sum where what it takes in late cannot leave in time. They pick the first day worth
asking; the day said, and what can be there the day before, are a maximum flow over places
and days (:mod:`~supplyline.planning.time_expanded`), asked from there on.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from supplyline.planning.handling_days import ClosedBeside, LostDays
from supplyline.planning.network import NetworkArrays, days_over, delay_graph
from supplyline.planning.throughput import STEPS_PER_UNIT, Throughput, Way
from supplyline.planning.time_expanded import ExpandedFlow

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
    """One unit's network: arcs and places, and the days each serves by ``D``.

    Arc (place) ``i`` serves from ``first[i]`` days after the lift is available to
    ``D - after[i]``, on the days row ``row[i]`` of ``open_by`` counts open (``open_by[r, d]``:
    open days before ``d``; a place's row is never closed). The entries lie in the order of
    their (tail, head) pairs, parallel ones side by side from ``starts``: the pairs' graph
    is laid out once, only its capacities change by day.
    """

    per_day: FloatArray
    """Steps a day of each entry, at most :data:`MOST_STEPS`."""
    first: IntArray
    after: IntArray
    row: IntArray
    open_by: IntArray
    starts: IntArray
    indices: npt.NDArray[np.int32]
    indptr: npt.NDArray[np.int32]
    home: int
    sink: int
    shifts: bool
    """No entry ever closes: a later available day is the same windows shifted."""
    lost: LostDays
    """The days places beside a link that closes cannot serve in their windows."""
    most: dict[tuple[int, int], int] = field(default_factory=dict)
    """Steps that can be there by each (available day, day) asked (units share homes)."""

    def served(self, start: int, day: int) -> IntArray:
        """Days each entry serves a lift available on ``start`` that is to be there by ``day``."""
        days = self.open_by.shape[1] - 1
        lo = np.clip(start + self.first, 0, days)
        hi = np.clip(day - self.after + 1, 0, days)  # the day after the last departure
        served: IntArray = np.maximum(self.open_by[self.row, hi] - self.open_by[self.row, lo], 0)
        served -= self.lost.counts(start, day, len(served))
        return served

    def most_by(self, start: int, day: int) -> int:
        """Steps available on ``start`` that can be there by ``day`` (a bound, ≤ MOST_STEPS)."""
        if self.shifts:
            start, day = 0, day - start
        if (start, day) not in self.most:
            served = self.served(start, day)
            steps = np.ceil(np.minimum(self.per_day * served, MOST_STEPS)).astype(np.int64)
            data = np.add.reduceat(steps, self.starts) if len(steps) else steps
            np.minimum(data, MOST_STEPS, out=data)  # parallel links add up, in 64 bits
            size = len(self.indptr) - 1
            graph = csr_matrix(
                (data.astype(np.int32), self.indices, self.indptr), shape=(size, size)
            )
            self.most[(start, day)] = int(maximum_flow(graph, self.home, self.sink).flow_value)
        return self.most[(start, day)]


def _with_arcs(net: NetworkArrays, keep: npt.NDArray[np.bool_]) -> NetworkArrays:
    """``net`` with the capacities of the arcs not kept at 0: no way at all."""
    return dataclasses.replace(
        net,
        arc_cap_t=np.where(keep, net.arc_cap_t, 0.0),
        arc_cap_pax=np.where(keep, net.arc_cap_pax, 0.0),
    )


class ClosureBound:
    """The earliest day all of a unit's lift (or people) can be there, for one network.

    ``net`` is the scenario's network, outages and all; ``people`` says which lift it counts.
    """

    def __init__(self, net: NetworkArrays, *, people: bool) -> None:
        self.net, self.people = net, people
        days = net.arc_open.shape[1]
        ever = np.asarray(net.arc_open.any(axis=1), dtype=bool)
        # the most a day over the links open on some day: what a warning may say
        self.throughput = Throughput(net if ever.all() else _with_arcs(net, ever), people=people)
        self._usable = net.arc_carries(people=people) & ever
        open_by = np.zeros((len(net.arc_from) + 1, days + 1), dtype=np.int64)
        np.cumsum(net.arc_open, axis=1, out=open_by[:-1, 1:])
        open_by[-1] = np.arange(days + 1)  # a place: every day
        self._open_by = open_by
        self._closed: list[int] = (days - open_by[:-1, days]).tolist()  # days, each arc
        # searched only for the units one way alone does not answer for: all 1,000 places
        # of a benchmark's 2,000 units in one go took 1.1 s
        self._graphs: dict[tuple[bool, int], csr_matrix] = {}
        self._days: dict[tuple[bool, int, int], FloatArray] = {}
        self._windows: dict[tuple[int, int, float], _Windows] = {}
        self._leave: dict[tuple[tuple[int, ...], tuple[int, ...]], IntArray] = {}
        self._open_ahead: npt.NDArray[np.bool_] | None = None
        self._entries: _Entries | None = None
        self._exact: dict[tuple[int, int, int, int, float, int], int] = {}

    def _days_apart(self, place: int, *, to: bool, dest: int = -1) -> FloatArray:
        """Days from ``place`` to every place (from every place to it, ``to``).

        Not through ``dest`` (its arcs out left aside): the lift stays where it arrives.
        """
        if (to, place, dest) not in self._days:
            if (to, dest) not in self._graphs:
                self._graphs[(to, dest)] = self._delay_graph(to=to, dest=dest)
            found = days_over(self._graphs[(to, dest)], np.array([place], dtype=np.int64))
            self._days[(to, place, dest)] = found[0]
        return self._days[(to, place, dest)]

    def _delay_graph(self, *, to: bool, dest: int) -> csr_matrix:
        """The delay graph of the usable arcs, but those out of ``dest`` (-1: none).

        From the whole graph, built once, with ``dest``'s row dropped (the arcs out of it,
        going forward): building it again for each destination was a ninth of
        ``never_in_place`` on the 2,000-unit benchmark.
        """
        if to or dest < 0:
            usable = self._usable & (self.net.arc_from != dest)
            return delay_graph(self.net, usable, reverse=to)
        if (False, -1) not in self._graphs:
            self._graphs[(False, -1)] = delay_graph(self.net, self._usable)
        return _without_row(self._graphs[(False, -1)], dest)

    def last_arrival(
        self, home: int, dest: int, start: int, amount: float, *, in_time: int, days: int
    ) -> LastArrival | None:
        """The earliest day all of ``amount`` can be at ``dest``; None if by ``in_time``.

        ``start`` is the unit's available day at ``home``; days run to ``days - 1``.
        """
        target = min(in_time, days - 1)
        ways = (self.throughput.widest_way(home, dest), self.throughput.quickest_way(home, dest))
        if any(self._one_way_brings(way, start, amount, by=target) for way in ways):
            return None  # one way alone brings it in time
        scale = _steps_per_tonne(amount)
        windows = self._windows_of(home, dest, scale)
        closed = amount - max(CLOSED_T, CLOSED_SHARE * amount)  # as the plan counts it
        need = max(1, math.ceil(closed * scale - 1e-9))

        def enough_by(day: int) -> bool:
            return windows.most_by(start, day) >= need

        lift = max(need, math.ceil(amount * scale - 1e-9))  # in steps, as ``need``

        def most_by(day: int) -> int:
            return self._most_by(home, dest, start, day, scale, lift=lift)

        sure = min(_one_way_day(way, self._leaving(way), start, amount) for way in ways)
        last = min(sure, days - 1)
        low = max(target, -1)  # not enough by ``low``
        if target >= 0 and enough_by(target):
            if most_by(target) >= need:
                return None  # the windows said enough by it, and so it is
        else:  # the windows bound the exact flow: not enough by their day before
            high = _first_day(enough_by, low, last, known_enough=sure < days)
            low = days - 1 if high is None else high - 1
        found = _first_day(lambda day: most_by(day) >= need, low, last, known_enough=sure < days)
        day = days if found is None else found
        return LastArrival(day=day, by_day_before=most_by(day - 1) / scale)

    def _most_by(
        self, home: int, dest: int, start: int, day: int, scale: float, *, lift: int
    ) -> int:
        """Steps of ``lift`` from ``home`` on ``start`` that can be at ``dest`` by ``day``.

        Remembered: a search asks a day again. Asked without the unit's lift as a cap
        (the least of it and the network's flow), units could have shared flows, but the
        benchmark's 2,000 units shared 2 of 99 and uncapped flows took twice as long.
        """
        key = (home, dest, start, day, scale, lift)
        if key not in self._exact:
            self._exact[key] = self._expanded(home, dest, start).most_by(day, lift, scale)
        return self._exact[key]

    def _expanded(self, home: int, dest: int, start: int) -> ExpandedFlow:
        """The exact network of a lift from ``home`` on ``start`` to ``dest``."""
        return ExpandedFlow(
            net=self.net,
            usable=self._usable,
            people=self.people,
            home=home,
            dest=dest,
            start=start,
            first=self._days_apart(home, to=False, dest=dest),
            left=self._days_apart(dest, to=True),
        )

    def _one_way_brings(self, way: Way, start: int, amount: float, *, by: int) -> bool:
        """:func:`_one_way_brings`, most often without laying out the way's days.

        Not enough even were every link open, or enough even were a day lost to each outage
        day on the way: most of the 2,000-unit benchmark's units are answered so.
        """
        width = by - start - way.delay + 1
        if way.rate * width < amount:
            return False
        if way.rate * (width - sum(self._closed[arc] for arc in way.arcs)) >= amount:
            return True
        return _one_way_brings(way, self._leaving(way), start, amount, by=by)

    def _leaving(self, way: Way) -> IntArray:
        """Days before each day the lift can leave on ``way`` and find each link open.

        ``[d]``, for ``d`` up to the horizon's length (as :func:`_one_way_brings` reads it).
        """
        if not any(self._closed[arc] for arc in way.arcs):
            every_day: IntArray = self._open_by[-1]
            return every_day
        key = (way.arcs, way.offsets)
        if key not in self._leave:
            days = self.net.arc_open.shape[1]
            if self._open_ahead is None:  # open after the horizon: it arrives after it
                self._open_ahead = np.hstack([self.net.arc_open, np.ones_like(self.net.arc_open)])
            # can[d]: every arc open ``offset`` days after d (one look-up for the way's arcs,
            # where a loop over them took a tenth of never_in_place on the benchmark)
            offsets = np.minimum(np.asarray(way.offsets, dtype=np.int64), days)
            ahead = self._open_ahead[
                np.asarray(way.arcs, dtype=np.int64)[:, None], offsets[:, None] + np.arange(days)
            ]
            can = ahead.all(axis=0)
            leave = np.zeros(days + 1, dtype=np.int64)
            np.cumsum(can, out=leave[1:])
            self._leave[key] = leave
        return self._leave[key]

    def _windows_of(self, home: int, dest: int, scale: float) -> _Windows:
        """The windows of a lift available at ``home`` on C+0 (a later one's are shifted)."""
        key = (home, dest, scale)
        if key not in self._windows:
            self._windows[key] = self._lay_out(home, dest, scale)
        return self._windows[key]

    def _lay_out(self, home: int, dest: int, scale: float) -> _Windows:
        net, n = self.net, len(self.net.location_ids)
        if self._entries is None:
            handling = net.handling_pax if self.people else net.handling
            self._entries = _Entries.of(net, self._usable, handling)
        e = self._entries
        first = self._days_apart(home, to=False, dest=dest)
        left = self._days_apart(dest, to=True)
        # each entry's window, in the (tail, head) order; a unit stays at its destination
        entry_first = first[e.first_at]
        after = e.delay + left[e.after_from]
        keep = np.isfinite(after) & np.isfinite(entry_first) & (e.leaves != dest)
        tails, heads = e.tails[keep], e.heads[keep]
        new_pair = np.ones(len(tails), dtype=bool)
        new_pair[1:] = (tails[1:] != tails[:-1]) | (heads[1:] != heads[:-1])
        starts = np.flatnonzero(new_pair)
        indptr = np.zeros(3 * n + 1, dtype=np.int32)
        np.cumsum(np.bincount(tails[starts], minlength=3 * n), out=indptr[1:])
        per_day = (e.per_day_pax if self.people else e.per_day_t)[keep]
        rows = e.row[keep]
        kept_first, kept_after = entry_first[keep].astype(np.int64), after[keep].astype(np.int64)
        lost = e.beside.lost(keep, entry_first, after, delay=e.delay, dest=dest)
        return _Windows(
            per_day=np.minimum(per_day * scale, MOST_STEPS),  # unlimited: a finite number
            first=kept_first,
            after=kept_after,
            row=rows,
            open_by=self._open_by,
            starts=starts,
            indices=heads[starts].astype(np.int32),
            indptr=indptr,
            home=2 * n + home,  # what starts there is loaded, never unloaded
            sink=2 * n + dest,  # what arrives is unloaded
            shifts=bool(np.all(self._open_by[rows, -1] == self._open_by.shape[1] - 1)),
            lost=lost,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Entries:
    """Every place and usable arc of a network, in the order of their (tail, head) pairs.

    Place ``v`` is ``v`` (arriving) → ``2n + v`` (taking in) → ``n + v`` (leaving), each
    step bounded by its handling apart, as the plan's ``handle_in`` and ``handle_out``
    (:mod:`~supplyline.planning.handling_days` says why apart); an arc joins its tail's
    leaving node to its head's arriving one. A unit's windows
    (:meth:`ClosureBound._lay_out`) keep some of them: sorted once here, where sorting each
    unit's again took a tenth of ``never_in_place`` on the 2,000-unit benchmark (the sort
    is stable, so the kept entries lie in the order their own sort would give).
    """

    tails: IntArray
    heads: IntArray
    first_at: IntArray
    """The place whose first day is the entry's (a place itself, an arc's tail)."""
    after_from: IntArray
    """The place from which the days left to the destination count (a place, an arc's head)."""
    delay: IntArray
    """Days the entry itself takes (0 for a place, an arc's transit and dwell)."""
    leaves: IntArray
    """The place an arc, or a place's sending on, leaves (-1 for taking in): none out of
    the destination is kept."""
    side: IntArray
    """0 for a place taking in, 1 for its sending on, -1 for an arc."""
    row: IntArray
    """The entry's row of ``ClosureBound._open_by`` (the last one, every day, for a place)."""
    per_day_t: FloatArray
    per_day_pax: FloatArray
    beside: ClosedBeside
    """The days places beside a link that closes may not serve."""

    @classmethod
    def of(
        cls, net: NetworkArrays, usable: npt.NDArray[np.bool_], handling: FloatArray
    ) -> _Entries:
        """The entries of ``net``'s places and its ``usable`` arcs; ``handling`` the lift's."""
        n = len(net.location_ids)
        arcs = np.flatnonzero(usable)
        places = np.arange(n)
        tails = np.concatenate([places, 2 * n + places, n + net.arc_from[arcs]])
        heads = np.concatenate([2 * n + places, n + places, net.arc_to[arcs]])
        order = np.lexsort((heads, tails))
        no_delay = np.zeros(2 * n, dtype=np.int64)
        side = np.concatenate([np.zeros(n), np.ones(n), np.full(len(arcs), -1)])[order]
        row = np.concatenate([np.full(2 * n, len(net.arc_from)), arcs])[order].astype(np.int64)
        first_at = np.concatenate([places, places, net.arc_from[arcs]])[order]
        return cls(
            tails=tails[order],
            heads=heads[order],
            first_at=first_at,
            after_from=np.concatenate([places, places, net.arc_to[arcs]])[order],
            delay=np.concatenate([no_delay, net.arc_delay[arcs]])[order],
            leaves=np.concatenate([np.full(n, -1), places, net.arc_from[arcs]])[order],
            side=side.astype(np.int64),
            row=row,
            per_day_t=np.concatenate([net.handling, net.handling, _handled(net, arcs)])[order],
            per_day_pax=np.concatenate(
                [net.handling_pax, net.handling_pax, _handled(net, arcs, people=True)]
            )[order],
            beside=ClosedBeside.of(
                net, side=side.astype(np.int64), place=first_at, arc=row, handling=handling
            ),
        )


def _handled(net: NetworkArrays, arcs: IntArray, *, people: bool = False) -> FloatArray:
    """The most a day each of ``arcs`` carries: its capacity, and the handling at its ends.

    What leaves on a day is loaded at the tail that day, and unloaded at the head on its
    arrival day, one day for each departure: a link beyond a border post of 10 t/day carries
    at most 10 t/day of it, whichever other days the post may handle (its sending on, as a
    place, counts any day a link out is open: the way back too).
    """
    cap, handling = (net.arc_cap_pax, net.handling_pax) if people else (net.arc_cap_t, net.handling)
    most: FloatArray = np.minimum(cap[arcs], handling[net.arc_from[arcs]])
    return np.minimum(most, handling[net.arc_to[arcs]], out=most)


def _without_row(graph: csr_matrix, row: int) -> csr_matrix:
    """``graph`` without the entries of ``row`` (the arcs out of a place, going forward)."""
    lo, hi = int(graph.indptr[row]), int(graph.indptr[row + 1])
    indptr = graph.indptr.copy()
    indptr[row + 1 :] -= hi - lo
    data = np.delete(graph.data, slice(lo, hi))
    indices = np.delete(graph.indices, slice(lo, hi))
    return csr_matrix((data, indices, indptr), shape=graph.shape)


def _one_way_brings(way: Way, leave: IntArray, start: int, amount: float, *, by: int) -> bool:
    """Whether one way alone brings ``amount`` by day ``by``.

    ``leave[d]`` counts the days before ``d`` the lift can leave on the way with every link
    of it open when it gets there. Then the maximum flow brings it too: each place and link
    of the way serves at least on those days (:class:`_Windows`), at least its rate on each,
    rounded up.
    """
    last = min(by - way.delay + 1, len(leave) - 1)  # the day after the last to leave on
    return last > start and way.rate * int(leave[last] - leave[start]) >= amount


def _one_way_day(way: Way, leave: IntArray, start: int, amount: float) -> int:
    """The first day one way alone brings ``amount`` by (:func:`_one_way_brings`).

    The horizon's length where it may need more: a maximum flow then says.
    """
    days = len(leave) - 1
    if way.rate <= 0 or amount / way.rate >= days or start >= days:
        return days  # (it needs more days than there are)
    need = math.ceil(amount / way.rate)
    while need > 1 and way.rate * (need - 1) >= amount:
        need -= 1  # rounding aside
    while way.rate * need < amount:
        need += 1
    after = int(np.searchsorted(leave, leave[start] + need, side="left"))  # after the last
    return min(after - 1 + way.delay, days) if after <= days else days


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


def _steps_per_tonne(amount: float) -> float:
    """The steps a tonne (person) of ``amount`` counts: :data:`STEPS_PER_UNIT`, coarser above.

    Never divided by ``amount``: a lift of 5e-324 t (subnormal), a third of it 0, had raised
    ZeroDivisionError. A lift below what a plan counts as there (:data:`CLOSED_T`) is
    nothing to wait for but one step, however small, as every such lift is counted.

    >>> _steps_per_tonne(0.0), _steps_per_tonne(5e-324), _steps_per_tonne(1e9)
    (10.0, 10.0, 1.0)
    """
    if amount * STEPS_PER_UNIT <= MOST_STEPS:
        return float(STEPS_PER_UNIT)
    return MOST_STEPS / amount

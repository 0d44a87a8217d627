"""The days a place cannot take in, or send on, a unit's lift that is to arrive by a day.

The plan counts a place's handling twice, apart: what is unloaded there on the day it
arrives (the link's departure plus its transit) and what is loaded on the day it leaves
(``handle_in`` and ``handle_out``, :mod:`~supplyline.planning.assemble`). A unit's people
and equipment may wait at any place but their destination, a store of ``storage_t`` 0
too (storage bounds goods, not units), so what comes in on one day may leave on another.
:class:`~supplyline.planning.closure_bound.ClosureBound` had counted a place as one
capacity on every day from the first the lift can be there to the last from which it can
still arrive in time: a tester's border post of 10 t/day, the road beyond it closed
C+5–C+6, was counted on C+5–C+7 for what arrives by C+9, 30 t, where it can send on only
on C+7, 10 t (the warning said C+10 where the plan closed the unit on C+12).

A place sends on only on a day a link out of it is open and still brings the lift in
time, and takes in only on a day a link into it delivers, open on its departure day after
the first the lift can be at its tail. With every link beside a place open, those are its
plain window's days; a day a link beside it is closed may be one of them or not. Those
days are few (outage days): they are found once per network, the links beside each
looked up once, and a unit's windows only weigh them. Laying out every place's every day
for each unit's windows took 46 ms a time on the 2,000-unit benchmark, more than all the
rest of the bound.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplyline.planning.network import NetworkArrays

__all__ = ["NO_DAYS_LOST", "ClosedBeside", "LostDays"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class LostDays:
    """Days in the plain windows of a unit's place entries on which they cannot serve.

    Day ``k`` is in entry ``entry[k]``'s window for a lift available on ``start`` to be
    there by ``D`` where ``from_start[k] >= start`` and ``to_day[k] <= D``; there it is lost
    where ``ready[k] < start`` or ``due[k] > D``.
    """

    entry: IntArray
    from_start: FloatArray
    to_day: FloatArray
    ready: FloatArray
    """The last available day from which the lift can be handled there on the day."""
    due: FloatArray
    """The first day what is handled there on the day can be at the destination."""

    def counts(self, start: int, day: int, size: int) -> IntArray:
        """Days lost by each of ``size`` entries, for a lift from ``start`` there by ``day``."""
        lost = (self.from_start >= start) & (self.to_day <= day)
        lost &= (self.ready < start) | (self.due > day)
        counted: IntArray = np.bincount(self.entry[lost], minlength=size)
        return counted


NO_DAYS_LOST = LostDays(
    entry=np.zeros(0, dtype=np.int64),
    from_start=np.zeros(0),
    to_day=np.zeros(0),
    ready=np.zeros(0),
    due=np.zeros(0),
)
"""Nothing lost: windows with no place beside a link that closes."""


@dataclass(frozen=True, slots=True)
class _Beside:
    """Days of place entries beside a closed link, each with the links on that side.

    Pair ``p`` (entry ``entry[p]``, on window day ``day[p]``) has the arc entries
    ``arcs[starts[p]:starts[p + 1]]``, each of which can serve it where ``usable``, from
    ``base`` (the day it leaves, sending on; taking in, the day it left its tail).
    """

    entry: IntArray
    day: IntArray
    arcs: IntArray
    base: IntArray
    usable: BoolArray
    starts: IntArray


@dataclass(frozen=True, slots=True)
class ClosedBeside:
    """The days places beside a closed link may not serve, for every unit's windows.

    Built once over a network's entries (:class:`~supplyline.planning.closure_bound`'s
    ``_Entries``: ``side`` 0 for a place taking in, 1 for its sending on, -1 for an arc;
    ``place`` its place, an arc's tail; ``arc`` an arc entry's arc).
    """

    sending: _Beside
    taking: _Beside
    by_tail: IntArray
    """The arc entries, by their tails."""
    tails: IntArray
    heads: IntArray
    """The tails and heads of ``by_tail``."""
    back_to: IntArray
    ahead: IntArray
    """The place of each pair of ``sending``, and the head, for each of its arcs."""
    places: int

    @classmethod
    def of(
        cls,
        net: NetworkArrays,
        *,
        side: IntArray,
        place: IntArray,
        arc: IntArray,
        handling: FloatArray,
    ) -> ClosedBeside:
        """The pairs of ``net``'s entries beside an arc entry's closed days.

        Only places of a finite ``handling`` have any: an unlimited one bounds nothing.
        """
        n, days = len(net.location_ids), net.arc_open.shape[1]
        arcs_at = np.flatnonzero(side < 0)
        shut, shut_day = np.nonzero(~net.arc_open[arc[arcs_at]])
        shut_arc = arc[arcs_at[shut]]
        entry_of = np.full((2, n), -1, dtype=np.int64)
        places_at = np.flatnonzero((side >= 0) & np.isfinite(handling[place]))
        entry_of[side[places_at], place[places_at]] = places_at
        # sending on, on a day an arc out is closed: any arc out open then may serve
        by_tail = arcs_at[np.argsort(place[arcs_at], kind="stable")]
        out_entry, out_day = _pairs(entry_of[1, net.arc_from[shut_arc]], shut_day)
        out = _spread(place[out_entry], out_day, place[by_tail], by_tail)
        sending = _Beside(
            entry=out_entry,
            day=out_day,
            arcs=out[0],
            base=out[1],
            usable=net.arc_open[arc[out[0]], out[1]],
            starts=out[2],
        )
        # taking in, on the day an arc in closed on its departure day would have arrived:
        # any arc in open on its own departure day for that day may serve
        arrives = shut_day + net.arc_transit[shut_arc]
        in_entry, in_day = _pairs(entry_of[0, net.arc_to[shut_arc]], arrives)
        by_head = arcs_at[np.argsort(net.arc_to[arc[arcs_at]], kind="stable")]
        into = _spread(place[in_entry], in_day, net.arc_to[arc[by_head]], by_head)
        departs = into[1] - net.arc_transit[arc[into[0]]]
        caught = (departs >= 0) & (departs < days)
        caught &= net.arc_open[arc[into[0]], np.clip(departs, 0, days - 1)]
        taking = _Beside(
            entry=in_entry,
            day=in_day + net.dwell[place[in_entry]],  # usable from its dwell on: the window's
            arcs=into[0],
            base=departs,
            usable=caught,
            starts=into[2],
        )
        return cls(
            sending=sending,
            taking=taking,
            by_tail=by_tail,
            tails=place[by_tail],
            heads=net.arc_to[arc[by_tail]],
            back_to=np.repeat(place[out_entry], np.diff(np.r_[out[2], len(out[0])])),
            ahead=net.arc_to[arc[out[0]]],
            places=n,
        )

    def lost(
        self, keep: BoolArray, first: FloatArray, after: FloatArray, *, delay: IntArray, dest: int
    ) -> LostDays:
        """The days lost in a unit's windows: entries ``keep``, their ``first`` and ``after``.

        ``first``, ``after`` and ``delay`` (the entry's own days) are every entry's (as
        :class:`ClosureBound` lays them out); the :class:`LostDays` number the kept entries
        only. A day a place sends on counts where an arc out brings the lift on in time
        without turning straight back: the last time the lift leaves a place, it does not
        come back to it, and a way out and back, open while the way on is closed, had
        counted a border post's days as if it could send on then.
        """
        out, into = self.sending, self.taking
        if not len(out.entry) and not len(into.entry):
            return NO_DAYS_LOST  # no link beside a place of limited handling ever closes
        onward = self._onward(keep, after, dest)
        leaves = np.where(out.usable & keep[out.arcs], out.base + delay[out.arcs] + onward, np.inf)
        due = np.minimum.reduceat(leaves, out.starts) if len(out.entry) else np.zeros(0)
        left = np.where(into.usable & keep[into.arcs], into.base - first[into.arcs], -np.inf)
        ready = np.maximum.reduceat(left, into.starts) if len(into.entry) else np.zeros(0)
        kept_out, kept_in = keep[out.entry], keep[into.entry]
        entry = np.concatenate([out.entry[kept_out], into.entry[kept_in]])
        day = np.concatenate([out.day[kept_out], into.day[kept_in]])
        from_start = day - first[entry]
        to_day = day + after[entry]
        n_out = int(kept_out.sum())
        return LostDays(
            entry=np.cumsum(keep)[entry] - 1,  # numbered among the kept entries
            from_start=from_start,
            to_day=to_day,
            ready=np.concatenate([from_start[:n_out], ready[kept_in]]),
            due=np.concatenate([due[kept_out], to_day[n_out:]]),
        )

    def _onward(self, keep: BoolArray, after: FloatArray, dest: int) -> FloatArray:
        """Days from the head of each of ``sending``'s arcs to the destination, not back.

        The quickest arc on from the head (its own days and the quickest from its head),
        but one back to the place the arc leaves; 0 at the destination.
        """
        n = self.places
        on = np.where(keep[self.by_tail], after[self.by_tail], np.inf)
        best = np.full(n, np.inf)
        np.minimum.at(best, self.tails, on)
        to_best = np.full(n, -1, dtype=np.int64)
        hits = np.isfinite(on) & (on == best[self.tails])
        to_best[self.tails[hits]] = self.heads[hits]  # one of the quickest, if several
        second = np.full(n, np.inf)
        np.minimum.at(second, self.tails, np.where(self.heads == to_best[self.tails], np.inf, on))
        head = self.ahead
        quickest = np.where(to_best[head] != self.back_to, best[head], second[head])
        onward: FloatArray = np.where(head == dest, 0.0, quickest)
        return onward


def _pairs(entries: IntArray, days: IntArray) -> tuple[IntArray, IntArray]:
    """The distinct (entry, day) pairs of the entries that are (not -1), sorted."""
    days = days[entries >= 0]
    entries = entries[entries >= 0]
    span = int(days.max(initial=0)) + 1
    keys = np.sort(entries * span + days)  # one key: a 2-D unique sorts rows, 4 times slower
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    return keys // span, keys % span


def _spread(
    places: IntArray, days: IntArray, sides: IntArray, order: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    """Each (place, day) pair beside each of its place's arcs on one side, in a row.

    ``order`` are arc entries, ``sides`` their places on that side, sorted. Returns the arc
    entry and the pair's day of each (pair, arc), and where each pair's run begins (every
    pair's place has an arc there: the closed one it comes from).
    """
    bounds = np.searchsorted(sides, places)
    many = np.searchsorted(sides, places, side="right") - bounds
    begins = np.cumsum(many) - many
    step = np.arange(int(many.sum())) - np.repeat(begins, many)
    return order[np.repeat(bounds, many) + step], np.repeat(days, many), begins

"""The most of one unit's lift (or people) that can be at its destination by a day, exactly.

A maximum flow over the places and days the lift can be at, as the plan moves it: a link
carries it on its open days, at most its capacity a day, and delivers it its transit and
the far end's dwell later; a place with limited handling takes in at most that a day (on
the arrival day, before the dwell) and sends on at most that a day, apart; the lift waits
at any place but its destination, where it stays. Only the unit itself counts: what other
units take is left aside, so the day it gives is a lower bound on any plan's closure.

:class:`~supplyline.planning.closure_bound.ClosureBound`'s windows count each link and
place as one capacity over the days it can serve, which is quicker but too generous: a
tester's road closed C+0–C+4 before a 2 t/day link was counted from C+0 (28 t by C+14 said,
18 t possible), and a 5 t/day post taking in on C+4, 6, 8, 9, 10 was counted as if all of
it could be on by C+10 (24 t said, 20 t possible). The windows bound this flow from above,
so they still pick the days worth asking; this network says the day.

Only the (place, day) nodes from which the destination can still be reached in time, and
which the lift can reach from its available day, are laid out: a unit's network is its
window, not the whole map times the horizon.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import maximum_flow

from supplyline.planning.network import NetworkArrays

__all__ = ["ExpandedFlow"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

MOST_STEPS = 10**9
"""An unlimited capacity, in steps (int32 flows; the lift itself is at most this)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExpandedFlow:
    """One lift's network over days: from ``home`` on ``start`` to ``dest``.

    ``first[v]``: the quickest days from ``home`` to ``v`` (not through ``dest``);
    ``left[v]``: the quickest days from ``v`` to ``dest``; both outages aside, so that
    no (place, day) the lift can use is left out.
    """

    net: NetworkArrays
    usable: BoolArray
    """The arcs that carry this lift (tonnes or people)."""
    people: bool
    home: int
    dest: int
    start: int
    first: FloatArray
    left: FloatArray

    def most_by(self, day: int, steps: int, scale: float) -> int:
        """Steps of ``steps`` (``scale`` a tonne, person) that can be at ``dest`` by ``day``.

        Capacities are rounded up to whole steps: never less than the exact flow.
        """
        if self.home == self.dest:
            return steps
        net, n = self.net, len(self.net.location_ids)
        lo = self.start + self.first
        hi = np.where(np.arange(n) == self.dest, float(day), day - self.left)
        kept = np.isfinite(lo) & np.isfinite(hi) & (lo <= hi)
        if not kept[self.home] or not kept[self.dest] or lo[self.home] > self.start:
            return 0
        lo_i = np.where(kept, lo, 0).astype(np.int64)
        span = np.where(kept, hi - lo + 1, 0).astype(np.int64)
        # stock node of (v, d): base[v] + d - lo[v]; taking-in node: the same plus total,
        # sending-on node: plus twice total; the sink last, the source before it
        base = np.cumsum(span) - span
        total = int(span.sum())
        source, sink = 3 * total, 3 * total + 1
        handling = net.handling_pax if self.people else net.handling
        cap = net.arc_cap_pax if self.people else net.arc_cap_t
        steps_of = np.minimum(np.ceil(np.minimum(handling, MOST_STEPS) * scale), MOST_STEPS)
        tails: list[IntArray] = [np.array([source])]
        heads: list[IntArray] = [np.array([base[self.home]])]
        caps: list[npt.NDArray[np.int64] | FloatArray] = [np.array([steps])]
        places = np.flatnonzero(kept)
        v = np.repeat(places, span[places])
        d = np.arange(total) - np.repeat(base[places], span[places]) + lo_i[v]
        node = base[v] + d - lo_i[v]
        at_dest = v == self.dest
        # waiting, but at the destination: what is there stays (to the sink)
        waits = ~at_dest & (d < np.repeat(hi[places], span[places]))
        tails += [node[waits], node[at_dest]]
        heads += [node[waits] + 1, np.full(int(at_dest.sum()), sink)]
        caps += [np.full(int(waits.sum()), MOST_STEPS), np.full(int(at_dest.sum()), MOST_STEPS)]
        # taking in (arrived, before the dwell) and sending on, each its handling a day
        tails += [node + total, node]
        heads += [node, node + 2 * total]
        caps += [steps_of[v], steps_of[v]]
        # links: from (u, t) sending on to (w, t + transit) taking in, open days only
        arcs = np.flatnonzero(
            self.usable & kept[net.arc_from] & kept[net.arc_to] & (net.arc_from != self.dest)
        )
        u, w = net.arc_from[arcs], net.arc_to[arcs]
        delay = net.arc_delay[arcs]
        t_lo = np.maximum(lo_i[u], lo_i[w] - delay)
        t_hi = np.minimum(lo_i[u] + span[u] - 1, lo_i[w] + span[w] - 1 - delay)
        many = np.maximum(t_hi - t_lo + 1, 0)
        a = np.repeat(np.arange(len(arcs)), many)
        t = np.arange(int(many.sum())) - np.repeat(np.cumsum(many) - many, many) + t_lo[a]
        days = net.arc_open.shape[1]
        open_ = net.arc_open[arcs[a], np.clip(t, 0, days - 1)] & (t < days)
        a, t = a[open_], t[open_]
        arrive = t + delay[a]
        tails.append(base[u[a]] + t - lo_i[u[a]] + 2 * total)
        heads.append(base[w[a]] + arrive - lo_i[w[a]] + total)
        caps.append(np.minimum(np.ceil(np.minimum(cap[arcs[a]], MOST_STEPS) * scale), MOST_STEPS))
        size = 3 * total + 2
        graph = coo_matrix(
            (
                np.concatenate(caps).astype(np.int64),
                (np.concatenate(tails).astype(np.int64), np.concatenate(heads).astype(np.int64)),
            ),
            shape=(size, size),
        ).tocsr()  # parallel links add up, in 64 bits
        graph.data = np.minimum(graph.data, MOST_STEPS).astype(np.int32)
        return int(maximum_flow(graph, source, sink).flow_value)

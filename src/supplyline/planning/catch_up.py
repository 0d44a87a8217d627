"""The most of a commodity the capacities let reach a place by each day: catching up.

A unit whose road was closed C+3–C+4, its depot storing what the closure held back, and
the road (10 t/day) too small to bring it all at once after, stayed below its target on
C+6–C+11, which read "capacity (see the bottlenecks)". Re-planned with the road open on
every day, those days were (almost) never below target; with every capacity unlimited, never;
with more supply, as below. Both the closure and the capacity made them, and the supply's
count (:mod:`~supplyline.planning.supply_floor`), capacities aside, cannot see it.

So the capacities are counted too: what can reach the place by a day is at most a maximum
flow over the days, each source's supply of a day entering at its place that day, each arc
carrying its tonnes capacity on each day it may be left (the whole of it for this
commodity), goods waiting only where there is storage (unlimited there), everything that
reaches the place by the day counted. Handling and the other commodities' and units' use of
the arcs are left out, so the count is never below what any plan brings: where the plan's
units miss as little as it allows, the capacities (with the closures in force) bind, and
where the same count with the closures reopened lets them miss less, reopening could help.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from supplyline.planning.assemble import Problem

__all__ = ["most_reaching_t"]

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def most_reaching_t(
    p: Problem,
    arc_open: BoolArray,
    *,
    supply: FloatArray,
    place: int,
    day: int,
) -> float:
    """The most tonnes of supply that can have reached ``place`` by the end of ``day``.

    ``supply`` (``[location, day]``) gives the tonnes a stock gives at a place on a day,
    ``arc_open`` (``[arc, day]``) the days each arc may be left. Each arc carries its
    capacity a day, waiting happens where there is storage; in grams, rounded up (never
    below the truth's).
    """
    net = p.net
    n_v, span = len(net.location_ids), day + 1
    node = 2 + np.arange(n_v)[:, None] * span + np.arange(span)[None, :]  # [place, day]
    source, sink = 0, 1
    given = supply[:, :span]
    unlimited = int(_grams(given.sum())) + 1  # more than can ever flow
    usable = net.arc_carries(people=False)
    arc, left = np.nonzero(usable[:, None] & arc_open[:, :span])
    came = left + net.arc_delay[arc]
    inside = came <= day
    arc, left, came = arc[inside], left[inside], came[inside]
    waits = np.flatnonzero(net.storage > 0)
    edges = (
        (np.full(node.size, source), node.ravel(), _grams(given.ravel())),
        (
            node[net.arc_from[arc], left],
            node[net.arc_to[arc], came],
            np.minimum(_grams(net.arc_cap_t[arc]), unlimited),
        ),
        (node[waits, :-1].ravel(), node[waits, 1:].ravel(), np.full(waits.size * day, unlimited)),
        (node[place], np.full(span, sink), np.full(span, unlimited)),
    )
    tails, heads, caps = (np.concatenate(x) for x in zip(*edges, strict=True))
    keep = (caps > 0) & (tails != heads)
    n = 2 + node.size
    graph = csr_matrix((caps[keep], (tails[keep], heads[keep])), shape=(n, n))
    return float(maximum_flow(graph, source, sink).flow_value / 1e6)


def _grams(tonnes: FloatArray | float) -> IntArray:
    """Tonnes as whole grams, rounded up (an unlimited capacity stays infinite, clipped after)."""
    grams = np.ceil(np.minimum(np.asarray(tonnes, dtype=np.float64), 1e12) * 1e6)
    return grams.astype(np.int64)

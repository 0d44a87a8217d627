"""The cheapest integral circulation within bounds: how a table's rounding is chosen.

A controlled rounding of a table (each cell rounded down or up, its rows and columns
adding up to totals fixed beforehand) is a circulation in a small network; of the many
that add up, the plan's tables want the one closest to the exact figures
(:func:`~supplyline.domain.rounding.summed_within`), which is the cheapest circulation
when rounding a cell up costs what it moves the cell away from its exact value. Any
circulation that adds up had read a road's 8,454.36 t as 8,455 beside a rail's
2,617.60 t as 2,617 (a tester's steppe scenario), though 8,454 and 2,618 add up too.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

__all__ = ["cheapest_circulation"]

Edge = tuple[int, int, int, int, int]
"""An edge ``(from, to, lower, upper, cost)``: its flow within [lower, upper], each unit
of it costing ``cost`` (any integer, negative too)."""


def cheapest_circulation(n: int, edges: Sequence[Edge]) -> list[int] | None:
    """The flow on each edge of a least-cost integral circulation on nodes ``0..n-1``.

    Every node's inflow equals its outflow and every edge's flow lies within its bounds;
    of those circulations, one of least total cost. None where there is none. The
    textbook reductions: an edge of negative cost starts full (its reverse then costs
    the opposite), lower bounds become supplies and demands, and those are met by
    successive shortest paths (Dijkstra on reduced costs), which keep the flow cheapest.

    >>> # two ways from 0 to 1, one unit to send: the cheaper one takes it
    >>> cheapest_circulation(2, [(0, 1, 0, 1, 5), (0, 1, 0, 1, 2), (1, 0, 1, 1, 0)])
    [0, 1, 1]
    >>> cheapest_circulation(2, [(0, 1, 0, 1, 0), (1, 0, 2, 2, 0)]) is None
    True
    """
    s, t = n, n + 1
    graph: list[list[int]] = [[] for _ in range(n + 2)]
    to: list[int] = []
    cap: list[int] = []
    cost: list[int] = []

    def add(u: int, v: int, room: int, c: int) -> int:
        graph[u].append(len(to))
        to.extend((v, u))
        cap.extend((room, 0))
        cost.extend((c, -c))
        graph[v].append(len(to) - 1)
        return len(to) - 2

    excess = [0] * n
    ids: list[int] = []
    for u, v, lo, hi, c in edges:
        if hi < lo:
            return None
        e = add(u, v, hi - lo, c)
        ids.append(e)
        start = hi if c < 0 else lo  # a negative cost: start full, so no cycle is negative
        if c < 0:
            cap[e], cap[e ^ 1] = 0, hi - lo
        excess[v] += start
        excess[u] -= start
    need = 0
    for x, ex in enumerate(excess):
        if ex > 0:
            add(s, x, ex, 0)
            need += ex
        elif ex < 0:
            add(x, t, -ex, 0)
    if _send(graph, to, cap, cost, s, t) != need:
        return None
    return [lo + cap[e ^ 1] for (_, _, lo, _, _), e in zip(edges, ids, strict=True)]


def _send(
    graph: list[list[int]], to: list[int], cap: list[int], cost: list[int], s: int, t: int
) -> int:
    """Push as much as fits from ``s`` to ``t``, each time along a cheapest path; how much.

    Every residual cost is non-negative at the start, so potentials (each node's distance
    so far) keep the reduced costs non-negative and Dijkstra finds each path.
    """
    size = len(graph)
    potential = [0] * size
    sent = 0
    while True:
        dist: list[int | None] = [None] * size
        back = [-1] * size
        dist[s] = 0
        heap = [(0, s)]
        while heap:
            d, u = heapq.heappop(heap)
            if d != dist[u]:
                continue
            for e in graph[u]:
                v = to[e]
                if cap[e] <= 0:
                    continue
                nd = d + cost[e] + potential[u] - potential[v]
                old = dist[v]
                if old is None or nd < old:
                    dist[v] = nd
                    back[v] = e
                    heapq.heappush(heap, (nd, v))
        if dist[t] is None:
            return sent
        for x in range(size):
            dx = dist[x]
            if dx is not None:
                potential[x] += dx
        push, x = -1, t
        while x != s:
            e = back[x]
            push = cap[e] if push < 0 else min(push, cap[e])
            x = to[e ^ 1]
        x = t
        while x != s:
            e = back[x]
            cap[e] -= push
            cap[e ^ 1] += push
            x = to[e ^ 1]
        sent += push

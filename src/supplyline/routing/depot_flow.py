"""Whether the goods reach the units over shared roads, each from the depots holding it.

The shared-road check (:mod:`~supplyline.routing.road_share`) adds the units' tonnes in
one maximum flow from a source feeding every depot, so any depot may feed any unit any
good: D1 holding food and D2 fuel were judged to fit where D1's food could reach L2 only
over a road D2's fuel needed too. Here a multicommodity flow: each *group* is the goods
that may come from the same depots (a commodity held at D1 and D2, by the units whose
trucks' depots those are), its sources those depots, its sinks each unit's kilograms a
day of those goods at its place; all share each road's capacity, each way. Goods with
the same sources are one group without loss: any flow of the group splits into its goods
by source, since each source may send each of them. A small linear programme (HiGHS
through :func:`scipy.optimize.linprog`, as :mod:`~supplyline.routing.truck_hours` does;
``routing`` may not import ``planning``'s wrapper, and highspy itself prints a banner on
stdout on first use, which would land in ``reach --format csv``). It minimises the
kilograms left short, those of ``cheap`` sinks (the unit being added) a little cheaper,
so that a misfit says how much the roads carry and whose goods they leave.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix

from supplyline.errors import SolverError

__all__ = ["GoodsFlow", "GoodsGroup", "goods_flow"]

_TOL_KG = 0.5
"""Half a kilogram: needs and capacities are whole kilograms."""

_DEAR = 1.001
"""The cost of a kilogram short at a sink not ``cheap``: among equal shortfalls, the
solver leaves the unit being added short rather than those that fitted before it."""


@dataclass(frozen=True, slots=True)
class GoodsGroup:
    """Goods that may come from the same depots, and where they must go."""

    sources: tuple[int, ...]
    """The depots (by node) that may send them."""
    sinks: tuple[tuple[int, int, bool], ...]
    """(place node, kilograms a day, cheap): cheap sinks are the ones to leave short first."""


@dataclass(frozen=True, slots=True)
class GoodsFlow:
    """What the roads carry of each group's kilograms a day to its places."""

    carried_kg: float
    need_kg: int
    full: tuple[int, ...]
    """The arcs (by index) filled to their capacity."""
    short: tuple[tuple[int, int, float], ...]
    """(group, sink index, kilograms left short) for each sink left short."""
    cut: tuple[tuple[int, ...], ...]
    """Per group, the full arcs leaving what its sources reach over arcs not full."""

    @property
    def fits(self) -> bool:
        """Whether every group's kilograms reach its places."""
        return self.carried_kg >= self.need_kg - _TOL_KG


def goods_flow(
    n: int, arcs: Sequence[tuple[int, int, float]], groups: Sequence[GoodsGroup]
) -> GoodsFlow:
    """The most of ``groups``' kilograms the ``arcs`` carry, each group from its sources.

    ``arcs`` are (from, to, capacity in kg, inf for none) over nodes ``0..n-1``.
    Variables: each group's flow on each arc, what each of its sources sends, and each
    sink's kilograms left short; rows: conservation per group and node, and each
    capacitated arc's sum over groups. A depot sends what it holds without a bound of
    its own (what it holds is :mod:`~supplyline.routing.reach_goods`' matter).

    >>> g = GoodsGroup(sources=(0,), sinks=((1, 8, True),))
    >>> goods_flow(2, [(0, 1, 5.0)], [g]).carried_kg
    5.0
    """
    m, k = len(arcs), len(groups)
    n_flow = m * k
    sends = [(g, s) for g, grp in enumerate(groups) for s in grp.sources]
    sinks = [(g, j) for g, grp in enumerate(groups) for j in range(len(grp.sinks))]
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    rhs = np.zeros(n * k)
    for g in range(k):
        for e, (a, b, _) in enumerate(arcs):
            rows += [g * n + a, g * n + b]
            cols += [g * m + e, g * m + e]
            vals += [1.0, -1.0]
    for i, (g, s) in enumerate(sends):
        rows.append(g * n + s)
        cols.append(n_flow + i)
        vals.append(-1.0)  # out - in = what it sends
    first_short = n_flow + len(sends)
    for i, (g, j) in enumerate(sinks):
        place, kg, _ = groups[g].sinks[j]
        rows.append(g * n + place)
        cols.append(first_short + i)
        vals.append(-1.0)  # out - in = short - kg: it receives kg less what is short
        rhs[g * n + place] -= kg
    n_var = first_short + len(sinks)
    eq = coo_matrix((vals, (rows, cols)), shape=(n * k, n_var)).tocsr()
    capped = [e for e, (_, _, cap) in enumerate(arcs) if math.isfinite(cap)]
    ub_rows = [r for r, e in enumerate(capped) for _ in range(k)]
    ub_cols = [g * m + e for e in capped for g in range(k)]
    ub = coo_matrix((np.ones(len(ub_rows)), (ub_rows, ub_cols)), shape=(len(capped), n_var))
    cost = np.concatenate(
        [
            np.full(n_flow, 1e-6),
            np.zeros(len(sends)),
            [1.0 if groups[g].sinks[j][2] else _DEAR for g, j in sinks],
        ]
    )
    bounds = [(0.0, None)] * (n_flow + len(sends)) + [
        (0.0, float(groups[g].sinks[j][1])) for g, j in sinks
    ]
    from scipy.optimize import linprog  # here: 0.2 s of import that --help and validate skip

    result = linprog(
        cost,
        A_ub=ub.tocsr() if capped else None,
        b_ub=np.array([arcs[e][2] for e in capped]) if capped else None,
        A_eq=eq,
        b_eq=rhs,
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:  # always feasible (everything short) and bounded: a failure
        raise SolverError(f"HiGHS could not settle the goods' road flows: {result.message}")
    x = np.asarray(result.x)
    need = sum(kg for grp in groups for _, kg, _ in grp.sinks)
    per_arc = x[:n_flow].reshape(k, m)
    used = per_arc.sum(axis=0)
    full = tuple(e for e in capped if used[e] >= arcs[e][2] - _TOL_KG)
    short = tuple(
        (g, j, float(x[first_short + i]))
        for i, (g, j) in enumerate(sinks)
        if x[first_short + i] > _TOL_KG
    )
    cut = tuple(_cut(n, arcs, set(full), grp.sources) for grp in groups)
    return GoodsFlow(float(need - x[first_short:].sum()), need, full, short, cut)


def _cut(
    n: int, arcs: Sequence[tuple[int, int, float]], full: set[int], sources: Sequence[int]
) -> tuple[int, ...]:
    """The full arcs leaving the nodes ``sources`` reach over arcs not full.

    The roads that stop a group's goods: those beyond them are out of its reach until
    another good leaves room on them.
    """
    out: dict[int, list[int]] = {}
    for e, (a, b, _) in enumerate(arcs):
        if e not in full:
            out.setdefault(a, []).append(b)
    seen = set(sources)
    todo = list(sources)
    while todo:
        for b in out.get(todo.pop(), []):
            if b not in seen and b < n:
                seen.add(b)
                todo.append(b)
    return tuple(e for e in sorted(full) if arcs[e][0] in seen and arcs[e][1] not in seen)

"""Whether each depot's goods reach its own units over shared roads: one commodity per depot.

The shared-road check (:mod:`~supplyline.routing.road_share`) adds the units' tonnes in
one maximum flow from a source feeding every depot, so a depot may feed another's units:
D1 feeding U1 at L1 and D2 feeding U2 at L2 were judged to fit where D1's goods could only
reach L2 and D2's only L1 within the capacities. Here each depot's tonnes flow from that
depot to its own units' places, all sharing each road's capacity: a small linear
programme (HiGHS through :func:`scipy.optimize.linprog`, as :mod:`~supplyline.routing.
truck_hours` does; ``routing`` may not import ``planning``'s wrapper, and highspy itself
prints a banner on stdout on first use, which would land in ``reach --format csv``). It
minimises the tonnes left short, so a misfit says how much the roads carry.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from supplyline.errors import SolverError

__all__ = ["OwnFlow", "own_depot_flow"]

_TOL_KG = 0.5
"""Half a kilogram: needs and capacities are whole kilograms."""


@dataclass(frozen=True, slots=True)
class OwnFlow:
    """What the roads carry of each depot's tonnes to its own places, in kilograms a day."""

    carried_kg: float
    need_kg: int
    full: tuple[int, ...]
    """The arcs (by index) filled to their capacity."""
    on_full: frozenset[int]
    """The depots (by node) whose goods cross a full arc."""

    @property
    def fits(self) -> bool:
        """Whether every depot's tonnes reach its places."""
        return self.carried_kg >= self.need_kg - _TOL_KG


def own_depot_flow(
    n: int,
    arcs: Sequence[tuple[int, int, float]],
    needs: Sequence[tuple[int, int, int]],
) -> OwnFlow:
    """The most of ``needs`` the ``arcs`` carry, each depot's from that depot.

    ``arcs`` are (from, to, capacity in kg, inf for none) over nodes ``0..n-1``; ``needs``
    are (depot, place, kg). Variables: each depot's flow on each arc, and each depot's
    kilograms left short at each place; rows: conservation per depot and node, and each
    capacitated arc's sum over depots.

    >>> own_depot_flow(2, [(0, 1, 5.0)], [(0, 1, 8)]).carried_kg
    5.0
    """
    depots = sorted({d for d, _, _ in needs})
    slots = sorted({(d, p) for d, p, _ in needs})
    want: dict[tuple[int, int], int] = {}
    for d, p, kg in needs:
        want[(d, p)] = want.get((d, p), 0) + kg
    m, k = len(arcs), len(depots)
    n_flow = m * k
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    rhs = np.zeros(n * k)
    for c in range(k):
        for e, (a, b, _) in enumerate(arcs):
            j = c * m + e
            rows += [c * n + a, c * n + b]
            cols += [j, j]
            vals += [1.0, -1.0]
    for s, (d, p) in enumerate(slots):
        c = depots.index(d)
        j = n_flow + s
        rows += [c * n + d, c * n + p]  # the short is neither sent from d nor received at p
        cols += [j, j]
        vals += [1.0, -1.0]
        rhs[c * n + d] += want[(d, p)]
        rhs[c * n + p] -= want[(d, p)]
    n_var = n_flow + len(slots)
    eq = coo_matrix((vals, (rows, cols)), shape=(n * k, n_var)).tocsr()
    capped = [e for e, (_, _, cap) in enumerate(arcs) if math.isfinite(cap)]
    ub_rows = [r for r, e in enumerate(capped) for _ in depots]
    ub_cols = [c * m + e for e in capped for c in range(k)]
    ub = coo_matrix((np.ones(len(ub_rows)), (ub_rows, ub_cols)), shape=(len(capped), n_var)).tocsr()
    cost = np.concatenate([np.full(n_flow, 1e-6), np.ones(len(slots))])
    bounds = [(0.0, None)] * n_flow + [(0.0, float(want[x])) for x in slots]
    result = linprog(
        cost,
        A_ub=ub if capped else None,
        b_ub=np.array([arcs[e][2] for e in capped]) if capped else None,
        A_eq=eq,
        b_eq=rhs,
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:  # always feasible (everything short) and bounded: a failure
        raise SolverError(f"HiGHS could not settle the depots' road flows: {result.message}")
    x = np.asarray(result.x)
    need = sum(want.values())
    per_arc = x[:n_flow].reshape(k, m)
    full = tuple(e for e in capped if per_arc[:, e].sum() >= arcs[e][2] - _TOL_KG)
    on_full = frozenset(depots[c] for c in range(k) for e in full if per_arc[c, e] > _TOL_KG)
    return OwnFlow(float(need - x[n_flow:].sum()), need, full, on_full)

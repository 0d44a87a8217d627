"""Whose stock reached a unit: proportional flow tracing through the time-expanded plan.

Goods from different owners mix at a location; we assume they mix proportionally (every
tonne leaving a node on a day carries the owner shares of all that entered it). The
shares ``M`` of the nodes then solve one sparse linear system::

    throughput[n] · M[n] − Σ_{flows j into n} x_j · M[tail(j)] = supply_by_owner[n]

which is triangular in time (every flow goes from a day to the same or a later day). When
every flow in it ends on a later day than it starts (no same-day moves: transit plus dwell
of a day or more), the shares follow day by day, each day's from the days before
(:func:`_sweep_by_day`); otherwise SuperLU solves the system (:func:`_solve_by_lu`). The
two agree to rounding; the sweep spares SuperLU's set-up and workspace, most of the
tracing's time in a fresh process (corridor-S: 1.5 ms of 2.7 ms). The ledger uses the
result to draft support orders where one partner's stock sustains another partner's unit.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from scipy.sparse import csc_matrix
from scipy.sparse.linalg import spsolve

from supplyline.planning.assemble import Problem
from supplyline.planning.model import IntArray, LpModel

__all__ = ["trace_owners"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
_TOL = 1e-9


def _row_of(p: Problem, m: LpModel) -> tuple[IntArray, int, int]:
    """Sorted balance keys, locations and days (to turn (f, v, t) into a balance row)."""
    b = m.rows["balance"]
    n_v = len(p.net.location_ids)
    keys = (b["f"] * n_v + b["v"]) * p.days + b["t"]
    return keys, n_v, p.days


def trace_owners(
    p: Problem, m: LpModel, x: FloatArray, k: IntArray, v: IntArray, t: IntArray
) -> FloatArray:
    """Owner shares (columns follow ``p.partners``) of goods ``k`` at ``v`` on day ``t``.

    Each returned row sums to 1 where goods pass through the node, else to 0. Goods that
    only one owner supplies in the plan are that owner's wherever they go: only goods
    from two owners or more enter the linear system.
    """
    keys, n_v, days = _row_of(p, m)
    n = len(keys)
    n_p = len(p.partners)

    def row(f: IntArray, loc: IntArray, day: IntArray) -> IntArray:
        want = (f * n_v + loc) * days + day
        pos = np.searchsorted(keys, want)
        pos = np.minimum(pos, n - 1)
        return np.where(keys[pos] == want, pos, -1).astype(np.int64)

    sup = m.cols["supply"]
    xu = x[sup.start : sup.start + sup.size]
    supplied = (xu > _TOL) & (sup["owner"] >= 0)
    owners_of = np.zeros((len(p.flows.names), n_p), dtype=bool)
    owners_of[sup["f"][supplied], sup["owner"][supplied]] = True
    n_owners = owners_of.sum(axis=1)
    mixed = n_owners > 1  # goods flows (only goods have owners) that need the system
    sole = np.where(n_owners == 1, owners_of.argmax(axis=1), -1)
    out = np.zeros((len(k), n_p))
    one = np.flatnonzero(sole[k] >= 0)
    out[one, sole[k][one]] = 1.0
    if mixed.any():
        out = np.where(mixed[k][:, None], _mixed_shares(p, m, x, row, mixed, k, v, t), out)
    total = out.sum(axis=1, keepdims=True)
    return np.where(total > _TOL, out / np.where(total > _TOL, total, 1.0), 0.0)


def _mixed_shares(
    p: Problem,
    m: LpModel,
    x: FloatArray,
    row: Callable[[IntArray, IntArray, IntArray], IntArray],
    mixed: BoolArray,
    k: IntArray,
    v: IntArray,
    t: IntArray,
) -> FloatArray:
    """Owner shares at the queried nodes from the system over the ``mixed`` flows' nodes."""
    n, n_p = len(m.rows["balance"]["t"]), len(p.partners)
    heads: list[IntArray] = []
    tails: list[IntArray] = []
    amounts: list[FloatArray] = []
    arc = m.cols["arc"]
    xa = x[arc.start : arc.start + arc.size]
    on = np.flatnonzero(xa > _TOL)  # the few columns used, then theirs that are mixed
    on = on[mixed[arc["f"][on]]]
    f, a, day = arc["f"][on], arc["a"][on], arc["t"][on]
    tails.append(row(f, p.net.arc_from[a], day))
    heads.append(row(f, p.net.arc_to[a], day + p.net.arc_delay[a]))
    amounts.append(xa[on])
    st = m.cols["stock"]
    xs = x[st.start : st.start + st.size]
    on = np.flatnonzero(xs > _TOL)
    on = on[mixed[st["f"][on]]]
    tails.append(row(st["f"][on], st["v"][on], st["t"][on]))
    heads.append(row(st["f"][on], st["v"][on], st["t"][on] + 1))
    amounts.append(xs[on])
    head, tail, amount = np.concatenate(heads), np.concatenate(tails), np.concatenate(amounts)
    keep = (head >= 0) & (tail >= 0)
    head, tail, amount = head[keep], tail[keep], amount[keep]
    sup = m.cols["supply"]
    xu = x[sup.start : sup.start + sup.size]
    on = np.flatnonzero((xu > _TOL) & (sup["owner"] >= 0) & mixed[sup["f"]])
    s_row = row(sup["f"][on], sup["v"][on], sup["t"][on])
    # only the nodes goods pass through, numbered day by day: every flow then runs from a
    # node to the same or a later one, and the system is lower triangular but for
    # same-day moves (it factors in its own order); a marker over the balance rows
    # numbers them without sorting the plan's entries
    used = np.zeros(n, dtype=bool)
    used[head] = used[tail] = used[s_row] = True
    day = m.rows["balance"]["t"]
    if p.days < 2**15:  # numpy sorts 16-bit integers by radix, in linear time
        day = day.astype(np.int16)
    by_day = np.argsort(day, kind="stable")
    nodes = by_day[used[by_day]]
    n_a = len(nodes)
    if n_a == 0:
        return np.zeros((len(k), n_p))
    number = np.full(n, -1, dtype=np.int64)
    number[nodes] = np.arange(n_a)
    head, tail, s_row = number[head], number[tail], number[s_row]
    weighted = np.bincount(s_row * n_p + sup["owner"][on], weights=xu[on], minlength=n_a * n_p)
    supply = np.asarray(weighted, dtype=np.float64).reshape(n_a, n_p)  # float: it is weighted
    throughput = supply.sum(axis=1) + np.bincount(head, weights=amount, minlength=n_a)
    through = np.where(throughput > _TOL, throughput, 1.0)
    node_day = day[nodes]
    if bool((node_day[head] > node_day[tail]).all()):
        shares = _sweep_by_day(node_day, head, tail, amount, supply, through)
    else:  # a same-day move: the order within a day is not the numbering's
        shares = _solve_by_lu(head, tail, amount, supply, through)
    want = row(k, v, t)
    node = np.where(want >= 0, number[want], -1)
    return np.where((node >= 0)[:, None], shares[node], 0.0)


def _sweep_by_day(
    node_day: IntArray,
    head: IntArray,
    tail: IntArray,
    amount: FloatArray,
    supply: FloatArray,
    through: FloatArray,
) -> FloatArray:
    """The system's solution day by day, where every flow ends on a later day than it starts.

    ``node_day`` is each node's day, ascending (nodes are numbered day by day); flow ``j``
    carries ``amount[j]`` from node ``tail[j]`` to node ``head[j]``; ``supply`` is
    ``[node, owner]``, ``through`` each node's throughput (1 where nothing passes). A
    node's shares are what enters it, by owner, over its throughput, and all that enters
    on a day left on an earlier day: one pass over the days, no factorisation.
    """
    n_a, n_p = supply.shape
    order = np.argsort(head, kind="stable")
    head, tail, amount = head[order], tail[order], amount[order, None]
    node_start = np.searchsorted(node_day, np.arange(int(node_day[-1]) + 2))
    edge_start = np.searchsorted(head, node_start).tolist()
    # where each flow's tonnes land among its day's nodes and owners (row-major)
    slot = (head - node_start[node_day[head]])[:, None] * n_p + np.arange(n_p)
    shares = np.empty((n_a, n_p))
    lo = 0
    for d, hi in enumerate(node_start[1:].tolist()):
        if lo == hi:
            continue
        e0, e1 = edge_start[d], edge_start[d + 1]
        entering = supply[lo:hi]
        if e1 > e0:
            carried = amount[e0:e1] * shares[tail[e0:e1]]
            inflow = np.bincount(slot[e0:e1].ravel(), carried.ravel(), (hi - lo) * n_p)
            entering = entering + inflow.reshape(hi - lo, n_p)
        shares[lo:hi] = entering / through[lo:hi, None]
        lo = hi
    return shares


def _solve_by_lu(
    head: IntArray, tail: IntArray, amount: FloatArray, supply: FloatArray, through: FloatArray
) -> FloatArray:
    """The system's solution by SuperLU, for any order of the nodes (same-day moves too).

    Arguments as :func:`_sweep_by_day`'s.
    """
    n_a, n_p = supply.shape
    diagonal = np.arange(n_a)
    system = csc_matrix(
        (
            np.concatenate([through, -amount]),
            (np.concatenate([diagonal, head]), np.concatenate([diagonal, tail])),
        ),
        shape=(n_a, n_a),
    )
    solved = spsolve(system, supply, permc_spec="NATURAL")
    return np.asarray(solved, dtype=np.float64).reshape(n_a, n_p)

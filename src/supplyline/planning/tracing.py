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

A column's nodes are the balance rows it enters, read from the matrix (:func:`_ends`):
looking each (flow, location, day) up among the sorted balance keys took a quarter of
the tracing's time (corridor-S, warm: 1.10 ms with them, 0.85 ms without).
"""

from __future__ import annotations

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


def _ends(m: LpModel, cols: IntArray) -> tuple[IntArray, IntArray]:
    """The balance rows a flow column leaves and enters: its node of origin and its head.

    The builder enters the balance rows first (they are the first row block, and so each
    column's first entries, lower row first): an arc column leaves the row where its entry
    is −1 and enters the other; a stock column leaves its day's row for the next day's (one
    on the horizon's last day enters no row: leave it out).
    """
    matrix = m.matrix
    first = matrix.indptr[cols]
    lower, upper = matrix.indices[first], matrix.indices[first + 1]
    leaves_lower = matrix.data[first] < 0
    return np.where(leaves_lower, lower, upper), np.where(leaves_lower, upper, lower)


def _own_row(m: LpModel, cols: IntArray) -> IntArray:
    """The balance row of a column with one entry there (a supply's, a delivery's)."""
    rows: IntArray = m.matrix.indices[m.matrix.indptr[cols]]
    return rows


def trace_owners(p: Problem, m: LpModel, x: FloatArray, deliver: IntArray) -> FloatArray:
    """Owner shares (columns follow ``p.partners``) of what the ``deliver`` columns hand over.

    ``deliver`` numbers columns within the ``deliver`` block: goods ``k`` handed to a unit
    at its destination on day ``t``, which are those of the node they draw from. Each
    returned row sums to 1 where goods pass through the node, else to 0. Goods that only
    one owner supplies in the plan are that owner's wherever they go: only goods from two
    owners or more enter the linear system.
    """
    n_p = len(p.partners)
    k = m.cols["deliver"]["k"][deliver]
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
        want = _own_row(m, m.cols["deliver"].start + deliver)
        out = np.where(mixed[k][:, None], _mixed_shares(p, m, x, mixed, want), out)
    total = out.sum(axis=1, keepdims=True)
    return np.where(total > _TOL, out / np.where(total > _TOL, total, 1.0), 0.0)


def _mixed_shares(
    p: Problem, m: LpModel, x: FloatArray, mixed: BoolArray, want: IntArray
) -> FloatArray:
    """Owner shares at the balance rows ``want`` from the system over the ``mixed`` flows."""
    n, n_p = len(m.rows["balance"]["t"]), len(p.partners)
    heads: list[IntArray] = []
    tails: list[IntArray] = []
    amounts: list[FloatArray] = []
    for name in ("arc", "stock"):
        b = m.cols[name]
        xb = x[b.start : b.start + b.size]
        on = np.flatnonzero(xb > _TOL)  # the few columns used, then theirs that are mixed
        on = on[mixed[b["f"][on]]]
        if name == "stock":  # stock left at the horizon's end (making_room) leads nowhere
            on = on[b["t"][on] < p.days - 1]
        tail, head = _ends(m, b.start + on)
        tails.append(tail)
        heads.append(head)
        amounts.append(xb[on])
    head, tail, amount = np.concatenate(heads), np.concatenate(tails), np.concatenate(amounts)
    sup = m.cols["supply"]
    xu = x[sup.start : sup.start + sup.size]
    on = np.flatnonzero((xu > _TOL) & (sup["owner"] >= 0) & mixed[sup["f"]])
    s_row = _own_row(m, sup.start + on)
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
        return np.zeros((len(want), n_p))
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
    node = number[want]
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

"""A feasible plan from the flows solved apart, for when the time limit ends the solve.

Why: the dual simplex holds no feasible plan until it is optimal, so a solve that the
time limit stops gives the planner nothing. On corridor-M (1.7 M columns) that was the
outcome at a 600 s limit: the flows solved apart took 277 s, and repairing the shared
capacities did not finish in the rest.

Each flow's own optimum ``x_f`` (from the block start) and its do-nothing plan ``z_f``
(the same flow with every column that touches a shared capacity fixed at zero: nothing
moves, and what cannot be met goes short) both satisfy that flow's own rows, and so does
every mix ``z_f + λ_f (x_f − z_f)`` with ``0 ≤ λ_f ≤ 1``. Since ``z_f`` puts nothing on a
shared row, the capacities are linear in the λ: one LP picks the mix that costs least
within every capacity. A goods flow gets a λ per unit it supplies (its plans split by
destination, see :func:`_by_destination`), so one overrun capacity does not cost every
unit its supply. The result is a plan that respects every constraint, at a cost no
better than the optimum; it is reported as FEASIBLE (not proven best).

A deploying unit is fed only where it is there (:mod:`supplyline.planning.presence`):
the do-nothing plans feed no deploying unit (none of them moves), and a part of a goods
flow that feeds a unit is mixed in at most the share of the unit's people the mix brings
(``λ_goods ≤ λ_people``), or not at all if it feeds the unit on a day its people's own
optimum has not brought them. Without it, a tester's bilateral fallback fed two camps
484 t while none of their 620 people arrived, and said 0 t short.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt
from scipy.sparse import csc_matrix
from scipy.sparse import vstack as sparse_vstack
from scipy.sparse.linalg import spsolve

from supplyline.planning.block_start import BlockStart, solve_pieces
from supplyline.planning.highs import new_highs, objective_scale, pass_lp
from supplyline.planning.interrupt import run_stoppably
from supplyline.planning.model import IntArray, LpModel
from supplyline.planning.partition import SHARED, Partition
from supplyline.planning.presence import PRESENT_SHARE, Presence

__all__ = ["mixed_plan"]

log = logging.getLogger(__name__)
FloatArray = npt.NDArray[np.float64]


MAX_GROUP_CELLS = 5_000_000
"""Above this many (used column × destination) cells a flow is mixed whole, not by
destination: the table of each destination's part of each column is held in memory."""

REST = -1
"""The group of what reaches no unit (deployments, and what tracing cannot place)."""

MIX_COST_TARGET = 1.0e3
"""The largest gain the mix's LP sees. A gain sums a whole part of a flow's costs, up to
7e9 at corridor-M even after the model's objective scaling, and HiGHS's dual simplex
stopped on it at once ("excessive dual values", model status Not Set): no fallback plan.
Brought down to 1e3 (a power of two: the same optimum), it solves in 0.3 s."""


@dataclass(frozen=True, slots=True)
class _Parts:
    """One flow's plan split by the unit it ends at: ``amounts[:, g]`` is group ``g``'s."""

    cols: IntArray
    labels: list[int]
    amounts: FloatArray


def mixed_plan(
    model: LpModel,
    part: Partition,
    start: BlockStart,
    *,
    presence: Presence,
    scale: float,
    threads: int | None = None,
    stop: threading.Event | None = None,
) -> FloatArray | None:
    """The cheapest mix of each flow's optimum and its do-nothing plan within the capacities.

    A goods flow is mixed unit by unit: its optimum and its do-nothing plan are each split
    into what ends at each unit (proportional tracing backwards from the deliveries), so
    that a unit whose supply crosses no overrun capacity keeps its part of the optimum.
    No deploying unit is fed before it is there (``presence``; see the module's note).
    None if a do-nothing plan or the mix could not be solved (it should not happen: the
    model lets any demand go short).
    """
    if not start.flows:
        return None
    shared = np.flatnonzero(part.row_flow == SHARED)
    on_shared = model.matrix[shared, :].tocsc()
    zero = np.diff(on_shared.indptr) > 0  # nothing moves ...
    deliver = model.cols.get("deliver")
    if deliver is not None:  # ... so no deploying unit is there to be fed
        zero[deliver.index[presence.flow[deliver["u"]] >= 0]] = True
    jobs = [(flow.cols, flow.rows) for flow in start.flows]
    idle = solve_pieces(model, jobs, scale=scale, threads=threads, zero=zero, stop=stop)
    units = _unit_of_rows(model)
    x = np.zeros(model.num_cols)
    steps: list[FloatArray] = []  # per group of a flow: the step from idle to optimum
    step_cols: list[IntArray] = []  # and the model's columns it moves
    step_flow: list[int] = []  # and the flow it is part of
    for flow, nothing in zip(start.flows, idle, strict=True):
        if nothing.x is None:
            if stop is None or not stop.is_set():  # else: dropped, and rightly unfinished
                log.warning("a flow's do-nothing plan was not solved: no fallback plan")
            return None
        x[flow.cols] = nothing.x
        for cols, step in _group_steps(model, units, flow.cols, flow.rows, flow.x, nothing.x):
            step_cols.append(cols)
            steps.append(step)
            step_flow.append(int(part.col_flow[flow.cols[0]]))
    if not steps:  # every flow's optimum is its do-nothing plan
        return x
    moves = csc_matrix(  # column g: group g's step, over the model's columns
        (
            np.concatenate(steps),
            (
                np.concatenate(step_cols),
                np.repeat(np.arange(len(steps)), [len(c) for c in step_cols]),
            ),
        ),
        shape=(model.num_cols, len(steps)),
    )
    loads = (on_shared @ moves).tocsc()
    gains = np.array(
        [float(model.cost[c] @ d) * scale for c, d in zip(step_cols, steps, strict=True)]
    )
    # a column split between groups (a source's daily supply) must keep its bounds too
    split = _split_bounds(model, x, step_cols, steps)
    fed, most = _fed_where_there(model, presence, x, step_cols, steps, step_flow)
    weights = _mix(
        sparse_vstack([loads, split[0], fed]).tocsc(),
        gains * objective_scale(gains, MIX_COST_TARGET),
        np.concatenate([model.row_lower[shared], split[1], np.full(fed.shape[0], -np.inf)]),
        np.concatenate([model.row_upper[shared], split[2], np.zeros(fed.shape[0])]),
        stop,
        most,
    )
    if weights is None:
        return None
    for cols, step, weight in zip(step_cols, steps, weights, strict=True):
        x[cols] += weight * step
    log.info(
        "fallback plan: %d parts of flows, %d kept whole, %d dropped",
        len(weights),
        int(np.count_nonzero(weights > 1 - 1e-9)),
        int(np.count_nonzero(weights < 1e-9)),
    )
    return x


def _unit_of_rows(model: LpModel) -> IntArray:
    """The unit of every row of a unit's own (stock balance, target), :data:`REST` elsewhere."""
    unit_of_row = np.full(model.num_rows, REST, dtype=np.int64)
    for name in ("unit", "target", "fair"):
        block = model.rows.get(name)
        if block is not None:
            unit_of_row[block.start : block.start + block.size] = block["u"]
    return unit_of_row


def _group_steps(
    model: LpModel,
    units: IntArray,
    cols: IntArray,
    rows: IntArray,
    best: FloatArray,
    idle: FloatArray,
) -> list[tuple[IntArray, FloatArray]]:
    """Per group of a flow: its columns and the step from the do-nothing part to the optimum."""
    a = _by_destination(model, units, cols, rows, best)
    b = _by_destination(model, units, cols, rows, idle)
    used = np.union1d(a.cols, b.cols)
    sides = ((a, np.searchsorted(used, a.cols), 1.0), (b, np.searchsorted(used, b.cols), -1.0))
    out: list[tuple[IntArray, FloatArray]] = []
    for label in sorted(set(a.labels) | set(b.labels)):
        step = np.zeros(len(used))
        for parts, where, sign in sides:
            if label in parts.labels:
                step[where] += sign * parts.amounts[:, parts.labels.index(label)]
        keep = np.abs(step) > 1e-12
        if keep.any():
            out.append((cols[used[keep]], step[keep]))
    return out


def _by_destination(
    model: LpModel, units: IntArray, cols: IntArray, rows: IntArray, x: FloatArray
) -> _Parts:
    """A flow's plan (``x`` over its ``cols``) split by the unit each part ends at.

    ``units`` is the unit of each of the model's rows (:func:`_unit_of_rows`).

    Every column with an entry in a balance row moves the flow from the node where it has
    −1 to the node where it has +1 (a delivery ends in a unit's row instead). Going
    backwards in time, each node's outflow is split among units in proportion to where
    it goes; a column carries the shares of the node it enters. Columns in a unit's own
    rows only (held stock, shortfall, target gap) belong to that unit.
    """
    used = np.flatnonzero(np.abs(x) > 1e-12)
    whole = _Parts(cols=used, labels=[REST], amounts=x[used][:, None])
    unit_block = model.rows.get("unit")
    balance = model.rows.get("balance")
    if unit_block is None or balance is None or len(used) == 0:
        return whole
    sub = model.matrix[rows, :][:, cols[used]].tocoo()
    global_row = rows[sub.row]
    is_balance = (global_row >= balance.start) & (global_row < balance.start + balance.size)
    in_units = ~is_balance
    n = len(used)
    tail = np.full(n, -1, dtype=np.int64)
    head = np.full(n, -1, dtype=np.int64)
    sink = np.full(n, REST, dtype=np.int64)
    tail[sub.col[is_balance & (sub.data < 0)]] = global_row[is_balance & (sub.data < 0)]
    head[sub.col[is_balance & (sub.data > 0)]] = global_row[is_balance & (sub.data > 0)]
    touches_balance = np.zeros(n, dtype=bool)
    touches_balance[sub.col[is_balance]] = True
    # a delivery enters a unit's row; a unit's own column sits in its rows only
    unit_entry = in_units & ((sub.data > 0) | ~touches_balance[sub.col])
    sink[sub.col[unit_entry]] = units[global_row[unit_entry]]
    labels = sorted(int(u) for u in np.unique(sink) if u != REST)
    if not labels or n * (len(labels) + 1) > MAX_GROUP_CELLS:
        return whole
    group = np.searchsorted(labels, sink)  # valid where sink != REST
    nodes = np.unique(np.concatenate([tail[tail >= 0], head[head >= 0]]))
    n_nodes = len(nodes)
    t_node = np.where(tail >= 0, np.searchsorted(nodes, tail), -1)
    h_node = np.where(head >= 0, np.searchsorted(nodes, head), -1)
    values = x[used]
    amounts = np.zeros((n, len(labels) + 1))  # the last column: REST
    direct = (sink != REST) & touches_balance  # deliveries
    own = (sink != REST) & ~touches_balance  # a unit's own columns
    amounts[np.flatnonzero(own), group[own]] = values[own]
    amounts[np.flatnonzero(direct), group[direct]] = values[direct]
    if n_nodes:
        out = t_node >= 0
        outflow = np.bincount(t_node[out], weights=values[out], minlength=n_nodes)
        onward = out & (h_node >= 0)
        ends = out & direct
        reaches = np.zeros((n_nodes, len(labels)))
        np.add.at(reaches, (t_node[ends], group[ends]), values[ends])
        system = csc_matrix(
            (
                np.concatenate([np.where(outflow > 1e-12, outflow, 1.0), -values[onward]]),
                (
                    np.concatenate([np.arange(n_nodes), t_node[onward]]),
                    np.concatenate([np.arange(n_nodes), h_node[onward]]),
                ),
            ),
            shape=(n_nodes, n_nodes),
        )
        shares = np.asarray(spsolve(system, reaches), dtype=np.float64).reshape(n_nodes, -1)
        carried = (h_node >= 0) & (sink == REST)
        amounts[carried, :-1] = values[carried, None] * shares[h_node[carried]]
    amounts[:, -1] = values - amounts[:, :-1].sum(axis=1)
    return _Parts(cols=used, labels=[*labels, REST], amounts=amounts)


def _split_bounds(
    model: LpModel, base: FloatArray, step_cols: list[IntArray], steps: list[FloatArray]
) -> tuple[csc_matrix, FloatArray, FloatArray]:
    """Rows that keep each bounded column within its bounds when several groups move it."""
    owners = np.zeros(model.num_cols, dtype=np.int64)
    for cols in step_cols:
        owners[cols] += 1
    bounded = np.flatnonzero((owners > 1) & np.isfinite(model.col_upper))
    row_of = np.full(model.num_cols, -1, dtype=np.int64)
    row_of[bounded] = np.arange(len(bounded))
    r: list[IntArray] = []
    c: list[IntArray] = []
    v: list[FloatArray] = []
    for g, (cols, step) in enumerate(zip(step_cols, steps, strict=True)):
        hit = row_of[cols] >= 0
        r.append(row_of[cols[hit]])
        c.append(np.full(int(hit.sum()), g, dtype=np.int64))
        v.append(step[hit])
    matrix = csc_matrix(
        (np.concatenate(v), (np.concatenate(r), np.concatenate(c))),
        shape=(len(bounded), len(steps)),
    )
    return (
        matrix,
        model.col_lower[bounded] - base[bounded],
        model.col_upper[bounded] - base[bounded],
    )


def _fed_where_there(
    model: LpModel,
    presence: Presence,
    base: FloatArray,
    step_cols: list[IntArray],
    steps: list[FloatArray],
    step_flow: list[int],
) -> tuple[csc_matrix, FloatArray]:
    """Rows ``λ_g − λ_p ≤ 0`` and upper bounds on the λ that feed units only where they are.

    A group ``g`` that delivers to a deploying unit on a day its people are there both in
    the do-nothing plan and in their own optimum needs nothing; on a day they are there
    in their optimum only, at most the share ``λ_p`` of them the mix brings is fed
    (``λ_g ≤ λ_p``, one row per pair); on a day they are not there even in their
    optimum (or their flow is not mixed), ``g`` is left out (``λ_g ≤ 0``).
    """
    n = len(steps)
    most = np.ones(n)
    deliver = model.cols.get("deliver")
    if deliver is None or deliver.size == 0 or not np.any(presence.flow >= 0):
        return csc_matrix((0, n)), most
    unit_of = np.full(model.num_cols, -1, dtype=np.int64)
    day_of = np.zeros(model.num_cols, dtype=np.int64)
    unit_of[deliver.index] = deliver["u"]
    day_of[deliver.index] = deliver["t"]
    best = base.copy()  # every flow's own optimum: the do-nothing plans and every step
    for cols, step in zip(step_cols, steps, strict=True):
        best[cols] += step
    group_of_flow = {f: g for g, f in enumerate(step_flow)}  # a deployment is one group
    pairs: list[tuple[int, int]] = []
    for g, (cols, step) in enumerate(zip(step_cols, steps, strict=True)):
        feeds = (unit_of[cols] >= 0) & (step > 1e-12)
        for u, t in zip(unit_of[cols[feeds]].tolist(), day_of[cols[feeds]].tolist(), strict=True):
            f = int(presence.flow[u])
            if f < 0:
                continue
            at = np.searchsorted(presence.days[u], t, side="right") - 1
            floor = PRESENT_SHARE * presence.amount[u]
            col = int(presence.arrived[u][at]) if at >= 0 else -1
            if col >= 0 and min(base[col], best[col]) > floor:
                continue  # there whatever the mix
            p = group_of_flow.get(f)
            if col >= 0 and best[col] > floor and p is not None:
                pairs.append((g, p))
            else:
                most[g] = 0.0
    pairs = sorted(set(pairs))
    rows = np.repeat(np.arange(len(pairs)), 2)
    cols_ = np.array([i for pair in pairs for i in pair], dtype=np.int64)
    values = np.tile([1.0, -1.0], len(pairs))
    return csc_matrix((values, (rows, cols_)), shape=(len(pairs), n)), most


def _mix(
    loads: csc_matrix,
    gains: FloatArray,
    lower: FloatArray,
    upper: FloatArray,
    stop: threading.Event | None,
    most: FloatArray | None = None,
) -> FloatArray | None:
    """``min gains·λ`` s.t. ``lower ≤ loads λ ≤ upper``, ``0 ≤ λ ≤ most`` (1), by HiGHS."""
    used = np.flatnonzero(np.diff(loads.tocsr().indptr) > 0)
    n = loads.shape[1]
    master = LpModel(
        cost=gains,
        col_lower=np.zeros(n),
        col_upper=np.ones(n) if most is None else most,
        row_lower=lower[used],
        row_upper=upper[used],
        matrix=loads.tocsr()[used].tocsc(),
        offset=0.0,
        cols={},
        rows={},
    )
    h = new_highs()
    pass_lp(h, master)
    run_stoppably(h, stop)
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        if stop is None or not stop.is_set():  # else: dropped, and rightly unfinished
            status = h.modelStatusToString(h.getModelStatus())
            log.warning("the flows' mix was not solved (%s)", status)
        return None
    values = h.getSolution().col_value
    return np.clip(np.fromiter(values, dtype=np.float64, count=n), 0.0, master.col_upper)

"""A feasible plan from the flows solved apart, for when the time limit ends the solve.

Why: the dual simplex holds no feasible plan until it is optimal, so a solve that the
time limit stops gives the planner nothing. On corridor-M (1.7 M columns) that was the
outcome at a 600 s limit: the flows solved apart took 277 s, and repairing the shared
capacities did not finish in the rest.

Each flow's own optimum ``x_f`` (from the block start) and its do-nothing plan ``z_f``
(the same flow with every column that touches a shared capacity fixed at zero: nothing
moves, and what cannot be met goes short) both satisfy that flow's own rows, and so does
every mix ``z_f + λ_f (x_f − z_f)`` with ``0 ≤ λ_f ≤ 1``. Since ``z_f`` puts nothing on a
shared row, the capacities are linear in the λ: one LP with a variable per flow picks
the mix that costs least within every capacity. The result is a plan that respects
every constraint, at a cost no better than the optimum; it is reported as FEASIBLE
(not proven best).
"""

from __future__ import annotations

import logging

import highspy
import numpy as np
import numpy.typing as npt
from scipy.sparse import csc_matrix

from supplyline.planning.block_start import BlockStart, solve_pieces
from supplyline.planning.highs import new_highs, pass_lp
from supplyline.planning.model import LpModel
from supplyline.planning.partition import SHARED, Partition

__all__ = ["mixed_plan"]

log = logging.getLogger(__name__)
FloatArray = npt.NDArray[np.float64]


def mixed_plan(
    model: LpModel,
    part: Partition,
    start: BlockStart,
    *,
    scale: float,
    threads: int | None = None,
) -> FloatArray | None:
    """The cheapest mix of each flow's optimum and its do-nothing plan within the capacities.

    None if a do-nothing plan or the mix could not be solved (it should not happen: the
    model lets any demand go short).
    """
    if not start.flows:
        return None
    shared = np.flatnonzero(part.row_flow == SHARED)
    on_shared = model.matrix[shared, :].tocsc()
    touches = np.diff(on_shared.indptr) > 0
    jobs = [(flow.cols, flow.rows) for flow in start.flows]
    idle = solve_pieces(model, jobs, scale=scale, threads=threads, zero=touches)
    x = np.zeros(model.num_cols)
    loads: list[FloatArray] = []
    gains: list[float] = []
    for flow, nothing in zip(start.flows, idle, strict=True):
        if nothing.x is None:
            log.warning("a flow's do-nothing plan was not solved: no fallback plan")
            return None
        x[flow.cols] = nothing.x
        step = flow.x - nothing.x
        loads.append(on_shared[:, flow.cols] @ step)
        gains.append(float(model.cost[flow.cols] @ step) * scale)
    weights = _mix(
        np.column_stack(loads),
        np.array(gains),
        model.row_lower[shared],
        model.row_upper[shared],
    )
    if weights is None:
        return None
    for flow, nothing, weight in zip(start.flows, idle, weights, strict=True):
        if nothing.x is not None:
            x[flow.cols] += weight * (flow.x - nothing.x)
    log.info("fallback plan: flows kept at %s of their own optimum", np.round(weights, 3))
    return x


def _mix(
    loads: FloatArray, gains: FloatArray, lower: FloatArray, upper: FloatArray
) -> FloatArray | None:
    """``min gains·λ`` s.t. ``lower ≤ loads λ ≤ upper``, ``0 ≤ λ ≤ 1``, solved by HiGHS."""
    used = np.flatnonzero(np.any(np.abs(loads) > 1e-12, axis=1))
    n = loads.shape[1]
    master = LpModel(
        cost=gains,
        col_lower=np.zeros(n),
        col_upper=np.ones(n),
        row_lower=lower[used],
        row_upper=upper[used],
        matrix=csc_matrix(loads[used]),
        offset=0.0,
        cols={},
        rows={},
    )
    h = new_highs()
    pass_lp(h, master)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        log.warning("the flows' mix was not solved (%s)", h.modelStatusToString(h.getModelStatus()))
        return None
    values = h.getSolution().col_value
    return np.clip(np.fromiter(values, dtype=np.float64, count=n), 0.0, 1.0)

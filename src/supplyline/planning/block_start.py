"""A starting basis for the whole LP from the optimal bases of its flows solved apart.

Why: HiGHS's dual simplex, started cold, pivots roughly once or twice per row whatever
the coupling (measured on corridor-S: 16,767 iterations with every capacity, 16,715 with
none), and on corridor-I that is 116,508 iterations on a 93,000-row model. Each flow
alone (see :mod:`supplyline.planning.partition`) is a small LP that pivots on a factor
of its own size, and the flows are independent, so they run side by side in threads
(HiGHS releases the GIL); flows of the same shape start from the first one's optimal
basis (see :mod:`supplyline.planning.shapes`). Their optimal bases, joined, with every
capacity row's slack basic, are a basis of the whole LP that is dual feasible (the
capacity rows' duals are zero, so every reduced cost is the one its own flow proved
non-negative); the dual simplex then only repairs the capacities the flows overrun. On
corridor-I that repair took 10–13k iterations, and the whole solve about half the time
of the cold one (figures in docs/planning.md).

The final solve is the full LP to proven optimality: the start changes the path, not
the answer.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt

from supplyline.planning.highs import new_highs, pass_lp, usable_threads
from supplyline.planning.interrupt import WATCH_S, run_stoppably, stopping_on_interrupt
from supplyline.planning.model import IntArray, LpModel
from supplyline.planning.partition import SHARED, Partition
from supplyline.planning.shapes import Statuses, apart, same_shapes
from supplyline.signals import ctrl_c_held_back

__all__ = [
    "BlockStart",
    "FlowPlan",
    "Piece",
    "flow_parts",
    "solve_blocks",
    "solve_part",
    "solve_pieces",
]

log = logging.getLogger(__name__)
ObjectArray = npt.NDArray[np.object_]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

IPM_PIECE_ROWS = 20_000
"""A flow with at least this many rows is solved by interior point with crossover (which
still ends in a basis), a smaller one by dual simplex. Measured one flow at a time
(single thread): a goods flow of corridor-M (162,900 columns, 40,139 rows) took 70.9 s by
interior point and was unfinished by dual simplex at 150 s (111k iterations); a goods flow
of corridor-I (32,691 × 7,978) 3.0 s against 3.8 s; a deployment flow of corridor-M
(71,465 × 14,974, which presolve all but solves) 4.3 s against 0.5 s."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowPlan:
    """One flow's LP solved alone: its columns and rows in the whole LP, and its values."""

    cols: IntArray
    rows: IntArray
    x: FloatArray


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockStart:
    """A joined basis (HiGHS status objects per column and row), and each flow's plan."""

    col_status: list[highspy.HighsBasisStatus]
    row_status: list[highspy.HighsBasisStatus]
    flows: tuple[FlowPlan, ...]
    """Each flow's optimum alone (what :mod:`supplyline.planning.fallback` mixes)."""

    def basis(self) -> highspy.HighsBasis:
        """The basis in HiGHS's form, ready for ``setBasis``."""
        basis = highspy.HighsBasis()
        basis.col_status = self.col_status
        basis.row_status = self.row_status
        basis.valid = True
        return basis


@dataclass(frozen=True, slots=True)
class Piece:
    """What solving one flow alone gave: None statuses and values unless proven optimal."""

    cols: IntArray
    rows: IntArray
    col_status: list[highspy.HighsBasisStatus] | None
    row_status: list[highspy.HighsBasisStatus] | None
    x: FloatArray | None
    iterations: int


def solve_part(
    model: LpModel,
    scale: float,
    cols: IntArray,
    rows: IntArray,
    *,
    deadline: float | None = None,
    interior_point: bool = False,
    adjust: Callable[[highspy.Highs], object] | None = None,
    stop: threading.Event | None = None,
) -> Piece:
    """The LP on ``cols`` × ``rows`` alone, changed by ``adjust`` (bounds, a basis) first.

    Dual simplex, or interior point with crossover (which still ends in a basis); bounded
    by ``deadline`` and by :func:`~supplyline.planning.interrupt.stop_work` on ``stop``.
    Statuses and values are None unless HiGHS proved the part optimal.
    """
    h = new_highs()
    if interior_point:
        h.setOptionValue("solver", "ipm")
        h.setOptionValue("run_crossover", "on")
    else:
        h.setOptionValue("solver", "simplex")
    if deadline is not None:
        left = deadline - time.perf_counter()
        if left <= 0:
            return Piece(cols, rows, None, None, None, 0)
        h.setOptionValue("time_limit", left)
    pass_lp(h, model, scale=scale, cols=cols, rows=rows)
    if adjust is not None:
        adjust(h)
    run_stoppably(h, stop)
    info = h.getInfo()
    iterations = int(info.simplex_iteration_count) + int(info.ipm_iteration_count)
    basis = h.getBasis()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal or not basis.valid:
        return Piece(cols, rows, None, None, None, iterations)
    values = h.getSolution().col_value
    x = np.fromiter(values, dtype=np.float64, count=len(values))
    return Piece(cols, rows, list(basis.col_status), list(basis.row_status), x, iterations)


StartBasis = tuple[Statuses, Statuses]
"""A basis to start from: column statuses and row statuses."""


def _solve_piece(
    model: LpModel,
    scale: float,
    cols: IntArray,
    rows: IntArray,
    deadline: float | None,
    zero: BoolArray | None,
    stop: threading.Event | None,
    start: StartBasis | None = None,
) -> Piece:
    """One flow's LP alone (with the ``zero`` columns fixed at 0, if given).

    From the basis ``start`` by dual simplex, if given (a like flow's optimal basis; see
    :mod:`supplyline.planning.shapes`); else cold, a large flow by interior point.
    """
    fixed = np.empty(0, dtype=np.int32)
    if zero is not None:
        fixed = np.flatnonzero(zero[cols]).astype(np.int32)

    def adjust(h: highspy.Highs) -> None:
        if len(fixed):
            nothing = np.zeros(len(fixed))
            h.changeColsBounds(len(fixed), fixed, nothing, nothing)
        if start is not None:
            basis = highspy.HighsBasis()
            basis.col_status, basis.row_status = start
            basis.valid = True
            h.setBasis(basis)

    return solve_part(
        model,
        scale,
        cols,
        rows,
        deadline=deadline,
        interior_point=len(rows) >= IPM_PIECE_ROWS and zero is None and start is None,
        adjust=adjust,
        stop=stop,
    )


def flow_parts(part: Partition) -> list[tuple[IntArray, IntArray]]:
    """Each flow's columns and rows, in order."""
    order = np.argsort(part.col_flow, kind="stable")
    col_bounds = np.searchsorted(part.col_flow[order], part.flows, side="left")
    col_ends = np.searchsorted(part.col_flow[order], part.flows, side="right")
    return [
        (order[lo:hi], np.flatnonzero(part.row_flow == flow))  # a stable sort keeps order
        for flow, lo, hi in zip(part.flows, col_bounds, col_ends, strict=True)
    ]


def solve_pieces(
    model: LpModel,
    jobs: list[tuple[IntArray, IntArray]],
    *,
    scale: float,
    threads: int | None = None,
    deadline: float | None = None,
    zero: BoolArray | None = None,
    stop: threading.Event | None = None,
    alike: bool = False,
    done_so_far: Callable[[int, int], None] | None = None,
) -> list[Piece]:
    """Solve each (columns, rows) part of the LP alone, ``threads`` at once.

    HiGHS releases the GIL while it runs; the columns marked in ``zero`` are fixed at 0.
    With ``alike``, parts of the same shape (:func:`~supplyline.planning.shapes.same_shapes`)
    wait for the first of them and start from its optimal basis; the first ones of each
    shape go first, the largest first. ``done_so_far(k, n)`` hears, in the calling
    thread, each time a part is solved.
    """
    workers = max(1, min(len(jobs), usable_threads(threads or os.cpu_count() or 1)))
    shapes = same_shapes(model, jobs) if alike else apart(len(jobs))
    futures: dict[cf.Future[Piece], int] = {}
    pieces: list[Piece | None] = [None] * len(jobs)

    def submit(i: int, start: StartBasis | None = None) -> cf.Future[Piece]:
        cols, rows = jobs[i]
        future = pool.submit(_solve_piece, model, scale, cols, rows, deadline, zero, stop, start)
        futures[future] = i
        return future

    def wait_for_pieces() -> None:  # after Ctrl+C: drop those not started, await the rest
        pool.shutdown(wait=False, cancel_futures=True)
        # a started piece's future ends after its run (stopped within an iteration); a
        # cancelled one never counts as done for cf.wait, as no worker takes it any more
        cf.wait([future for future in futures if not future.cancelled()])

    leaders = sorted((group[0] for group in shapes.groups), key=lambda i: -len(jobs[i][1]))
    with cf.ThreadPoolExecutor(workers) as pool, stopping_on_interrupt(wait_for_pieces):
        with ctrl_c_held_back():  # the pool starts its threads as the jobs come
            running = {submit(i) for i in leaders}
        while running:
            done, running = cf.wait(running, timeout=WATCH_S, return_when=cf.FIRST_COMPLETED)
            for future in done:
                i = futures[future]
                piece = pieces[i] = future.result()
                if done_so_far is not None:
                    done_so_far(sum(p is not None for p in pieces), len(jobs))
                start = None
                if piece.col_status is not None and piece.row_status is not None:
                    start = (piece.col_status, piece.row_status)
                with ctrl_c_held_back():
                    running |= {
                        submit(j, None if start is None else shapes.carry(i, j, *start))
                        for j in shapes.followers(i)
                    }
        solved = [piece for piece in pieces if piece is not None]
        if len(solved) != len(jobs):  # every piece leads or follows a leader
            raise AssertionError(f"{len(jobs) - len(solved)} pieces were never solved")
        return solved


def solve_blocks(
    model: LpModel,
    part: Partition,
    *,
    scale: float,
    threads: int | None = None,
    time_limit_s: float | None = None,
    alike: bool = True,
    done_so_far: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
) -> BlockStart | None:
    """Solve every flow alone and join the bases; None if any piece was not solved.

    ``threads`` pieces run at once (default: the machine's cores); ``time_limit_s``
    bounds the whole of it; with ``alike``, flows of the same shape start from the first
    one's basis. None means: start cold (a piece hit the limit, or HiGHS gave no basis
    for it). :func:`~supplyline.planning.interrupt.stop_work` on ``stop`` stops it (the
    flows solved apart beside another method's solve, for its fallback plan).
    """
    began = time.perf_counter()
    deadline = None if time_limit_s is None else began + time_limit_s
    pieces = solve_pieces(
        model,
        flow_parts(part),
        scale=scale,
        threads=threads,
        deadline=deadline,
        alike=alike,
        done_so_far=done_so_far,
        stop=stop,
    )
    col_status: ObjectArray = np.empty(model.num_cols, dtype=object)
    row_status: ObjectArray = np.full(model.num_rows, highspy.HighsBasisStatus.kBasic, dtype=object)
    flows: list[FlowPlan] = []
    for piece in pieces:
        if piece.col_status is None or piece.row_status is None or piece.x is None:
            log.info("a flow alone was not solved to optimality: starting cold")
            return None
        col_status[piece.cols] = piece.col_status
        row_status[piece.rows] = piece.row_status
        flows.append(FlowPlan(cols=piece.cols, rows=piece.rows, x=piece.x))
    log.debug(
        "block start: %d pieces, %d iterations, %d shared rows, %.2f s",
        len(pieces),
        sum(p.iterations for p in pieces),
        int(np.count_nonzero(part.row_flow == SHARED)),
        time.perf_counter() - began,
    )
    return BlockStart(
        col_status=col_status.tolist(), row_status=row_status.tolist(), flows=tuple(flows)
    )

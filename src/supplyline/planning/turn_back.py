"""No turning back: the rows, added lazily, that keep goods off the road they came by.

A store's ``storage_t`` bounds what waits at a place at the end of a day. Goods kept on
the move instead, out over a two-way road and straight back (or in and straight out
again), are on the road at every day's end and in no store: the road stood in for
storage. A tester's warehouse of ``storage_t`` 15 "kept" 25 t more by driving it to a
camp of ``storage_t`` 0 and back, and the plan claimed no shortfall where a planner by
hand found 25 t.

The rule, for a goods flow ``f``, a place ``v``, a day ``t`` and a neighbour ``u``: what
departs ``v`` for ``u`` on ``t`` (over every arc ``v → u``) is at most what is at ``v``
that day from elsewhere::

    Σ x[f, v→u, t] ≤ s[f, v, t−1] + supply[f, v, t] + Σ_{w ≠ u} x[f, w→v, t − delay(w→v)]

where ``delay`` is the arc's transit plus ``v``'s dwell (the day the goods become usable
at ``v``, as the balance rows count them: docs/planning.md, *Flows*). The right-hand side
is the balance row of ``(f, v, t)``'s inflow less the arrivals from ``u``, so a row is
that balance row's positive entries, less those arrivals, against the departures.

Written for every flow, place, day and neighbour up front, the rows would grow the LP
by about as many rows as it has arc columns; they are added only where a solution breaks
them (:meth:`TurnBacks.violated`), and HiGHS re-solves warm from its basis. Most plans
break none: a turn-back costs a leg each way, so the plan takes one only where it
stands in for storage. Longer cycles (a triangle of two-way roads) are not covered:
docs/planning.md, *Known limits*.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

from supplyline.errors import SolverError
from supplyline.planning.assemble import Problem
from supplyline.planning.model import LpModel
from supplyline.planning.network import FlowKind

__all__ = ["NewRows", "TurnBacks", "turn_backs"]

log = logging.getLogger(__name__)
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

MOVED_T = 1e-7
"""Below this an arc carries nothing, for finding candidates (HiGHS's primal tolerance)."""
MAX_ROUNDS = 100
"""Rounds of rows before a turn-back still found is called a bug: each round adds only rows
the solution breaks by more than HiGHS's tolerance, so the rounds end; the benchmarks and
examples need none, a tester's rolling-storage scenario one."""
BROKEN_T = 1e-6
"""A row is added when the departures exceed what came from elsewhere by more than this:
above HiGHS's primal tolerance (1e-7), so a row it has satisfied is never found again."""


@dataclass(frozen=True, slots=True)
class NewRows:
    """Rows to add, in CSR form (``starts`` per row into ``cols``/``values``), each ≤ 0."""

    starts: npt.NDArray[np.int32]
    cols: npt.NDArray[np.int32]
    values: FloatArray

    @property
    def count(self) -> int:
        """How many rows."""
        return len(self.starts)


class TurnBacks:
    """Finds the turn-backs in a solution of one model and words them as rows.

    Built per model in microseconds (it keeps views of the model's arc columns); the
    matrix's balance rows are read, as CSR, only the first time a turn-back is found.
    """

    def __init__(self, problem: Problem, model: LpModel) -> None:
        arcs = model.cols["arc"]
        net = problem.net
        goods = problem.flows.kind[arcs["f"]] == FlowKind.GOODS
        a = arcs["a"][goods]
        self._model = model
        self._col = arcs.index[goods]
        self._n_v, self._days = len(net.location_ids), problem.days
        f = arcs["f"][goods]
        t = arcs["t"][goods]
        self._leave = self._key(f, net.arc_from[a], net.arc_to[a], t)
        """(flow, place left, place bound for, departure day) of each goods arc column."""
        self._reach = self._key(f, net.arc_to[a], net.arc_from[a], t + net.arc_delay[a])
        """(flow, place reached, place come from, day usable there) of the same columns."""
        self._balance: csr_matrix | None = None
        self.rows = 0
        """Rows found so far (the session adds each), and in how many rounds."""
        self.rounds = 0

    def _key(self, f: IntArray, v: IntArray, u: IntArray, t: IntArray) -> IntArray:
        key = np.multiply(f, self._n_v, dtype=np.int64)
        key += v
        key *= self._n_v
        key += u
        key *= self._days
        key += t
        return key

    def _balance_row(self, key: IntArray) -> IntArray:
        """Model row numbers of the balance rows of (flow, place, day) in turn-back ``key``."""
        block = self._model.rows["balance"]
        t = key % self._days
        fv = key // (self._days * self._n_v)  # flow × places + place
        block_keys = (block["f"] * self._n_v + block["v"]) * self._days + block["t"]
        wanted = fv * self._days + t
        at = np.searchsorted(block_keys, wanted)
        if not bool((block_keys[np.minimum(at, len(block_keys) - 1)] == wanted).all()):
            raise AssertionError("a goods arc column leaves a place with no balance row")
        return block.start + at

    def violated(self, x: FloatArray | None) -> NewRows | None:
        """The rows ``x`` breaks: goods leaving a place for where they came from that day.

        None when there are none (the usual case: two masks and an intersection over the
        arcs that carry something), or no ``x``. A :class:`~supplyline.errors.SolverError`
        past :data:`MAX_ROUNDS` of rows found.
        """
        if x is None:
            return None
        rows = self._broken(x)
        if rows is None:
            return None
        self.rounds += 1
        self.rows += rows.count
        if self.rounds > MAX_ROUNDS:
            raise SolverError(
                f"goods still turn back after {MAX_ROUNDS} rounds of rows against it: "
                "a bug in supplyline, please report it"
            )
        log.info("turn-back round %d: %d rows (%d in all)", self.rounds, rows.count, self.rows)
        return rows

    def _broken(self, x: FloatArray) -> NewRows | None:
        moved = x[self._col] > MOVED_T
        both = np.intersect1d(self._leave[moved], self._reach[moved])
        if len(both) == 0:
            return None
        leave_cols = self._col[np.isin(self._leave, both)]
        leave_keys = self._leave[np.isin(self._leave, both)]
        back_cols = self._col[np.isin(self._reach, both)]
        back_keys = self._reach[np.isin(self._reach, both)]
        if self._balance is None:
            self._balance = self._model.matrix.tocsr()
        rows = self._balance[self._balance_row(both)]
        inflow = rows.multiply(rows > 0).tocsr()  # stock of the day before, supply, arrivals
        starts: list[int] = []
        cols: list[npt.NDArray[np.int64]] = []
        values: list[FloatArray] = []
        size = 0
        for i, key in enumerate(both.tolist()):
            out = leave_cols[leave_keys == key]
            came = set(back_cols[back_keys == key].tolist())
            inn = inflow.indices[inflow.indptr[i] : inflow.indptr[i + 1]].astype(np.int64)
            inn = inn[~np.isin(inn, list(came))]
            if float(x[out].sum() - x[inn].sum()) <= BROKEN_T:
                continue
            starts.append(size)
            cols += [out, inn]
            values += [np.ones(len(out)), -np.ones(len(inn))]
            size += len(out) + len(inn)
        if not starts:
            return None
        return NewRows(
            starts=np.asarray(starts, dtype=np.int32),
            cols=np.concatenate(cols).astype(np.int32),
            values=np.concatenate(values),
        )


def turn_backs(problem: Problem, model: LpModel) -> TurnBacks | None:
    """The turn-back finder of a model, or None where no goods can turn back (no arcs)."""
    if "arc" not in model.cols or "balance" not in model.rows:
        return None
    return TurnBacks(problem, model)

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

A model file (``--mps``) holds every row up front (:meth:`TurnBacks.every_row`), for
the solve only adds them lazily: written without them, a tester's file solved to a plan
that sent food to a camp and back, 170 against the plan's 3,580,830 (35 t short). Its
optimum is the plan's, as the plan meets every row and is optimal with fewer. They add
about a third to a half to the file (the bilateral example 2.6 to 3.2 MB; corridor-I,
97k rows and 567k nonzeros more, 39 to 57 MB, written in 1.9 s against 1.0 s), which is
why the solve does not take them all.
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

__all__ = ["NewRows", "TurnBacks", "rows_note", "turn_backs"]

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
        rows = self._rows(both)
        rows = rows[rows @ x > BROKEN_T]  # departures above what came from elsewhere
        return _new_rows(rows) if rows.shape[0] else None

    def every_key(self) -> IntArray:
        """Every (flow, place, neighbour, day) the rule has a row for, sorted.

        Where goods can both leave the place for the neighbour on the day and come from it,
        usable there that day. About one per goods arc column (bilateral example 4,360
        against 9,855 rows; corridor-I 97,332 against 96,466).
        """
        return np.intersect1d(self._leave, self._reach)

    def key_parts(self, keys: IntArray) -> tuple[IntArray, IntArray, IntArray, IntArray]:
        """The flow, place, neighbour and day of each of ``keys``."""
        rest, t = np.divmod(keys, self._days)
        rest, u = np.divmod(rest, self._n_v)
        f, v = np.divmod(rest, self._n_v)
        return f, v, u, t

    def every_row(self) -> NewRows:
        """Every row of the rule, in :meth:`every_key`'s order: the model a file should hold.

        A model file without them is not the model the plan solved: another solver turns
        goods back where the plan's solve added the rows (a tester's plan, 35 t short,
        objective 3,580,830; its MPS file solved to 170, nothing short).
        """
        return _new_rows(self._rows(self.every_key()))

    def _rows(self, keys: IntArray) -> csr_matrix:
        """The rule's row of each of ``keys`` (sorted, unique): departures − inflow, ≤ 0.

        The inflow is the positive entries of the (flow, place, day) balance row (the
        stock of the day before, the supply, the arrivals) less the arrivals from the
        neighbour itself; no Python loop over the rows.
        """
        n = self._model.num_cols
        if self._balance is None:
            self._balance = self._model.matrix.tocsr()
        balance = self._balance[self._balance_row(keys)]
        inflow = balance.multiply(balance > 0).tocsr()
        inflow.eliminate_zeros()
        row_in = np.repeat(np.arange(len(keys), dtype=np.int64), np.diff(inflow.indptr))
        col_in = inflow.indices.astype(np.int64)
        came = _position(keys, self._reach)  # arrivals from the neighbour of the row
        back = came[came >= 0] * n + self._col[came >= 0]
        kept = ~np.isin(row_in * n + col_in, back)
        went = _position(keys, self._leave)  # departures for the neighbour of the row
        out = went >= 0
        rows = np.concatenate([went[out], row_in[kept]])
        cols = np.concatenate([self._col[out], col_in[kept]])
        values = np.concatenate([np.ones(int(out.sum())), -np.ones(int(kept.sum()))])
        return csr_matrix((values, (rows, cols)), shape=(len(keys), n))


def _position(keys: IntArray, wanted: IntArray) -> IntArray:
    """Where each of ``wanted`` is in the sorted ``keys``, or -1 where it is not."""
    if len(keys) == 0:
        return np.full(len(wanted), -1, dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[at] == wanted, at, -1).astype(np.int64)


def _new_rows(rows: csr_matrix) -> NewRows:
    rows.sort_indices()
    return NewRows(
        starts=rows.indptr[:-1].astype(np.int32),
        cols=rows.indices.astype(np.int32),
        values=rows.data.astype(np.float64),
    )


def turn_backs(problem: Problem, model: LpModel) -> TurnBacks | None:
    """The turn-back finder of a model, or None where no goods can turn back (no arcs)."""
    if "arc" not in model.cols or "balance" not in model.rows:
        return None
    return TurnBacks(problem, model)


def rows_note(count: int) -> str:
    """The comment a model file gives its ``count`` turn-back rows: what they are, and why.

    >>> print(rows_note(12), end="")
    * the last 12 rows (turn_back|…) keep goods off the road they came by, all of them: ...
    """
    return (
        f"* the last {count:,} rows (turn_back|…) keep goods off the road they came by, all "
        "of them: the plan's solve adds those its solutions break, and its optimum is this "
        "model's\n"
    )

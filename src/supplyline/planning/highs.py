"""The module that talks to HiGHS (through highspy), with its helper for warm starts.

A :class:`HighsSession` holds one HiGHS instance with the model loaded, so that the
bottleneck report can change a few capacities and re-solve from the previous basis (a
warm start takes a fraction of the first solve). :mod:`supplyline.planning.block_start`
computes the first solve's starting basis; every run goes through
:func:`supplyline.planning.interrupt.run_stoppably`, so that Ctrl+C stops it.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import highspy
import numpy as np
import numpy.typing as npt

from supplyline.domain import PlanStatus
from supplyline.errors import ArgumentError, OutputError, SolverError
from supplyline.planning.interrupt import run_stoppably
from supplyline.planning.model import LpModel, Violation
from supplyline.planning.model_extras import add_fixed_zero_column, add_rows
from supplyline.planning.model_file import check_mps_complete
from supplyline.planning.model_owner import put_generator_comment
from supplyline.planning.names import ModelNames
from supplyline.planning.params import Method, PlanParams
from supplyline.planning.turn_back import rows_note
from supplyline.staged_file import check_file_name, staged_file, user_path

if TYPE_CHECKING:
    from supplyline.planning.turn_back import TurnBacks

__all__ = [
    "HighsSession",
    "Solution",
    "available_methods",
    "check_method",
    "check_mps_path",
    "highs_version",
    "new_highs",
    "pass_lp",
    "why_unavailable",
]

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

AUTO_IPM_ABOVE_COLS = 10_000_000
"""Above this many columns ``auto`` would use interior point. Measured (docs/planning.md):
corridor-S with the scaled objective, dual simplex 1.3 s CPU, interior point without
crossover 10.3 s; corridor-I, interior point unfinished after 250 s CPU where dual
simplex needs 74 s. So ``auto`` is dual simplex for every size we have measured."""

COST_TARGET = 1.0e7
"""The largest cost HiGHS sees after objective scaling. The penalty ladder puts costs at
1e8-1e9 while HiGHS's dual feasibility tolerance is 1e-7 (HiGHS warns "excessively large
costs"). Measured (dual simplex, same optimum to 2e-11 relative), scale 2^-k:
corridor-S k = 0 / 12 / 18 / 20: 21,497 / 18,301 / 16,767 / 16,296 iterations;
corridor-I k = 0 / 12 / 16 / 18 / 20: >160k unfinished / 155,733 / 125,878 / 116,508 /
115,769 iterations, - / 57.0 / 42.4 / 43.7 / 39.0 s CPU; 1e3 (k = 18) was chosen then,
when the tie-breakers (a leg, a tonne-day held) were not scaled with the ladder and fell
below HiGHS's precision anyway. Since they are (eighth session), the ties are part of
what HiGHS optimises, and less scaling keeps them further above its tolerance: corridor-I
with the block start, wall seconds (three runs each, side by side): COST_TARGET 1e3
12.3-13.5, 1e4 9.4-10.6, 1e5 9.9-10.5, 1e6 10.0-10.6, unscaled 11.0 (one run); corridor-S
the same either way (0.41-0.56 s). The tie-breakers then shrank to 2e-5 (a leg) and 2e-6
(a tonne-day) of the cost scale, small against real link costs (at 1e-3 a leg outweighed
a cheap road's whole cost), and the pieces of the block start slowed with them: corridor-I
at COST_TARGET 1e4 24.8 s, 1e5 18.6 s, 1e6 15.5 s, 1e7 13.1 s, unscaled 13.6 s (one run
each, 21:30-21:40 UTC). Hence 1e7: the ties reach HiGHS at about 8e-4 and 8e-5, far above
its tolerance, while the largest cost stays below the unscaled 1e8-1e9."""

_banner_lock = threading.Lock()
_banner_done = False


def new_highs() -> highspy.Highs:
    """A silent Highs instance (the first one ever made prints a banner on stdout: hide it)."""
    global _banner_done
    with _banner_lock:
        if _banner_done:
            h = highspy.Highs()  # type: ignore[no-untyped-call]
        else:
            sys.stdout.flush()
            saved = os.dup(1)
            try:
                with open(os.devnull, "w") as devnull:
                    os.dup2(devnull.fileno(), 1)
                    h = highspy.Highs()  # type: ignore[no-untyped-call]
            finally:
                os.dup2(saved, 1)
                os.close(saved)
            _banner_done = True
    h.setOptionValue("output_flag", False)
    return h


def pass_lp(
    h: highspy.Highs,
    model: LpModel,
    *,
    scale: float = 1.0,
    cols: IntArray | None = None,
    rows: IntArray | None = None,
) -> None:
    """Load the model (or its part on ``cols`` × ``rows``) into ``h``, costs × ``scale``.

    Through highspy's array overload of ``passModel``: filling a ``HighsLp`` field by field
    converts every value through Python (measured at corridor-S, 45k columns: 20–36 ms
    against 1–3 ms this way).
    """
    matrix = model.matrix
    cost, lower, upper = model.cost, model.col_lower, model.col_upper
    row_lower, row_upper, offset = model.row_lower, model.row_upper, model.offset
    if cols is not None and rows is not None:
        matrix = matrix[:, cols][rows, :].tocsc()
        cost, lower, upper = cost[cols], lower[cols], upper[cols]
        row_lower, row_upper, offset = row_lower[rows], row_upper[rows], 0.0
    num_rows, num_cols = matrix.shape
    status = h.passModel(
        num_cols,
        num_rows,
        matrix.nnz,
        int(highspy.MatrixFormat.kColwise),
        int(highspy.ObjSense.kMinimize),
        offset * scale,
        cost * scale,
        lower,
        upper,
        row_lower,
        row_upper,
        np.asarray(matrix.indptr, dtype=np.int32),  # no copy when scipy chose int32
        np.asarray(matrix.indices, dtype=np.int32),
        matrix.data,
        np.zeros(num_cols, dtype=np.int32),  # every column continuous (HiGHS reads num_cols)
    )
    if status == highspy.HighsStatus.kError:
        raise SolverError("HiGHS refused the model (passModel returned an error)")


def usable_threads(asked: int) -> int:
    """The threads HiGHS is given: those asked, at most one per core of this machine.

    A QA tester's ``--threads 999 --time-limit 2`` on 2 cores solved a 1,298-column plan in
    7-9 s (0.13 s with 2), past its time limit: HiGHS's workers crowd out the thread that
    watches the clock. More threads than cores never made a plan faster here.
    """
    return max(1, min(int(asked), os.cpu_count() or 1))


def highs_version() -> str:
    """The HiGHS version in use, for reports and benchmarks."""
    h = new_highs()
    return f"{h.versionMajor()}.{h.versionMinor()}.{h.versionPatch()}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Solution:
    """What a solve returned. ``x`` is None when there is no solution.

    The duals are not here: only the bottleneck report reads them, through
    :meth:`HighsSession.duals`, so a plan does not pay for copying them out of HiGHS.
    """

    status: PlanStatus
    model_status: str
    objective: float
    x: FloatArray | None
    solve_s: float
    fetch_s: float = 0.0
    """Seconds spent copying ``x`` out of HiGHS (the planner counts it as extraction)."""
    method: str
    violation: Violation = field(default_factory=lambda: Violation())
    """How far ``x`` is off the constraints and bounds (nothing at a simplex vertex)."""
    unvouched: bool = False
    """The method off a vertex (interior point, PDLP) ended in a status HiGHS cannot vouch
    for, mostly 'Unknown': PDLP stops when its errors are small against the largest cost,
    a shortfall penalty (5e5-1.2e6 on a tester's small models), and HiGHS's own check,
    against the costs of the columns in play (0-175 there), then finds the duals off by
    1e-5 to 0.1 and withdraws "optimal". ``x`` is None; the planner solves again by simplex."""


def objective_scale(cost: FloatArray, target: float = COST_TARGET) -> float:
    """The power of two that brings the largest cost down to about ``target``.

    A power of two, so that scaling and unscaling are exact in floating point.

    >>> objective_scale(np.array([1e-4, 2.2e8]))
    0.03125
    >>> objective_scale(np.array([3.0, 40.0]))
    1.0
    """
    largest = float(np.max(np.abs(cost), initial=0.0))
    if largest <= target:
        return 1.0
    return float(2.0 ** -math.ceil(math.log2(largest / target)))


def _method_options(method: Method, num_cols: int) -> tuple[str, dict[str, str]]:
    if method is Method.AUTO:
        method = Method.IPM if num_cols > AUTO_IPM_ABOVE_COLS else Method.SIMPLEX
    options = {
        Method.SIMPLEX: {"solver": "simplex"},
        Method.IPM: {"solver": "ipm", "run_crossover": "on"},
        Method.IPM_NO_CROSSOVER: {"solver": "ipm", "run_crossover": "off"},
        Method.HIPO: {"solver": "hipo", "run_crossover": "on"},
        Method.PDLP: {"solver": "pdlp"},
    }[method]
    return method.value, options


@functools.cache
def available_methods() -> tuple[Method, ...]:
    """The methods the installed HiGHS has, in :class:`Method`'s order (asked once).

    Each method's options are set as a plan sets them; a build without that solver
    rejects them (HiPO is missing from some builds of highspy).

    >>> Method.SIMPLEX in available_methods()
    True
    """
    have = []
    for method in Method:
        h = new_highs()
        _, options = _method_options(method, 0)
        if all(h.setOptionValue(k, v) == highspy.HighsStatus.kOk for k, v in options.items()):
            have.append(method)
    return tuple(have)


_SOLVER_NAMES = {
    Method.SIMPLEX: "simplex",
    Method.IPM: "interior point (IPX)",
    Method.IPM_NO_CROSSOVER: "interior point (IPX)",
    Method.HIPO: "HiPO",
    Method.PDLP: "PDLP",
}
"""What each method's solver is called in HiGHS's documentation (for messages)."""


def why_unavailable(method: Method | str) -> str | None:
    """Why the installed HiGHS cannot solve with ``method``, or None when it can.

    The one check (and its words) of the CLI's ``--method``, of ``plan_scenario`` and of
    ``plan_movements``, each before any work.

    >>> why_unavailable("simplex") is None
    True
    """
    method = Method(method)
    have = available_methods()
    if method in have:
        return None
    return (
        f"this HiGHS build ({highs_version()}) has no {_SOLVER_NAMES.get(method, method.value)} "
        f"solver; the methods it has: {', '.join(m.value for m in have)}"
    )


def check_method(method: Method) -> None:
    """Raise ArgumentError before any work if the installed HiGHS lacks ``method``.

    A parameter's mistake, whichever entry point it came through: ``plan_scenario``
    raised ScenarioError where ``plan_movements`` and ``write_mps`` raised ArgumentError
    with the same words (docs/planning.md says ArgumentError).

    >>> check_method(Method.SIMPLEX)
    """
    if (why := why_unavailable(method)) is not None:
        raise ArgumentError(f"method {method.value!r}: {why}")


_S = highspy.HighsModelStatus
_STOPPED = {_S.kTimeLimit, _S.kIterationLimit, _S.kInterrupt, getattr(_S, "kHighsInterrupt", None)}


def check_mps_path(path: str | os.PathLike[str]) -> None:
    """Raise OutputError unless ``path`` names an MPS file (``.mps``).

    HiGHS picks a model file's format by its suffix, and ``model.lp`` failed only after
    the model was built, as if the disk were full. Callers check first, before any work.

    >>> check_mps_path("out/model.mps")
    """
    check_file_name(path, "an MPS file name", (".mps",), "model.mps")  # a folder first


class HighsSession:
    """One loaded model in HiGHS: solve, change bounds, solve again, write MPS."""

    def __init__(
        self,
        model: LpModel,
        params: PlanParams,
        *,
        names: ModelNames | None = None,
        turn_backs: TurnBacks | None = None,
    ) -> None:
        self.model = model
        self.turn_backs = turn_backs
        """Finds goods turned back on the road they came by, and counts the rows added."""
        self._names = names
        """The names an MPS file gives the model, its ``NAME`` line and its turn-back rows."""
        self.scale = objective_scale(model.cost) if params.scale_objective else 1.0
        """HiGHS solves ``scale × cost``; objective and duals are divided by it on the way out."""
        self._h = new_highs()
        self.method, options = _method_options(params.method, model.num_cols)
        options["presolve"] = "on" if params.presolve else "off"
        for key, value in options.items():
            self._set(key, value)
        if params.time_limit_s is not None:
            self._set("time_limit", float(params.time_limit_s))
        if params.threads is not None:
            self._set("threads", usable_threads(params.threads))
        self._pass(model, names)

    def _set(self, key: str, value: bool | float | str | int) -> None:
        status = self._h.setOptionValue(key, value)
        if status != highspy.HighsStatus.kOk:
            raise SolverError(f"HiGHS rejected option {key}={value!r} (this build lacks it?)")

    def _pass(self, model: LpModel, names: ModelNames | None) -> None:
        pass_lp(self._h, model, scale=self.scale)
        if names is not None:  # only for an MPS export
            for j, name in enumerate(names[0]):
                self._h.passColName(j, name)
            for i, name in enumerate(names[1]):
                self._h.passRowName(i, name)

    def write_mps(self, path: str | Path) -> None:
        """Write the model as (free) MPS, for another solver, under the generator comment.

        Whether a file at ``path`` may be replaced is the caller's to check, before any
        work (:func:`~supplyline.planning.model_owner.check_model_target`). HiGHS writes a
        scratch file beside ``path``, renamed onto it only once whole and tagged
        (:func:`~supplyline.staged_file.staged_file`): written straight onto ``path``, a
        full disk left a cut-off model in place of the user's earlier one. Missing folders
        on the way are made, as ``plan --mps`` makes them. The file holds every row of the
        turn-back rule, which the solve adds only where broken: its optimum is the plan's.
        """
        target = Path(path)
        check_mps_path(target)
        rows = None if self.turn_backs is None else self.turn_backs.every_row()
        lp = self._h.getLp()  # a copy, names included: HiGHS names a model only in passModel
        lp.model_name_ = "" if self._names is None else self._names.model
        h = new_highs()
        h.passModel(lp)  # the session's own model keeps no rows it does not solve with
        if h.getNumRow() > self.model.num_rows:  # written after a solve: its lazy rows go
            h.deleteRows(
                h.getNumRow() - self.model.num_rows,
                np.arange(self.model.num_rows, h.getNumRow(), dtype=np.int32),
            )
        if rows is not None and rows.count:  # the rule's every row: the model the plan solves
            add_rows(h, rows, () if self._names is None else self._names.turn_back_rows)
        if self.model.num_cols == 0:  # HiGHS solves a model of no columns to 0, whatever its offset
            add_fixed_zero_column(h)
        if self.scale != 1.0:  # write the model as built, not as scaled for HiGHS
            h.changeColsCost(
                self.model.num_cols,
                np.arange(self.model.num_cols, dtype=np.int32),
                self.model.cost,
            )
            h.changeObjectiveOffset(self.model.offset)
        with staged_file(target) as scratch:
            if h.writeModel(str(scratch)) == highspy.HighsStatus.kError:
                raise OutputError(  # the user's path, not the scratch file
                    f"cannot write {user_path(target)}: HiGHS failed to write the file "
                    "(is the disk full or the folder read-only?)"
                )
            put_generator_comment(  # so that a re-run knows the file for its own
                scratch, rows_note(rows.count) if rows is not None and rows.count else None
            )
            check_mps_complete(scratch)  # HiGHS says kOk for a file a full disk cut short

    def set_row_upper(self, rows: IntArray, upper: FloatArray) -> None:
        """Change the upper bounds of some rows (capacities)."""
        lower = np.full(len(rows), -highspy.kHighsInf)
        self._h.changeRowsBounds(  # type: ignore[attr-defined]  # missing from the stubs
            len(rows), rows.astype(np.int32), lower, upper
        )

    def set_col_upper(self, cols: IntArray, upper: FloatArray) -> None:
        """Change the upper bounds of some columns (what a source can supply)."""
        self.set_col_bounds(cols, np.zeros(len(cols)), upper)

    def set_col_bounds(self, cols: IntArray, lower: FloatArray, upper: FloatArray) -> None:
        """Change both bounds of some columns (a unit held to arrive by a day: lower = all)."""
        self._h.changeColsBounds(len(cols), cols.astype(np.int32), lower, upper)

    def set_col_cost(self, cols: IntArray, cost: FloatArray) -> None:
        """Change the costs of some columns (given unscaled, as in the model)."""
        self._h.changeColsCost(len(cols), cols.astype(np.int32), cost * self.scale)

    def forget_basis(self) -> None:
        """Start the next solve from scratch (a warm start HiGHS could not finish from)."""
        self._h.clearSolver()

    def use_simplex(self) -> None:
        """Switch to dual simplex, which re-solves from the last basis after a bound change."""
        if self.method != Method.SIMPLEX.value:
            self._set("solver", "simplex")
            self.method = Method.SIMPLEX.value

    def start_from(self, basis: highspy.HighsBasis) -> bool:
        """Start the next solve from ``basis``; False (and a cold start) if HiGHS refuses it.

        A basis of fewer rows than the session now has (taken before turn-back rows were
        added) gets those rows' slacks basic, which keeps it square.
        """
        missing = self._h.getNumRow() - len(basis.row_status)
        if basis.valid and missing > 0:
            padded = highspy.HighsBasis()
            padded.col_status = list(basis.col_status)
            padded.row_status = [*basis.row_status, *[highspy.HighsBasisStatus.kBasic] * missing]
            padded.valid = True
            basis = padded
        if self._h.setBasis(basis) == highspy.HighsStatus.kError:
            log.warning("HiGHS refused the starting basis; solving from scratch")
            return False
        return True

    def basis(self) -> highspy.HighsBasis | None:
        """The basis of the last solve (to start a larger model from), or None if none."""
        basis = self._h.getBasis()
        return basis if basis.valid else None

    def start_from_carried(
        self, basis: highspy.HighsBasis, col_at: IntArray, row_at: IntArray
    ) -> bool:
        """Start the next solve from another model's ``basis``, carried over to this one.

        ``col_at`` and ``row_at`` give, for each column and row here, the other model's
        (-1: new): a new column starts at its lower bound, a new row's slack basic, which
        keeps the basis square. False (and a cold start) if HiGHS refuses it.
        """
        lower, basic = highspy.HighsBasisStatus.kLower, highspy.HighsBasisStatus.kBasic
        old_cols = np.array(basis.col_status, dtype=object)
        old_rows = np.array(basis.row_status, dtype=object)
        cols: npt.NDArray[np.object_] = np.full(len(col_at), lower, dtype=object)
        rows: npt.NDArray[np.object_] = np.full(len(row_at), basic, dtype=object)
        cols[col_at >= 0] = old_cols[col_at[col_at >= 0]]
        rows[row_at >= 0] = old_rows[row_at[row_at >= 0]]
        carried = highspy.HighsBasis()
        carried.col_status = cols.tolist()
        carried.row_status = rows.tolist()
        carried.valid = True
        self.use_simplex()
        return self.start_from(carried)

    def set_time_limit(self, seconds: float) -> None:
        """Limit the next solve to ``seconds`` (what is left of the user's limit).

        HiGHS measures ``time_limit`` against all the time this instance has ever run, not
        the next run's: after 0.45 s of solves, a re-solve limited to 0.3 s stopped after
        8 ms. A tester's bottleneck re-solves all came back stopped, ranks "not measured",
        with 14 s of their budget left. So the limit is the time run so far plus ``seconds``.
        """
        self._set("time_limit", self._h.getRunTime() + max(1e-3, float(seconds)))

    def solve(self, *, measuring: bool = False) -> Solution:
        """Run HiGHS until its optimum turns no goods back; map its outcome to a PlanStatus.

        Where an optimal solution sends goods back on the road they came by the day they
        became usable (:mod:`~supplyline.planning.turn_back`), the rows it breaks are
        added and HiGHS re-solves warm from its basis, until none is broken; the rows
        stay for every later solve of the session (the bottleneck re-solves). The
        solution's ``solve_s`` covers every round, the looking for turn-backs included, and
        the copying out of every round's values but the last (the plan's extraction counts
        that one, as ``fetch_s``): the looking is part of solving, and left out of every
        stage the end-to-end time would read short of the wall.
        """
        sol = self._solve_once(measuring=measuring)
        spent = sol.solve_s
        while self.turn_backs is not None and sol.status is PlanStatus.OPTIMAL:
            looked = time.perf_counter()
            rows = self.turn_backs.violated(sol.x)  # raises past its rounds: a bug
            if rows is None:
                return replace(sol, solve_s=spent + time.perf_counter() - looked)
            add_rows(self._h, rows)  # HiGHS keeps the basis, their slacks basic
            spent += time.perf_counter() - looked + sol.fetch_s
            sol = self._solve_once(measuring=measuring)
            spent += sol.solve_s
        return replace(sol, solve_s=spent)

    def _solve_once(self, *, measuring: bool = False) -> Solution:
        """Run HiGHS; map its outcome to a PlanStatus (no plan is data, a crash an error).

        A simplex solve that ends in a status HiGHS cannot vouch for (mostly 'Unknown') is
        a :class:`~supplyline.errors.SolverError` for the plan itself, but only an
        unmeasured bottleneck when ``measuring``: an analyst's two random networks of 1,500
        planned optimal and then raised from a warm re-solve of the bottleneck report,
        losing the plan.
        """
        if self.model.num_cols == 0:  # nothing to decide: HiGHS calls this "empty"
            empty = np.zeros(0)
            return Solution(
                status=PlanStatus.OPTIMAL,
                model_status="Empty",
                objective=float(self.model.offset),
                x=empty,
                solve_s=0.0,
                method=self.method,
            )
        began = time.perf_counter()
        run_status = run_stoppably(self._h)
        elapsed = time.perf_counter() - began
        ms = self._h.getModelStatus()
        info = self._h.getInfo()
        name = self._h.modelStatusToString(ms)
        s = highspy.HighsModelStatus
        if run_status == highspy.HighsStatus.kError and ms != s.kTimeLimit:
            raise SolverError(f"HiGHS failed: {name}")
        has_primal = int(info.primal_solution_status) == 2
        if ms == s.kOptimal:
            status = PlanStatus.OPTIMAL
        elif ms in _STOPPED:
            status = PlanStatus.FEASIBLE if has_primal else PlanStatus.NO_SOLUTION
        elif ms == s.kInfeasible:  # cannot happen by construction (shortfall is free to take)
            log.warning("HiGHS calls the movement plan infeasible; reporting no solution")
            status = PlanStatus.NO_SOLUTION
        elif self.method == Method.SIMPLEX.value and not measuring:
            raise SolverError(f"HiGHS ended with status {name!r}; the plan cannot be trusted")
        else:  # off a vertex: the planner re-solves by simplex (see Solution.unvouched)
            log.info("HiGHS's %s ended with status %r: no plan to trust", self.method, name)
            status = PlanStatus.NO_SOLUTION
        if status is PlanStatus.NO_SOLUTION:
            return Solution(
                status=status,
                model_status=name,
                objective=float("nan"),
                x=None,
                solve_s=elapsed,
                method=self.method,
                unvouched=ms not in _STOPPED and ms != s.kInfeasible,
            )
        began = time.perf_counter()
        values = self._h.getSolution().col_value  # a list: highspy copies through Python
        x = np.fromiter(values, dtype=np.float64, count=len(values))
        return Solution(
            status=status,
            model_status=name,
            objective=float(info.objective_function_value) / self.scale,
            x=x,
            solve_s=elapsed,
            fetch_s=time.perf_counter() - began,
            method=self.method,
            # rows are tonnes or people, and only costs are scaled: HiGHS's figures hold
            violation=Violation(
                largest=max(0.0, float(info.max_primal_infeasibility)),
                total=max(0.0, float(info.sum_primal_infeasibilities)),
            ),
        )

    def duals(self) -> tuple[FloatArray, FloatArray] | None:
        """Row and column duals of the last solve (unscaled), or None if HiGHS has none."""
        if self.model.num_cols == 0:
            return np.zeros(self.model.num_rows), np.zeros(0)
        if int(self._h.getInfo().dual_solution_status) != 2:
            return None
        sol = self._h.getSolution()
        rows = self.model.num_rows  # the model's rows; the turn-back rows' duals are not read
        return (
            np.asarray(sol.row_dual[:rows], dtype=np.float64) / self.scale,
            np.asarray(sol.col_dual, dtype=np.float64) / self.scale,
        )

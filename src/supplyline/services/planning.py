"""The main job as a use-case: scenario folder → requirements → movement plan → files.

The CLI and the API both call :func:`plan_scenario`; it reports progress through a
callback and writes every output (plan files, optional MPS, optional report made by a
caller-supplied writer) into a scratch folder that is moved into place only when all of
it succeeded (and no Ctrl+C came meanwhile, even one that Python dropped: see
:func:`supplyline.planning.interrupt.raise_if_interrupted`).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from supplyline.domain import Demand, Plan, PlanStatus, Scenario
from supplyline.domain.routes import ReachCheck
from supplyline.errors import (
    Issue,
    OutputError,
    SolverError,
    require,
    require_callable,
)
from supplyline.io.atomic import atomic_output_dir, move_into_place, scratch_file_for, writing
from supplyline.io.destinations import FORCE_ARGUMENT, check_outputs, check_own_file
from supplyline.io.earlier_outputs import Origin, OutputGroup, files_at_odds
from supplyline.io.earlier_reports import ReportOf, earlier_reports, recorded_id, tag_model
from supplyline.io.folder_lock import held_output_folder
from supplyline.io.own_files import MPS_MODEL, REPORT
from supplyline.io.plan_files import PLAN_FILES, REACH_FILE, flows_id, plan_id
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.best_response import Responses
from supplyline.planning.camp_stock import units_beyond_storage
from supplyline.planning.highs import (
    available_methods,
    check_method,
    check_mps_path,
    why_unavailable,
)
from supplyline.planning.interrupt import raise_if_interrupted
from supplyline.routing.reach_table import reach_table
from supplyline.services.plan_limits import Fallback, no_plan_message
from supplyline.services.plan_output import plan_reach, write_plan_into
from supplyline.services.plan_warnings import plan_warnings, threads_note
from supplyline.services.report_pair import (
    HTML_SUFFIXES,
    check_report,
    check_written,
    keywords_taken,
)
from supplyline.services.run_log import log_plan
from supplyline.services.scenarios import OpenScenario, assess_requirements, require_folder

__all__ = [
    "Fallback",
    "PlanRun",
    "ReportWriter",
    "available_methods",
    "check_plan_outputs",
    "plan_scenario",
    "solver_params",
    "why_unavailable",
]

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
ReportWriter = Callable[[Scenario, Demand, Plan, ReachCheck, Path], object]
"""Writes a report of a plan and its reach check to a path (the faces pass
``supplyline.reports``'s writer)."""
_REPORT_TAKES = ("scenario", "demand", "plan", "reach", "path")
_REPORT_WRITER = "supplyline.reports.write_plan_report_with_reach"


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanRun:
    """What a planning run produced: the scenario as opened, its demand, the plan, files.

    ``reach`` is the reach check of the units' trucks against their daily demand, which the
    plan's summary and report show beside the plan. ``fallback`` says how a plan was made
    when the time limit left the solver without one (None: the solver's own plan).
    """

    opened: OpenScenario
    demand: Demand
    plan: Plan
    reach: ReachCheck
    files: tuple[Path, ...]
    fallback: Fallback | None = None
    removed: tuple[Path, ...] = ()
    """Reports and models supplyline wrote in ``out`` of the plan these files replaced, now
    removed (:mod:`supplyline.io.earlier_reports`): a report or model of another plan beside
    these files would be read as theirs."""
    params: PlanParams | None = None
    """The parameters the plan was made with (the scenario's solver section and the
    arguments given, together)."""
    at_odds: tuple[str, ...] = ()
    """Warnings naming the files in ``out`` of another plan or scenario (routes,
    requirements) that this plan no longer matches
    (:func:`~supplyline.io.earlier_outputs.files_at_odds`); they are left in place."""

    @property
    def storage_warnings(self) -> tuple[str, ...]:
        """Places whose units' stock with the store's is over ``storage_t``, days and tonnes said.

        The plan does not count a unit's own stock against its place's ``storage_t``:
        an analyst's camp of ``storage_t`` 0 held 8 t in its unit's hands without a word.
        """
        return units_beyond_storage(self.plan, self.opened.scenario)

    @property
    def reach_rows(self) -> list[dict[str, Any]]:
        """The plan's reach check, one row per unit, as ``reach.csv`` and ``reach`` give it.

        The verdicts ``plan`` prints (``ok``, ``reason``, ``cut_off``) judged on the plan's
        own road legs: a tester's program found them in none of the plan's outputs, and
        ``reach`` alone judges from ``stocks.csv``.
        """
        return reach_table(self.reach)[1]

    @property
    def threads_note(self) -> str | None:
        """A note when the plan asked HiGHS for more threads than the machine has cores."""
        return threads_note(self.params.threads if self.params is not None else None)

    def warnings(self, below: Sequence[str | None] = ()) -> tuple[str, ...]:
        """What a reader of this plan must be warned of (:func:`plan_warnings`).

        ``below``: the plan's notes a face says elsewhere, left out.
        """
        return _run_warnings(self.plan, self.opened.scenario, self.fallback, self.params, below)


def _run_warnings(
    plan: Plan,
    scenario: Scenario,
    fallback: Fallback | None,
    params: PlanParams | None,
    below: Sequence[str | None] = (),
) -> tuple[str, ...]:
    """The plan's warnings with how this run made it: its fallback, its threads."""
    threads = params.threads if params is not None else None
    return plan_warnings(plan, scenario, fallback=fallback, threads=threads, below=below)


def _fallback(made: Sequence[Responses]) -> Fallback | None:
    """How the plan was made when the time limit left the solver without one (None: it was not)."""
    return Fallback(flows=made[0].flows, responded=made[0].responded) if made else None


def _first_given(*values: Any) -> Any:
    """The first value that is not None (0 is given: a tester's time_limit_s=0 was ignored)."""
    return next((v for v in values if v is not None), None)


def solver_params(
    scenario: Scenario,
    params: PlanParams | None = None,
    *,
    time_limit_s: float | None = None,
    threads: int | None = None,
    fair_share: bool | None = None,
) -> PlanParams:
    """The parameters in force: explicit arguments over the scenario's solver options.

    Each of time limit, threads and fair shares is the first given of the argument,
    ``params`` and the scenario's ``solver`` (fair shares off if none says).

    >>> import datetime as dt
    >>> from supplyline.domain import Scenario, SolverOptions
    >>> s = Scenario(name="x", start_date=dt.date(2025, 1, 1), horizon_days=3,
    ...              solver=SolverOptions(time_limit_s=60))
    >>> solver_params(s).time_limit_s, solver_params(s, time_limit_s=5).time_limit_s
    (60.0, 5.0)
    """
    base = params or PlanParams()
    return replace(
        base,
        time_limit_s=_first_given(time_limit_s, base.time_limit_s, scenario.solver.time_limit_s),
        threads=_first_given(threads, base.threads, scenario.solver.threads),
        fair_share=bool(_first_given(fair_share, base.fair_share, scenario.solver.fair_share)),
    )


def check_plan_outputs(
    folder: str | Path,
    out: str | Path | None,
    *,
    mps: str | Path | None = None,
    report: str | Path | None = None,
    force: bool = False,
    force_with: str = FORCE_ARGUMENT,
) -> None:
    """Raise OutputError unless the plan's files can go where asked, before any work.

    Refused: ``out`` a file or not writable, the scenario folder itself, a report or
    MPS path on one of the plan files, on a scenario file or on each other; and, unless
    ``force``, a file in ``out`` of a plan file's name that supplyline did not write
    (``force_with`` says how the caller's user asks to replace it).
    """
    files = ("the plan files", out, (*PLAN_FILES, REACH_FILE)) if out is not None else None
    check_outputs(
        folder,
        files,
        {"the MPS file": mps, "the report": report},
        force=force,
        force_with=force_with,
    )


def _check_plan_args(
    folder: object,
    out: object,
    *,
    params: object,
    mps: object,
    callbacks: tuple[object, object],
) -> None:
    """Raise ArgumentError for an argument of :func:`plan_scenario` of the wrong kind.

    Before any work: ``params={"time_limit_s": 5}`` (or a Scenario) failed with an
    AttributeError ('method'), ``out=b"out"`` and ``mps=5`` inside pathlib, ``mps="x.lp"``
    (an OutputError, as the CLI's ``--mps``) after the model was built, and
    ``progress=5`` / ``on_warnings=5`` as bare TypeErrors once the scenario was read.
    """
    require_folder(folder)  # None failed in the output checks with a bare TypeError
    if out is not None:  # None: no plan files
        require_folder(out, "the output folder")
    if params is not None:
        require(params, PlanParams, "params")
    if mps is not None:
        require(mps, (str, os.PathLike), "the MPS file")
        if isinstance(mps, str | os.PathLike):  # as required: narrowed for mypy
            check_mps_path(mps)  # "x.lp" failed after the model was built, blaming the disk
    for callback, name in zip(callbacks, ("progress", "on_warnings"), strict=True):
        require_callable(callback, name)


def _solved(
    scenario: Scenario,
    demand: Demand,
    run_params: PlanParams,
    *,
    say: Progress,
    mps: tuple[Path, Path] | None,
    on_fallback: Callable[[Responses], None],
    limits: tuple[float | None, float | None],
) -> Plan:
    """The plan, or the error to say instead (SolverError, OutputError).

    ``mps`` is (where the user asked for it, where HiGHS writes it first). Whenever the
    model was written but no plan can be trusted, the file is moved where asked: another
    solver may find the plan HiGHS had no time for, or do what HiGHS did not (an auditor's
    ipm-nocrossover run ended 'Unknown' and the file was gone). ``limits`` are the time
    limits given as an argument and in ``params``, for the no-plan message.
    """
    asked, first = mps if mps is not None else (None, None)
    try:
        plan = plan_movements(
            scenario, demand, run_params, progress=say, mps_path=first, on_fallback=on_fallback
        )
    except OutputError:  # HiGHS could not write the MPS file (into its scratch path)
        if asked is None:
            raise
        raise OutputError(
            f"cannot write {asked}: HiGHS failed to write the file "
            "(is the disk full or the folder read-only?)"
        ) from None
    except SolverError as error:
        if asked is not None and first is not None and first.exists():
            _keep_model(first, asked)
            if beside := _beside_an_earlier_plan(asked):
                raise SolverError(f"{error}{beside}") from error
        raise
    if plan.status is PlanStatus.NO_SOLUTION:
        if asked is not None and first is not None:
            _keep_model(first, asked)
        raise SolverError(
            no_plan_message(run_params, scenario, given_s=limits[0], params_s=limits[1], mps=asked)
            + ("" if asked is None else _beside_an_earlier_plan(asked))
        )
    return plan


def _keep_model(model: Path, asked: Path) -> None:
    """Put the model HiGHS wrote where asked, when no plan came of it: for another solver.

    Under supplyline's generator line alone (no plan to tie it to): the re-run with more
    time replaces it without ``--force`` (a file supplyline did not write, it would not).
    ``model`` itself is left for the caller to remove, as on success.
    """
    tagged = scratch_file_for(asked)
    try:
        tag_model(model, tagged, ReportOf.PLAN, None)
        move_into_place(tagged, asked)
    finally:
        tagged.unlink(missing_ok=True)


def _beside_an_earlier_plan(model: Path) -> str:
    """A warning if the model, written with no plan, sits beside an earlier plan's files.

    A tester's ``--out mix/o --mps mix/o/plan.mps --time-limit 0.001`` left the new model
    beside the 30-day plan of an earlier run; the earlier plan stays (a failed run deletes
    nothing), but a reader must not take the model for its own.
    """
    if recorded_id(model.parent, ReportOf.PLAN) is None:
        return ""
    return (
        f". Warning: {model.parent} holds the files of an earlier plan, which the model "
        f"{model.name} does not belong to (they were left as they were)"
    )


@contextlib.contextmanager
def _files_alone(extras: Sequence[tuple[Path, Path]]) -> Iterator[None]:
    """No plan folder: on success, move the finished report and MPS file into place.

    ``extras`` is read when the block ends, as :func:`atomic_output_dir` reads its ``also``.
    Each file is moved on its own (there is no folder to swap them in with).
    """
    yield None
    for scratch, final in extras:
        move_into_place(scratch, final)


def plan_scenario(
    folder: str | Path,
    out: str | Path | None,
    *,
    params: PlanParams | None = None,
    time_limit_s: float | None = None,
    threads: int | None = None,
    fair_share: bool | None = None,
    mps: str | Path | None = None,
    report: tuple[str | Path, ReportWriter] | None = None,
    progress: Progress | None = None,
    on_warnings: Callable[[Sequence[Issue]], object] | None = None,
    force: bool = False,
    force_with: str = FORCE_ARGUMENT,
) -> PlanRun:
    """Plan a scenario folder and write the plan files into ``out`` (all, or nothing).

    ``out=None`` writes no plan files (a planner who only wants to read the plan, or its
    report): the report and the MPS file, if asked for, are still written.

    ``on_warnings`` gets the scenario's warnings as soon as it is read, before the long
    part: a planner learns that the input looks wrong without waiting for the solve.

    ``mps`` also writes the model as an MPS file there; ``report`` is a (path, writer)
    pair for a report of the plan, the writer such as
    ``supplyline.reports.write_plan_report_with_reach``. Either replaces a file already
    at its path only if supplyline wrote it (a report, a model; or it is empty), as
    ``plan --report`` and ``--mps`` do, unless ``force``: any other file is the user's
    and is an OutputError, before any work (and so is a file of the plan files' names in
    ``out``, checked again as they move); ``force_with`` says how the caller's user asks
    to replace one, in its message (the CLI's "give --force"). A plan that falls short is a
    result, not an error;
    bad input raises ScenarioError, a method the installed HiGHS lacks ArgumentError
    (before any work), a solver failure or no plan at all (the time limit came first)
    SolverError, outputs that cannot go where asked OutputError (before any work, or when
    writing failed: a full disk), and in every such case no file is written or changed.
    A report or model supplyline wrote in ``out`` of the plan these files replace is
    removed with their move (``PlanRun.removed``; :mod:`supplyline.io.earlier_reports`).
    A model written though no plan was made, beside an earlier plan's files, gets a
    warning in the SolverError's words.
    """
    _check_plan_args(folder, out, params=params, mps=mps, callbacks=(progress, on_warnings))
    check_method((params or PlanParams()).method)  # a parameter's mistake, as plan_movements
    if report is not None:
        check_report(report, takes=_REPORT_TAKES, suggest=_REPORT_WRITER, suffixes=HTML_SUFFIXES)
    require(force, bool, "force")
    require(force_with, str, "force_with")
    check_plan_outputs(
        folder,
        out,
        mps=mps,
        report=report[0] if report is not None else None,
        force=force,
        force_with=force_with,
    )
    for path, kind in ((report[0] if report else None, REPORT), (mps, MPS_MODEL)):
        if path is not None:
            # a file of the user's, as the CLI's
            check_own_file(path, kind, force=force, force_with=force_with)
    with held_output_folder(out):  # from here: another run into out is refused at once
        say = progress or (lambda _: None)
        extras: list[tuple[Path, Path]] = []
        # HiGHS writes the model before the solve (mps_raw); once solved, it goes under the
        # plan's identity (mps_tmp) so that a later plan in its folder knows it for this one's
        mps_raw = scratch_file_for(Path(mps)) if mps is not None else None
        mps_tmp = scratch_file_for(Path(mps)) if mps is not None else None
        report_tmp = scratch_file_for(Path(report[0])) if report is not None else None
        assessed = assess_requirements(folder, progress=say)
        if on_warnings is not None and assessed.opened.warnings:
            on_warnings(assessed.opened.warnings)
        scenario = assessed.opened.scenario
        run_params = solver_params(
            scenario, params, time_limit_s=time_limit_s, threads=threads, fair_share=fair_share
        )
        made: list[Responses] = []
        stale: list[Path] = []
        try:
            into = (
                atomic_output_dir(
                    out, also=extras, remove=stale, force=force, force_with=force_with
                )
                if out is not None
                else None
            )
            with into if into is not None else _files_alone(extras) as scratch:
                plan = _solved(
                    scenario,
                    assessed.given,  # as computed: the planner moves it to the arrivals itself
                    run_params,
                    say=say,
                    mps=(Path(mps), mps_raw) if mps is not None and mps_raw is not None else None,
                    on_fallback=made.append,
                    limits=(time_limit_s, params.time_limit_s if params else None),
                )
                # the plan's digest, once: the model, plan.json, the report and the earlier
                # files' match all carry it (each had computed it again, 0.5 s apiece on a
                # 14,000-movement plan)
                identity = plan_id(plan)
                if mps is not None and mps_raw is not None and mps_tmp is not None:
                    tag_model(mps_raw, mps_tmp, ReportOf.PLAN, identity)
                    extras.append((mps_tmp, Path(mps)))
                log_plan(plan, threads=run_params.threads)
                # judged from where the plan's road legs start, as its routes would load
                say(f"checking the reach of {len(assessed.demand.unit_ids):,} unit(s)")
                reach = plan_reach(scenario, plan, assessed.demand)  # as write_plan's
                written: list[Path] = []
                # the plan's own notes are in plan.json's and the report's summary: not twice
                warned = _run_warnings(
                    plan, scenario, _fallback(made), run_params, below=plan.stats.notes
                )
                if out is not None and scratch is not None:
                    say("writing the plan files")
                    with writing(f"the plan files into {out}"):
                        written = [
                            Path(out) / p.name
                            for p in write_plan_into(
                                scratch,
                                scenario,
                                plan,
                                reach,
                                warnings=warned,
                                fingerprint=assessed.opened.scenario_id,
                                basis_fingerprint=assessed.opened.plan_basis_id,
                                plan_identity=identity,
                            )
                        ]
                if report is not None and report_tmp is not None:
                    say("writing the report")
                    extras.append((report_tmp, Path(report[0])))
                    with writing(f"the report {report[0]}"):
                        report[1](
                            scenario, assessed.demand, plan, reach, report_tmp,
                            **keywords_taken(
                                report[1],
                                warnings=assessed.opened.warnings,
                                warned=warned,
                                progress=say,  # its stages: the figures take seconds
                                plan_identity=identity,
                            ),
                        )  # fmt: skip
                    check_written(report[1], report_tmp)
                if out is not None:
                    stale += earlier_reports(
                        out,
                        ReportOf.PLAN,
                        new_id=identity,
                        keep=[p for p in (report[0] if report else None, mps) if p is not None],
                    )
                raise_if_interrupted()  # a Ctrl+C Python dropped: stop before anything is moved
            written += [final for _, final in extras]  # moved with the plan files, all together
            log.info("wrote %s", ", ".join(str(p) for p in written))
            made_from = Origin(
                scenario=plan.scenario,
                scenario_id=assessed.opened.scenario_id,
                plan_id=identity,
                flows_id=flows_id(plan),
            )
            at_odds = files_at_odds(out, OutputGroup.PLAN, made_from) if out is not None else ()
        finally:
            for leftover in (mps_raw, mps_tmp, report_tmp):
                if leftover is not None:
                    leftover.unlink(missing_ok=True)
        return PlanRun(
            opened=assessed.opened,
            demand=assessed.demand,
            plan=plan,
            reach=reach,
            files=tuple(written),
            fallback=_fallback(made),
            removed=tuple(p for p in stale if not p.exists()),
            params=run_params,
            at_odds=at_odds,
        )

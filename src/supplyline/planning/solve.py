"""Plan the movements of a scenario: build, solve, extract, explain.

This is the planning package's front door; :func:`plan_movements` is what the services
layer calls, :func:`build` and :func:`write_mps` serve the benchmarks and ``--mps``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

from supplyline.domain import (
    Bottleneck,
    Demand,
    Plan,
    PlanStatus,
    Scenario,
    Shortfall,
    SolveStats,
    TargetGap,
)
from supplyline.domain.frozen_map import FrozenMap
from supplyline.errors import require, require_callable
from supplyline.planning.assemble import Problem, build_model, prepare
from supplyline.planning.best_response import Responses
from supplyline.planning.block_start import BlockStart, solve_blocks
from supplyline.planning.bottlenecks import explain_budget, find_bottlenecks
from supplyline.planning.closure_relief import ClosureRelief
from supplyline.planning.extract import Records, extract, outcome_of
from supplyline.planning.hedge import FallbackBeside, fallback_plan, worth_making_beside
from supplyline.planning.highs import HighsSession, Solution, check_method, check_mps_path
from supplyline.planning.limit_clock import within_limit
from supplyline.planning.limit_left import (
    BOTTLENECK_MEASURING,
    CUT_SHORT_CAUSE,
    SHORTFALL_CAUSES,
    LimitLeft,
    uncaused,
)
from supplyline.planning.model import LpModel, Violation
from supplyline.planning.model_owner import check_model_target
from supplyline.planning.names import model_names
from supplyline.planning.objective_split import objective_parts
from supplyline.planning.params import Method, PlanParams
from supplyline.planning.partition import Partition, partition
from supplyline.planning.presence import presence_of
from supplyline.planning.shortfall_words import plan_decimals
from supplyline.planning.turn_back import turn_backs
from supplyline.planning.unclosed import with_reasons
from supplyline.planning.unreachable import explain_unreachable

__all__ = ["Progress", "build", "plan_movements", "write_mps"]

Progress = Callable[[str], None]
PROGRESS_EVERY_S = 5.0
"""How often a long stage says how far it is (a tester's flows apart ran 73-156 s with no
word of how many were left)."""
"""Called with a short description of each stage as it starts."""


def _quiet(_: str) -> None:
    return None


def build(
    scenario: Scenario, demand: Demand, params: PlanParams | None = None
) -> tuple[Problem, LpModel]:
    """Prepare the problem and build its LP (no solve)."""
    problem = prepare(scenario, demand, params or PlanParams())
    return problem, build_model(problem)


def write_mps(
    scenario: Scenario,
    demand: Demand,
    path: str | Path,
    params: PlanParams | None = None,
    *,
    force: bool = False,
) -> LpModel:
    """Write the scenario's LP as an MPS file with readable names; return the model.

    The model returned (:class:`~supplyline.planning.model.LpModel`) is the one written:
    its arrays (``cost``, bounds, the sparse ``matrix``) and its blocks of columns and
    rows by name, for a script that wants to inspect or solve it elsewhere; its ``repr``
    gives its size. Raises :class:`~supplyline.errors.OutputError` if HiGHS cannot write
    the file (a name not ending in ``.mps``: before any work), and
    :class:`~supplyline.errors.ArgumentError` for a method the installed HiGHS lacks.
    The file begins with the comment line ``* generator: supplyline VERSION``; a file
    already at ``path`` is replaced only if it begins so (or is empty), else an
    ``OutputError`` before any work, as ``plan --mps`` does, unless ``force=True``
    (:func:`~supplyline.planning.model_owner.check_model_target`).

    >>> import tempfile, pathlib
    >>> from supplyline.planning.examples import one_link
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     model = write_mps(*one_link(), pathlib.Path(tmp) / "one-link.mps")
    >>> model.num_cols > 0, repr(model).startswith("LpModel(")
    (True, True)
    """
    if params is not None:
        require(params, PlanParams, "params")
    check_mps_path(path)
    check_model_target(path, force=force)  # a file of the user's: before any work
    check_method((params or PlanParams()).method)
    problem, model = build(scenario, demand, params)
    HighsSession(
        model,
        problem.params,
        names=model_names(problem, model),
        turn_backs=turn_backs(problem, model),
    ).write_mps(path)
    return model


FALLBACK_SHARE = 0.10
"""Of a time limit, the part kept back for a fallback plan (see
:mod:`supplyline.planning.fallback` and :mod:`supplyline.planning.best_response`) in
case the solve runs out of time: the flows' best responses use what the mix leaves."""


APART_BESIDE_FROM = 0.5
"""Of a time limit, the part after which an interior point or PDLP solve still running
gets its fallback made beside it (the flows solved apart to vertices, mixed, improved;
:func:`_apart_beside`). Started at once, the fallback shared the machine with every
such solve: corridor-S by interior point with a 600 s limit, median of 5 runs in one
process, 1.05 s started at once, 0.67 s from half the limit, 0.77 s with no limit (load
5-7 on 2 cores, 2026-11-29). The flows apart take about a tenth of a second there,
against 0.4-0.8 s for interior point and 3-5 s for PDLP. A limit so short that half of
it is too little for the flows apart and the mix leaves no plan (corridor-S by PDLP at
0.3 s: once of two runs)."""


def _block_start(
    session: HighsSession, problem: Problem, model: LpModel, say: Progress
) -> tuple[float, BlockStart | None, Partition | None]:
    """Give the session a starting basis from the flows solved apart.

    Returns the seconds it took, the start (None when there is none) and the flows'
    partition it used (for the fallback). For the simplex; for another method (interior
    point and PDLP do not start from a basis) only when a time limit is given and the
    plan has one thread: then the flows apart are for the fallback alone, solved before
    the solve as for the simplex (with more threads, beside it: :func:`_apart_beside`).
    Only with two flows or more (one flow alone is the whole model).
    """
    params = problem.params
    simplex = session.method == Method.SIMPLEX.value
    for_fallback = params.time_limit_s is not None and params.threads == 1
    if not params.block_start or not (simplex or for_fallback):
        return 0.0, None, None
    part = partition(model)
    if len(part.flows) < 2:
        return 0.0, None, None
    stage = (
        f"solving {len(part.flows)} flows apart for a starting basis"
        if simplex
        else f"solving {len(part.flows)} flows apart, each to a vertex, for a fallback plan"
    )
    say(stage)
    began = time.perf_counter()
    said = [began]

    def done_so_far(k: int, n: int) -> None:  # a line every few seconds, not every flow
        now = time.perf_counter()
        if k < n and now - said[0] >= PROGRESS_EVERY_S:
            said[0] = now
            say(f"{stage}: {k} of {n} solved")

    start = solve_blocks(
        model,
        part,
        scale=session.scale,
        threads=params.threads,
        time_limit_s=params.time_limit_s,
        alike=params.alike_start,
        done_so_far=done_so_far,
    )
    if start is not None and simplex:
        session.start_from(start.basis())
    spent = time.perf_counter() - began
    if params.time_limit_s is not None:  # the user's limit covers the start too
        reserve = FALLBACK_SHARE * params.time_limit_s if start is not None else 0.0
        session.set_time_limit(params.time_limit_s - spent - reserve)
    return spent, start, part


def _apart_beside(
    session: HighsSession, problem: Problem, model: LpModel, began: float
) -> FallbackBeside | None:
    """For interior point or PDLP with a time limit: the fallback made beside the solve.

    From :data:`APART_BESIDE_FROM` of the limit after ``began`` (or when the solve ends
    without a plan, if sooner), it solves the flows apart (each to a vertex), mixes their optima
    and improves the mix until the limit, on one core while the solve has the other; it
    is dropped as soon as the solve ends with a plan (as :mod:`supplyline.planning.hedge`
    does for the simplex). None for the simplex (its flows apart came before the solve),
    without a limit, with one thread (then they came before the solve too:
    :func:`_block_start`), or with one flow.
    """
    params = problem.params
    limit = params.time_limit_s
    if (
        not params.block_start
        or limit is None
        or session.method == Method.SIMPLEX.value
        or params.threads == 1
    ):
        return None
    part = partition(model)
    if len(part.flows) < 2:
        return None
    return FallbackBeside(
        model,
        part,
        None,
        presence=presence_of(problem, model),
        scale=session.scale,
        threads=1,
        deadline=began + limit,
        not_before=began + APART_BESIDE_FROM * limit,
    )


def _solve_or_drop(session: HighsSession, beside: FallbackBeside | None) -> Solution:
    """The session's solve; should it fail (Ctrl+C, or HiGHS), the plan beside is dropped."""
    try:
        return session.solve()
    except BaseException:  # the plan beside is not wanted once the solve is gone
        if beside is not None:
            beside.drop()
        raise


def _simplex_again(
    sol: Solution,
    session: HighsSession,
    start: BlockStart | None,
    say: Progress,
    time_limit: tuple[float | None, float | None],
    beside: FallbackBeside | None,
) -> tuple[Solution, str]:
    """The solve's outcome, or, if HiGHS could not vouch for it, a dual simplex re-solve.

    Interior point without crossover and PDLP can end in a status HiGHS withdraws
    "optimal" from (:attr:`Solution.unvouched`): a reviewer's 66-column scenarios ended so
    every time with PDLP (exit 6, no plan), as did 12 of 300 random small networks (1 of
    300 with ``ipm-nocrossover``), where simplex solves each in milliseconds. The re-solve
    has the time left of the user's limit (less the fallback's share when the flows
    apart were solved for it, whose basis it starts from); if that runs out, the
    fallback follows as for any stopped solve (``beside``, if made, is dropped should
    this solve fail). ``time_limit`` is the deadline and the user's limit. The second
    item is the method asked for when the plan was solved again, else empty.
    """
    if not sol.unvouched:
        return sol, ""
    deadline, limit = time_limit
    asked = sol.method
    left = "" if deadline is None else " with the time left"
    say(
        f"{asked} ended with the solver's status {sol.model_status!r}, no plan it can vouch "
        f"for: solving again by dual simplex{left}"
    )
    session.use_simplex()
    if start is not None:
        session.start_from(start.basis())
    if deadline is not None:
        reserve = FALLBACK_SHARE * limit if start is not None and limit is not None else 0.0
        session.set_time_limit(deadline - time.perf_counter() - reserve)
    again = _solve_or_drop(session, beside)
    return replace(again, solve_s=sol.solve_s + again.solve_s), asked


def _fallback(
    sol: Solution,
    session: HighsSession,
    problem: Problem,
    model: LpModel,
    start: BlockStart | None,
    part: Partition | None,
    say: Progress,
    deadline: float | None,
    beside: FallbackBeside | None,
) -> tuple[Solution, Responses | None]:
    """The solve's outcome, or a feasible plan from the flows' own plans if it has no plan.

    The flows' own optima are mixed within the capacities, then each flow in turn takes
    its best plan given what the others use, until ``deadline`` (the user's limit); made
    ``beside`` the solve already, if it was started there. The second item says how the
    fallback plan was made (None when there is none).
    """
    if sol.x is not None or (beside is None and (start is None or part is None)):
        if beside is not None:
            beside.drop()
        return sol, None
    began = time.perf_counter()
    if beside is not None:
        say("no optimal plan within the time limit: waiting for the plan made beside the solve")
        made = beside.result()
    elif start is not None and part is not None:
        say("no optimal plan within the time limit: mixing the flows' own plans, then improving")
        made = fallback_plan(
            model,
            part,
            start,
            presence=presence_of(problem, model),
            scale=session.scale,
            threads=problem.params.threads,
            deadline=deadline,
        )
    spent = time.perf_counter() - began
    if made is None:
        say("the fallback plan was not finished within the time limit either")
        return replace(sol, solve_s=sol.solve_s + spent), None
    improved = f", {made.responded} of {made.flows} flows' best responses" if made.responded else ""
    mixed = replace(
        sol,
        status=PlanStatus.FEASIBLE,
        model_status=f"{sol.model_status}; flows' own plans mixed{improved}",
        objective=float(model.cost @ made.x + model.offset),
        x=made.x,
        solve_s=sol.solve_s + spent,
        violation=Violation.of(model, made.x),
    )
    return mixed, made


def _causes(
    problem: Problem,
    records: Records,
    say: Progress,
    left: LimitLeft,
    cut: list[str],
    proven: bool,
    bottlenecks: tuple[Bottleneck, ...],
    places: int,
    relief: tuple[ClosureRelief, ...],
) -> tuple[tuple[Shortfall, ...], tuple[TargetGap, ...]]:
    """The shortfalls and target gaps with their causes, as far as the time limit allows.

    Those the limit left (all, when it was used up before) say so
    (:data:`~supplyline.planning.limit_left.CUT_SHORT_CAUSE`), and
    :data:`SHORTFALL_CAUSES` joins ``cut``.
    """
    missed = records.shortfalls or records.target_gaps
    if missed and left.spent():
        say("skipping the shortfalls' causes: the time limit is used up")
        cut.append(SHORTFALL_CAUSES)
        return uncaused(records.shortfalls), uncaused(records.target_gaps)
    if missed:
        say("explaining shortfalls on days nothing can arrive")
    shortfalls, target_gaps = explain_unreachable(
        problem,
        records.shortfalls,
        records.target_gaps,
        proven=proven,
        bottlenecks=bottlenecks,
        short_decimals=places,
        closures=relief,
        stop=None if left.deadline is None else left.spent,
    )
    reached = [s.cause for s in shortfalls] + [g.cause for g in target_gaps]
    if CUT_SHORT_CAUSE in reached:
        cut.append(SHORTFALL_CAUSES)
    return shortfalls, target_gaps


def plan_movements(
    scenario: Scenario,
    demand: Demand,
    params: PlanParams | None = None,
    *,
    progress: Progress | None = None,
    mps_path: str | Path | None = None,
    on_fallback: Callable[[Responses], None] | None = None,
    force: bool = False,
) -> Plan:
    """The optimal movement plan of a scenario for the given demand.

    ``demand`` is the requirements as computed, not yet moved to the units' arrivals
    (:func:`~supplyline.planning.arrival.demand_on_arrival`): the plan moves it itself, and
    so does each outage's re-plan, to the sooner arrival without the outage. A demand moved
    already keeps the later start there (a tester's unit fed from C+9, not C+7).

    Never raises for a plan that falls short: shortfalls and bottlenecks are in the
    result. Raises :class:`~supplyline.errors.SolverError` if HiGHS itself fails,
    :class:`~supplyline.errors.OutputError` if it cannot write ``mps_path``, and
    :class:`~supplyline.errors.ArgumentError` before any work for a method the installed
    HiGHS lacks (``hipo`` in some builds), in the CLI's words.
    ``mps_path`` replaces a file already there only if supplyline wrote it, as
    :func:`write_mps` (an ``OutputError`` before any work), unless ``force=True``.
    ``on_fallback`` is called when the time limit left the solver without a plan and the
    plan is the fallback: with how many flows took their best response after the mix.

    >>> from supplyline.planning.examples import one_link
    >>> scenario, demand = one_link(capacity_t_per_day=5.0)
    >>> plan = plan_movements(scenario, demand)
    >>> plan.status.value, round(plan.total_short_t, 3)
    ('optimal', 20.0)
    """
    require(scenario, Scenario, "the scenario")
    require(demand, Demand, "the demand")
    require_callable(progress, "progress")
    require_callable(on_fallback, "on_fallback")
    if params is not None:
        require(params, PlanParams, "params")
    if mps_path is not None:
        check_mps_path(mps_path)  # before any work
        check_model_target(mps_path, force=force)
    params = params or PlanParams()
    check_method(params.method)
    say = progress or _quiet
    began = time.perf_counter()
    say("indexing the network")
    problem = prepare(scenario, demand, params)
    say("building the model")
    model = build_model(problem)
    names = model_names(problem, model) if mps_path is not None else None
    session = HighsSession(  # the hand-over ends the build
        model, params, names=names, turn_backs=turn_backs(problem, model)
    )
    build_s = time.perf_counter() - began
    if mps_path is not None:
        say("writing the model as MPS")
        session.write_mps(mps_path)
    solve_began = time.perf_counter()
    limit = params.time_limit_s
    plain_say = say  # the stages within the limit carry its clock, for a face to show
    if limit is not None:
        say = within_limit(plain_say, began=solve_began, limit_s=limit)
    start_s, start, part = _block_start(session, problem, model, say)
    deadline = None if limit is None else solve_began + limit
    aside = ""
    beside: FallbackBeside | None
    if (
        start is not None
        and part is not None
        and deadline is not None
        and worth_making_beside(start_s, deadline - time.perf_counter(), params.threads)
    ):
        beside = FallbackBeside(  # on one core: the solve keeps its own
            model,
            part,
            start,
            presence=presence_of(problem, model),
            scale=session.scale,
            threads=1,
            deadline=deadline,
        )
        aside = "; little time left, so a fallback plan is made beside it"
    elif (beside := _apart_beside(session, problem, model, solve_began)) is not None:
        aside = (
            "; a fallback plan is made beside it from half the time limit on, "
            "from the flows solved apart"
        )
    say(f"solving ({model.num_cols:,} columns, {model.num_rows:,} rows){aside}")
    sol = _solve_or_drop(session, beside)
    sol, resolved_from = _simplex_again(sol, session, start, say, (deadline, limit), beside)
    sol, made = _fallback(sol, session, problem, model, start, part, say, deadline, beside)
    say = plain_say  # the explaining gets what is left of the limit, and says so itself
    left = LimitLeft(deadline)
    if made is not None and on_fallback is not None:
        on_fallback(made)
    stats = SolveStats(
        columns=model.num_cols,
        rows=model.num_rows,
        nonzeros=model.num_nonzeros,
        build_s=build_s,
        solve_s=start_s + sol.solve_s,
        start_s=start_s,
        method=sol.method,
        fair_share=bool(params.fair_share),
        max_violation=sol.violation.largest,
        total_violation=sol.violation.total,
        weights=FrozenMap(asdict(params.weights)),
        places_unsettled=made is not None and not made.places_settled,
        resolved_from=resolved_from,
    )
    if sol.x is None:
        return Plan(
            scenario=scenario.name,
            start_date=scenario.start_date,
            horizon_days=scenario.horizon_days,
            status=sol.status,
            objective=float("nan"),
            stats=stats,
        )
    say("extracting the plan")
    began = time.perf_counter()
    records = extract(problem, model, sol.x)
    extract_s = time.perf_counter() - began + sol.fetch_s  # copying x out of HiGHS counts too
    bottlenecks: tuple[Bottleneck, ...] = ()
    untried: tuple[str, ...] = ()  # outages the measuring time left
    relief: tuple[ClosureRelief, ...] = ()  # what each closure's re-plan is not short on
    cut: list[str] = []  # the explaining stages the time limit cut short
    began = time.perf_counter()
    proven = sol.status is PlanStatus.OPTIMAL  # else no bottlenecks to point the causes at
    # the decimals the shortfall table will write: the claims' tonnes are rounded to them
    places = plan_decimals(
        records.shortfalls,
        records.movements,
        records.deliveries,
        float(problem.demand.consumption_t.sum()),  # as planned, from the arrivals
    )
    if proven:  # first: a cause that blames the supply names it by its rank among them
        say("explaining bottlenecks")
        found = find_bottlenecks(
            problem,
            model,
            sol,
            session,
            replace(outcome_of(problem, model, sol.x), short_decimals=places),
            solve_s=start_s + sol.solve_s,
            progress=say,
            demand=demand,
            limit=left,  # cuts the default budget; an --explain-time given is honoured
        )
        bottlenecks, untried, relief = found.entries, found.outages_untried, found.closure_relief
        if found.limit_cut:
            cut.append(BOTTLENECK_MEASURING)
    shortfalls, target_gaps = _causes(
        problem, records, say, left, cut, proven, bottlenecks, places, relief
    )
    return Plan(
        scenario=scenario.name,
        start_date=scenario.start_date,
        horizon_days=scenario.horizon_days,
        status=sol.status,
        objective=sol.objective,
        movements=records.movements,
        stocks=records.stocks,
        deliveries=records.deliveries,
        shortfalls=shortfalls,
        closures=with_reasons(problem, records.closures, bottlenecks),
        bottlenecks=bottlenecks,
        target_gaps=target_gaps,
        objective_parts=objective_parts(problem, model, sol.x, sol.objective),
        stats=SolveStats(
            columns=stats.columns,
            rows=stats.rows,
            nonzeros=stats.nonzeros,
            build_s=build_s,
            solve_s=start_s + sol.solve_s,
            start_s=start_s,
            extract_s=extract_s,
            explain_s=time.perf_counter() - began,
            method=sol.method,
            fair_share=bool(params.fair_share),
            max_violation=sol.violation.largest,
            total_violation=sol.violation.total,
            weights=stats.weights,
            places_unsettled=stats.places_unsettled,
            resolved_from=stats.resolved_from,
            outages_untried=untried,
            cut_short=tuple(cut),
            explain_top=params.explain_top if sol.status is PlanStatus.OPTIMAL else 0,
            explain_budget_s=explain_budget(params, start_s + sol.solve_s)
            if sol.status is PlanStatus.OPTIMAL
            else 0.0,
        ),
    )

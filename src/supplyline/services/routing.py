"""Routing use-cases: a day's convoy routes, the reach check, and a standard-instance run.

These compose the layers below: load the scenario, work out what each unit receives on
the day (from the movement plan, or from its requirements), route the trucks, write the
files. The faces only call these and print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from numbers import Real
from pathlib import Path

import numpy as np

from supplyline.domain import Demand, Plan, PlanStatus, Scenario, check_plan_of, to_deliver
from supplyline.domain.fields import check_value, whole_number
from supplyline.domain.plan_fit import check_plan_fits
from supplyline.domain.routes import DrawnOnSite, ReachCheck, Routes
from supplyline.errors import (
    ArgumentError,
    ScenarioError,
    SolverError,
    require,
    require_callable,
)
from supplyline.io.atomic import atomic_output_dir, move_into_place, scratch_file_for, writing
from supplyline.io.days import DayText, day_from_text
from supplyline.io.destinations import FORCE_ARGUMENT, check_outputs, check_own_file
from supplyline.io.earlier_outputs import Origin, OutputGroup, files_at_odds
from supplyline.io.earlier_reports import ReportOf, earlier_reports
from supplyline.io.factors import factors_for
from supplyline.io.folder_lock import held_output_folder
from supplyline.io.own_files import REPORT
from supplyline.io.plan_files import flows_id, plan_id
from supplyline.io.route_files import ROUTE_FILES, routes_id, write_routes_files
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.arrival import never_there
from supplyline.planning.best_response import Responses
from supplyline.planning.fits import check_demand_fits
from supplyline.planning.interrupt import raise_if_interrupted
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, horizon_day, route_day
from supplyline.routing.demand_depot_days import demand_day_stock
from supplyline.routing.depot_days import plan_day_stock
from supplyline.routing.depot_stock import DepotStock
from supplyline.routing.plan_loads import plan_truck_loads
from supplyline.routing.plan_roads import plan_road_claims, plan_road_tonnes
from supplyline.routing.reach import check_reach
from supplyline.routing.reach_day import with_routes_day
from supplyline.routing.requests import request_for
from supplyline.routing.roads import RoadWay
from supplyline.routing.through_places import through_notes
from supplyline.services.given_plan import check_given_plan, not_proven_given, plan_given
from supplyline.services.plan_limits import Fallback, no_plan_message, not_proven_words
from supplyline.services.report_pair import (
    HTML_SUFFIXES,
    check_report,
    check_written,
    keywords_taken,
)
from supplyline.services.routes_warnings import routes_warnings
from supplyline.services.routing_bench import BenchRun, bench_instance, write_bench_solution
from supplyline.services.run_log import log_plan, log_routes
from supplyline.services.scenarios import OpenScenario, assess_requirements, require_folder
from supplyline.services.search_news import better_routes_news

__all__ = [
    "AVAILABILITY_FACTOR",
    "BenchRun",
    "ReachRun",
    "RoutesReportWriter",
    "RoutesRun",
    "assess_reach",
    "bench_instance",
    "reach_for",
    "reach_of",
    "requests_from_demand",
    "requests_from_plan",
    "route_scenario_day",
    "write_bench_solution",
]

AVAILABILITY_FACTOR = "truck.fleet_availability_fraction"
Progress = Callable[[str], None]
RoutesReportWriter = Callable[[Scenario, Demand, Plan, Routes, ReachCheck, Path], object]
"""Writes a report of the plan with the day's routes and the reach check (the face's writer)."""
_REPORT_TAKES = ("scenario", "demand", "plan", "routes", "reach", "path")
_REPORT_WRITER = "supplyline.reports.write_routes_report"
_SHORT_IN_REPORT = 'see "Depots asked for more than they hold" under the convoy routes'
"""Where the routes report lists the depots short of stock (its routes section's table)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RoutesRun:
    """A day's routes, the scenario they were made for, and the files written."""

    opened: OpenScenario
    routes: Routes
    files: tuple[Path, ...] = ()
    plan: Plan | None = None
    """The movement plan the deliveries came from (None with ``from_demand`` and no report)."""
    removed: tuple[Path, ...] = ()
    """Reports supplyline wrote in ``out`` of the routes these files replaced, now removed
    (:mod:`supplyline.io.earlier_reports`)."""
    warnings: tuple[str, ...] = ()
    """What a reader of these routes must be warned of (also among ``routes.notes``, so
    that routes.json and the report carry it): the plan their loads come from is not
    proven best."""
    at_odds: tuple[str, ...] = ()
    """Warnings naming the plan or requirements files in ``out`` that these routes no longer
    match (:func:`~supplyline.io.earlier_outputs.files_at_odds`), left in place."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachRun:
    """The reach check of a scenario."""

    opened: OpenScenario
    check: ReachCheck


def requests_from_demand(scenario: Scenario, demand: Demand, day: int) -> list[DeliveryRequest]:
    """What must reach each unit on ``day`` (:func:`~supplyline.domain.to_deliver`).

    Consumption plus any build-up, less what a unit in place already holds, at its
    destination.

    The demand must be the scenario's (ScenarioError, as the planner's): another
    scenario's failed with a bare ``KeyError``, a day past the horizon with an
    ``IndexError``.
    """
    check_demand_fits(scenario, demand)
    day = _check_day(scenario, day, ArgumentError)
    out = []
    total = to_deliver(scenario, demand)[:, :, day]
    for i, unit in enumerate(demand.unit_ids):
        loads = {c: float(total[i, k]) for k, c in enumerate(demand.commodity_ids) if total[i, k]}
        if loads:
            out.append(request_for(scenario, unit, loads))
    return out


def requests_from_plan(scenario: Scenario, plan: Plan, day: int) -> list[DeliveryRequest]:
    """What the movement plan's road legs bring to each unit's place on ``day``.

    Not the plan's deliveries (what units take from stock at their place): the trucks
    carry what the plan moves by road into the units' places that day, pre-stocking
    included (:func:`~supplyline.routing.plan_loads.plan_truck_loads`, which also gives
    what units draw on site).

    The plan must be the scenario's, each of its records fitting it (ScenarioError,
    :func:`~supplyline.domain.plan_fit.check_plan_fits`): another scenario's failed with a
    bare ``KeyError`` on a commodity this one lacks.
    """
    check_plan_fits(scenario, plan)
    day = _check_day(scenario, day, ArgumentError)
    return plan_truck_loads(scenario, plan, day)[0]


def _check_day(
    scenario: Scenario,
    day: object,
    error: type[ArgumentError | ScenarioError] = ScenarioError,
    *,
    written: str | None = None,
    option: str | None = None,
) -> int:
    """``day`` within the scenario's horizon (:func:`horizon_day`), with the error to raise.

    A ScenarioError for ``route_scenario_day``'s day (the CLI's ``--day``, a bad option),
    an ArgumentError for the helpers' (a script's value).
    """
    return horizon_day(scenario, day, error, written=written, option=option)


def _day_arg(day: object) -> tuple[int, DayText | None]:
    """``route_scenario_day``'s day as an int, or 0 and the DayText to read once loaded.

    Plain text is refused, pointing at DayText: ``"3"`` would be C+3 or an error by its
    form, and a tester's ``day="C+14"`` was told only that it must be an int.
    """
    if isinstance(day, str):
        raise ArgumentError(
            f"day(={day!r:.40}) must be a whole number (int) or a supplyline.io.DayText, "
            f"not str: day=DayText({day!r:.40}) reads it as the CLI's --day does "
            "(C+3, 3 or a date)"
        )
    if isinstance(day, DayText):
        return 0, day
    return whole_number(day, "day"), None


def _check_routes_outputs(
    folder: str | Path,
    out: str | Path | None,
    report: tuple[str | Path, RoutesReportWriter] | None,
    *,
    force: bool,
    force_with: str,
) -> None:
    """Raise OutputError (ArgumentError) unless the route files and report can go where asked.

    As :func:`route_scenario_day` says: before any work, a report path holding a file of
    the user's included (unless ``force``).
    """
    if report is not None:
        check_report(report, takes=_REPORT_TAKES, suggest=_REPORT_WRITER, suffixes=HTML_SUFFIXES)
    require(force, bool, "force")
    require(force_with, str, "force_with")
    check_outputs(
        folder,
        ("the route files", out, ROUTE_FILES) if out is not None else None,
        {"the report": report[0] if report is not None else None},
        force=force,
        force_with=force_with,
    )
    if report is not None:  # a page of the user's, as --report
        check_own_file(report[0], REPORT, force=force, force_with=force_with)


def route_scenario_day(
    folder: str | Path,
    *,
    day: int | DayText,
    out: str | Path | None = None,
    from_demand: bool = False,
    params: ConvoyParams | None = None,
    report: tuple[str | Path, RoutesReportWriter] | None = None,
    progress: Progress | None = None,
    force: bool = False,
    plan_file: str | Path | None = None,
    force_with: str = FORCE_ARGUMENT,
) -> RoutesRun:
    """Route the convoys of ``day`` for a scenario folder; write the files into ``out``.

    Deliveries come from the movement plan (solved here, or read from ``plan_file``, a
    plan.json or the folder ``plan --out`` wrote it into) unless ``from_demand``; then each
    unit's requirement of the day is routed as if the plan met it in full. A plan file
    that cannot be read, or is another scenario's, is a ScenarioError (NotFoundError where
    there is none) before any routing, and nothing is written. ``report`` is a
    (path, writer) pair for the plan report with the routes and the reach check (the plan
    is solved for it even with ``from_demand``); a file already at its path is replaced
    only if it is a report supplyline wrote (or empty), unless ``force``: any other is the
    user's, an OutputError before any work (and so is a file of the route files' names in
    ``out``, checked again as they move); ``force_with`` words how to replace one (the CLI's
    "give --force"). Files are written all or not at all; a report supplyline wrote in
    ``out`` of the routes they replace is removed with their move (``RoutesRun.removed``).
    The arguments are checked before any work (ArgumentError); a day outside the
    horizon is a ScenarioError, once the scenario is read. A :class:`~supplyline.io.DayText`
    (the CLI's ``--day``: ``C+3``, ``3`` or a date) is read then, as the files read a day;
    plain text is refused, pointing at it (:func:`_day_arg`).
    """
    require_folder(folder)
    day, day_text = _day_arg(day)
    if out is not None:
        require_folder(out, "the output folder")  # bytes or 5: pathlib's TypeError
    from_demand = check_value(from_demand, bool, "from_demand")  # "no" was taken as true
    if params is not None:
        require(params, ConvoyParams, "params")
    require_callable(progress, "progress")
    _check_routes_outputs(folder, out, report, force=force, force_with=force_with)
    with held_output_folder(out):  # from here: another run into out is refused at once
        given_plan = plan_given(plan_file, from_demand=from_demand)
        say = progress or (lambda _: None)
        assessed = assess_requirements(folder, progress=say)
        scenario = assessed.opened.scenario
        if day_text is not None:
            day = day_from_text(day_text.text, scenario.start_date)
        _check_day(
            scenario,
            day,
            written=None if day_text is None else day_text.text,
            option=None if day_text is None else day_text.option,
        )
        report_tmp = scratch_file_for(Path(report[0])) if report is not None else None
        plan: Plan | None = None
        warned: tuple[str, ...] = ()
        if given_plan is not None and plan_file is not None:
            # another scenario's plan, or one edited: its file named, and the record
            check_given_plan(given_plan, assessed.opened, assessed.demand)
            plan, warned = given_plan.plan, not_proven_given(given_plan.plan, plan_file)
        elif not from_demand or report is not None:
            plan, warned = _solved_plan(
                scenario, assessed.given, say, for_loads=not from_demand, shown=report is not None
            )  # the demand as given: the planner moves it to the arrivals, with and without outages
        held: dict[tuple[str, str], float] | None = None
        drawn: list[DrawnOnSite] | None = None
        depots: DepotStock | None = None
        plan_t: dict[RoadWay, float] | None = None
        claims: dict[tuple[RoadWay, str], float] | None = None
        if from_demand or plan is None:
            by_day = [requests_from_demand(scenario, assessed.demand, k) for k in range(day + 1)]
            source = "demand"
            requests = by_day[day]
            # less what units drew on site and trucks loaded at the depots on earlier days
            multi_trip = (params or ConvoyParams()).multi_trip
            held = demand_day_stock(scenario, by_day, day, multi_trip=multi_trip)
        else:
            # the plan's road legs into the units' places; what units take beyond them is
            # drawn on site (the plan keeps the places' stocks)
            # the trucks load only what the plan puts at their depots (the rest: depot_short);
            # the reach check weighs the same stock (routing.stranded_goods)
            requests, drawn, depots = plan_day_stock(scenario, plan, day)
            source = "plan"
            # the plan's road movements the trucks do not carry take their share of the roads
            plan_t = plan_road_tonnes(scenario, plan, day)
            # and those they carry keep the roads the plan sent them over, where one is full
            claims = plan_road_claims(scenario, plan, day)
        # the loads are fitted to the trucks and their roads before the search, outside its
        # time limit, and the stage line says so: it took 7-11 s on a tester's 100-unit
        # corridor and showed as a stuck stage; since the closed roads are named from sets built
        # once per day it takes 0.09-0.26 s there (corridor-M C+20, benchmarks/routes_prep.py)
        limit = (params or ConvoyParams()).router.time_limit_s
        say(
            f"routing {len(requests)} deliveries on day {day}: fitting the loads to the trucks "
            f"and roads, then searching for at most {limit:g} s"
        )
        routes = route_day(
            scenario,
            requests,
            day=day,
            params=params,
            source=source,
            on_best=better_routes_news(say),  # each line once, none at 0.0 s
            held_t=held,
            on_site=drawn,
            depot_stock=depots,
            road_plan_t=plan_t,
            road_claims=claims,
        )
        # the plan's digest, once: routes.json and the report both carry it
        identity = (
            plan_id(plan) if plan is not None and (source == "plan" or report is not None) else None
        )
        if source == "plan" and plan is not None:
            routes = replace(
                routes,
                notes=routes.notes + _short_in_plan(plan, day, folder),
                plan_id=identity,  # routes.json says which plan its loads came from
                flows_id=flows_id(plan),
            )
        routes = replace(routes, notes=routes.notes + through_notes(scenario, routes))
        routes = replace(routes, notes=routes.notes + warned)
        files: list[Path] = []
        stale: list[Path] = []
        at_odds: tuple[str, ...] = ()
        try:
            if report is not None and report_tmp is not None and plan is not None:
                say("writing the report")
                availability = assessed.opened.factors.value(AVAILABILITY_FACTOR)
                # a unit these routes left short never reads as covered beside them
                say(f"checking the reach of {len(assessed.demand.unit_ids):,} unit(s)")
                reach = with_routes_day(
                    reach_of(scenario, assessed.demand, availability, plan=plan), routes
                )
                # as the terminal warns of them (the depots short are a table of the report);
                # the plan not proven best once, in its summary, where the writer takes it there
                apart = keywords_taken(report[1], not_proven=warned)
                said = routes_warnings(
                    routes, () if apart else warned, short_listed=_SHORT_IN_REPORT
                )
                with writing(f"the report {report[0]}"):
                    report[1](
                        scenario, assessed.demand, plan, routes, reach, report_tmp, **apart,
                        **keywords_taken(
                            report[1],
                            warnings=assessed.opened.warnings,
                            warned=said,
                            progress=say,  # its stages: the figures take seconds
                            plan_identity=identity,
                        ),
                    )  # fmt: skip
                check_written(report[1], report_tmp)
            if out is not None:
                # the report moves with the route files, all or none (it was moved after them)
                with_them = (
                    [(report_tmp, Path(report[0]))]
                    if report is not None and report_tmp is not None
                    else []
                )
                with (
                    atomic_output_dir(
                        out, also=with_them, remove=stale, force=force, force_with=force_with
                    ) as scratch,
                    writing(f"the route files into {out}"),
                ):
                    written = write_routes_files(
                        scratch, scenario, routes, fingerprint=assessed.opened.scenario_id
                    )
                    stale += earlier_reports(
                        out,
                        ReportOf.ROUTES,
                        new_id=routes_id(routes),
                        keep=[report[0]] if report is not None else [],
                    )
                    raise_if_interrupted()  # a Ctrl+C Python dropped: stop before anything is moved
                files = [Path(out) / p.name for p in written] + [final for _, final in with_them]
                came = Origin(
                    scenario=routes.scenario,
                    scenario_id=assessed.opened.scenario_id,
                    plan_id=routes.plan_id,
                    flows_id=routes.flows_id,
                )
                at_odds = files_at_odds(out, OutputGroup.ROUTES, came)
            else:
                raise_if_interrupted()  # likewise, before the report is moved
                if report is not None and report_tmp is not None:
                    move_into_place(report_tmp, report[0])
                    files.append(Path(report[0]))
        finally:
            if report_tmp is not None:
                report_tmp.unlink(missing_ok=True)
        log_routes(routes)
        return RoutesRun(
            opened=assessed.opened,
            routes=routes,
            files=tuple(files),
            plan=plan,
            removed=tuple(p for p in stale if not p.exists()),
            warnings=warned,
            at_odds=at_odds,
        )


def _solved_plan(
    scenario: Scenario, demand: Demand, say: Progress, *, for_loads: bool, shown: bool
) -> tuple[Plan, tuple[str, ...]]:
    """The movement plan under the scenario's solver options, and its warnings.

    No plan within the time limit ends as ``plan`` ends (SolverError, exit 6, nothing
    written): routes said "0 trucks, nothing to do" and wrote their files on a plan that
    was never found. A plan not proven best is warned of (:func:`_not_proven`).

    Its bottlenecks are measured (re-solves with more capacity) only when the plan is
    ``shown`` (the report): routes alone never print them, and measuring them took 1 s of a
    tester's 6-delivery day (3 s under load). Unmeasured, they are still ranked by
    shadow price, and ``plan.stats.explain_top`` is 0.
    """
    say("solving the movement plan")
    solver = PlanParams(
        time_limit_s=scenario.solver.time_limit_s,
        threads=scenario.solver.threads,
        explain_top=PlanParams().explain_top if shown else 0,
    )
    made: list[Responses] = []
    plan = plan_movements(scenario, demand, solver, progress=say, on_fallback=made.append)
    log_plan(plan, threads=solver.threads)
    if plan.status is PlanStatus.NO_SOLUTION:
        raise SolverError(
            no_plan_message(solver, scenario, given_s=None, params_s=None, run_option=None)
        )
    if plan.status is not PlanStatus.FEASIBLE:
        return plan, ()
    fallback = Fallback(flows=made[0].flows, responded=made[0].responded) if made else None
    return plan, (_not_proven(fallback, for_loads=for_loads),)


def _not_proven(fallback: Fallback | None, *, for_loads: bool) -> str:
    """The warning of a plan the time limit kept from being proven best, as ``plan`` gives it.

    ``plan`` warned; ``routes`` of the same plan, whose loads are its road legs, said
    nothing. The advice names scenario.yaml alone: ``routes --time-limit`` is the router's.
    """
    what = (
        "these routes carry its road legs of the day, so their loads may differ from the "
        "best plan's"
        if for_loads
        else "the report shows it beside these routes"
    )
    return (
        "the time limit stopped the solver before it proved this plan best; "
        f"{not_proven_words(fallback)}, but it is not proven the best plan (shortfalls and "
        f"lateness may be larger), and {what}. Raise solver.time_limit_s in scenario.yaml, "
        "or remove it (no limit), for the optimum (routes' --time-limit is the router's)"
    )


def _short_in_plan(plan: Plan, day: int, folder: str | Path) -> tuple[str, ...]:
    """A note of the units the plan leaves short on ``day``, which no road leg can serve.

    Plan mode routes the plan's road legs only: a transport officer's day read "0 trucks,
    nothing to do" where the plan left a unit 10 t short every day (its only road out had
    capacity 0), and the routes said nothing of it. The note pointed at "the plan's
    shortfalls.csv", which ``routes`` does not write: it says how to get it.
    """
    short: dict[str, float] = {}
    for s in plan.shortfalls:
        if s.day == day and s.short_t > 0:
            short[s.unit] = short.get(s.unit, 0.0) + s.short_t
    if not short:
        return ()
    listed = ", ".join(f"{unit} {t:,.3f} t" for unit, t in sorted(short.items()))
    return (
        f"the movement plan leaves {len(short)} unit(s) short on this day, which no truck "
        f"is sent for (`supplyline plan {folder} --out DIR` writes the plan's "
        f"shortfalls.csv, which says why): {listed}",
    )


def assess_reach(folder: str | Path, *, progress: Progress | None = None) -> ReachRun:
    """The reach check of a scenario folder, against each unit's peak daily consumption.

    ``progress`` hears each stage, the check itself last (on a tester's corridor-M it took
    most of 18 s, which the display had shown as the requirements').
    """
    require_folder(folder)
    require_callable(progress, "progress")
    assessed = assess_requirements(folder, progress=progress)
    scenario = assessed.opened.scenario
    availability = assessed.opened.factors.value(AVAILABILITY_FACTOR)
    if progress is not None:
        progress(f"checking the reach of {len(assessed.demand.unit_ids):,} unit(s)")
    return ReachRun(opened=assessed.opened, check=reach_of(scenario, assessed.demand, availability))


def reach_for(scenario: Scenario, demand: Demand, *, plan: Plan | None = None) -> ReachCheck:
    """The reach check with the scenario's own truck availability factor (for reports).

    Given the movement ``plan``, units are judged from where its road legs start.
    """
    require(scenario, Scenario, "the scenario")  # before its factors are read
    availability = factors_for(dict(scenario.factor_overrides)).value(AVAILABILITY_FACTOR)
    return reach_of(scenario, demand, availability, plan=plan)


def reach_of(
    scenario: Scenario, demand: Demand, availability: float, *, plan: Plan | None = None
) -> ReachCheck:
    """The reach check for a scenario and its demand (the report calls this).

    The demand must be the scenario's (ScenarioError, as the planner's), ``availability``
    a share of trucks in (0, 1] (ArgumentError), the ``plan`` (if any) the scenario's
    (ScenarioError): then units are judged from where its road legs start
    (:func:`~supplyline.routing.reach.supply_points`), else from ``stocks.csv``.
    """
    check_demand_fits(scenario, demand)
    if plan is not None:
        check_plan_of(scenario, plan)
    if isinstance(availability, bool) or not isinstance(availability, Real):
        raise ArgumentError(
            f"availability(={availability!r:.60}) must be a number in (0, 1], "
            f"not {type(availability).__name__}"
        )
    eaten = demand.consumption_t.sum(axis=1)
    peak = eaten.max(axis=1) if demand.horizon_days else np.zeros(0)
    daily = {u: float(peak[i]) for i, u in enumerate(demand.unit_ids)}
    days = {
        u: [int(d) for d in np.flatnonzero(eaten[i] > 0)] for i, u in enumerate(demand.unit_ids)
    }
    # each commodity's tonnes on the unit's peak day: the shares of its daily tonnes
    top = eaten.argmax(axis=1) if demand.horizon_days else np.zeros(0, dtype=int)
    needed = {
        u: {
            c: float(demand.consumption_t[i, j, top[i]])
            for j, c in enumerate(demand.commodity_ids)
            if demand.consumption_t[i, j].any()
        }
        for i, u in enumerate(demand.unit_ids)
    }
    return check_reach(
        scenario, daily, availability=availability, demand_days=days, plan=plan, goods=needed,
        never_arrive=never_there(scenario),  # "never arrives", not "ok" at 0 t/day
        eaten_t={
            u: {c: demand.consumption_t[i, j] for j, c in enumerate(demand.commodity_ids)}
            for i, u in enumerate(demand.unit_ids)
        },  # with a plan, what its stock at a cut-off place must last through
    )  # fmt: skip

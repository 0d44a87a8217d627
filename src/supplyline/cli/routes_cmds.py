"""Commands ``routes``, ``reach`` and ``routes-bench``: convoys, their reach, the router.

The routing services and the router's parameters are imported inside the commands: they
bring NumPy, SciPy, PyVRP and the loader, which ``--help`` does not need.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape

from supplyline.cli.app import FLAG_METAVAR, app
from supplyline.cli.choice_options import choice, choice_metavar
from supplyline.cli.column_ranks import (
    ON_SITE_DROP,
    ROUTES_EVERY,
    TRUCKS_DROP,
    UNSERVED_DROP,
    reach_drop,
)
from supplyline.cli.errors import EXIT_CODES
from supplyline.cli.force_option import ForceOpt, keep_users_files
from supplyline.cli.number_options import SECONDS_METAVAR, seconds, whole_number
from supplyline.cli.output import (
    FormatOpt,
    OutputFormat,
    Shown,
    emit_rows,
    listed,
    write_json,
    wrote_what,
)
from supplyline.cli.paths import (
    HTML_SUFFIXES,
    PATH_METAVAR,
    SOLUTION_SUFFIXES,
    output_file_option,
    output_path,
    scenario_folder_argument,
)
from supplyline.cli.progress import files_in_place, interruptible, stages
from supplyline.cli.warnings import print_warnings
from supplyline.domain.routes import NO_UNITS_WORDS, Routes
from supplyline.errors import SolverError
from supplyline.io.own_files import BENCH_SOLUTION, REPORT
from supplyline.io.route_files import (
    DAY_COLUMNS,
    ROUTE_FILES,
    day_cells,
    depot_short_rows,
    on_site_rows,
    routes_summary,
    truck_rows,
    unserved_rows,
)
from supplyline.io.route_tables import day_figures, day_tables, loads_source, nothing_to_deliver
from supplyline.routing.conventions import Convention
from supplyline.routing.search_stop import STOP_AFTER_NO_IMPROVEMENT
from supplyline.routing.seeds import MAX_SEED
from supplyline.types import day_label

if TYPE_CHECKING:
    from supplyline.routing.bench_routes import BenchRoute
    from supplyline.services.routing import RoutesReportWriter, RoutesRun

console = Console()
err = Console(stderr=True)
MAX_ROUTER_S = 86_400.0
"""A day: a longer router limit is a typo (``inf`` ran without end)."""
MAX_WORKERS = 64
"""Searches side by side in routes-bench: each is a process; 1,000 of them swamped the machine."""


def _routes_report_writer() -> RoutesReportWriter:
    from supplyline.reports.routes_report import write_routes_report

    return write_routes_report


def _headline(routes: Routes) -> str:
    """The day in one line, its figures as its tables' rows add up to them.

    The figures are :func:`~supplyline.io.route_tables.day_figures`', as the routes
    report's convoy-routes section says them.
    """
    quiet = nothing_to_deliver(routes)
    if quiet is not None:  # "0 truck(s), 0.0 t delivered, 0.0 t unserved" read as a failure
        return (
            f"[bold]{escape(routes.scenario)}[/]: nothing to deliver on "
            f"{day_label(routes.day)} ({routes.date}): {escape(quiet)} "
            f"({loads_source(routes)}; {routes.solve_s:.1f} s)"
        )
    day = day_figures(routes)
    t = day.text
    style = "green" if not routes.unserved else "red"
    drawn = any(not d.arrived for d in routes.on_site)
    on_site = f"{t('on_site')} t drawn on site, " if drawn else ""
    if routes.arrived_t > 0:
        on_site += f"{t('arrived')} t arrived by {routes.arrived_by} (no truck), "
    return (
        f"[bold]{escape(routes.scenario)}[/] {day_label(routes.day)} ({routes.date}): "
        f"{len(routes.routes)} truck(s), {t('delivered')} t delivered, {on_site}"
        f"[{style}]{t('unserved')} t unserved[/], "
        f"{t('km')} km, cost {t('cost')} "
        f"({loads_source(routes)}; {routes.solve_s:.1f} s)"
    )


def _print_day(routes: Routes, warned: Sequence[str], out: Console) -> None:
    """The day as a table for people: the headline, then its tables adding up to it.

    The rows are :func:`~supplyline.io.route_tables.day_tables`', as the routes report's.
    ``warned``: notes said on stderr as warnings already, left out here.
    """
    tables = day_tables(routes)

    shown = {  # each table's columns at the decimals of the headline figure they add up to
        table: Shown(least=tuple(tables.figures.columns(table).items()))
        for table in ("trucks", "drawn", "landed", "unserved")
    }
    out.print(_headline(routes), highlight=False)
    if tables.trucks:
        cols = ["truck", "depot", "trips", "stops", "start_h", "end_h", "km", "tonnes", "cost"]
        emit_rows(tables.trucks, cols, OutputFormat.TABLE, console=out, title="Trucks",
                  shown=shown["trucks"], drop=TRUCKS_DROP, every=ROUTES_EVERY)  # fmt: skip
        _note(tables.trucks_note, out)
    if tables.drawn:
        cols = ["unit", "location", "tonnes", "load_t"]
        title = "Drawn on site (from the stock of the unit's own place, no truck)"
        emit_rows(tables.drawn, cols, OutputFormat.TABLE, console=out, title=title,
                  shown=shown["drawn"], drop=ON_SITE_DROP, every=ROUTES_EVERY)  # fmt: skip
        _note(tables.drawn_note, out)
    if tables.landed:
        cols = ["unit", "location", "tonnes", "load_t", "arrived_by", "link"]
        title = "Arrived at the unit's own place by the plan's air, rail or water legs (no truck)"
        emit_rows(tables.landed, cols, OutputFormat.TABLE, console=out, title=title,
                  shown=shown["landed"], drop=ON_SITE_DROP, every=ROUTES_EVERY)  # fmt: skip
        _note(tables.landed_note, out)
    if tables.unserved:
        cols = ["unit", "tonnes", "reason", "detail"]
        title = "Not delivered"
        emit_rows(tables.unserved, cols, OutputFormat.TABLE, console=out, title=title,
                  shown=shown["unserved"], drop=UNSERVED_DROP, every=ROUTES_EVERY)  # fmt: skip
        _note(tables.unserved_note, out)
    for note in routes.notes:
        if note not in warned:  # else on stderr as a warning already; a long one in brief
            out.print(f"note: {routes.brief(note)}", style="dim", markup=False, highlight=False)


def _note(note: str | None, out: Console) -> None:
    """A table's rounding note under it, as plan's under its shortfall table; none if None."""
    if note is not None:
        out.print(note, style="dim", markup=False, highlight=False)


def _print_warnings(run: RoutesRun) -> None:
    """The routes' warnings on stderr: the plan not proven best, depots short of stock."""
    from supplyline.services.routes_warnings import routes_warnings

    written = any(path.name == "depot_short.csv" for path in run.files)
    # without --out it names no file that is not there
    listed = "see depot_short.csv" if written else "depot_short.csv with --out DIR"
    for warning in routes_warnings(run.routes, run.warnings, short_listed=listed):
        err.print(warning, style="yellow", markup=False, highlight=False, soft_wrap=True)


@app.command("routes", rich_help_panel="Convoys")
def routes_cmd(
    folder: Path = scenario_folder_argument(),
    day: str = typer.Option(
        ...,
        "--day",
        "-d",
        metavar="DAY",
        help="Day to route: C+N or N (days from the start) or a date YYYY-MM-DD, "
        "within the horizon.",
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help=f"Write {listed(ROUTE_FILES)} here.",
        parser=output_path("a folder to write the route files into (. is the current folder)"),
        metavar=PATH_METAVAR,
    ),
    from_demand: bool = typer.Option(
        False,
        "--from-demand",
        help="Route each unit's requirement instead of what the plan's road legs bring.",
        metavar=FLAG_METAVAR,
    ),
    plan_file: Path | None = typer.Option(
        None,
        "--plan",
        help="Route the road legs of this written plan (a plan.json, or the folder "
        "'plan --out' wrote it into) instead of solving the plan again.",
        metavar=PATH_METAVAR,
    ),
    time_limit: float = typer.Option(
        10.0,
        "--time-limit",
        help=f"Most seconds of the router's search, which stops sooner once "
        f"{STOP_AFTER_NO_IMPROVEMENT:,} iterations find no better routes (fitting the loads "
        "to the trucks and roads counts against it, and the later rounds, on idle trucks "
        "or round full roads, take at most a quarter more: all end by 1.25 × it).",
        parser=seconds(least=0.01, most=MAX_ROUTER_S, leave_out="10 when left out"),
        metavar=SECONDS_METAVAR,
    ),
    seed: int = typer.Option(
        0,
        "--seed",
        help="Seed of the router's search.",
        parser=whole_number(least=0, most=MAX_SEED, what="a seed"),
        metavar="N",
    ),
    single_trip: bool = typer.Option(
        False,
        "--single-trip",
        help="Trucks make one trip a day (no reloading at the depot).",
        metavar=FLAG_METAVAR,
    ),
    report: Path | None = output_file_option(
        "--report",
        "Also write the plan's HTML report with these routes on its map (a .html file; "
        "replacing only a report supplyline wrote, or any file with --force).",
        "an HTML report",
        HTML_SUFFIXES,
        "routes.html",
    ),
    force: ForceOpt = False,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Route the trucks of every depot to bring the day's deliveries to the units.

    Deliveries larger than a truck are split into full truck-loads and what remains, the
    most urgent commodity first (in the fewest loads, commodities mixed, when the trucks
    have room for all); anything that cannot be brought is listed with the reason (no
    truck, drivers' hours, window, too few trucks).
    """
    # Ctrl+C in the imports says what the
    # stages say ("no routes written"), not "interrupted" alone
    with interruptible(err, "no routes written"):
        from supplyline.io import DayText
        from supplyline.io.destinations import FORCE_OPTION
        from supplyline.routing import RouterParams
        from supplyline.routing.convoy import ConvoyParams
        from supplyline.services.routing import route_scenario_day

        keep_users_files(
            [(report, REPORT)],
            force=force,
            options="--out or --report",
            err=err,
            folder=(out, ROUTE_FILES),
        )
        params = ConvoyParams(
            router=RouterParams(time_limit_s=time_limit, seed=seed), multi_trip=not single_trip
        )
        with stages(err, "routing") as show:
            run = route_scenario_day(
                folder,
                day=DayText(day, option="--day"),
                out=out,
                from_demand=from_demand,
                params=params,
                report=(report, _routes_report_writer()) if report is not None else None,
                progress=show,
                force=force,  # checked above, in --force's words
                plan_file=plan_file,
                force_with=FORCE_OPTION,  # and again as the files move: in the same words
            )
    with files_in_place(err, written=bool(run.files)):
        print_warnings(run.opened.warnings, err)
        routes = run.routes
        _print_warnings(run)
        if fmt is OutputFormat.TABLE:
            _print_day(routes, run.warnings, console)
        else:
            trucks, unserved = truck_rows(routes), unserved_rows(routes)
            on_site = on_site_rows(routes)
            rows: list[dict[str, Any]] = [{**r, "kind": "truck"} for r in trucks]
            rows += [{**u, "kind": "unserved", "truck": None} for u in unserved]
            rows += [
                {**d, "kind": "arrived" if d["arrived_by"] else "on_site", "truck": None}
                for d in on_site
            ]
            # its commodity in its own column, as depot_short.csv has it: stdout named it in
            # the detail's words only
            rows += [
                {"kind": "depot_short", "truck": None, "depot": d["depot"],
                 "commodity": d["commodity"], "tonnes": d["short_t"], "detail": d["detail"]}
                for d in depot_short_rows(routes)
            ]  # fmt: skip
            # the day first, as the routes files have it: a tester's stdout CSV had no day
            cells = day_cells(routes)
            rows = [{**cells, **row} for row in rows]
            cols = [*DAY_COLUMNS, "kind", "truck", "depot", "commodity", "trips", "stops", "km",
                    "tonnes", "unit", "reason", "detail"]  # fmt: skip
            if fmt is OutputFormat.JSON:
                # the day's summary and the files, as plan's JSON has them: a newcomer's program
                # got rows only, and learnt of a removed report from stderr alone; the summary
                # with routes.json's scenario_id (a script could not tell the scenario apart)
                fingerprint = run.opened.scenario_id
                write_json(
                    {
                        "summary": routes_summary(routes, fingerprint=fingerprint),
                        "files": [str(p) for p in run.files],
                        "removed_files": [str(p) for p in run.removed],
                        "files_at_odds": list(run.at_odds),
                        "rows": [{c: row.get(c) for c in cols} for row in rows],
                    }
                )
            else:
                emit_rows(rows, cols, fmt, console=console)
        if run.files:
            err.print(
                wrote_what(out, run.files, {"the report": report}), markup=False, highlight=False
            )
        for path in run.removed:
            err.print(
                f"removed {path}, the report of the earlier routes", markup=False, highlight=False
            )
        for warning in run.at_odds:  # left in place: another command made them
            err.print(
                f"warning: {warning}", style="yellow", markup=False, highlight=False, soft_wrap=True
            )


@app.command("reach", rich_help_panel="Convoys")
def reach_cmd(
    folder: Path = scenario_folder_argument(),
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Check, unit by unit, that its trucks can carry its peak daily demand from its supply point.

    Exits 0 even when units are flagged: the flags are the result (see the 'ok' column).
    """
    from supplyline.routing.reach import (
        REACH_COLUMNS,
        cut_off_words,
        reach_rows,
    )
    from supplyline.routing.reach_counts import flagged_count_words
    from supplyline.routing.reach_table import REACH_HEADINGS, REACH_ROW_FIELDS, shown_rows
    from supplyline.services.routing import assess_reach

    with (
        interruptible(err, "nothing written"),
        stages(err, "checking reach") as show,
    ):
        run = assess_reach(folder, progress=show)
    print_warnings(run.opened.warnings, err)
    check = run.check
    rows = reach_rows(check)
    # no units, no rows: the header still has all of reach.csv's columns (it had "unit" alone)
    cols = list(rows[0]) if rows else list(REACH_ROW_FIELDS)
    if fmt is OutputFormat.TABLE and check.units == 0:  # the message alone, no empty table
        console.print(f"[yellow]{NO_UNITS_WORDS}[/]", highlight=False)
        return
    if fmt is OutputFormat.TABLE:
        cols = list(REACH_COLUMNS)
    title = (
        f"Reach check: {check.scenario} (availability {check.availability:.0%}, "
        f"{check.service_minutes:g} min per stop, detour ×{check.detour_factor:g})"
    )
    drop = reach_drop(rows)
    if fmt is OutputFormat.TABLE:  # headed in words, as the HTML report heads them
        rows = [{REACH_HEADINGS.get(k, k): v for k, v in row.items()} for row in shown_rows(rows)]
        cols = [REACH_HEADINGS[c] for c in cols]
        drop = tuple(REACH_HEADINGS[c] for c in drop)
    emit_rows(rows, cols, fmt, console=console, title=title, drop=drop)
    if fmt is OutputFormat.TABLE and check.trucks == 0:
        console.print("[yellow]no trucks in fleet.csv: nothing to check them against[/]")
    elif fmt is OutputFormat.TABLE:
        flagged = check.flagged
        style = "red" if flagged else "green"
        console.print(
            f"[{style}]{flagged_count_words(check)}[/]",
            highlight=False,
        )
        for r in (*flagged, *check.never_arriving):
            console.print(f"  {r.unit}: {r.reason}", markup=False, highlight=False)
    if fmt is OutputFormat.TABLE:
        for r in check.rows:
            if said := cut_off_words(r):
                console.print(f"  {r.unit}: {said}", markup=False, highlight=False)


@app.command("routes-bench", rich_help_panel="Convoys")
def routes_bench_cmd(
    instance: Path = typer.Argument(..., help="A VRPLIB .vrp or Solomon .txt instance."),
    time_limit: float = typer.Option(
        10.0,
        "--time-limit",
        help="Router seconds.",
        parser=seconds(least=0.01, most=MAX_ROUTER_S, leave_out="10 when left out"),
        metavar=SECONDS_METAVAR,
    ),
    bks: str | None = typer.Option(
        None, "--bks", help="Best-known value, or a .sol file re-scored in the same convention."
    ),
    convention: Convention | None = typer.Option(
        None,
        "--convention",
        help="dimacs (Solomon default), hierarchical (vehicles first), cvrplib (.vrp default).",
        parser=choice(Convention, what="a convention"),
        metavar=choice_metavar(Convention),
    ),
    seed: int = typer.Option(
        0,
        "--seed",
        help="Seed of the router's search.",
        parser=whole_number(least=0, most=MAX_SEED, what="a seed"),
        metavar="N",
    ),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        max=MAX_WORKERS,
        help="Searches run at once (vehicles-first only; 2 on 2 cores).",
    ),
    solution: Path | None = output_file_option(
        "--out",
        "Also write the routes as a CVRPLIB/Solomon solution file ('Route #1: …' lines, "
        "'Cost X'; a .sol or .txt file; replacing only one routes-bench wrote, or any "
        "file with --force).",
        "a solution file",
        SOLUTION_SUFFIXES,
        "routes.sol",
    ),
    force: ForceOpt = False,
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Solve a standard instance with supplyline's router: cost, vehicles, time, gap to BKS.

    With ``-f json`` each route too: its customers in the instance's numbering, in visit
    order, its load, distance and (Solomon) arrival and service start at each customer.
    """
    from supplyline.services.routing import (
        bench_instance,
        write_bench_solution,
    )

    keep_users_files([(solution, BENCH_SOLUTION)], force=force, options="--out", err=err)
    with (
        interruptible(err, "nothing written"),
        stages(err, f"reading {instance.name}") as show,
    ):
        run = bench_instance(
            instance,
            time_limit_s=time_limit,
            bks=bks,
            convention=convention,
            seed=seed,
            workers=workers,
            progress=show,
        )
    gap = run.gap_pct
    row = {
        "instance": run.instance,
        "convention": str(run.convention),
        "customers": run.customers,
        "vehicles": run.vehicles,
        "cost": round(run.cost, 3),
        "seconds": round(run.seconds, 2),
        "feasible": run.feasible,
        "bks": run.bks,
        "bks_vehicles": run.bks_vehicles,
        "gap_pct": None if gap is None else round(gap, 3),
    }
    if fmt is OutputFormat.JSON:  # a table or CSV row has no room for them
        row["routes"] = [bench_route_row(r) for r in run.routes]
    if solution is not None and run.feasible:
        with interruptible(err, "nothing written"):
            write_bench_solution(run, solution)
    emit_rows(
        [row],
        list(row),
        fmt,
        console=console,
        title="Router on a standard instance",
        shown=_bench_shown(run.cost, run.bks),
    )
    if solution is not None and run.feasible:
        err.print(f"wrote the routes to {solution}", markup=False, highlight=False)
    if not run.feasible:
        unwritten = f"; {solution} not written" if solution is not None else ""
        err.print(
            f"error: no feasible solution within the time limit{unwritten}",
            style="bold red",
            markup=False,
        )
        raise typer.Exit(EXIT_CODES[SolverError])  # solver failure, as plan and routes


def bench_route_row(route: BenchRoute) -> dict[str, Any]:
    """A route of ``routes-bench -f json``: customers, load, distance, and times if any."""
    row: dict[str, Any] = {
        "customers": list(route.customers),
        "load": route.load,
        "distance": route.distance,
    }
    if route.arrival is not None and route.service_start is not None:
        row["arrival"] = list(route.arrival)
        row["service_start"] = list(route.service_start)
    return row


def _bench_shown(cost: float, bks: float | None) -> Shown:
    """Cost and best-known value to a tenth when either has one, side by side.

    Above 100 the shared rule shows whole numbers: C101's cost read 827 beside a BKS of
    827.3, and R101's 1,639 beside 1,638 with a gap of 0.067 %, which cannot be checked
    as read. A tenth is the DIMACS convention's own unit of distance.
    """
    tenths = any(v is not None and round(v, 6) != round(v) for v in (cost, bks))
    return Shown(alike=(("cost", "bks"),), least=(("cost", 1), ("bks", 1)) if tenths else ())

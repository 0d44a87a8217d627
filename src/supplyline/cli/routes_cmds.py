"""Commands ``routes``, ``reach`` and ``routes-bench``: convoys, their reach, the router."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from supplyline.cli.app import app
from supplyline.cli.output import OutputFormat, emit_rows
from supplyline.cli.warnings import print_warnings
from supplyline.domain import Demand, Plan, Scenario
from supplyline.domain.routes import ReachCheck, Routes
from supplyline.io.route_files import truck_rows, unserved_rows
from supplyline.routing import Convention, RouterParams
from supplyline.routing.convoy import ConvoyParams
from supplyline.services.routing import (
    RoutesReportWriter,
    assess_reach,
    bench_instance,
    reach_for,
    route_scenario_day,
)
from supplyline.types import day_label

if TYPE_CHECKING:
    from supplyline.reports import MapLayer, ReportSection

console = Console()
err = Console(stderr=True)

_REACH_COLS = ["unit", "railhead", "road_km", "depot", "round_trip_h", "turns_per_truck", "daily_t",
               "loads_needed", "capacity_t", "depot_load_pct", "ok"]  # fmt: skip


def reach_section(check: ReachCheck) -> ReportSection:
    """The reach check as a report section: one row per unit, the flagged ones explained."""
    from supplyline.reports import ReportSection, Table

    rows = _reach_rows(check)
    flagged = check.flagged
    return ReportSection(
        id="reach-check",
        title="Reach check: can the trucks keep up?",
        intro=(
            f"Each unit's peak daily demand against what the trucks serving it carry a day: "
            f"trucks × availability ({check.availability:.0%}) × turns within drivers' hours "
            f"× payload, from the nearest railhead, port or airfield by road "
            f"({check.service_minutes:g} min per stop). {len(flagged)} of {len(check.rows)} "
            f"unit(s) flagged."
        ),
        tables=(
            Table(
                columns=tuple(_REACH_COLS),
                rows=tuple(tuple(r[c] for c in _REACH_COLS) for r in rows),
            ),
        ),
        notes=tuple(f"{r.unit}: {r.reason}" for r in flagged),
    )


def routes_section(routes: Routes) -> ReportSection:
    """A day's convoy routes as a report section: trucks, and what is not delivered."""
    from supplyline.reports import ReportSection, Table

    cols = ["truck", "depot", "trips", "stops", "start_h", "end_h", "km", "tonnes", "cost"]
    trucks = truck_rows(routes)
    tables = [Table(columns=tuple(cols), rows=tuple(tuple(t[c] for c in cols) for t in trucks),
                    caption="Trucks on the road")]  # fmt: skip
    missing = unserved_rows(routes)
    if missing:
        ucols = ["unit", "tonnes", "reason", "detail"]
        tables.append(Table(columns=tuple(ucols), caption="Not delivered",
                            rows=tuple(tuple(u[c] for c in ucols) for u in missing)))  # fmt: skip
    return ReportSection(
        id="convoy-routes",
        title=f"Convoy routes {day_label(routes.day)} ({routes.date})",
        intro=(
            f"{len(routes.routes)} truck(s) bring {routes.delivered_t:,.1f} t over "
            f"{routes.total_distance_km:,.0f} km; {routes.unserved_t:,.1f} t not delivered "
            f"(deliveries from the {routes.source})."
        ),
        tables=tuple(tables),
        notes=routes.notes,
    )


def routes_layer(scenario: Scenario, routes: Routes) -> MapLayer:
    """The day's truck paths as lines for the report's network map."""
    from supplyline.reports import MapLayer, MapPolyline

    where = scenario.location_by_id
    lines = [
        MapPolyline(points=tuple((where[x].lon, where[x].lat) for x in r.path), label=r.truck)
        for r in routes.routes
        if len(r.path) >= 2
    ]
    return MapLayer(name=f"convoys {day_label(routes.day)}", lines=lines, color="#2ca02c")


def with_reach_section(writer: Callable[..., object]) -> Callable[..., object]:
    """Wrap a plan-report writer so that the report also carries the reach check."""

    def write(scenario: Scenario, demand: Demand, plan: Plan, path: Path) -> object:
        return writer(scenario, demand, plan, path,
                      extra_sections=(reach_section(reach_for(scenario, demand)),))  # fmt: skip

    return write


def print_reach_flags(scenario: Scenario, demand: Demand, out: Console) -> None:
    """One line for the reach check, and one per flagged unit (for the plan summary)."""
    check = reach_for(scenario, demand)
    flagged = check.flagged
    style = "red" if flagged else "green"
    out.print(f"[{style}]reach check: {len(flagged)} of {len(check.rows)} unit(s) beyond "
              "what their trucks can sustain[/]", highlight=False)  # fmt: skip
    for r in flagged:
        out.print(f"  {r.unit}: {r.reason}", markup=False, highlight=False)


def _routes_report_writer() -> RoutesReportWriter:
    from supplyline.reports import write_plan_report

    def write(
        scenario: Scenario, demand: Demand, plan: Plan, routes: Routes, reach: ReachCheck,
        path: Path,
    ) -> object:  # fmt: skip
        sections: Sequence[ReportSection] = (routes_section(routes), reach_section(reach))
        return write_plan_report(
            scenario, demand, plan, path, extra_sections=sections,
            map_layers=(routes_layer(scenario, routes),),
        )  # fmt: skip

    return write


def _headline(routes: Routes) -> str:
    style = "green" if not routes.unserved else "red"
    return (
        f"[bold]{routes.scenario}[/] {day_label(routes.day)} ({routes.date}): "
        f"{len(routes.routes)} truck(s), {routes.delivered_t:,.1f} t delivered, "
        f"[{style}]{routes.unserved_t:,.1f} t unserved[/], "
        f"{routes.total_distance_km:,.1f} km, cost {routes.total_cost:,.2f} "
        f"(deliveries from the {routes.source}; {routes.solve_s:.1f} s)"
    )


@app.command("routes")
def routes_cmd(
    folder: Path = typer.Argument(..., help="Scenario folder (with scenario.yaml)."),
    day: int = typer.Option(..., "--day", "-d", help="Day to route, counted from the start (C+N)."),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Write routes.csv, trucks.csv, unserved.csv, routes.geojson."
    ),
    from_demand: bool = typer.Option(
        False,
        "--from-demand",
        help="Route each unit's requirement instead of the plan's deliveries.",
    ),
    time_limit: float = typer.Option(10.0, "--time-limit", min=0.01, help="Router seconds."),
    seed: int = typer.Option(0, "--seed", help="Seed of the router's search."),
    single_trip: bool = typer.Option(
        False, "--single-trip", help="Trucks make one trip a day (no reloading at the depot)."
    ),
    report: Path | None = typer.Option(
        None, "--report", help="Also write the plan's HTML report with these routes on its map."
    ),
    fmt: OutputFormat = typer.Option(
        OutputFormat.TABLE, "--format", "-f", help="table for people; csv or json for programs."
    ),
) -> None:
    """Route the trucks of every depot to bring the day's deliveries to the units.

    Deliveries larger than a truck are split into equal truck-loads; anything that cannot
    be brought is listed with the reason (no truck, drivers' hours, window, too few trucks).
    """
    params = ConvoyParams(
        router=RouterParams(time_limit_s=time_limit, seed=seed), multi_trip=not single_trip
    )
    with err.status("routing…") as status:
        run = route_scenario_day(
            folder,
            day=day,
            out=out,
            from_demand=from_demand,
            params=params,
            report=(report, _routes_report_writer()) if report is not None else None,
            progress=lambda msg: status.update(msg),
        )
    print_warnings(run.opened.warnings, err)
    routes = run.routes
    trucks, unserved = truck_rows(routes), unserved_rows(routes)
    if fmt is OutputFormat.TABLE:
        console.print(_headline(routes), highlight=False)
        if trucks:
            cols = ["truck", "depot", "trips", "stops", "start_h", "end_h", "km", "tonnes", "cost"]
            emit_rows(trucks, cols, fmt, console=console, title="Trucks")
        if unserved:
            cols = ["unit", "tonnes", "reason", "detail"]
            emit_rows(unserved, cols, fmt, console=console, title="Not delivered")
        for note in routes.notes:
            console.print(f"note: {note}", style="dim", markup=False, highlight=False)
    else:
        rows: list[dict[str, Any]] = [{**r, "kind": "truck"} for r in trucks]
        rows += [{**u, "kind": "unserved", "truck": None} for u in unserved]
        cols = ["kind", "truck", "depot", "trips", "stops", "km", "tonnes", "unit", "reason",
                "detail"]  # fmt: skip
        emit_rows(rows, cols, fmt, console=console)
    if run.files:
        err.print(f"wrote {', '.join(str(p) for p in run.files)}", highlight=False)


def _reach_rows(check: ReachCheck) -> list[dict[str, Any]]:
    return [
        {
            "unit": r.unit,
            "railhead": r.railhead,
            "road_km": None if r.road_km is None else round(r.road_km, 1),
            "by_road": r.by_road,
            "depot": r.depot,
            "trucks": r.trucks,
            "round_trip_h": None if r.round_trip_h is None else round(r.round_trip_h, 2),
            "turns_per_truck": r.turns_per_truck,
            "daily_t": round(r.daily_t, 2),
            "loads_needed": r.turns_needed,
            "capacity_t": round(r.capacity_t_per_day, 2),
            "depot_load_pct": None if r.depot_load_pct is None else round(r.depot_load_pct, 1),
            "ok": "yes" if r.sustainable else "NO",
            "reason": r.reason,
        }
        for r in check.rows
    ]


@app.command("reach")
def reach_cmd(
    folder: Path = typer.Argument(..., help="Scenario folder (with scenario.yaml)."),
    fmt: OutputFormat = typer.Option(
        OutputFormat.TABLE, "--format", "-f", help="table for people; csv or json for programs."
    ),
) -> None:
    """Check, unit by unit, that its trucks can carry its peak daily demand from the railhead.

    Exits 0 even when units are flagged: the flags are the result (see the ``ok`` column).
    """
    with err.status("checking reach…"):
        run = assess_reach(folder)
    print_warnings(run.opened.warnings, err)
    check = run.check
    rows = _reach_rows(check)
    cols = list(rows[0]) if rows else ["unit"]
    if fmt is OutputFormat.TABLE:
        cols = _REACH_COLS
    title = (
        f"Reach check: {check.scenario} (availability {check.availability:.0%}, "
        f"{check.service_minutes:g} min per stop, detour ×{check.detour_factor:g})"
    )
    emit_rows(rows, cols, fmt, console=console, title=title)
    if fmt is OutputFormat.TABLE:
        flagged = check.flagged
        style = "red" if flagged else "green"
        console.print(f"[{style}]{len(flagged)} of {len(check.rows)} unit(s) flagged[/]")
        for r in flagged:
            console.print(f"  {r.unit}: {r.reason}", markup=False, highlight=False)


@app.command("routes-bench")
def routes_bench_cmd(
    instance: Path = typer.Argument(..., help="A VRPLIB .vrp or Solomon .txt instance."),
    time_limit: float = typer.Option(10.0, "--time-limit", min=0.01, help="Router seconds."),
    bks: str | None = typer.Option(
        None, "--bks", help="Best-known value, or a .sol file re-scored in the same convention."
    ),
    convention: Convention | None = typer.Option(
        None,
        "--convention",
        help="dimacs (Solomon default), hierarchical (vehicles first), cvrplib (.vrp default).",
    ),
    seed: int = typer.Option(0, "--seed", help="Seed of the router's search."),
    fmt: OutputFormat = typer.Option(
        OutputFormat.TABLE, "--format", "-f", help="table for people; csv or json for programs."
    ),
) -> None:
    """Solve a standard instance with supplyline's router: cost, vehicles, time, gap to BKS."""
    with err.status(f"solving {instance.name} for {time_limit:g} s…"):
        run = bench_instance(
            instance, time_limit_s=time_limit, bks=bks, convention=convention, seed=seed
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
    emit_rows([row], list(row), fmt, console=console, title="Router on a standard instance")
    if not run.feasible:
        err.print("error: no feasible solution within the time limit", style="bold red")
        raise typer.Exit(1)

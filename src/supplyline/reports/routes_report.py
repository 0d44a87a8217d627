"""Convoy routes and the reach check, as sections and a map layer of the plan report.

The plan report takes extra sections and map layers; this module makes them from routing
results, so that ``supplyline plan --report`` carries the reach check and
``supplyline routes --report`` also draws the day's convoys.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from supplyline.domain import Demand, Plan, Scenario
from supplyline.domain.rounding import adding_decimals
from supplyline.domain.routes import ReachCheck, Routes
from supplyline.errors import require
from supplyline.io.earlier_reports import ReportOf, identity_meta
from supplyline.io.route_files import (
    depot_short_rows,
    on_site_rows,
    routes_id,
    truck_rows,
    unserved_rows,
)
from supplyline.reports.plan_report import write_plan_report
from supplyline.reports.sections import MapLayer, MapPolyline, ReportSection, Table
from supplyline.routing.reach import REACH_COLUMNS, reach_rows
from supplyline.types import day_label

__all__ = [
    "reach_section",
    "routes_layer",
    "routes_section",
    "write_plan_report_with_reach",
    "write_routes_report",
]

_TRUCK_COLUMNS = ("truck", "depot", "trips", "stops", "start_h", "end_h", "km", "tonnes", "cost")
_UNSERVED_COLUMNS = ("unit", "tonnes", "reason", "detail")
_DEPOT_SHORT_COLUMNS = ("depot", "commodity", "held_t", "asked_t", "short_t")
_ON_SITE_COLUMNS = ("unit", "location", "tonnes", "load_t")


def reach_section(check: ReachCheck) -> ReportSection:
    """The reach check as a report section: one row per unit, the flagged ones explained."""
    rows = reach_rows(check)
    flagged = check.flagged
    if check.trucks == 0:
        return ReportSection(
            id="reach-check",
            title="Reach check: can the trucks keep up?",
            intro="Skipped: the scenario has no trucks (no fleet.csv) to check.",
        )
    return ReportSection(
        id="reach-check",
        title="Reach check: can the trucks keep up?",
        intro=(
            f"Each unit's peak daily demand against what the trucks serving it carry a day: "
            f"trucks × availability ({check.availability:.0%}) × turns within drivers' hours "
            f"× payload, from where its goods come by road (the nearest depot holding them "
            f"whose trucks can serve it, else the nearest railhead, port, airfield or stock) "
            f"({check.service_minutes:g} min per stop). {len(flagged)} of {len(check.rows)} "
            f"unit(s) flagged."
        ),
        tables=(
            Table(
                columns=REACH_COLUMNS, rows=tuple(tuple(r[c] for c in REACH_COLUMNS) for r in rows)
            ),
        ),
        notes=tuple(f"{r.unit}: {r.reason}" for r in flagged),
    )


def routes_section(routes: Routes) -> ReportSection:
    """A day's convoy routes as a report section: trucks, and what is not delivered."""
    trucks = truck_rows(routes)
    tables = [
        Table(
            columns=_TRUCK_COLUMNS,
            caption="Trucks on the road",
            rows=tuple(tuple(t[c] for c in _TRUCK_COLUMNS) for t in trucks),
        )
    ]
    drawn = on_site_rows(routes)
    if drawn:
        tables.append(
            Table(
                columns=_ON_SITE_COLUMNS,
                caption="Drawn on site (from the stock of the unit's own place, no truck)",
                rows=tuple(tuple(d[c] for c in _ON_SITE_COLUMNS) for d in drawn),
            )
        )
    missing = unserved_rows(routes)
    if missing:
        tables.append(
            Table(
                columns=_UNSERVED_COLUMNS,
                caption="Not delivered",
                rows=tuple(tuple(u[c] for c in _UNSERVED_COLUMNS) for u in missing),
            )
        )
    short = depot_short_rows(routes)
    if short:
        tables.append(
            Table(
                columns=_DEPOT_SHORT_COLUMNS,
                caption=f"Depots asked for more than they hold (by {routes.depot_stock_basis})",
                rows=tuple(tuple(d[c] for c in _DEPOT_SHORT_COLUMNS) for d in short),
            )
        )
    k = adding_decimals([routes.delivered_t, routes.on_site_t, routes.unserved_t])
    return ReportSection(
        id="convoy-routes",
        title=f"Convoy routes {day_label(routes.day)} ({routes.date})",
        intro=(
            f"{len(routes.routes)} truck(s) bring {routes.delivered_t:,.{k}f} t over "
            f"{routes.total_distance_km:,.0f} km; {routes.on_site_t:,.{k}f} t drawn on site; "
            f"{routes.unserved_t:,.{k}f} t not delivered "
            f"(deliveries from the {routes.source})."
        ),
        tables=tuple(tables),
        notes=routes.notes,
    )


def routes_layer(scenario: Scenario, routes: Routes) -> MapLayer:
    """The day's truck paths as lines for the report's network map."""
    where = scenario.location_by_id
    lines = [
        MapPolyline(points=tuple((where[x].lon, where[x].lat) for x in r.path), label=r.truck)
        for r in routes.routes
        if len(r.path) >= 2
    ]
    return MapLayer(name=f"convoys {day_label(routes.day)}", lines=lines)


def write_plan_report_with_reach(
    scenario: Scenario, demand: Demand, plan: Plan, reach: ReachCheck, path: Path
) -> Path:
    """The plan report with the reach-check section (``supplyline plan --report``)."""
    require(reach, ReachCheck, "reach")  # None failed deep in the section's table
    return write_plan_report(scenario, demand, plan, path, extra_sections=(reach_section(reach),))


def write_routes_report(
    scenario: Scenario, demand: Demand, plan: Plan, routes: Routes, reach: ReachCheck, path: Path
) -> Path:
    """The plan report with the day's convoys on its map, their table and the reach check.

    It carries the routes' :func:`~supplyline.io.route_files.routes_id` (route files
    written over these remove it when it is in their folder).
    """
    sections: Sequence[ReportSection] = (routes_section(routes), reach_section(reach))
    return write_plan_report(
        scenario,
        demand,
        plan,
        path,
        extra_sections=sections,
        map_layers=(routes_layer(scenario, routes),),
        meta=(identity_meta(ReportOf.ROUTES, routes_id(routes)),),
    )

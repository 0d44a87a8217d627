"""Convoy routes and the reach check, as sections and a map layer of the plan report.

The plan report takes extra sections and map layers; this module makes them from routing
results, so that ``supplyline plan --report`` carries the reach check and
``supplyline routes --report`` also draws the day's convoys.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from supplyline.domain import Demand, Link, Mode, Plan, Scenario
from supplyline.domain.routes import NO_UNITS_WORDS, ReachCheck, Routes, TruckRoute
from supplyline.errors import Issue, require
from supplyline.io.earlier_reports import ReportOf, identity_meta
from supplyline.io.route_files import depot_short_rows, routes_id
from supplyline.io.route_tables import day_tables, loads_source, nothing_to_deliver
from supplyline.reports.map_bundles import bundles
from supplyline.reports.plan_report import write_plan_report
from supplyline.reports.report_stages import ReportProgress
from supplyline.reports.sections import MapLayer, MapPolyline, ReportSection, Table
from supplyline.reports.warnings_section import warnings_section
from supplyline.routing.reach import REACH_COLUMNS, cut_off_words, reach_rows
from supplyline.routing.reach_counts import flagged_count_words
from supplyline.routing.reach_table import REACH_HEADINGS, shown_rows
from supplyline.types import day_label, figure_text

__all__ = [
    "convoy_label",
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
_ARRIVED_COLUMNS = ("unit", "location", "tonnes", "load_t", "arrived_by", "link")

HEADINGS = {
    **REACH_HEADINGS,  # as the `reach` table heads them
    "truck": "truck",
    "trips": "trips",
    "stops": "stops",
    "start_h": "leaves at h",
    "end_h": "back at h",
    "km": "km",
    "tonnes": "t",
    "cost": "cost (the fleet's cost units)",
    "reason": "reason",
    "detail": "detail",
    "commodity": "commodity",
    "held_t": "held t",
    "asked_t": "asked t",
    "short_t": "short t",
    "location": "location",
    "load_t": "load",
    "arrived_by": "arrived by",
    "link": "link",
}
"""Each route or reach column's heading in the report: words and units, not the CSV's
names (a tester's report showed ``turns_per_truck`` and ``depot_load_pct``)."""


def _loads_words(load: str) -> str:
    """A CSV load cell in words, the most tonnes first: ``water 97.5 t, medical 0.13 t``.

    ``hygiene=0.098;medical=0.130;water=97.500`` is the files' form (sorted by name, to
    the kilogram); the report says each commodity's tonnes as a figure reads.
    """
    parts = [part.partition("=") for part in load.split(";") if part]
    tonnes = sorted(((c, float(t)) for c, _, t in parts), key=lambda p: (-p[1], p[0]))
    return ", ".join(f"{c} {figure_text(t)} t" for c, t in tonnes)


def _table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    caption: str = "",
    least: Mapping[str, int] | None = None,
) -> Table:
    """The rows as a table under plain headings, loads in words.

    ``least``: a column's least decimals, those of the intro's figure its rows add up to.
    """
    return Table(
        columns=tuple(HEADINGS[c] for c in columns),
        caption=caption,
        rows=tuple(
            tuple(_loads_words(r[c]) if c == "load_t" else r[c] for c in columns) for r in rows
        ),
        least=tuple((HEADINGS[c], k) for c, k in (least or {}).items() if c in columns),
    )


def reach_section(check: ReachCheck) -> ReportSection:
    """The reach check as a report section: one row per unit, the flagged ones explained."""
    rows = shown_rows(reach_rows(check))
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
            f"× payload, from where its goods come by road (the depot the movement plan's "
            f"road legs bring them from, as the routes load them, else the nearest depot "
            f"holding them whose trucks can serve it, else the nearest railhead, port, "
            f"airfield or stock) "
            f"({check.service_minutes:g} min per stop). "
            + (f"{NO_UNITS_WORDS}." if check.units == 0 else f"{flagged_count_words(check)}.")
        ),
        tables=(_table(rows, REACH_COLUMNS),),
        notes=(
            *(f"{r.unit}: {r.reason}" for r in (*flagged, *check.never_arriving)),
            *(f"{r.unit} (ok): {said}" for r in check.rows if (said := cut_off_words(r))),
        ),
    )


_TRUCKS_CAPTION = (
    "Trucks on the road; hours of the day from midnight. Cost: fleet.csv's fixed_cost and "
    "cost_per_km, in whatever units they are given (fleet.csv names no currency)."
)


def _noted(caption: str, note: str | None) -> str:
    """A table's caption with its rounding note after it, as the CLI says it under the table."""
    if note is None:
        return caption
    return f"{caption} {note}" if caption.endswith(".") else f"{caption}. {note}"


def routes_section(routes: Routes, said_above: Sequence[str] = ()) -> ReportSection:
    """A day's convoy routes as a report section: trucks, and what is not delivered.

    ``said_above``: notes of the routes the report says elsewhere (the plan not proven
    best, in its Summary), left out here.

    Its intro and tables say the figures the CLI's ``routes`` says
    (:func:`~supplyline.io.route_tables.day_tables`): the tables' rows add up to the
    intro's figures as read, each quantity to one number of decimals. The intro had
    rounded its tonnes its own way and its km whole, beside a trucks' table whose rows
    were each rounded alone and the CLI's figures, which add up.
    """
    tables = day_tables(routes)
    figures = tables.figures
    found = [
        _table(
            tables.trucks,
            _TRUCK_COLUMNS,
            _noted(_TRUCKS_CAPTION, tables.trucks_note),
            figures.columns("trucks"),
        )
    ]
    if tables.drawn:
        found.append(
            _table(
                tables.drawn,
                _ON_SITE_COLUMNS,
                _noted(
                    "Drawn on site (from the stock of the unit's own place, no truck)",
                    tables.drawn_note,
                ),
                figures.columns("drawn"),
            )
        )
    if tables.landed:
        found.append(
            _table(
                tables.landed,
                _ARRIVED_COLUMNS,
                _noted(
                    "Arrived at the unit's own place by the plan's air, rail or water legs "
                    "(no truck)",
                    tables.landed_note,
                ),
                figures.columns("landed"),
            )
        )
    if tables.unserved:
        caption = _noted("Not delivered", tables.unserved_note)
        found.append(
            _table(tables.unserved, _UNSERVED_COLUMNS, caption, figures.columns("unserved"))
        )
    short = depot_short_rows(routes)
    if short:
        found.append(
            _table(
                short,
                _DEPOT_SHORT_COLUMNS,
                f"Depots asked for more than they hold (by {routes.depot_stock_basis})",
            )
        )
    t = figures.text
    quiet = nothing_to_deliver(routes)
    arrived = (
        f"{t('arrived')} t arrived by {routes.arrived_by} (no truck); "
        if routes.arrived_t > 0
        else ""
    )
    return ReportSection(
        id="convoy-routes",
        title=f"Convoy routes {day_label(routes.day)} ({routes.date})",
        intro=(
            f"Nothing to deliver on {day_label(routes.day)}: {quiet}."
            if quiet is not None
            else f"{len(routes.routes)} truck(s) bring {t('delivered')} t over {t('km')} km at a "
            f"cost of {t('cost')}; {t('on_site')} t drawn on site; {arrived}"
            f"{t('unserved')} t not delivered ({loads_source(routes)})."
        ),
        tables=tuple(found),
        notes=tuple(note for note in routes.notes if note not in said_above),
    )


_LISTED = 3
"""A convoy label lists up to this many trucks; more read as the busiest two and "+N more"."""


def _stops_in_order(path: Sequence[str]) -> tuple[str, ...]:
    """A truck's path without a place repeated in a row (two units served at one place)."""
    return tuple(x for i, x in enumerate(path) if i == 0 or x != path[i - 1])


def convoy_label(trucks: Sequence[TruckRoute]) -> str:
    """The label of trucks that leave on one leg: each truck and its tonnes, busiest first.

    One line a truck, up to three; more read as the busiest two and a line
    ``+N more, T t``, so that a depot with a dozen trucks on one road keeps a small label.
    """
    order = sorted(trucks, key=lambda r: (-r.tonnes, r.truck))
    shown = order if len(order) <= _LISTED else order[: _LISTED - 1]
    lines = [f"{r.truck} {figure_text(r.tonnes)} t" for r in shown]
    if rest := order[len(shown) :]:
        lines.append(f"+{len(rest)} more, {figure_text(sum(r.tonnes for r in rest))} t")
    return "\n".join(lines)


def _legs_on_roads(
    by_pair: Mapping[tuple[str, str], Sequence[Link]], route: TruckRoute, path: Sequence[str]
) -> tuple[tuple[str, str, str] | None, ...]:
    """Each leg of a truck's path with the road it drives, where one road joins its places.

    The road its stops' loads ride over from one place to the next (``Stop.roads``), else,
    for the empty run back to the depot, the road that runs that way (the first across
    the way, as the map lays them out, where several do); None for a leg that drives
    through other places or on no road (an estimate): it is drawn straight. ``by_pair``:
    the scenario's links by the places they join (:func:`~supplyline.reports.map_bundles.
    bundles`). The map draws the leg on its road's line: a convoy over the road beside a
    rail line had been drawn between the two.
    """
    ridden = {(a, b): link for s in route.stops for link, a, b in s.roads}
    legs: list[tuple[str, str, str] | None] = []
    for a, b in itertools.pairwise(path):
        link = ridden.get((a, b))
        if link is None and b == route.depot:
            back = [
                lk.id
                for lk in by_pair.get((min(a, b), max(a, b)), ())
                if lk.mode is Mode.ROAD
                and (lk.bidirectional or (lk.origin, lk.destination) == (a, b))
            ]
            link = back[0] if back else None
        legs.append(None if link is None else (link, a, b))
    return tuple(legs)


def routes_layer(scenario: Scenario, routes: Routes) -> MapLayer:
    """The day's truck paths as lines for the report's network map, labelled.

    Each truck is labelled on its first leg out of its depot with its id and tonnes; trucks
    whose first legs join the same two places share one label, which lists them
    (:func:`convoy_label`): trucks from one depot often take the same first road, and their
    labels, each at its own line's middle, would lie on top of each other. The report drew
    no label at all before.
    """
    where = scenario.location_by_id
    paths = {r.truck: _stops_in_order(r.path) for r in routes.routes}
    legs: dict[frozenset[str], list[TruckRoute]] = {}
    for r in routes.routes:
        if len(paths[r.truck]) >= 2:
            legs.setdefault(frozenset(paths[r.truck][:2]), []).append(r)
    labels = {
        min(group, key=lambda r: (-r.tonnes, r.truck)).truck: convoy_label(group)
        for group in legs.values()
    }
    by_pair = bundles(scenario.links)
    lines = [
        MapPolyline(
            points=tuple((where[x].lon, where[x].lat) for x in paths[r.truck]),
            label=labels.get(r.truck, ""),
            label_segment=0,
            links=_legs_on_roads(by_pair, r, paths[r.truck]),
        )
        for r in routes.routes
        if len(paths[r.truck]) >= 2
    ]
    return MapLayer(
        name=f"convoys {day_label(routes.day)}",
        lines=lines,
        label_lines=True,
        label_note=(
            "convoy labels left off where places crowd: {left_off} of {labels} "
            "(the trucks table lists every convoy)"
        ),
    )


def write_plan_report_with_reach(
    scenario: Scenario,
    demand: Demand,
    plan: Plan,
    reach: ReachCheck,
    path: Path,
    *,
    warnings: Sequence[Issue] = (),
    warned: Sequence[str] = (),
    force: bool = False,
    progress: ReportProgress | None = None,
    plan_identity: str | None = None,
) -> Path:
    """The plan report with the reach-check section (``supplyline plan --report``).

    ``warnings``: the scenario's, as its load found them (``validate``'s), in a section of
    their own after the reach check, after ``warned``: what ``plan`` warned of after the
    solve, in its words (:func:`~supplyline.services.plan_warnings.plan_warnings`).
    ``force``: replace a file at ``path`` that supplyline did not write
    (:func:`~supplyline.reports.plan_report.write_plan_report`).
    ``progress``: hears each slow stage of the report before it starts
    (:data:`~supplyline.reports.report_stages.REPORT_STAGES`). ``plan_identity``: the
    plan's :func:`~supplyline.io.plan_files.plan_id`, computed once by the run
    (:func:`~supplyline.reports.plan_report.write_plan_report`).
    """
    require(reach, ReachCheck, "reach")  # None failed deep in the section's table
    sections = [reach_section(reach), warnings_section(warnings, warned)]
    return write_plan_report(
        scenario,
        demand,
        plan,
        path,
        extra_sections=[s for s in sections if s is not None],
        force=force,
        progress=progress,
        plan_identity=plan_identity,
    )


def write_routes_report(
    scenario: Scenario,
    demand: Demand,
    plan: Plan,
    routes: Routes,
    reach: ReachCheck,
    path: Path,
    *,
    warnings: Sequence[Issue] = (),
    warned: Sequence[str] = (),
    force: bool = False,
    not_proven: Sequence[str] = (),
    progress: ReportProgress | None = None,
    plan_identity: str | None = None,
) -> Path:
    """The plan report with the day's convoys on its map, their table and the reach check.

    Titled "Routes report: <scenario>, C+N (date)", for the day routed. ``warned``: what
    ``routes`` warned of (:func:`~supplyline.services.routes_warnings.routes_warnings`),
    and ``warnings``: the scenario's, in the plan report's Warnings section, last.
    ``not_proven``: the warning of a plan not proven best, said once, in the Summary's
    first sentence (:func:`~supplyline.reports.plan_report.write_plan_report`): the
    report had said it under the convoys (a note of the routes) and again among the
    Warnings; the caller leaves it out of ``warned``.
    ``force``: replace a file at ``path`` that supplyline did not write
    (:func:`~supplyline.reports.plan_report.write_plan_report`).
    ``progress``: hears each slow stage of the report before it starts
    (:data:`~supplyline.reports.report_stages.REPORT_STAGES`).

    It carries the routes' :func:`~supplyline.io.route_files.routes_id` (route files
    written over these remove it when it is in their folder), and the plan's
    ``plan_identity`` (:func:`~supplyline.io.plan_files.plan_id`; computed here without it).
    """
    sections = [
        routes_section(routes, said_above=not_proven),
        reach_section(reach),
        warnings_section(warnings, warned),
    ]
    return write_plan_report(
        scenario,
        demand,
        plan,
        path,
        extra_sections=[s for s in sections if s is not None],
        map_layers=(routes_layer(scenario, routes),),
        title=f"Routes report: {scenario.name}, {day_label(routes.day)} ({routes.date})",
        meta=(identity_meta(ReportOf.ROUTES, routes_id(routes)),),
        force=force,
        not_proven="; ".join(not_proven),
        progress=progress,
        plan_identity=plan_identity,
    )

"""The HTML plan report: one self-contained file a planner can open with no internet.

It gathers the headline figures, the summary tables, the plots (days of supply per unit,
flows by mode) and the network map into one page, then appends the caller's extra
sections. Plots are inline SVG, styles are inline CSS, and there is no script: the file
shows the same on a laptop in a field headquarters as on a desk with a fast line.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import escape
from matplotlib.figure import Figure

from supplyline import __version__
from supplyline.domain import Demand, Plan, PlanStatus, Scenario, check_plan_of
from supplyline.domain.rounding import rounded, said_delivery
from supplyline.domain.routes import NO_UNITS_WORDS
from supplyline.errors import ArgumentError, require, require_callable
from supplyline.io.atomic import move_into_place, scratch_file_for, writing
from supplyline.io.destinations import check_file_target, check_own_file
from supplyline.io.earlier_reports import ReportOf, identity_meta
from supplyline.io.file_names import HTML_SUFFIXES
from supplyline.io.own_files import REPORT
from supplyline.io.plan_files import plan_id
from supplyline.planning.arrival import demand_on_arrival, never_there
from supplyline.planning.summary import (
    CLOSURES_TITLE,
    bottleneck_caveats,
    bottleneck_note,
    closure_days_note,
    unpriced_stores_note,
)
from supplyline.reports.bidi import isolating, scenario_words
from supplyline.reports.figures import (
    figure_to_svg,
    flows_by_mode_figure,
    unit_supply_figure,
    units_to_show,
)
from supplyline.reports.headline_cards import headline_cards
from supplyline.reports.markup import breakable_short, labelled_svg, titled_groups
from supplyline.reports.network_map import NetworkMap, network_map, theatre_box
from supplyline.reports.report_stages import REPORT_STAGES, ReportProgress, silent
from supplyline.reports.sections import MapLayer, ReportSection
from supplyline.reports.summary import (
    bottleneck_table,
    closure_table,
    closures_held_table,
    headline,
    mode_table,
    shortfall_table,
    solve_table,
    target_table,
)
from supplyline.routing.reach_absent import NEVER_ARRIVES
from supplyline.staged_file import check_file_name
from supplyline.types import (
    GRAM_DECIMALS,
    counted,
    day_label,
    figure_text,
    figures_decimals,
    to_gram,
    written_text,
)

__all__ = ["MADE_META", "made_text", "render_plan_report", "write_plan_report"]

MADE_META = "supplyline-made"
"""The ``<meta name>`` of the time the report was made."""


def made_text(made: dt.datetime) -> str:
    """When a report was made, in UTC to the second, ISO 8601.

    A naive time is taken as UTC.

    >>> made_text(dt.datetime(2026, 3, 1, 14, 5, 9, 123, tzinfo=dt.UTC))
    '2026-03-01T14:05:09Z'
    """
    utc = made.replace(tzinfo=dt.UTC) if made.tzinfo is None else made.astimezone(dt.UTC)
    return utc.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


_STATUS_WORDS = {
    PlanStatus.OPTIMAL: "optimal (proven best)",
    PlanStatus.FEASIBLE: "feasible, not proven best (stopped early)",
    PlanStatus.NO_SOLUTION: "no plan found (stopped before any)",
}


OBJECTIVE_NOTE = (
    "The objective (weighted total) is what the plan minimises: shortfall penalties, "
    "lateness, days-of-supply gaps, transport cost and holding, each at its weight; it has "
    "no unit of its own. Compare plans of one scenario by it, not plans of different ones."
)
"""What the objective card is, said under the summary."""


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("supplyline.reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["labelled_svg"] = labelled_svg
    env.tests["breakable_short"] = breakable_short
    return env


def _never_drawn(units: Sequence[str]) -> str:
    """The days-of-supply chart's note of the units it leaves out: they never arrive."""
    which = "it" if len(units) == 1 else "each"
    return (
        f"Not drawn: {', '.join(units)}; {which} {NEVER_ARRIVES} at its destination within "
        "the horizon, so holds no supply there (the reach check says so too)."
    )


def _svg(fig: Figure | None, prefix: str) -> str:
    return "" if fig is None else figure_to_svg(fig, prefix)


def _map_svg(drawn: NetworkMap | None, prefix: str, label: str) -> str:
    """A map's SVG, labelled, its links titled, and a line under it for each of its notes."""
    if drawn is None:
        return ""
    notes = "".join(f'\n<p class="map-note">{escape(note)}</p>' for note in drawn.notes)
    titles = {f"{prefix}-{gid}": title for gid, title in drawn.titles.items()}
    return labelled_svg(titled_groups(figure_to_svg(drawn.figure, prefix), titles), label) + notes


def _network_svg(
    scenario: Scenario, plan: Plan, layers: Sequence[MapLayer], say: ReportProgress
) -> str:
    """The whole network, and a second map of the units' area when it is a small corner."""
    what = (
        f"{len(scenario.locations)} places, {len(scenario.links)} links, widths by tonnes planned"
    )
    say(REPORT_STAGES["map"])
    whole = _map_svg(network_map(scenario, plan, layers), "map", f"Map of the network: {what}")
    zoom = theatre_box(scenario)
    if zoom is None:
        return whole
    say(REPORT_STAGES["theatre"])
    theatre = _map_svg(
        network_map(scenario, plan, layers, box=zoom, title="The units' area"),
        "theatre",
        f"Map of the units' area of the network: {what}",
    )
    return whole + "\n" + theatre


def _places(scenario: Scenario, demand: Demand, plan: Plan) -> int:
    """Decimals of the summary's tonnes, and of the tables' columns that show them too.

    A figure the summary says and a table shows reads the same in both
    (:func:`~supplyline.types.figure_text`): the tonnes moved as the "all modes" row,
    the tonnes short as the shortfalls' total, and those columns take the summary's
    decimals in turn (each may ask for more than the other's, so they are taken until
    all hold).
    """
    h = headline(demand, plan)
    figures = (h.short_t, h.demand_t, h.delivered_t, h.buildup_not_delivered_t, h.moved_t)
    places = 0
    for _ in range(GRAM_DECIMALS + 1):
        columns = [
            table.column_decimals()[table.columns.index(said)]
            for table, said in (
                (mode_table(scenario, plan, places), "tonnes"),
                (shortfall_table(demand, plan, places), "short t"),
            )
            if table.rows
        ]
        needed = figures_decimals(*figures, at_least=max(columns, default=0))
        if needed == places:
            break
        places = needed
    return places


def _short_of_consumed(short: str, consumed: str) -> str:
    """What of the units' consumption cannot be delivered, as the summary says it.

    Of nothing consumed, nothing can fall short: a tester's plan of a deployment alone
    read "0 t of the 0 t the units consume cannot be delivered".

    >>> _short_of_consumed("0", "0")
    'the units consume nothing over the horizon, so none of it can fall short'
    >>> _short_of_consumed("4.50", "20.00")
    '4.50 t of the 20.00 t the units consume cannot be delivered'
    """
    if consumed == "0":
        return "the units consume nothing over the horizon, so none of it can fall short"
    return f"{short} t of the {consumed} t the units consume cannot be delivered"


def _plan_sections(
    scenario: Scenario,
    demand: Demand,
    plan: Plan,
    *,
    map_layers: Sequence[MapLayer],
    max_unit_panels: int,
    top_bottlenecks: int,
    not_proven: str,
    warned: bool,
    say: ReportProgress,
) -> list[ReportSection]:
    h = headline(demand, plan, scenario)
    places = _places(scenario, demand, plan)
    status = f"{plan.status.value}: {not_proven}" if not_proven else _STATUS_WORDS[plan.status]
    # read together, and as the CLI's headline says them: rounded to add up
    decimals = figures_decimals(
        h.short_t, h.demand_t, h.delivered_t, h.buildup_not_delivered_t, at_least=places
    )
    said = said_delivery(
        h.delivered_t, h.short_t, h.buildup_not_delivered_t, h.to_deliver_t, decimals
    )
    short, consumed, delivered, unstocked = written_text(
        [said[1], rounded(h.demand_t, decimals), said[0], said[2]], decimals, kept=places
    )
    sections = [
        ReportSection(
            id="summary",
            title="Summary",
            intro=(
                f"The plan is {status}. It moves "
                f"{figure_text(h.moved_t, places)} t (each leg counted) over "
                f"{counted(plan.horizon_days, 'day')} for {counted(h.units or 0, 'unit')}; "
                + _short_of_consumed(short, consumed)
                + f" ({delivered} t delivered, days-of-supply build-up included)."
                + (
                    f" {unstocked} t of days-of-supply build-up "
                    "is not delivered by the horizon's end (a soft target: see the targets not "
                    "met)."
                    if to_gram(h.buildup_not_delivered_t) > 0
                    else ""
                )
            ),
            tables=(mode_table(scenario, plan, places),),
            notes=(
                OBJECTIVE_NOTE,
                # the total's reading by tier is under its card (headline_cards)
                *(  # the untried outages are said under the bottlenecks
                    f"{note[0].upper()}{note[1:]}."
                    for note in plan.stats.notes
                    if note != plan.stats.outages_note
                ),
                *(() if plan.movements else ("The plan moves nothing.",)),
                *((f"Nothing to deliver: {NO_UNITS_WORDS}.",) if h.units == 0 else ()),
            ),
        ),
        ReportSection(
            id="map",
            title="Network and planned flows",
            figure_svg=_network_svg(scenario, plan, map_layers, say),
            figure_caption=(
                "Links are drawn straight between their ends, as wide as the tonnes planned on "
                "them over the horizon and coloured by mode; a link that carries people and no "
                "tonnes is dashed, as wide as its people (the legend gives the scale). Links "
                "that join the same two places are drawn side by side, each its own width; "
                "a link closed the whole horizon is black dash-dots, one closed on some days has "
                "black dots over it. The mouse on any link shows what it carries (or that it "
                "carries nothing) and the days it is closed. A place "
                "whose name has no room beside it is numbered, and named in the list under its "
                "map; when the units "
                "stand in a small corner of the network, a second map shows their area. "
                "Country outlines: Natural Earth."
            ),
        ),
    ]
    shortfalls = shortfall_table(demand, plan, places)
    sections.append(
        ReportSection(
            id="shortfalls",
            title="Shortfalls by unit and commodity",
            tables=(shortfalls,),
            notes=() if shortfalls.rows else (_no_shortfall_words(plan),),
        )
    )
    targets = target_table(demand, plan)
    if targets.rows:
        sections.append(
            ReportSection(id="targets", title="Days-of-supply targets not met", tables=(targets,))
        )
    closures = closure_table(scenario, plan)
    sections.append(
        ReportSection(
            id="closure",
            title="Unit closure",
            intro="When the last of each deploying unit's lift arrives, against its required day.",
            tables=(closures,),
            notes=(
                ("No unit deploys in this plan.",)
                if not closures.rows
                else tuple(n for n in [closure_days_note(plan)] if n is not None)
            ),
        )
    )
    bottlenecks = bottleneck_table(plan, top_bottlenecks)
    sections.append(
        ReportSection(
            id="bottlenecks",
            title="Bottlenecks",
            tables=(bottlenecks,),
            notes=tuple(
                f"{note[0].upper()}{note[1:]}."
                for note in [
                    bottleneck_note(plan, warned=warned),
                    plan.stats.outages_note,
                    unpriced_stores_note(plan, scenario),
                    *bottleneck_caveats(plan, top_bottlenecks),
                ]
                if note is not None
            ),
        )
    )
    held = closures_held_table(plan)
    if held.rows:  # every closure, never cut by the capacities' top N
        sections.append(ReportSection(id="closures", title=CLOSURES_TITLE, tables=(held,)))
    never = never_there(scenario)  # no panel: they hold nothing at their destination
    shown = units_to_show(plan, demand, max_unit_panels, leave_out=never)
    hidden = len(demand.unit_ids) - len(never) - len(shown)
    say(REPORT_STAGES["supply"])
    sections.append(
        ReportSection(
            id="supply",
            title="Days of supply per unit",
            figure_svg=_svg(unit_supply_figure(scenario, demand, plan, shown), "supply"),
            figure_caption=(
                "Stock the unit holds at the end of each day, in days at the daily rate its "
                "days-of-supply target is set at that day (its mean consumption over the days "
                "ahead; its average daily consumption where it has no target; 0 for a unit "
                "that holds none of its own). Dashed: the target; dotted: the day it is in "
                "place (a deploying unit's closure day, when the last of its lift arrives); "
                "dash-dot: its required day, where it differs; red ticks: days with a "
                "shortfall. Curves that lie on one another are named in their panel "
                '("same line: …"): only the top one shows. A unit that never arrives at its '
                "destination within the horizon holds nothing there and gets no panel."
            ),
            notes=(
                *(
                    (
                        f"Showing {len(shown)} of {len(demand.unit_ids) - len(never)} units, "
                        "the most short first.",
                    )
                    if hidden > 0
                    else ()
                ),
                *((_never_drawn(sorted(never)),) if never else ()),
            ),
        )
    )
    say(REPORT_STAGES["flows"])
    sections.append(
        ReportSection(
            id="flows",
            title="Flows by mode over time",
            figure_svg=_svg(flows_by_mode_figure(plan), "flows"),
            figure_caption=(
                "Tonnes departing each day, stacked by mode (deployment included), and under "
                "them, on their own axis, the people departing each day by mode (when the plan "
                "moves any)."
            ),
            notes=() if plan.movements else ("Nothing moves.",),
        )
    )
    sections.append(ReportSection(id="solve", title="Solve", tables=(solve_table(plan),)))
    return sections


def _check_options(
    extra_sections: Sequence[ReportSection],
    map_layers: Sequence[MapLayer],
    max_unit_panels: int,
    top_bottlenecks: int,
) -> None:
    """Raise ArgumentError for a report option no report can have (a count below 0, say)."""
    for value, what in ((max_unit_panels, "max_unit_panels"), (top_bottlenecks, "top_bottlenecks")):
        require(value, int, what)
        if isinstance(value, bool) or value < 0:
            raise ArgumentError(f"{what}(={value!r}) must be a whole number, 0 or more")
    for items, kind, what in (
        (extra_sections, ReportSection, "extra_sections"),
        (map_layers, MapLayer, "map_layers"),
    ):
        require(items, (list, tuple), what)
        for item in items:
            require(item, kind, f"each of {what}")


def _no_shortfall_words(plan: Plan) -> str:
    """The shortfall section's note when nothing falls short, true of units never there.

    "No shortfall: every unit gets all it needs." stood above a unit that never closed.
    """
    never = sum(1 for c in plan.closures if c.days_late is None)
    if not never:
        return "No shortfall: every unit gets all it needs."
    return (
        f"No shortfall of supplies; but {counted(never, 'deploying unit')} cannot close within "
        "the horizon (see Unit closure and Warnings)."
    )


def render_plan_report(
    scenario: Scenario,
    demand: Demand,
    plan: Plan,
    *,
    extra_sections: Sequence[ReportSection] = (),
    map_layers: Sequence[MapLayer] = (),
    title: str | None = None,
    max_unit_panels: int = 12,
    top_bottlenecks: int = 10,
    meta: Sequence[tuple[str, str]] = (),
    made: dt.datetime | None = None,
    not_proven: str = "",
    progress: ReportProgress | None = None,
    plan_identity: str | None = None,
) -> str:
    """The plan report as one HTML string; see :func:`write_plan_report`.

    ``made``: when the report is made, said in its footer and a ``supplyline-made`` tag
    (UTC, ISO 8601); without it the page says no time, so that the same plan renders
    the same bytes (the file written says when: :func:`write_plan_report`).
    ``progress``: hears each slow stage before it starts
    (:data:`~supplyline.reports.report_stages.REPORT_STAGES`). ``plan_identity``: the
    plan's :func:`~supplyline.io.plan_files.plan_id` where the caller has it; else
    computed here.

    Raises :class:`~supplyline.errors.ScenarioError` if the plan or the demand was not
    made for the scenario (a tester's report read another operation's demand).
    """
    require_callable(progress, "progress")  # before the work: 5 failed deep in it
    check_plan_of(scenario, plan)
    # the demand the plan was made for: a tester's report from compute_requirements' own
    # showed a late team fed from its required day, 6 t more than the plan's (a no-op on
    # the plan's demand)
    demand = demand_on_arrival(scenario, demand)
    _check_options(extra_sections, map_layers, max_unit_panels, top_bottlenecks)
    say = progress or silent
    sections = _plan_sections(
        scenario,
        demand,
        plan,
        map_layers=map_layers,
        max_unit_panels=max_unit_panels,
        top_bottlenecks=top_bottlenecks,
        not_proven=not_proven,
        # the Bottlenecks note sends a reader to the Warnings section only where there is one
        warned=any(s.id == "warnings" for s in extra_sections),
        say=say,
    )
    sections.extend(extra_sections)
    ids = [s.id for s in sections]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ArgumentError(f"section ids must be unique; repeated: {', '.join(duplicated)}")
    last = plan.horizon_days - 1
    subtitle = (
        f"Movement plan, {plan.start_date.isoformat()} to {plan.date_of(last).isoformat()} "
        f"(C+0 to {day_label(last)}), status {plan.status.value}"
    )
    stamp = None if made is None else made_text(made)
    say(REPORT_STAGES["page"])
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=title or f"Plan report: {scenario.name}",
        subtitle=subtitle,
        bdi=isolating(scenario_words(scenario)),  # every id and name its own direction
        version=__version__,
        made=stamp,
        meta=[
            identity_meta(ReportOf.PLAN, plan_id(plan) if plan_identity is None else plan_identity),
            *meta,
            *(() if stamp is None else ((MADE_META, stamp),)),
        ],
        cards=headline_cards(scenario, demand, plan, _places(scenario, demand, plan)),
        sections=sections,
    )


def write_plan_report(
    scenario: Scenario,
    demand: Demand,
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    extra_sections: Sequence[ReportSection] = (),
    map_layers: Sequence[MapLayer] = (),
    title: str | None = None,
    max_unit_panels: int = 12,
    top_bottlenecks: int = 10,
    meta: Sequence[tuple[str, str]] = (),
    made: dt.datetime | None = None,
    force: bool = False,
    not_proven: str = "",
    progress: ReportProgress | None = None,
    plan_identity: str | None = None,
) -> Path:
    """Write the self-contained HTML report of a plan to ``path`` and return it.

    Parameters
    ----------
    scenario, demand, plan
        The operation, what it needs, and the plan made for it.
    path
        The file to write, ending in .html or .htm (else OutputError), its folder made
        if missing, as ``--report`` does. It is written whole or not at all (a temporary
        file is renamed into place), so a failed run never leaves half a report. A file
        already there is replaced only if it is a report supplyline wrote (or is empty),
        as ``plan --report`` does; any other raises :class:`~supplyline.errors.OutputError`
        before any work, unless ``force``.
    extra_sections
        Sections appended after the plan's own, e.g. a reach check or convoy routes.
    map_layers
        Lines drawn over the network map, e.g. convoy routes as polylines.
    title
        The page title; by default "Plan report: <scenario name>".
    max_unit_panels
        How many units get a days-of-supply panel (the most short first).
    top_bottlenecks
        How many bottlenecks the table lists.
    meta
        More ``<meta name content>`` pairs for the page's head. The report always carries
        ``generator`` (supplyline and its version) and ``supplyline-plan``, the plan's
        :func:`~supplyline.io.plan_files.plan_id`: plan files written over this plan's
        remove the report when it is in their folder.
    made
        When the report is made (default: now), in its footer and a ``supplyline-made``
        tag as UTC ISO 8601. It is not part of the plan's identity: a report of the same
        plan made later is still that plan's.
    force
        Replace a file at ``path`` that supplyline did not write (as ``--force``).
    not_proven
        The command's warning of a plan not proven best, said in the Summary's first
        sentence in place of "feasible, not proven best (stopped early)": said once, where
        a reader looks first (the routes report had said it there, under the convoys and
        among the Warnings).
    progress
        Hears each slow stage before it starts, in the words of
        :data:`~supplyline.reports.report_stages.REPORT_STAGES` (the figures take most of
        a report's seconds): ``plan --report`` shows them.
    plan_identity
        The plan's :func:`~supplyline.io.plan_files.plan_id` where the caller has it (a
        run digests its plan once: half a second on a 14,000-movement plan); by default
        computed here.

    Examples
    --------
    >>> write_plan_report(scenario, demand, plan, "out/plan.html")  # doctest: +SKIP
    PosixPath('out/plan.html')
    """
    require(path, (str, os.PathLike), "the report's path")
    target = Path(path)
    # a folder (its slash kept), then the ending: the rule of --report and plan_scenario
    check_file_name(path, "a report's file name", HTML_SUFFIXES, "plan.html")
    check_file_target(target)  # a device, a scenario's file: before the work
    check_own_file(target, REPORT, force=force)  # a page of the user's, as --report
    html = render_plan_report(
        scenario,
        demand,
        plan,
        extra_sections=extra_sections,
        map_layers=map_layers,
        title=title,
        max_unit_panels=max_unit_panels,
        top_bottlenecks=top_bottlenecks,
        meta=meta,
        made=dt.datetime.now(dt.UTC) if made is None else made,
        not_proven=not_proven,
        progress=progress,
        plan_identity=plan_identity,
    )
    scratch = scratch_file_for(target)  # named with this process, as every output's
    try:
        with writing(target), scratch.open("x", encoding="utf-8") as out:
            out.write(html)
        move_into_place(scratch, target)
    finally:
        scratch.unlink(missing_ok=True)
    return target

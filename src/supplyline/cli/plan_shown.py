"""The plan as the terminal shows it to people: its tables, notes and warnings.

Apart from :mod:`supplyline.cli.plan_cmds` (the command, its options and the formats for
programs), which had grown past 600 lines; a face still: every figure comes from
:mod:`supplyline.planning.summary` and its neighbours, this module only lays them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from supplyline.cli.column_ranks import PLAN_DROPS
from supplyline.cli.output import (
    OutputFormat,
    Shown,
    column_places,
    emit_rows,
)
from supplyline.cli.reach_flags import print_reach_flags
from supplyline.cli.warnings import print_warnings
from supplyline.domain import PlanStatus
from supplyline.domain.deployment import deployment_records
from supplyline.domain.rounding import said_delivery
from supplyline.domain.routes import NO_UNITS_WORDS
from supplyline.types import (
    COST_UNITS,
    GRAM_DECIMALS,
    figure_text,
    figure_with_unit,
    figures_decimals,
    written_text,
)

if TYPE_CHECKING:
    from supplyline.services.planning import PlanRun

console = Console()
err = Console(stderr=True)
TOP_BOTTLENECKS = 5
EARLIEST_HEADING = "earliest (capacities aside)"
"""The closure table's heading of the earliest day a unit could be there. Plain
"earliest" read as a contradiction of `validate`'s warning "can all be at 'ta-north' on
C+15 at the earliest", which counts the capacities: the table said C+13 for that unit.
CSV and JSON give deployment.csv's ``earliest_day``, ``earliest_label`` and
``earliest_date`` (:func:`~supplyline.domain.deployment.deployment_records`)."""
COST_HEADING = f"cost ({COST_UNITS})"
"""The people's heading of the cost by mode, in the unit the bottleneck sentences say
(:data:`~supplyline.types.COST_UNITS`); CSV and JSON keep the key ``cost``."""
_PEOPLES_HEADINGS = {"earliest": EARLIEST_HEADING, "cost": COST_HEADING}
"""The columns the people's tables head otherwise than their key (:func:`plan_sections`)."""
_ALIKE = (("tonnes", "deploy_t"), ("demand_t", "short_t"))
"""Columns of one quantity that share their decimals, as the report's tables group them."""
_SUMMED = {
    "moved_by_mode": ("tonnes", "deploy_t", "pax", "tonne_km", "cost", COST_HEADING),
    "shortfalls": ("short_t",),  # its demand is all demand, not the rows' sum
}
"""The people's tables whose last row is the total of the others, and its columns."""
_WITHIN = {"moved_by_mode": (("deploy_t", "tonnes"),), "shortfalls": (("short_t", "demand_t"),)}
"""Summed columns whose row's figure is within another's: rounded so none reads above it."""
_SAID = {"moved_by_mode": ("tonnes", "deploy_t"), "shortfalls": ("short_t", "demand_t")}
"""The columns whose totals the headline says: they take the headline's decimals."""


def plan_sections(
    run: PlanRun, *, for_people: bool = False
) -> dict[str, tuple[list[dict[str, Any]], list[str], str]]:
    """The summary's sections: rows, the table's columns, title.

    ``for_people``: the bottlenecks' capacity and extra as figures with their units
    (:func:`bottleneck_table_rows`), the closure's earliest day headed
    :data:`EARLIEST_HEADING` and the cost by mode :data:`COST_HEADING`; programs get the
    numbers and units apart, under their keys, and the bottlenecks' and closures' fields
    under bottlenecks.csv's and deployment.csv's names, with their meanings.
    """
    from supplyline.planning.bottleneck_rows import capacity_entries
    from supplyline.planning.summary import (
        CLOSURES_TITLE,
        MODE_COLUMNS,
        SHORTFALL_COLUMNS,
        bottleneck_rows,
        bottleneck_table_rows,
        closure_rows,
        closure_table_rows,
        filled_columns,
        shortfall_rows,
        target_rows,
        totals_by_mode,
    )

    plan = run.plan
    by_mode = totals_by_mode(plan, run.opened.scenario, with_total=True)
    # programs: deployment.csv's names and cells (stdout said "required" for its label)
    closures = deployment_records(plan, run.opened.scenario)
    closure_days = ["required_label", "earliest_label", "closure_label"]
    cost = "cost"
    if for_people:  # beside validate's "on C+15 at the earliest", which counts capacities
        closure_days = ["required", EARLIEST_HEADING, "closure"]
        cost = COST_HEADING
        closures = [
            {**row, EARLIEST_HEADING: row["earliest"]}
            for row in closure_rows(plan, run.opened.scenario)
        ]
        by_mode = [{**row, cost: row["cost"]} for row in by_mode]
    shorts = shortfall_rows(plan, run.demand, with_total=for_people)  # CSV, JSON: exact
    # programs get every bottleneck: JSON listed 5 of 7 under a summary counting 7
    necks = bottleneck_table_rows(plan, TOP_BOTTLENECKS) if for_people else bottleneck_rows(plan)
    # people read the closures apart, every one: their figure is the objective saved, a
    # total, where the capacities' shadow price is a rate (programs get them as rows above)
    closures_held = closure_table_rows(plan) if for_people else []
    capacities = len(capacity_entries(plan)) if for_people else len(plan.bottlenecks)
    sections = {
        "moved_by_mode": (
            by_mode,
            [cost if key == "cost" else key for key in MODE_COLUMNS],
            "Moved by mode (each leg counted)",
        ),
        "unit_closure": (
            closures,
            [
                "unit",
                *closure_days,
                "days_late",
                "late_t_days",
                "late_pax_days",
                "lift_t",
                "moved_t",
                "pax",
                "moved_pax",
                # why a unit is not closed: programs get the column, people read each
                # reason whole under the table (at 80 columns the column was a sliver)
                *([] if for_people else ["reason"]),
            ],
            "Unit closure",
        ),
        "shortfalls": (
            shorts,
            list(SHORTFALL_COLUMNS),
            "Shortfalls by unit and commodity",
        ),
        "targets": (
            target_rows(plan, run.demand),
            ["unit", "commodity", "target_t", "below_t_days", "days", "why"],
            "Days-of-supply targets not met",
        ),
        "bottlenecks": (
            necks,
            [
                "rank",
                "kind",
                "resource",
                "days",
                "one_more_saves",
                "capacity_or_supply",
                "extra",
                # each only where a shown rank has one (the explanations say them too): a
                # "removes t" blank on every row read as a column that had failed to fill
                *filled_columns(necks, "removes_t", "then_limited_by"),
            ],
            f"Top {len(necks)} of {capacities} capacity bottlenecks "
            f"({_with_closures(closures_held, len(plan.bottlenecks))}{_all_where(run)})"
            if capacities > len(necks)
            else "Top bottlenecks",
        ),
    }
    if closures_held:
        sections["closures"] = (
            closures_held,
            [
                "rank",
                "resource",
                "days",
                *filled_columns(closures_held, "removes_t"),
                "lifting_it_saves",  # headed "lifting it saves", as the report heads it
            ],
            CLOSURES_TITLE,
        )
    return sections


def _all_where(run: PlanRun) -> str:
    """Where every bottleneck is: the file written, or how to get them without --out.

    Without --out the heading said "(all in bottlenecks.csv)" above "no files written".
    """
    if any(path.name == "bottlenecks.csv" for path in run.files):
        return "all in bottlenecks.csv"
    return "all in bottlenecks.csv with --out DIR"  # --format json lists the same top ones


def _with_closures(closures: list[dict[str, Any]], every: int) -> str:
    """How the closures table below adds to the capacities' count, where it has rows.

    A tester read "Top 5 of 6 bottlenecks (all in bottlenecks.csv)" against a file of 9
    rows and a report counting 9: the other 3 were the closures, in their own table.
    """
    if not closures:
        return ""
    its = "closure" if len(closures) == 1 else "closures"
    return f"{every} with the {len(closures)} {its} below, "


def _cannot_deploy(units: list[str] | None) -> str:
    """The headline's words for units with no way there: their needs are counted nowhere.

    A tester's unit bound for an island no link reached read "0 t short" beside the rest.
    """
    if not units:
        return ""
    its, it = ("its", "it") if len(units) == 1 else ("their", "they")
    return (
        f", of which {len(units)} cannot deploy ({', '.join(units)}: no way to {its} "
        f"destination; what {it} would consume there is counted neither in the demand nor as "
        "short)"
    )


def _tonnes(tonnes: float) -> str:
    """A headline figure as the tables and the report give it (:func:`figure_text`).

    To 0.1 t it read "17.1 t short" above the shortfall table's 17.15.
    """
    return figure_text(tonnes)


def _shown(name: str, least: int = 0) -> Shown:
    """How the people's table of section ``name`` writes its numbers."""
    said = _SAID.get(name, ())
    return Shown(
        alike=_ALIKE,
        summed=_SUMMED.get(name, ()),
        least=tuple((c, least) for c in said),
        within=_WITHIN.get(name, ()),
    )


def _agreed_places(
    sections: dict[str, tuple[list[dict[str, Any]], list[str], str]],
    values: tuple[float, ...],
    moved_t: float,
) -> int:
    """Decimals of the headline's tonnes, and of the tables' columns that show them too.

    The headline's tonnes short is the shortfall table's total (its one row, or its
    "all" row), and its tonnes moved the "all modes" row: each reads as in its table
    (:func:`~supplyline.types.figure_text`); the figures that add up are rounded to add
    up at those decimals (:func:`~supplyline.domain.rounding.said_delivery`). Each side
    may ask for more decimals than the other's, so they are taken in turn until both hold.
    """
    places = 0
    for _ in range(GRAM_DECIMALS + 1):
        columns = [
            column_places(rows, cols, _shown(name, places)).get(said, 0)
            for name, said in (("moved_by_mode", "tonnes"), ("shortfalls", "short_t"))
            for rows, cols, _ in [sections[name]]
            if rows
        ]
        least = max(columns, default=0)
        needed = max(
            figures_decimals(*values, at_least=least),
            figures_decimals(moved_t, at_least=least),
        )
        if needed == places:
            break
        places = needed
    return places


def _print_no_units(units: int | None) -> None:
    """Under the headline, a scenario without units: "0 unit(s) late" read as units on time."""
    if units == 0:
        console.print(f"[yellow]nothing to deliver: {NO_UNITS_WORDS}[/]", highlight=False)


def _notes_under(name: str, rows: int, run: PlanRun) -> list[str]:
    """The lines under section ``name``'s table of ``rows`` rows, its caption.

    A table that ends in the total of the rows above says that its parts are rounded to
    add up to it, as the report's caption says: a tester read the mode table's "sea 858"
    (858.64 t, rounded down so that the modes add up) beside the map's 859 t as two figures.
    """
    from supplyline.planning.summary import (
        ADDS_UP_NOTE,
        ALL_ROW_NOTE,
        RANK_NOTE,
        closure_days_note,
        closure_reasons,
    )

    notes = []
    if name == "shortfalls" and rows > 1:  # what its total row is of
        notes.append(ALL_ROW_NOTE)
    if name in _SUMMED and rows > 1:
        notes.append(ADDS_UP_NOTE)
    if name == "bottlenecks" and rows > 1:  # the order is the price's, not the gain's
        notes.append(RANK_NOTE)
    days_note = closure_days_note(run.plan) if name == "unit_closure" else None
    if days_note is not None:
        notes.append(days_note)
    if name == "unit_closure":  # each reason whole, keyed by unit: no column crops it
        notes.extend(closure_reasons(run.plan))
    return notes


def print_plan_table(run: PlanRun) -> None:
    """The plan as a person reads it on the terminal: headline, tables, notes, warnings."""
    from supplyline.planning.bottleneck_rows import capacity_entries, closure_entries
    from supplyline.planning.summary import (
        bottleneck_caveats,
        bottleneck_note,
        headline,
        unpriced_stores_note,
    )
    from supplyline.planning.unexplained import unexplained_outcome

    head = headline(run.plan, run.demand, run.opened.scenario)
    status_style = {"optimal": "green", "feasible": "yellow"}.get(head["status"], "red")
    sections = plan_sections(run, for_people=True)
    values = (
        head["delivered_t"],
        head["short_t"],
        head["buildup_not_delivered_t"] or 0.0,
        head["to_deliver_t"] or 0.0,
    )
    # the three parts add up to what is to deliver only where all four are said
    summed = bool(head["buildup_not_delivered_t"]) and head["to_deliver_t"] is not None
    places = _agreed_places(sections, values, head["moved_t"])
    # the parts and their sum to one number of decimals, rounded so that they add up as read
    decimals = figures_decimals(*values, at_least=places)
    said = said_delivery(*values[:3], head["to_deliver_t"], decimals)
    delivered, short, unstocked, to_deliver = written_text(
        [0.0 if v is None else v for v in said], decimals, kept=places
    )
    console.print(
        # the name escaped: "Draft [/] x" was read as markup and stopped the command
        f"[bold]{escape(head['scenario'])}[/]: plan [{status_style}]{head['status']}[/], "
        f"{figure_text(head['moved_t'], places)} t moved (each leg counted), "
        f"{delivered} t delivered (build-up included), "
        f"[{'red' if head['short_t'] > 0 else 'green'}]{short} t short[/], "
        + (  # so that the three add up to what `requirements` says is to deliver
            f"{unstocked} t of days-of-supply build-up not "
            f"delivered (of {to_deliver} t to deliver), "
            if summed
            else ""
        )
        + f"{head['units_late']} unit(s) late"
        + (
            f", {head['units_not_closed']} not closed within the horizon"
            if head["units_not_closed"]
            else ""
        )
        + _cannot_deploy(head["units_cannot_deploy"])
        + (  # of both: a tester added the late units' own figures and missed 150 t-days
            f" ({figure_with_unit(_tonnes(head['late_t_days']), 't-days')} of lift"
            + (
                f", {figure_with_unit(_tonnes(head['late_pax_days']), 'person-days')}"
                if head["late_pax_days"]
                else ""
            )
            + " late"  # people are no lift
            + (" in all" if head["units_not_closed"] else "")
            + ")"
            if head["late_t_days"] or head["late_pax_days"]
            else ""
        ),
        highlight=False,
    )
    if head["objective_by_tier"]:  # the objective in its tiers' units: the total reads as nothing
        console.print(head["objective_by_tier"], highlight=False)
    _print_no_units(head["units"])
    console.print(
        f"LP {head['columns']:,} columns × {head['rows']:,} rows ({head['nonzeros']:,} nonzeros), "
        f"{head['method']}{', fair shares' if head['fair_share'] else ''}"
        f"{', weights ' + head['weights_changed'] if head['weights_changed'] else ''}: "
        f"build {head['build_s']:.2f} s, solve {head['solve_s']:.2f} s, "
        f"extract {head['extract_s']:.2f} s, bottlenecks {head['explain_s']:.2f} s",
        style="dim",
        highlight=False,
    )
    for warning in run.warnings(below=(run.plan.stats.outages_note,)):
        console.print(warning, style="yellow", highlight=False)
    for name, (rows, cols, title) in sections.items():
        if rows:
            shown = _shown(name, places)
            # as the people's tables head them: "cost" under its unit was never dropped,
            # not even when 0 on every row (a tester's people-only plan)
            drop = [_PEOPLES_HEADINGS.get(c, c) for c in PLAN_DROPS[name]]
            emit_rows(rows, cols, OutputFormat.TABLE, console=console, title=title, shown=shown,
                      drop=drop)  # fmt: skip
            for under in _notes_under(name, len(rows), run):
                console.print(under, style="dim", markup=False, highlight=False)
    # the top capacities, then every closure, each by its rank in the plan's files
    explained = [*capacity_entries(run.plan)[:TOP_BOTTLENECKS], *closure_entries(run.plan)]
    for i, b in explained:
        console.print(f"{i}. {b.explanation}", markup=False, highlight=False)
    note = bottleneck_note(run.plan, warned=bool(run.opened.warnings))
    if note is not None:
        console.print(note, highlight=False)
    if note is not None and run.plan.status is PlanStatus.OPTIMAL and unexplained_outcome(run.plan):
        print_warnings(run.opened.warnings, console)  # validate's, where the note sends
    for unpriced in (
        run.plan.stats.outages_note,  # said here, by the bottlenecks, not among the warnings
        unpriced_stores_note(run.plan, run.opened.scenario),
    ):
        if unpriced is not None:
            console.print(f"{unpriced[0].upper()}{unpriced[1:]}.", style="dim", highlight=False)
    for caveat in bottleneck_caveats(run.plan, TOP_BOTTLENECKS):
        more = (
            " (--explain-time SECONDS gives it more)"
            if "measuring time" in caveat
            else " (--explain N measures the top N)"
            if "not measured" in caveat and "ran out" not in caveat
            else ""  # the time limit's caveat says itself how to get the rest
        )
        console.print(f"{caveat[0].upper()}{caveat[1:]}{more}.", style="dim", highlight=False)
    print_reach_flags(run.reach, console)

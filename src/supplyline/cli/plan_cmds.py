"""Command ``plan``: the optimal movement plan of a scenario, its files and its summary.

The planning service and the plan's summary (NumPy, SciPy, HiGHS) are imported inside
the functions that use them: ``--help`` and the other commands need none of them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape

from supplyline.cli.app import FLAG_METAVAR, app
from supplyline.cli.choice_options import choice, choice_metavar
from supplyline.cli.column_ranks import PLAN_DROPS
from supplyline.cli.failure_output import failures_on_stdout
from supplyline.cli.force_option import ForceOpt, keep_users_files
from supplyline.cli.number_options import SECONDS_METAVAR, seconds, whole_number
from supplyline.cli.output import (
    FORMAT_METAVAR,
    FORMAT_PARSER,
    OutputFormat,
    Shown,
    column_places,
    emit_rows,
    long_row,
    write_json,
    wrote_what,
)
from supplyline.cli.paths import (
    HTML_SUFFIXES,
    MPS_SUFFIXES,
    PATH_METAVAR,
    input_path,
    output_file_option,
    output_path,
    scenario_folder_argument,
)
from supplyline.cli.progress import files_in_place, interruptible, stages
from supplyline.cli.reach_flags import print_reach_flags
from supplyline.cli.warnings import issue_rows, print_warnings
from supplyline.domain import PlanStatus
from supplyline.domain.rounding import said_delivery
from supplyline.io.csv_out import to_gram
from supplyline.io.earlier_reports import what_it_was
from supplyline.io.own_files import MPS_MODEL, REPORT
from supplyline.planning import MAX_THREADS, Method, PlanParams
from supplyline.planning.params import MAX_EXPLAIN, MAX_SECONDS, MIN_SECONDS
from supplyline.services.plan_limits import not_proven_words
from supplyline.types import (
    COST_UNITS,
    GRAM_DECIMALS,
    figure_text,
    figures_decimals,
    written_text,
)

if TYPE_CHECKING:
    from supplyline.services.planning import PlanRun, ReportWriter

console = Console()
err = Console(stderr=True)
TOP_BOTTLENECKS = 5
EARLIEST_HEADING = "earliest (capacities aside)"
"""The closure table's heading of the earliest day a unit could be there. Plain
"earliest" read as a contradiction of `validate`'s warning "can all be at 'ta-north' on
C+15 at the earliest", which counts the capacities: the table said C+13 for that unit.
CSV and JSON keep the key ``earliest``."""
COST_HEADING = f"cost ({COST_UNITS})"
"""The people's heading of the cost by mode, in the unit the bottleneck sentences say
(:data:`~supplyline.types.COST_UNITS`); CSV and JSON keep the key ``cost``."""
NOTICEABLE_T = 1e-6
"""A plan off its constraints by more than a gram gets the note whatever its method."""
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


def _report_writer() -> ReportWriter:
    from supplyline.reports.routes_report import write_plan_report_with_reach

    return write_plan_report_with_reach


def _sections(
    run: PlanRun, *, for_people: bool = False
) -> dict[str, tuple[list[dict[str, Any]], list[str], str]]:
    """The summary's sections: rows, the table's columns, title.

    ``for_people``: the bottlenecks' capacity and extra as figures with their units
    (:func:`bottleneck_table_rows`), the closure's earliest day headed
    :data:`EARLIEST_HEADING` and the cost by mode :data:`COST_HEADING`; programs get the
    numbers and units apart, under their keys.
    """
    from supplyline.planning.bottleneck_rows import capacity_entries
    from supplyline.planning.summary import (
        CLOSURES_TITLE,
        bottleneck_rows,
        bottleneck_table_rows,
        closure_rows,
        closure_table_rows,
        shortfall_rows,
        target_rows,
        totals_by_mode,
    )

    plan = run.plan
    by_mode = totals_by_mode(plan, run.opened.scenario, with_total=True)
    closures = closure_rows(plan, run.opened.scenario)
    earliest, cost = "earliest", "cost"
    if for_people:  # beside validate's "on C+15 at the earliest", which counts capacities
        earliest, cost = EARLIEST_HEADING, COST_HEADING
        closures = [{**row, earliest: row["earliest"]} for row in closures]
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
            ["mode", "tonnes", "deploy_t", "pax", "tonne_km", cost, "movements"],
            "Moved by mode (each leg counted)",
        ),
        "unit_closure": (
            closures,
            [
                "unit",
                "required",
                earliest,
                "closure",
                "days_late",
                "late_t_days",
                "late_pax_days",
                "lift_t",
                "moved_t",
                "pax",
                "moved_pax",
            ],
            "Unit closure",
        ),
        "shortfalls": (
            shorts,
            ["unit", "commodity", "short_t", "demand_t", "short_pct", "days", "why"],
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
                "shadow_price",
                "capacity",
                "extra",
                "removes_t",
            ],
            f"Top {len(necks)} of {capacities} bottlenecks ({_all_where(run)})"
            if capacities > len(necks)
            else "Top bottlenecks",
        ),
    }
    if closures_held:
        sections["closures"] = (
            closures_held,
            ["rank", "resource", "days", "objective_saved"],
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


def _not_proven_warning(run: PlanRun, head: dict[str, Any]) -> str:
    """The warning under a plan the time limit kept from being proven best: how it was made.

    With the units it leaves undeployed: a tester's fallback came within 5 % of the
    optimum's cost (shortfall weighs most) and closed 6 of 14 units.
    """
    how = not_proven_words(run.fallback)
    never = head["units_not_closed"]
    undeployed = (
        f" In it {never} of {len(run.plan.closures)} deploying unit(s) do not close within the "
        f"horizon ({_tonnes(head['late_t_days'])} t-days of lift"
        + (
            f" and {_tonnes(head['late_pax_days'])} person-days"
            if to_gram(head["late_pax_days"])
            else ""
        )
        + " late in all)."
        if never
        else ""
    )
    return (
        f"warning: the time limit stopped the solver before it proved this plan best; {how}, "
        "but it is not proven the best plan (shortfalls and lateness may be larger)."
        f"{undeployed} Raise the time limit (--time-limit, or solver.time_limit_s in "
        "scenario.yaml) for the optimum."
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


def _print_table(run: PlanRun) -> None:
    from supplyline.planning.bottleneck_rows import capacity_entries, closure_entries
    from supplyline.planning.outages import untried_outages_note
    from supplyline.planning.summary import (
        ALL_ROW_NOTE,
        bottleneck_caveats,
        bottleneck_note,
        headline,
        unpriced_stores_note,
    )
    from supplyline.planning.unexplained import unexplained_outcome

    head = headline(run.plan, run.demand, run.opened.scenario)
    status_style = {"optimal": "green", "feasible": "yellow"}.get(head["status"], "red")
    sections = _sections(run, for_people=True)
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
        [0.0 if v is None else v for v in said], decimals
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
        + (  # of both: a tester added the late units' own figures and missed 150 t-days
            f" ({_tonnes(head['late_t_days'])} t-days"
            + (f", {_tonnes(head['late_pax_days'])} person-days" if head["late_pax_days"] else "")
            + " of lift late"
            + (" in all" if head["units_not_closed"] else "")
            + ")"
            if head["late_t_days"] or head["late_pax_days"]
            else ""
        ),
        highlight=False,
    )
    console.print(
        f"LP {head['columns']:,} columns × {head['rows']:,} rows ({head['nonzeros']:,} nonzeros), "
        f"{head['method']}{', fair shares' if head['fair_share'] else ''}"
        f"{', weights ' + head['weights_changed'] if head['weights_changed'] else ''}: "
        f"build {head['build_s']:.2f} s, solve {head['solve_s']:.2f} s, "
        f"extract {head['extract_s']:.2f} s, bottlenecks {head['explain_s']:.2f} s",
        style="dim",
        highlight=False,
    )
    for warning in _warnings(run, head, below=(run.plan.stats.outages_note,)):
        console.print(warning, style="yellow", highlight=False)
    for name, (rows, cols, title) in sections.items():
        if rows:
            shown = _shown(name, places)
            drop = [EARLIEST_HEADING if c == "earliest" else c for c in PLAN_DROPS[name]]
            emit_rows(rows, cols, OutputFormat.TABLE, console=console, title=title, shown=shown,
                      drop=drop)  # fmt: skip
            if name == "shortfalls" and len(rows) > 1:  # what its total row is of
                console.print(ALL_ROW_NOTE, style="dim", highlight=False)
    # the top capacities, then every closure, each by its rank in the plan's files
    explained = [*capacity_entries(run.plan)[:TOP_BOTTLENECKS], *closure_entries(run.plan)]
    for i, b in explained:
        console.print(f"{i}. {b.explanation}", markup=False, highlight=False)
    note = bottleneck_note(run.plan)
    if note is not None:
        console.print(note, highlight=False)
    if note is not None and run.plan.status is PlanStatus.OPTIMAL and unexplained_outcome(run.plan):
        print_warnings(run.opened.warnings, console)  # validate's, where the note sends
    for unpriced in (
        run.plan.stats.outages_note,  # said here, by the bottlenecks, not among the warnings
        untried_outages_note(run.plan, run.opened.scenario),
        unpriced_stores_note(run.plan, run.opened.scenario),
    ):
        if unpriced is not None:
            console.print(f"{unpriced[0].upper()}{unpriced[1:]}.", style="dim", highlight=False)
    for caveat in bottleneck_caveats(run.plan, TOP_BOTTLENECKS):
        more = (
            " (--explain-time SECONDS gives it more)"
            if "ran out" in caveat
            else " (--explain N measures the top N)"
            if "not measured" in caveat
            else ""
        )
        console.print(f"{caveat[0].upper()}{caveat[1:]}{more}.", style="dim", highlight=False)
    print_reach_flags(run.reach, console)


def _warnings(run: PlanRun, head: dict[str, Any], below: tuple[str | None, ...] = ()) -> list[str]:
    """What a reader of the plan must know about how it was made (not proven best, …).

    ``below``: notes the table says under the bottlenecks instead, left out here.
    """
    out = []
    if head["status"] == "feasible":
        out.append(_not_proven_warning(run, head))
    out += [f"warning: {note}." for note in run.plan.stats.notes if note not in below]
    out += run.storage_warnings
    if run.threads_note is not None:
        out.append(run.threads_note)
    stats = run.plan.stats
    off = (
        f"In this plan a balance or capacity is off by {_kg_text(stats.max_violation)} at "
        f"most, {_kg_text(stats.total_violation)} summed over all of them (what a total over "
        "the horizon may be off by)."
    )
    if not Method(head["method"]).at_a_vertex:
        out.append(
            f"note: {head['method']} stops at a point within the solver's tolerances, not at "
            "a vertex: where choices are equally good (or differ by less than those "
            "tolerances tell) the plan may split flows between them and carry round trips "
            f"(out and back on one day) that cost it nothing it can see. {off} The default "
            "(simplex) gives a vertex plan, without them."
        )
    elif stats.max_violation > NOTICEABLE_T:
        out.append(f"note: the solver stopped within its tolerances. {off}")
    return out


def _kg_text(tonnes: float) -> str:
    """A small mass as a planner reads it: 2.4 kg, 476 kg, 1,234 kg."""
    kg = tonnes * 1000.0
    return f"{kg:,.0f} kg" if kg >= 10 else f"{kg:.2g} kg"


def _print_machine(run: PlanRun, fmt: OutputFormat) -> None:
    from supplyline.planning.summary import headline

    sections = _sections(run)
    head = headline(run.plan, run.demand, run.opened.scenario)
    warnings = _warnings(run, head)
    for warning in warnings:  # on stderr too: a person running it sees them
        err.print(warning, style="yellow", highlight=False)
    if fmt is OutputFormat.JSON:
        data: dict[str, Any] = {
            "summary": head,
            "warnings": warnings,
            # what validate says of the scenario (stderr had them, stdout did not)
            "scenario_warnings": issue_rows(run.opened.warnings),
            "files": [str(p) for p in run.files],
            # the earlier plan's report that these files replaced, gone with it: a program
            # reading stdout alone learnt of it only from stderr
            "removed_files": [str(p) for p in run.removed],
        }
        data.update({name: rows for name, (rows, _, _) in sections.items()})
        write_json(data)
        return
    # long form, one value per cell: a program filters on section and field
    rows = [long_row("summary", "", k, v) for k, v in head.items()]
    rows += [long_row("warnings", i, "text", w) for i, w in enumerate(warnings, 1)]
    for n, issue in enumerate(issue_rows(run.opened.warnings), start=1):
        rows += [long_row("scenario_warnings", n, k, v) for k, v in issue.items()]
    for name, (items, _, _) in sections.items():
        for n, item in enumerate(items, start=1):  # item numbers the record in its section
            rows += [long_row(name, n, k, v) for k, v in item.items()]  # every field the JSON has
    emit_rows(rows, ["section", "item", "field", "value"], OutputFormat.CSV, console=console)


NO_OUT_NOTE = "no files written: give --out DIR to keep the plan"
"""Said last when ``plan`` ran without ``--out`` (the plan files were not written)."""


@app.command("plan", rich_help_panel="Plan")
def plan_cmd(
    folder: Path = scenario_folder_argument(),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help="Folder for the plan files (without it, the plan is shown and no plan file "
        "is written).",
        parser=output_path("a folder to write the plan files into (. is the current folder)"),
        metavar=PATH_METAVAR,
    ),
    time_limit: float | None = typer.Option(
        None,
        "--time-limit",
        help="Stop the solver after this many seconds of wall-clock time, from 0.001 to "
        "1,000,000 (a "
        "loaded machine gets less done in them, so a plan may stop earlier than on a quiet "
        "one) (default: solver.time_limit_s in scenario.yaml, else no limit).",
        parser=seconds(
            least=MIN_SECONDS, most=MAX_SECONDS, leave_out="leave --time-limit out for no limit"
        ),
        metavar=SECONDS_METAVAR,
    ),
    threads: int | None = typer.Option(
        None,
        "--threads",
        help="Solver threads (default: solver.threads in scenario.yaml, else HiGHS's choice).",
        parser=whole_number(least=1, most=MAX_THREADS, what="solver threads"),
        metavar="N",
    ),
    params_file: Path | None = typer.Option(
        None,
        "--params",
        help="A TOML file of planning parameters (method, explain_top, weights and the "
        "others PlanParams has; see docs/planning.md); the options given here override it.",
        parser=input_path("a TOML file of planning parameters"),
        metavar="FILE",
    ),
    method: Method | None = typer.Option(
        None,
        "--method",
        help="LP algorithm (HiGHS) (default: the --params file's, else auto).",
        parser=choice(Method, what="a method"),
        metavar=choice_metavar(Method),
    ),
    fair_share: bool | None = typer.Option(
        None,
        "--fair-share/--no-fair-share",
        help="Spread a shortfall between units as shares of what each consumes, rather than "
        "let it fall where it costs least (default: solver.fair_share in scenario.yaml).",
        metavar=FLAG_METAVAR,
    ),
    mps: Path | None = output_file_option(
        "--mps",
        "Also write the LP as an MPS file (its name ending in .mps; replacing only a model "
        "supplyline wrote, or any file with --force).",
        "an MPS file",
        MPS_SUFFIXES,
    ),
    report: Path | None = output_file_option(
        "--report",
        "Also write an HTML report of the plan (offline, one file ending in .html or .htm; "
        "replacing only a report supplyline wrote, or any file with --force).",
        "an HTML report",
        HTML_SUFFIXES,
    ),
    force: ForceOpt = False,
    explain: int | None = typer.Option(
        None,
        "--explain",
        help="Re-solve for this many top bottlenecks to say what more capacity there would buy "
        "(at most 10,000; default: the --params file's explain_top, else 3); 0 re-plans "
        "nothing, no outage nor empty store either.",
        parser=whole_number(least=0, most=MAX_EXPLAIN, what="bottlenecks to measure"),
        metavar="N",
    ),
    explain_time: float | None = typer.Option(
        None,
        "--explain-time",
        help="Seconds the --explain re-solves may take in all, from 0.001 to 1,000,000 (default: "
        "as long as the solve, at least 10).",
        parser=seconds(
            least=MIN_SECONDS,
            most=MAX_SECONDS,
            leave_out="leave --explain-time out for the default",
        ),
        metavar=SECONDS_METAVAR,
    ),
    fmt: OutputFormat = typer.Option(
        OutputFormat.TABLE,
        "--format",
        "-f",
        help="table for people; csv or json for programs.",
        parser=FORMAT_PARSER,
        metavar=FORMAT_METAVAR,
    ),
) -> None:
    """Plan the movements of a scenario: what moves where and when, what falls short, why.

    Writes movements.csv, stocks.csv, deliveries.csv, shortfalls.csv, deployment.csv,
    bottlenecks.csv, plan.json and network.geojson into OUT (all of them, or none);
    without --out, only shows the plan (and writes the --report and --mps asked for).
    """
    # a program reading stdout gets the error to parse; Ctrl+C from the first line on says
    # "no plan written" (in the import below, a second on a loaded machine, it said only
    # "interrupted")
    with failures_on_stdout(fmt), interruptible(err, "no plan written"):
        from supplyline.services.planning import plan_scenario, why_unavailable
        from supplyline.services.scenarios import read_params

        outputs = [(report, REPORT), (mps, MPS_MODEL)]  # exit 8 before any work, as all
        keep_users_files(outputs, force=force, options="--report or --mps", err=err)
        base = PlanParams() if params_file is None else read_params(params_file, folder)
        params = replace(
            base,
            method=base.method if method is None else method,
            explain_top=base.explain_top if explain is None else explain,
            explain_time_s=base.explain_time_s if explain_time is None else explain_time,
        )
        if (why := why_unavailable(params.method)) is not None:
            hint = "'--method'" if method is not None else f"'--params' ({params_file}: method)"
            raise typer.BadParameter(why, param_hint=hint)
        with stages(err, "planning") as show:
            run = plan_scenario(
                folder,
                out,
                params=params,
                time_limit_s=time_limit,
                threads=threads,
                fair_share=fair_share,
                mps=mps,
                report=(report, _report_writer()) if report is not None else None,
                progress=show,
                on_warnings=lambda warnings: print_warnings(warnings, err),  # before the solve
            )
    with files_in_place(err, written=True):
        if fmt is OutputFormat.TABLE:
            _print_table(run)
        else:
            _print_machine(run, fmt)
        if run.files:
            err.print(
                wrote_what(out, run.files, {"the report": report, "the model": mps}),
                markup=False,
                highlight=False,
            )
        if out is None:  # a planner who only looked is told how to keep it
            err.print(NO_OUT_NOTE, markup=False, highlight=False)
        for path in run.removed:
            err.print(
                f"removed {path}, {what_it_was(path)} of the earlier plan",
                markup=False,
                highlight=False,
            )

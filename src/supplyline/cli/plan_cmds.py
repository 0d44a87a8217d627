"""Command ``plan``: the optimal movement plan of a scenario, its files and its summary.

The planning service and the plan's summary (NumPy, SciPy, HiGHS) are imported inside
the functions that use them: ``--help`` and the other commands need none of them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from supplyline.cli.app import FLAG_METAVAR, app
from supplyline.cli.choice_options import choice, choice_metavar
from supplyline.cli.force_option import ForceOpt, keep_users_files
from supplyline.cli.number_options import SECONDS_METAVAR, seconds, whole_number
from supplyline.cli.output import (
    FormatOpt,
    OutputFormat,
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
from supplyline.cli.warnings import issue_rows, print_warnings
from supplyline.io.earlier_reports import what_it_was
from supplyline.io.file_names import PLAN_OUT_FILES, plan_out_files_text
from supplyline.io.own_files import MPS_MODEL, REPORT
from supplyline.planning import MAX_THREADS, Method, PlanParams
from supplyline.planning.params import MAX_EXPLAIN, MAX_SECONDS, MIN_SECONDS

if TYPE_CHECKING:
    from supplyline.services.planning import PlanRun, ReportWriter

from supplyline.cli.plan_shown import (  # noqa: F401  # re-exported: tests and docs name them here
    COST_HEADING,
    TOP_BOTTLENECKS,
    console,
    err,
    plan_sections,
    print_plan_table,
)


def _report_writer() -> ReportWriter:
    from supplyline.reports.routes_report import write_plan_report_with_reach

    return write_plan_report_with_reach


def _print_machine(run: PlanRun, fmt: OutputFormat) -> None:
    from supplyline.planning.summary import headline

    sections = plan_sections(run)
    head = headline(run.plan, run.demand, run.opened.scenario)
    # the scenario's fingerprint beside its name, as plan.json has it: a script reading
    # stdout could not tell which scenario (of one name) it came from
    head = {"scenario": head.pop("scenario"), "scenario_id": run.opened.scenario_id, **head}
    warnings = list(run.warnings())
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
            # another plan's routes or requirements left in the folder, which it no longer matches
            "files_at_odds": list(run.at_odds),
        }
        data.update({name: rows for name, (rows, _, _) in sections.items()})
        data["reach"] = run.reach_rows  # the verdicts the table prints, judged on the plan
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
    for n, unit in enumerate(run.reach_rows, start=1):  # the plan's reach check, as reach.csv
        rows += [long_row("reach", n, k, v) for k, v in unit.items()]
    emit_rows(rows, ["section", "item", "field", "value"], OutputFormat.CSV, console=console)


NO_OUT_NOTE = "no plan files written: give --out DIR to keep the plan"
"""Said last when ``plan`` ran without ``--out`` (the plan files were not written)."""


PLAN_HELP = (
    "Plan the movements of a scenario: what moves where and when, what falls short, why.\n\n"
    f"Writes {plan_out_files_text()} into OUT (all of them, or none); without --out, only "
    "shows the plan (and writes the --report and --mps asked for)."
)
"""``plan --help``'s text: the files are named from the list the writer walks
(:data:`~supplyline.io.file_names.PLAN_OUT_FILES`), so that the help names every one."""


@app.command("plan", rich_help_panel="Plan", help=PLAN_HELP)
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
        help="The planning run's limit in seconds of wall-clock time, from 0.001 to "
        "1,000,000: the flows solved apart for a start and the solver stop within it, and "
        "the explaining after the solve gets what is left (the bottleneck measuring, unless "
        "--explain-time is given, and the shortfall causes; the plan says what it cut). "
        "Past it come, unbounded by it: the fallback plan's mix when the solver had no plan "
        "yet (waited for), extracting and writing, so the command takes longer "
        "(a loaded machine gets less done in it, so a plan may stop earlier than on a "
        "quiet one) (default: solver.time_limit_s in scenario.yaml, else no limit).",
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
        "supplyline wrote, or any file with --force): the model whole, with every row that "
        "keeps goods off the road they came by (the solve adds only those it breaks), so "
        "that its optimum is the plan's.",
        "an MPS file",
        MPS_SUFFIXES,
        "model.mps",
    ),
    report: Path | None = output_file_option(
        "--report",
        "Also write an HTML report of the plan (offline, one file ending in .html or .htm; "
        "replacing only a report supplyline wrote, or any file with --force).",
        "an HTML report",
        HTML_SUFFIXES,
        "plan.html",
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
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Plan a scenario's movements (the help is :data:`PLAN_HELP`)."""
    # Ctrl+C from the first line on says
    # "no plan written" (in the import below, a second on a loaded machine, it said only
    # "interrupted")
    with interruptible(err, "no plan written"):
        from supplyline.io.destinations import FORCE_OPTION
        from supplyline.services.planning import plan_scenario, why_unavailable
        from supplyline.services.scenarios import read_params

        outputs = [(report, REPORT), (mps, MPS_MODEL)]  # exit 8 before any work, as all
        keep_users_files(
            outputs,
            force=force,
            options="--out, --report or --mps",
            err=err,
            folder=(out, PLAN_OUT_FILES),
        )
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
                force=force,  # checked above, in --force's words
                force_with=FORCE_OPTION,  # and again as the files move: in the same words
            )
    with files_in_place(err, written=True):
        if fmt is OutputFormat.TABLE:
            print_plan_table(run)
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
        for warning in run.at_odds:  # left in place: another command made them
            err.print(
                f"warning: {warning}", style="yellow", markup=False, highlight=False, soft_wrap=True
            )

"""Command ``demo``: the main job on a bundled example, as a first look at supplyline."""

from __future__ import annotations

import shlex
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from supplyline.cli.app import app
from supplyline.cli.force_option import ForceOpt, keep_users_files
from supplyline.cli.output import OutputFormat
from supplyline.cli.paths import PATH_METAVAR, output_path
from supplyline.cli.plan_cmds import plan_cmd
from supplyline.cli.requirements_cmds import GroupBy, requirements_cmd
from supplyline.errors import NotFoundError
from supplyline.io.file_names import PLAN_OUT_FILES
from supplyline.planning import Method

console = Console()


@app.command("demo", rich_help_panel="Start here")
def demo_cmd(
    example: str = typer.Option(
        "bilateral-exercise", "--example", help="bilateral-exercise or relief-operation."
    ),
    out: Path = typer.Option(
        Path("supplyline-demo"),
        "--out",
        "-o",
        help="Folder for the plan files and plan.html.",
        parser=output_path("a folder for the plan files and plan.html (. is the current folder)"),
        metavar=PATH_METAVAR,
    ),
    force: ForceOpt = False,
) -> None:
    """Run the main job on a bundled example: requirements, movement plan, report.

    The same as 'supplyline requirements EXAMPLE' followed by
    'supplyline plan EXAMPLE --out OUT --report OUT/plan.html'.
    """
    from supplyline.io.destinations import FORCE_OPTION
    from supplyline.io.folder_lock import held_output_folder
    from supplyline.io.own_files import REPORT
    from supplyline.services.planning import (
        check_plan_outputs,
    )
    from supplyline.services.scenarios import bundled_example

    try:
        folder = bundled_example(example)
    except NotFoundError as unknown:  # a bad option value: exit 2, as any (it was 3)
        raise typer.BadParameter(str(unknown), param_hint="'--example'") from None
    # in --force's words, and --force taken: it said "pass force=True", and refused with it
    check_plan_outputs(folder, out, report=out / "plan.html", force=force, force_with=FORCE_OPTION)
    with held_output_folder(out):  # the demo is one run: another into out is refused
        # a plan.html of the user's stops the demo before step 1 prints anything (it stopped
        # after the requirements table, and its message offered a --force demo did not have)
        keep_users_files(
            [(out / "plan.html", REPORT)],
            force=force,
            options="--out",
            err=console,
            folder=(out, PLAN_OUT_FILES),
        )
        console.rule(f"[bold]1. What is needed[/] — {escape(str(folder))}")
        requirements_cmd(folder=folder, out=None, by=GroupBy.COMMODITY, fmt=OutputFormat.TABLE)
        console.rule("[bold]2. How it gets there[/] — the optimal movement plan")
        plan_cmd(
            folder=folder,
            out=out,
            time_limit=None,
            threads=None,
            params_file=None,
            method=Method.AUTO,
            fair_share=None,
            mps=None,
            report=out / "plan.html",
            explain=3,
            explain_time=None,
            fmt=OutputFormat.TABLE,
            force=force,
        )
    console.print(
        f"\nOpen [bold]{escape(str(out / 'plan.html'))}[/] in a browser (works offline). "
        + escape(
            f"Next: `supplyline routes {shlex.quote(str(folder))} --day 14 --out "
            f"{shlex.quote(str(out / 'routes'))}`, "
            f"`supplyline reach {shlex.quote(str(folder))}`, `supplyline ledger --help`."
        )
    )

"""Scenario commands: ``validate`` a scenario folder, ``init`` a commented template.

The loader, its checks and the template writer are imported inside the commands: they
bring PyYAML, NumPy and SciPy (the arrival checks), which ``--help`` does not need.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from supplyline.cli.app import FLAG_METAVAR, app
from supplyline.cli.errors import exit_code_for
from supplyline.cli.output import (
    FORMAT_METAVAR,
    FORMAT_PARSER,
    OutputFormat,
    emit_rows,
    remember_format,
)
from supplyline.cli.paths import output_path, scenario_folder_argument
from supplyline.cli.progress import stages_when_said
from supplyline.cli.warnings import issue_rows, print_warnings
from supplyline.errors import ScenarioError
from supplyline.types import counted

if TYPE_CHECKING:
    from supplyline.domain import Scenario

__all__ = ["init_cmd", "validate_cmd"]

console = Console()
err = Console(stderr=True)

ISSUE_COLUMNS = ("file", "line", "column", "severity", "message")


def _summary(s: Scenario) -> str:
    counts = {
        "partners": len(s.partners),
        "commodities": len(s.commodities),
        "vehicle classes": len(s.vehicle_classes),
        "locations": len(s.locations),
        "links": len(s.links),
        "units": len(s.units),
        "stocks": len(s.stocks),
        "fleet groups": len(s.fleet),
        "agreements": len(s.agreements),
    }
    parts = ", ".join(f"{what} {n}" for what, n in counts.items())
    return f"OK: {s.name!r}, {counted(s.horizon_days, 'day')} from {s.start_date}: {parts}"


@app.command("validate", rich_help_panel="Start here")
def validate_cmd(
    folder: Path = scenario_folder_argument(),
    fmt: OutputFormat = typer.Option(
        OutputFormat.TABLE,
        "--format",
        "-f",
        help="table: messages for people; csv or json: the list of issues, for programs.",
        parser=FORMAT_PARSER,
        metavar=FORMAT_METAVAR,
        callback=remember_format,
    ),
) -> None:
    """Check a scenario folder and report every problem at once, with file, line and column.

    Prints "OK" and counts when the scenario can be used (warnings, such as a unit that
    no source can reach, are shown but do not fail). Exits with code 2 when there is any
    error. With --format csv or json the issues go to stdout as rows (an empty list when
    there are none) and the OK line to stderr.
    """
    from supplyline.services.scenarios import check_scenario

    if fmt is OutputFormat.TABLE:
        with stages_when_said(err) as show:  # a big folder's stages; a small one says none
            scenario, warnings = check_scenario(folder, show)
        print_warnings(warnings, err)
        console.print(_summary(scenario), markup=False, highlight=False, soft_wrap=True)
        return
    try:
        with stages_when_said(err) as show:
            scenario, warnings = check_scenario(folder, show)
    except ScenarioError as error:
        # Here the issues are this command's output, so they go to stdout in the format asked.
        emit_rows(issue_rows(error.issues), ISSUE_COLUMNS, fmt, console=console)
        err.print(f"error: {error.summary}", style="bold red", markup=False, highlight=False)
        raise typer.Exit(exit_code_for(error)) from None
    emit_rows(issue_rows(warnings), ISSUE_COLUMNS, fmt, console=console)
    err.print(_summary(scenario), markup=False, highlight=False, soft_wrap=True)


@app.command("init", rich_help_panel="Start here")
def init_cmd(
    folder: Path = typer.Argument(
        ...,
        help="Folder to create (must be empty or new).",
        parser=output_path("a folder to create the template in"),
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Write into a non-empty folder, replacing same-named files.",
        metavar=FLAG_METAVAR,
    ),
) -> None:
    """Write a small, commented template scenario that validates, to start a new one from.

    It has two partners, three locations, a rail and a road link, one unit, stocks, a
    truck fleet and a mutual-support agreement; every YAML key and every CSV file is
    explained by comments. Refuses a non-empty folder unless --force.
    """
    from supplyline.io import write_template
    from supplyline.io.destinations import FORCE_OPTION

    written = write_template(folder, force=force, force_with=FORCE_OPTION)
    console.print(
        f"wrote a template scenario to {written}; check it with: "
        f"supplyline validate {shlex.quote(str(written))}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )

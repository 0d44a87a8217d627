"""The ``supplyline`` command: one Typer app, each command group in a module of its own."""

from __future__ import annotations

import importlib
import logging
import os
import sys

import typer
from rich.console import Console

from supplyline import __version__
from supplyline.cli.errors import report_error
from supplyline.errors import SupplylineError

__all__ = ["app", "main"]

app = typer.Typer(
    name="supplyline",
    help="Plan and coordinate logistics support between partner organisations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)
err_console = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"supplyline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what happens, on stderr."),
) -> None:
    """Plan and coordinate logistics support between partner organisations."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


COMMAND_MODULES = (
    "scenario_cmds",
    "demo_cmds",
    "requirements_cmds",
    "plan_cmds",
    "routes_cmds",
    "ledger_cmds",
)
"""Command modules in the order their panels appear in ``--help``."""


def _register_commands() -> None:
    """Import each command module; each adds its commands to ``app``."""
    for name in COMMAND_MODULES:
        importlib.import_module(f"supplyline.cli.{name}")


def main() -> None:
    """Entry point of the console script: run the app, map our errors to exit codes."""
    if not sys.stdout.isatty():
        # rich assumes 80 columns when printing to a file or pipe; tables of plans are wider
        os.environ.setdefault("COLUMNS", "160")
    _register_commands()
    try:
        app(standalone_mode=True)
    except SupplylineError as error:
        sys.exit(report_error(error, err_console))

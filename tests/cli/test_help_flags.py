"""An on/off flag reads as one in ``--help``: no ``<bool>`` as if it took a value.

Typer 0.29's rich help shows every option's type, flags too: ``--force  <bool>`` read as
if ``--force`` wanted a value. Every command and subcommand is looked at; typer's own
``--help`` keeps its ``<bool>`` (typer's, not ours: see ``cli.app.FLAG_METAVAR``).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()


def _paths(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command's words, the root's () first (typer's own click: not click's Group)."""
    found = [path]
    if hasattr(command, "list_commands"):
        ctx = command.context_class(command)
        for name in command.list_commands(ctx):
            found += _paths(command.get_command(ctx, name), (*path, name))
    return found


PATHS = _paths(get_command(app))


def test_every_command_is_looked_at() -> None:
    """The walk reaches the ledger's and db's subcommands, not the root alone."""
    assert ("ledger", "agreements", "import") in PATHS
    assert ("routes",) in PATHS


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "supplyline")
def test_no_flag_of_ours_shows_a_type(path: tuple[str, ...]) -> None:
    """Only ``--help`` (typer's) may carry ``<bool>``; --force, --from-demand … do not."""
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.stdout
    typed = [line for line in result.stdout.splitlines() if "<bool>" in line]
    ours = [line for line in typed if not re.search(r"--help\s+<bool>", line)]
    assert not ours, "\n".join(ours)

"""What the command line imports to say its help and its version: no solver, no database.

``supplyline --help`` took 1.7 s, then 0.86 s, while it imported NumPy, SciPy and HiGHS
(the planning package's ``build`` module, imported to keep that name the function's, the
arrival checks and the Ctrl+C hook of the progress display), PyYAML (the loader, behind
the CSV cells of the output tables) and vrplib (the ``--convention`` choices of
``routes-bench``). These tests check the imports themselves, each in a fresh process, so
that a module-level import added to a command module shows here, not as a slower start.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
from typer.main import get_command

from supplyline.cli.app import _register_commands, app

HEAVY = ("alembic", "highspy", "matplotlib", "numpy", "pyvrp", "scipy", "sqlalchemy", "yaml")
"""Packages only the work of a command needs (solvers, arrays, database, plotting, YAML)."""

RUNNER = f"""
import contextlib, json, os, sys
from supplyline.cli.app import main
sys.argv = ["supplyline", *sys.argv[1:]]
code = None
with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
    try:
        main()
    except SystemExit as end:
        code = end.code
heavy = sorted(name for name in {HEAVY!r} if name in sys.modules)
print(json.dumps({{"exit": code, "heavy": heavy}}))
"""
"""Runs the CLI's ``main`` with the arguments given, then prints its exit code and the
heavy packages in ``sys.modules`` (as JSON, on the real stdout)."""


def _command_paths() -> list[list[str]]:
    """Every command and subcommand of the app, as the words that name it."""
    _register_commands()
    root = get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    paths: list[list[str]] = []
    for name, command in sorted(root.commands.items()):
        paths.append([name])
        for sub in sorted(getattr(command, "commands", {})):
            paths.append([name, sub])
    return paths


def _imported(*args: str) -> dict[str, object]:
    """Exit code and heavy packages of a fresh process running ``supplyline ARGS``."""
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    said: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return said


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], *([*path, "--help"] for path in _command_paths())],
    ids=lambda args: " ".join(args),
)
def test_help_and_version_import_no_solver_or_database(args: list[str]) -> None:
    """The help of the app and of each command, and the version, import none of HEAVY."""
    said = _imported(*args)
    assert said == {"exit": 0, "heavy": []}


def test_the_runner_sees_what_a_command_imports() -> None:
    """The runner is not blind: ``factors`` (which loads the factors with its service) shows NumPy.

    Without this, a runner that printed nothing would pass the test above.
    """
    said = _imported("factors", "--format", "json")
    assert said["exit"] == 0
    assert "numpy" in said["heavy"]  # type: ignore[operator]

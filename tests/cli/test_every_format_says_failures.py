"""Every command with ``--format json|csv`` says its failure on stdout, in the format asked.

``plan``, ``routes`` and ``reach`` did; ``ledger propose --format csv`` before its database
existed exited 3 with the message on stderr and an empty stdout. The commands are found
from the app, so a new command with a ``--format`` is covered without a word here.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import typer.main
from cli_helpers import run

from supplyline.cli.app import _register_commands, app
from supplyline.cli.failure_output import FAILURE_COLUMNS

STDOUT_IS_DATA = {("validate",): "the issues it found are its data (exit 2), never a record"}
"""Commands whose failing input is their data on stdout: no failure record may follow it."""


def _format_commands() -> list[tuple[tuple[str, ...], Any]]:
    """Every command (its words after ``supplyline``) with a ``--format`` option."""
    _register_commands()
    found: list[tuple[tuple[str, ...], Any]] = []

    def walk(command: Any, words: tuple[str, ...]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*words, name))
        if any("--format" in getattr(p, "opts", ()) for p in command.params):
            found.append((words, command))

    walk(typer.main.get_command(app), ())
    return found


COMMANDS = _format_commands()


def _failing_line(words: tuple[str, ...], command: Any, missing: Path) -> list[str]:
    """The command line with every required value, a scenario and a database, none there."""
    line = list(words)
    for param in command.params:
        names = list(getattr(param, "opts", ()))
        if not (param.required or "--scenario" in names or "--db" in names):
            continue
        value = str(missing)
        if "--db" in names:
            value = f"sqlite:///{missing}/ledger.db"
        elif param.type_descriptor.annotation in (int, float):
            value = "1"
        line += [value] if param.param_type_name == "argument" else [names[0], value]
    return line


def test_the_commands_are_found() -> None:
    """The app's walk finds the machine commands and the ledger's (not a hand list)."""
    names = {" ".join(words) for words, _ in COMMANDS}
    assert {"plan", "routes", "reach", "ledger propose", "ledger events"} <= names


def _assert_failure_said(stdout: str, fmt: str, code: int) -> None:
    """``stdout`` is one failure record in ``fmt`` with the exit ``code``."""
    if fmt == "json":
        said = json.loads(stdout)
        assert (said["status"], said["exit_code"]) == ("error", code)
    else:
        reader = csv.DictReader(io.StringIO(stdout))
        rows = list(reader)
        assert tuple(reader.fieldnames or ()) == FAILURE_COLUMNS
        assert rows
        assert {(r["status"], r["exit_code"]) for r in rows} == {("error", str(code))}


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize(("words", "command"), COMMANDS, ids=[" ".join(w) for w, _ in COMMANDS])
def test_a_failing_input_is_said_on_stdout(
    tmp_path: Path, words: tuple[str, ...], command: Any, fmt: str
) -> None:
    """A scenario, plan, instance or database that is not there: the failure on stdout."""
    done = run(*_failing_line(words, command, tmp_path / "missing"), "--format", fmt)
    assert done.returncode != 0, done.stderr
    if words in STDOUT_IS_DATA:
        assert "status" not in done.stdout.splitlines()[0]  # its issues, and no record after
        return
    _assert_failure_said(done.stdout, fmt, done.returncode)


@pytest.mark.parametrize(
    ("args", "fmt"),
    [
        (("ledger", "orders", "--as", "p1", "-f", "json", "--no-such-option"), "json"),
        (("requirements", "missing", "--format=csv", "--no-such-option"), "csv"),
    ],
)
def test_an_option_that_does_not_parse_is_said_on_stdout(args: tuple[str, ...], fmt: str) -> None:
    """Exit 2 before the command runs: the failure in the format the command line asks."""
    done = run(*args)
    assert done.returncode == 2
    _assert_failure_said(done.stdout, fmt, 2)
    assert "--no-such-option" in done.stderr

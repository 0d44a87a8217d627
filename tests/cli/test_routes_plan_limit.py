"""``routes`` on a plan the solver's time limit left out or cut short, as ``plan`` says it.

A tester's ``routes`` with no plan within scenario.yaml's 0.1 s said "0 truck(s), 0.0 t
delivered", wrote its 7 files and exited 0 (routes.json: ``nothing_to_do``), where
``plan`` exits 6 and writes nothing; on a plan not proven best it gave no warning.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from cli_helpers import BILATERAL, run
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import PlanStatus
from supplyline.planning.highs import HighsSession, Solution

_register_commands()
runner = CliRunner()
NO_PLAN = "no plan within the time limit of 0.001 s, from scenario.yaml's solver.time_limit_s"
NOT_PROVEN = "the time limit stopped the solver before it proved this plan best"


@pytest.fixture
def tiny_limit(tmp_path: Path) -> Path:
    """The bilateral exercise with scenario.yaml's solver time limit at 1 ms (no plan in it)."""
    folder = Path(shutil.copytree(BILATERAL, tmp_path / "scenario"))
    yaml = folder / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert "solver: {time_limit_s: 120}" in text
    yaml.write_text(text.replace("time_limit_s: 120", "time_limit_s: 0.001"), encoding="utf-8")
    return folder


def _words(text: str) -> str:
    """Text as one line (rich wraps long messages at the terminal's width)."""
    return " ".join(text.split())


@pytest.mark.parametrize("extra", [[], ["--from-demand", "--report", "r.html"]])
def test_routes_without_a_plan_exit_6_and_write_nothing(
    tiny_limit: Path, tmp_path: Path, extra: list[str]
) -> None:
    """Exit 6 with plan's words; no route files (nor the report that needs the plan)."""
    out = tmp_path / "out"
    args = [a if a != "r.html" else str(tmp_path / "r.html") for a in extra]
    done = run("routes", tiny_limit, "--day", "3", "--out", out, "--time-limit", "1", *args)
    assert done.returncode == 6, done.stderr
    said = _words(done.stderr)
    assert NO_PLAN in said
    assert "raise solver.time_limit_s in scenario.yaml or remove it" in said
    assert "--time-limit" not in said  # routes' own is the router's: raising it changes nothing
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert not (tmp_path / "r.html").exists()


def test_routes_without_a_plan_say_it_on_stdout_for_programs(
    tiny_limit: Path, tmp_path: Path
) -> None:
    """JSON and CSV carry exit 6 and the message, as plan's failures do."""
    done = run("routes", tiny_limit, "--day", "3", "--out", tmp_path / "o", "--format", "json")
    said = json.loads(done.stdout)
    assert done.returncode == said["exit_code"] == 6
    assert NO_PLAN in said["message"]
    done = run("routes", tiny_limit, "--day", "3", "--out", tmp_path / "o", "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(done.stdout))
    assert (done.returncode, row["exit_code"], row["status"]) == (6, "6", "error")
    assert not (tmp_path / "o").exists()


def _cut_short(monkeypatch: pytest.MonkeyPatch) -> None:
    """The solve stops at the limit with a plan of its own, not proven best."""
    real_solve = HighsSession.solve

    def stopped(self: HighsSession) -> Solution:
        return replace(real_solve(self), status=PlanStatus.FEASIBLE)

    monkeypatch.setattr(HighsSession, "solve", stopped)


def test_routes_of_a_plan_cut_short_warn_on_stderr_and_in_routes_json(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The warning plan gives, on stderr once (not again as a note) and among the notes."""
    _cut_short(monkeypatch)
    out = tmp_path / "out"
    result = runner.invoke(app, ["routes", str(BILATERAL), "--day", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    stderr = _words(result.stderr)
    assert f"warning: {NOT_PROVEN}; it is the solver's last plan" in stderr
    assert "raise solver.time_limit_s in scenario.yaml" in stderr.lower()
    assert NOT_PROVEN not in _words(result.stdout)
    notes = json.loads((out / "routes.json").read_text(encoding="utf-8"))["notes"]
    (note,) = [n for n in notes if n.startswith(NOT_PROVEN)]
    assert f"warning: {_words(note)}." in stderr


def test_routes_of_a_proven_plan_do_not_warn(tmp_path: Path) -> None:
    """The plan proven best: no word of the time limit (the warning is the cut plan's)."""
    result = runner.invoke(app, ["routes", str(BILATERAL), "--day", "3", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert NOT_PROVEN not in _words(result.output)
    notes = json.loads((tmp_path / "routes.json").read_text(encoding="utf-8"))["notes"]
    assert not any(NOT_PROVEN in n for n in notes)

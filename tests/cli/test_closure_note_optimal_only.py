"""The unit closure note ("fixed by the optimum") is an optimal plan's only.

A tester's time-limited fallback plan (feasible, "not proven the best plan") said "The
late t-days and person-days are fixed by the optimum", where a better plan may close its
units earlier. The CLI's table, the HTML report and plan.json follow the one rule.
"""

from __future__ import annotations

import html
import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import PlanStatus
from supplyline.io.writer import write_scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import late_unit
from supplyline.planning.highs import HighsSession, Solution
from supplyline.planning.summary import closure_days_note
from supplyline.reports import render_plan_report

_register_commands()
runner = CliRunner()
FIXED = "fixed by the optimum"


@pytest.fixture
def stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The solve stops at the time limit with a plan not proven best (deterministically)."""
    real_solve = HighsSession.solve

    def solve(self: HighsSession, **kw: bool) -> Solution:
        return replace(real_solve(self, **kw), status=PlanStatus.FEASIBLE)

    monkeypatch.setattr(HighsSession, "solve", solve)


def test_a_feasible_plan_with_a_late_unit_gets_no_note() -> None:
    """The same late plan, its status feasible: no note, and none in the report."""
    scenario, demand = late_unit()
    optimal = plan_movements(scenario, demand, PlanParams(explain_top=0))
    assert closure_days_note(optimal) is not None  # the note is there when proven
    feasible = replace(optimal, status=PlanStatus.FEASIBLE)
    assert closure_days_note(feasible) is None
    assert FIXED not in html.unescape(render_plan_report(scenario, demand, feasible))


def _plan(folder: Path, out: Path) -> tuple[str, str, str]:
    """The terminal's text, the report and plan.json of ``plan`` on ``folder``."""
    report = out / "plan.html"
    args = ["plan", str(folder), "--explain", "0", "--out", str(out), "--report", str(report)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    plan_json = (out / "plan.json").read_text(encoding="utf-8")
    return result.stdout, html.unescape(report.read_text(encoding="utf-8")), plan_json


@pytest.fixture
def late_folder(tmp_path: Path) -> Path:
    """A scenario folder whose unit cannot be in place on its required day."""
    return write_scenario(late_unit()[0], tmp_path / "late")


@pytest.mark.usefixtures("stopped")
def test_no_face_says_a_stopped_plans_late_days_are_fixed(
    late_folder: Path, tmp_path: Path
) -> None:
    """The CLI, the report and plan.json of a feasible plan with a late unit: no note."""
    stdout, report, plan_json = _plan(late_folder, tmp_path / "out")
    data = json.loads(plan_json)
    assert data["status"] == "feasible"
    assert any(c["late_t_days"] > 0 for c in data["closures"])
    assert [FIXED in text for text in (stdout, report, plan_json)] == [False] * 3


def test_an_optimal_plan_says_it_in_the_cli_and_the_report(
    late_folder: Path, tmp_path: Path
) -> None:
    """The same scenario solved to the optimum: the note under the table and in the report."""
    stdout, report, _ = _plan(late_folder, tmp_path / "out")
    assert FIXED in " ".join(stdout.split())
    assert FIXED in report

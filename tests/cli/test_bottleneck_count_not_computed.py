"""A plan not proven best says its bottlenecks are not computed, never "0", wherever it counts them.

A tester's time-limited fallback plan showed the card "BOTTLENECKS 0" and ``"bottlenecks":
0`` in ``--format json``, read as "nothing limits this plan", while the section below said
they were not explained (shadow prices need a plan proven best).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from cli_helpers import BILATERAL
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import PlanStatus
from supplyline.domain.plan import BOTTLENECKS_NOT_COMPUTED
from supplyline.io.plan_files import read_plan
from supplyline.planning.highs import HighsSession, Solution

_register_commands()
runner = CliRunner()


@pytest.fixture
def stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The solve stops at the time limit with a plan not proven best."""
    real_solve = HighsSession.solve

    def solve(self: HighsSession, **kw: bool) -> Solution:
        return replace(real_solve(self, **kw), status=PlanStatus.FEASIBLE)

    monkeypatch.setattr(HighsSession, "solve", solve)


def _plan(*args: str) -> str:
    result = runner.invoke(app, ["plan", str(BILATERAL), "--explain", "0", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.usefixtures("stopped")
def test_json_gives_no_count_and_says_why() -> None:
    """``summary.bottlenecks`` is null (it was 0), ``bottlenecks_not_computed`` says why."""
    summary = json.loads(_plan("--format", "json"))["summary"]
    assert summary["status"] == "feasible"
    assert summary["bottlenecks"] is None
    assert summary["bottlenecks_not_computed"] == BOTTLENECKS_NOT_COMPUTED


@pytest.mark.usefixtures("stopped")
def test_csv_gives_an_empty_count_and_says_why() -> None:
    """The long-form CSV's count is blank, and its reason is a field of the summary."""
    rows = list(csv.DictReader(io.StringIO(_plan("--format", "csv"))))
    summary = {r["field"]: r["value"] for r in rows if r["section"] == "summary"}
    assert summary["bottlenecks"] == ""
    assert summary["bottlenecks_not_computed"] == BOTTLENECKS_NOT_COMPUTED


@pytest.mark.usefixtures("stopped")
def test_the_table_report_and_plan_file_say_not_computed(tmp_path: Path) -> None:
    """The terminal says it, the report's card shows a dash with the reason, plan.json too."""
    out, report = tmp_path / "out", tmp_path / "plan.html"
    words = " ".join(_plan("--out", str(out), "--report", str(report)).split())
    assert f"bottlenecks: not computed ({BOTTLENECKS_NOT_COMPUTED})" in words
    html = report.read_text(encoding="utf-8")
    card = re.search(r'<div class="label">bottlenecks</div>(.*?)</div></div>', html, re.S)
    assert card is not None
    assert '<div class="value ">—</div>' in card[1]
    assert "not computed" in card[1]
    data = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert data["bottlenecks"] == []
    assert data["bottlenecks_not_computed"] == BOTTLENECKS_NOT_COMPUTED


def test_a_plan_proven_best_counts_them(tmp_path: Path) -> None:
    """Optimal: a count, no reason; and a plan.json written before the field reads back."""
    out = tmp_path / "out"
    summary = json.loads(_plan("--format", "json", "--out", str(out)))["summary"]
    assert summary["status"] == "optimal"
    assert isinstance(summary["bottlenecks"], int)
    assert summary["bottlenecks_not_computed"] is None
    path = out / "plan.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data.pop("bottlenecks_not_computed") is None
    path.write_text(json.dumps(data), encoding="utf-8")  # as written before
    assert read_plan(path).bottlenecks_not_computed is None

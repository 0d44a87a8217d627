"""``routes`` and ``plan`` with ``--format json`` print the scenario's fingerprint, as their files.

``routes.json`` and ``plan.json`` record ``scenario_id`` (:func:`~supplyline.domain.
scenario_id`) beside the scenario's name; the JSON printed on stdout did not, so a script
reading it could not tell which of two scenarios of one name ("My operation") it came from.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.services.scenarios import bundled_example

_register_commands()
runner = CliRunner()
RELIEF = bundled_example("relief-operation")


def _printed(*args: str) -> str:
    """What the command printed on stdout; it ended well."""
    result = runner.invoke(app, [*args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _saved(path: Path) -> str:
    fingerprint = json.loads(path.read_text(encoding="utf-8"))["scenario_id"]
    assert isinstance(fingerprint, str)
    return fingerprint


@pytest.mark.slow
def test_routes_json_summary_has_the_files_fingerprint(tmp_path: Path) -> None:
    """The printed summary's scenario_id, after the name, is routes.json's."""
    out = tmp_path / "c3"
    text = _printed("routes", str(RELIEF), "--day", "C+3", "--from-demand", "--time-limit",
                    "1", "--out", str(out), "--format", "json")  # fmt: skip
    summary = json.loads(text)["summary"]
    assert list(summary)[:2] == ["scenario", "scenario_id"]
    assert summary["scenario_id"] == _saved(out / "routes.json")


@pytest.mark.slow
def test_plan_json_and_csv_summary_have_the_files_fingerprint(tmp_path: Path) -> None:
    """The JSON summary of plan and its long CSV's summary rows give plan.json's scenario_id."""
    out = tmp_path / "plan"
    data = json.loads(_printed("plan", str(RELIEF), "--out", str(out), "--format", "json"))
    saved = _saved(out / "plan.json")
    assert list(data["summary"])[:2] == ["scenario", "scenario_id"]
    assert data["summary"]["scenario_id"] == saved
    rows = csv.DictReader(io.StringIO(_printed("plan", str(RELIEF), "--format", "csv")))
    said = {r["field"]: r["value"] for r in rows if r["section"] == "summary"}
    assert said["scenario_id"] == saved

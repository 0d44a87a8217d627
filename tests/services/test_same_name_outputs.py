"""Outputs of another scenario of the same name are named: judged by fingerprint, not name.

A tester ran ``requirements hub1 --out stale2`` then ``plan hub1e --out stale2`` (hub1 with
a unit's personnel 1000 → 3000, the same name): "wrote 9 files", no warning, beside
requirements three times too small.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()

HUB = Path(__file__).resolve().parent / "same_name_hub"


def _edited(tmp_path: Path) -> Path:
    """The hub scenario with its unit's personnel tripled, under the same name."""
    folder = tmp_path / "hub-edited"
    shutil.copytree(HUB, folder)
    units = folder / "units.csv"
    units.write_text(units.read_text().replace(",1000,", ",3000,"), encoding="utf-8")
    return folder


def _run(*args: str | Path) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_plan_of_an_edited_scenario_names_the_old_requirements(tmp_path: Path) -> None:
    """Same name, other data: plan warns of the requirements, with both fingerprints."""
    out = tmp_path / "out"
    _run("requirements", HUB, "--out", out)
    said = _run("plan", _edited(tmp_path), "--out", out)
    assert "requirements of scenario 'hub test' with other data" in said
    old = json.loads((out / "requirements.json").read_text())["scenario_id"]
    new = json.loads((out / "plan.json").read_text())["scenario_id"]
    assert old != new
    assert f"(fingerprint {old}, not {new})" in said


def test_outputs_of_one_scenario_agree(tmp_path: Path) -> None:
    """Plan, routes and requirements of one scenario in one folder: nothing said of each other."""
    out = tmp_path / "out"
    _run("plan", HUB, "--out", out)
    said = _run("routes", HUB, "--day", "1", "--out", out) + _run("requirements", HUB, "--out", out)
    assert "no longer match" not in said
    ids = {
        json.loads((out / f"{g}.json").read_text())["scenario_id"]
        for g in ("plan", "routes", "requirements")
    }
    assert len(ids) == 1

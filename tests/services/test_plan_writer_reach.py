"""The Python plan writer writes the files ``plan --out`` writes, ``reach.csv`` included.

``plan --out`` wrote ``reach.csv`` (the plan's reach check); ``write_plan`` in Python
wrote the other eight files only. The scenario is a tester's whose plan flags units
(tests/cli/scenarios/forward-depot-op), so the reach rows carry verdicts to compare.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.io import load_scenario
from supplyline.io.factors import factors_for
from supplyline.io.plan_files import PLAN_FILES, REACH_FILE
from supplyline.io.plan_files import write_plan as write_plan_files_only
from supplyline.planning import PlanParams, plan_movements
from supplyline.requirements import compute_requirements
from supplyline.services.plan_output import write_plan
from supplyline.services.planning import solver_params

_register_commands()
runner = CliRunner()

FOLDER = Path(__file__).resolve().parents[1] / "cli" / "scenarios" / "forward-depot-op"


def _api_plan_files(out: Path) -> tuple[Path, ...]:
    """The plan written by the Python API, solved as ``plan --explain 0`` solves it."""
    scenario = load_scenario(FOLDER)
    demand = compute_requirements(scenario, factors_for(dict(scenario.factor_overrides)))
    plan = plan_movements(scenario, demand, solver_params(scenario, PlanParams(explain_top=0)))
    return write_plan(out, scenario, plan)


@pytest.mark.slow
def test_api_writes_the_cli_file_set_with_the_same_reach_csv(tmp_path: Path) -> None:
    """The same file names in both folders, and reach.csv byte for byte (with flags)."""
    result = runner.invoke(
        app, ["plan", str(FOLDER), "--explain", "0", "--out", str(tmp_path / "cli")]
    )
    assert result.exit_code == 0, result.output
    written = _api_plan_files(tmp_path / "api")

    cli_names = sorted(p.name for p in (tmp_path / "cli").iterdir())
    assert sorted(p.name for p in (tmp_path / "api").iterdir()) == cli_names
    assert sorted(p.name for p in written) == sorted([*PLAN_FILES, REACH_FILE])
    cli_reach = (tmp_path / "cli" / REACH_FILE).read_bytes()
    assert (tmp_path / "api" / REACH_FILE).read_bytes() == cli_reach
    with (tmp_path / "api" / REACH_FILE).open(encoding="utf-8-sig", newline="") as f:
        assert any(row["ok"] == "no" for row in csv.DictReader(f)), "the case has flags"


@pytest.mark.slow
def test_io_writer_without_reach_removes_an_earlier_plans_reach_csv(tmp_path: Path) -> None:
    """Io's writer, given no reach rows, leaves no reach.csv of another plan beside its files."""
    out = tmp_path / "out"
    _api_plan_files(out)
    scenario = load_scenario(FOLDER)
    demand = compute_requirements(scenario, factors_for(dict(scenario.factor_overrides)))
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0, time_limit_s=60))
    written = write_plan_files_only(out, scenario, plan)
    assert REACH_FILE not in {p.name for p in written}
    assert not (out / REACH_FILE).exists()

"""`plan --params FILE`: the planning parameters (weights above all) from a TOML file."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

from cli_helpers import BILATERAL, run
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import SolverOptions
from supplyline.io.plan_files import read_plan
from supplyline.planning import PlanParams
from supplyline.planning.examples import one_link
from supplyline.services.planning import solver_params

_register_commands()
runner = CliRunner()


def _plan(tmp_path: Path, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["plan", str(BILATERAL), "--out", str(out), "--explain", "0", *extra]
    )
    return result.exit_code, " ".join(result.output.split()), out


def test_the_files_weights_make_the_plan_and_are_recorded_in_it(tmp_path: Path) -> None:
    """plan.json keeps every weight; the summary names the ones changed; read back equal."""
    params = tmp_path / "plan.toml"
    params.write_text("[weights]\ntarget_gap_per_t_day = 10\n", encoding="utf-8")
    code, said, out = _plan(tmp_path, "--params", str(params))
    assert code == 0, said
    assert "weights target_gap_per_t_day 10 (default 1,000)" in said
    written = json.loads((out / "plan.json").read_text(encoding="utf-8"))["stats"]["weights"]
    assert written["target_gap_per_t_day"] == 10.0
    assert written["late_per_t_day"] == PlanParams().weights.late_per_t_day
    assert read_plan(out / "plan.json").stats.weights == written


def test_an_option_given_overrides_the_file(tmp_path: Path) -> None:
    """The file says explain_top 5 and method ipm; --explain 0 and --method simplex win."""
    params = tmp_path / "plan.toml"
    params.write_text('method = "ipm"\nexplain_top = 5\n', encoding="utf-8")
    code, said, out = _plan(tmp_path, "--params", str(params), "--method", "simplex")
    assert code == 0, said
    stats = json.loads((out / "plan.json").read_text(encoding="utf-8"))["stats"]
    assert (stats["method"], stats["explain_top"]) == ("simplex", 0)
    assert "weights" not in said.split("simplex")[1].split(":")[0]  # the defaults: no word


def _run_plan(tmp_path: Path, *extra: str) -> tuple[int, str, Path]:
    """As a user runs it (the entry point maps a scenario error to exit 2 and words)."""
    out = tmp_path / "out"
    done = run("plan", BILATERAL, "--out", out, "--explain", "0", *extra)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, " ".join(done.stderr.split()), out


def test_every_mistake_in_the_file_is_said_at_its_line_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    params = tmp_path / "plan.toml"
    params.write_text('metod = "ipm"\n[weights]\nlate_per_t_day = -1\n', encoding="utf-8")
    code, said, out = _run_plan(tmp_path, "--params", str(params))
    assert code == 2, said
    assert f"{params}:1: metod: unknown key (did you mean 'method'?" in said
    assert f"{params}:3: weights.late_per_t_day" in said
    assert not out.exists()


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    code, said, out = _run_plan(tmp_path, "--params", str(tmp_path / "nope.toml"))
    assert code == 2, said
    assert "nope.toml: cannot be read" in said
    assert not out.exists()


def test_the_files_fair_share_false_wins_over_scenario_yaml(tmp_path: Path) -> None:
    """A parameters file overrides scenario.yaml's solver: its fair_share = false too.

    A tester's file said false over a scenario saying true, and the plan spread shares.
    """
    scenario, _ = one_link()
    sharing = dataclasses.replace(scenario, solver=SolverOptions(fair_share=True))
    params = tmp_path / "plan.toml"
    params.write_text("fair_share = false\n", encoding="utf-8")
    assert solver_params(sharing, PlanParams.from_file(params)).fair_share is False
    assert solver_params(sharing, PlanParams()).fair_share is True  # not said: the scenario's
    assert solver_params(scenario, PlanParams(fair_share=True)).fair_share is True
    assert solver_params(sharing, PlanParams(), fair_share=False).fair_share is False


def test_a_misspelt_method_in_the_file_is_offered_the_method_meant(tmp_path: Path) -> None:
    params = tmp_path / "plan.toml"
    params.write_text('method = "simplx"\n', encoding="utf-8")
    code, said, out = _run_plan(tmp_path, "--params", str(params))
    assert code == 2, said
    assert f'{params}:1: method: "simplx" is not a method (one of: auto, simplex' in said
    assert "; did you mean 'simplex'?" in said
    assert not out.exists()


def test_an_empty_params_path_is_said_to_be_empty(tmp_path: Path) -> None:
    """--params '' is a usage error naming what to give (it was read as '.', a folder)."""
    code, said, out = _run_plan(tmp_path, "--params", "")
    assert code == 2, said
    assert "'' is empty: give a TOML file of planning" in said
    assert not out.exists()


def test_a_bad_file_and_a_bad_scenario_are_said_in_one_run(tmp_path: Path) -> None:
    """Both the parameters file's mistakes and the scenario's, not the file's alone."""
    scenario = tmp_path / "scenario"
    shutil.copytree(BILATERAL, scenario)
    yaml = scenario / "scenario.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace("horizon_days: ", "horizon_days: -", 1),
        encoding="utf-8",
    )
    params = tmp_path / "plan.toml"
    params.write_text("threads = 0\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run("plan", scenario, "--out", out, "--params", params)
    said = " ".join(done.stderr.split())
    assert done.returncode == 2, said
    assert f"{params}:1: threads: 0 must be 1 to 1,024" in said
    assert "scenario.yaml" in said
    assert "horizon_days" in said
    unwrapped = said.replace(" ", "")  # the summary is wrapped at the console's width
    assert f"badplanningparametersin{params},and1error(s)intheinputof" in unwrapped
    assert not out.exists()

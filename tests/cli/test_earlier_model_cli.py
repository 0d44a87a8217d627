"""A model (``--mps``) never sits beside a plan it does not belong to without a word.

A tester's ``plan --out o --mps o/plan.mps --report o/plan.html``, then ``plan --out o``
of a changed scenario, removed the report and kept the earlier plan's model; and a run
with no plan in its time limit left its model beside the earlier plan's files, silently.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import highspy
import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.errors import SolverError

_register_commands()
runner = CliRunner()
BILATERAL = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"


@pytest.fixture
def planned(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the bilateral example, planned into o/ with its model and report there."""
    scenario = Path(shutil.copytree(BILATERAL, tmp_path / "s"))
    out = tmp_path / "o"
    first = runner.invoke(
        app, ["plan", str(scenario), "--out", str(out), "--mps", str(out / "plan.mps"),
              "--report", str(out / "plan.html"), "--explain", "0"],
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    return scenario, out


def _shorten(scenario: Path) -> None:
    """Plan five days fewer: another plan."""
    yaml = scenario / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    days = int(text.split("horizon_days:")[1].split()[0])
    yaml.write_text(text.replace(f"horizon_days: {days}", f"horizon_days: {days - 5}", 1))


def test_the_model_carries_its_plan_and_reads_in_highs(planned: tuple[Path, Path]) -> None:
    """The model's comment lines name the plan in plan.json; HiGHS reads the file."""
    _, out = planned
    plan_id = (out / "plan.json").read_text(encoding="utf-8").split('"plan_id": "')[1][:20]
    head = (out / "plan.mps").read_text(encoding="utf-8").splitlines()[:4]
    assert head[0].startswith("* generator: supplyline ")
    assert head[1] == f"* supplyline-plan: {plan_id}"
    assert head[2].startswith("* the last ")  # the turn-back rows, said
    assert head[3].startswith("NAME")
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    assert h.readModel(str(out / "plan.mps")) == highspy.HighsStatus.kOk


def test_a_new_plan_removes_the_earlier_plans_model_and_says_so(
    planned: tuple[Path, Path],
) -> None:
    """Plan a changed scenario into o/ without --mps: o/plan.mps goes, with the report."""
    scenario, out = planned
    _shorten(scenario)
    again = runner.invoke(app, ["plan", str(scenario), "--out", str(out), "--explain", "0"])
    assert again.exit_code == 0, again.output
    assert not (out / "plan.mps").exists()
    assert not (out / "plan.html").exists()
    said = "".join(again.stderr.split())  # the console wraps long paths anywhere
    assert "".join(f"removed {out / 'plan.mps'}, the model of the earlier plan".split()) in said
    assert "".join(f"removed {out / 'plan.html'}, the report of the earlier plan".split()) in said


def test_the_same_plan_again_keeps_its_model(planned: tuple[Path, Path]) -> None:
    """An unchanged scenario plans the same plan: its model stays (it is this plan's)."""
    scenario, out = planned
    again = runner.invoke(app, ["plan", str(scenario), "--out", str(out), "--explain", "0"])
    assert again.exit_code == 0, again.output
    assert (out / "plan.mps").exists()


def test_a_model_without_a_plan_beside_an_earlier_plan_is_said(
    planned: tuple[Path, Path],
) -> None:
    """No plan in the time limit: exit 6, a warning, and the earlier plan's files untouched."""
    scenario, out = planned
    _shorten(scenario)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "plan.mps"}
    failed = runner.invoke(
        app, ["plan", str(scenario), "--out", str(out), "--mps", str(out / "plan.mps"),
              "--time-limit", "0.001", "--explain", "0"],
    )  # fmt: skip
    assert isinstance(failed.exception, SolverError), failed.output  # exit 6 at the entry
    said = " ".join(str(failed.exception).split())
    assert f"{out} holds the files of an earlier plan, which the model plan.mps does" in said
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != "plan.mps"} == before

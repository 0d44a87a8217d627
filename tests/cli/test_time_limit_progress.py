"""A time-limited plan's progress says how much of the limit is used; its files never do.

A tester's plan with ``--time-limit 20`` spent 18 s of it "solving N flows apart" for a
warm start, and the progress never said how much of the limit was gone.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from cli_helpers import BILATERAL

from supplyline.domain import PlanStatus
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import one_link
from supplyline.planning.limit_clock import LimitStage

USED = re.compile(r"\(time limit: [\d.]+ of 1000 s used\)")


def _plan(*args: str, folder: Path = BILATERAL) -> subprocess.CompletedProcess[str]:
    """``plan`` of ``folder``, stderr a log (not a terminal): one line a stage."""
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "plan", str(folder), "--explain", "0", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "400"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_the_solves_stages_say_how_much_of_the_limit_is_used(tmp_path: Path) -> None:
    """The solve's lines carry the limit used; the stages before and after it do not."""
    out = tmp_path / "out"
    log = _plan("--time-limit", "1000", "--out", str(out)).stderr.splitlines()
    solving = [line for line in log if re.search(r"\d s  solving", line)]
    assert solving
    assert all(USED.search(line) for line in solving), log
    for stage in ("loading scenario", "building the model", "extracting the plan"):
        line = next(line for line in log if line.endswith(stage) or f"s  {stage}" in line)
        assert "time limit" not in line, line
    assert not any("time limit:" in p.read_text(encoding="utf-8") for p in out.iterdir())


def test_a_plan_without_a_limit_says_none(tmp_path: Path) -> None:
    """No limit (the example's scenario.yaml's 120 s taken out), no clock."""
    folder = Path(shutil.copytree(BILATERAL, tmp_path / "scenario"))
    yaml = folder / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert "solver: {time_limit_s: 120}" in text
    yaml.write_text(text.replace("solver: {time_limit_s: 120}", ""), encoding="utf-8")
    assert "(time limit:" not in _plan(folder=folder).stderr


def test_the_planner_hands_the_limits_clock_to_its_progress() -> None:
    """``plan_movements`` says its solve's stages as :class:`LimitStage`, the others plain."""
    heard: list[str] = []
    plan = plan_movements(
        *one_link(), PlanParams(explain_top=0, time_limit_s=1000.0), progress=heard.append
    )
    assert plan.status is PlanStatus.OPTIMAL
    timed = [s for s in heard if isinstance(s, LimitStage)]
    assert any(s.startswith("solving") for s in timed)
    assert all(s.limit_s == 1000.0 and s.used_s() >= 0.0 for s in timed)
    assert not isinstance(next(s for s in heard if s == "building the model"), LimitStage)

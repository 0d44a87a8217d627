"""Ctrl+C at every moment of `plan` says what was and was not written, never "interrupted" alone.

A tester's `timeout -s INT 2.85 supplyline plan …` printed the bare word "interrupted" and
exit 130: the press came while the command imported its services, before its stages
began, where no words of its own were in force. A press after the files were moved into
place and before the command went on said "no plan written" beside the files on disk. Each
window is hit here by a KeyboardInterrupt raised at that point, not by a guessed delay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_helpers import BILATERAL
from rich.console import Console
from typer.testing import CliRunner

from supplyline.cli import plan_cmds
from supplyline.cli.app import _register_commands, app
from supplyline.cli.exits import EXIT_INTERRUPTED
from supplyline.cli.progress import WRITTEN
from supplyline.cli.progress import stages as real_stages
from supplyline.services import planning as planning_service

_register_commands()
runner = CliRunner()

STAGES = [
    "loading scenario",
    "computing requirements",
    "indexing the network",
    "building the model",
    "solving",
    "extracting the plan",
    "writing the plan files",
    "writing the report",
]
"""The stages of the bilateral example's plan with a report and no bottleneck measured."""


def _press(*_: object, **__: object) -> None:
    raise KeyboardInterrupt


def _plan(tmp_path: Path) -> tuple[int, str, Path]:
    """Plan the bilateral example with a report: exit code, stderr as one line, the folder."""
    out = tmp_path / "out"
    args = ["plan", str(BILATERAL), "--out", str(out), "--report", str(tmp_path / "plan.html")]
    result = runner.invoke(app, [*args, "--explain", "0"])
    return result.exit_code, " ".join(result.stderr.split()), out


@pytest.mark.parametrize("stage", STAGES)
def test_ctrl_c_as_a_stage_begins_says_no_plan_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    """Pressed as ``stage`` begins: "no plan written", 130, and no file."""
    reached: list[str] = []

    @contextmanager
    def pressed_at(console: Console, first: str) -> Iterator[Callable[[str], None]]:
        with real_stages(console, first) as show:

            def stage_or_press(text: str) -> None:
                if text.startswith(stage):
                    reached.append(text)
                    raise KeyboardInterrupt
                show(text)

            yield stage_or_press

    monkeypatch.setattr(plan_cmds, "stages", pressed_at)
    code, said, _ = _plan(tmp_path)
    assert reached, f"the plan has no stage {stage!r}: {said}"
    assert code == EXIT_INTERRUPTED, said
    assert said.endswith("interrupted: no plan written"), said
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_before_the_stages_begin_says_no_plan_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed while the options become parameters (the services' import, the tester's 3 s)."""
    monkeypatch.setattr(plan_cmds, "PlanParams", _press)
    code, said, _ = _plan(tmp_path)
    assert code == EXIT_INTERRUPTED, said
    assert said == "interrupted: no plan written"
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_once_the_files_are_moved_says_they_were_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed after the move, before the run returns: "written", and every file is there."""
    monkeypatch.setattr(planning_service, "PlanRun", _press)
    code, said, out = _plan(tmp_path)
    assert code == EXIT_INTERRUPTED, said
    assert said.endswith(f"interrupted: {WRITTEN}"), said
    assert (tmp_path / "plan.html").is_file()
    assert {"movements.csv", "plan.json"} <= {p.name for p in out.iterdir()}


def test_ctrl_c_between_the_work_and_the_summary_says_the_files_were_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed after the work's own words ended, before the summary's began: not bare."""
    monkeypatch.setattr(plan_cmds, "files_in_place", _press)
    code, said, out = _plan(tmp_path)
    assert code == EXIT_INTERRUPTED, said
    assert said.endswith(f"interrupted: {WRITTEN}"), said
    assert "plan.json" in {p.name for p in out.iterdir()}

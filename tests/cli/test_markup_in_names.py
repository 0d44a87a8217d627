"""Names and paths with square brackets are shown as written, never read as rich markup.

A tester's scenario named "Draft [/] x" stopped `plan` with a MarkupError traceback after
it had written its files, and "Relief [draft] [b]B[/b]" read "Relief  B".
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from supplyline.io.writer import write_scenario
from supplyline.planning.examples import gauge_break

NAME = "Draft [/] x [b]B[/b] [red]R"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scenario, _ = gauge_break()
    named = dataclasses.replace(scenario, name=NAME)
    return write_scenario(named, tmp_path_factory.mktemp("markup") / "sc")


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supplyline", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env={"COLUMNS": "300", "PATH": "/usr/bin:/bin"},
    )


def test_plan_shows_the_name_and_the_path_as_written(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out[/]x"
    done = _run("plan", folder, "--out", out, "--explain", "0")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{NAME}: plan optimal" in done.stdout
    assert f"wrote 9 files to {out}" in " ".join(done.stderr.split())


def test_requirements_writes_to_a_bracketed_path_and_says_so(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "rq[b]x[/b]"
    done = _run("requirements", folder, "--out", out)
    assert done.returncode == 0, done.stderr
    assert f"wrote 3 files to {out}" in " ".join(done.stderr.split())

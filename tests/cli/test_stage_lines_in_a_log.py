"""What a small folder's commands write to a stderr that is not a terminal, as the README says.

A tester's ``requirements q 2>err.txt`` found ``0.0 s  loading scenario`` beside the
warnings, where the README's "a small folder, read in a blink, says none" is ``validate``'s.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RELIEF = ROOT / "examples" / "relief-operation"
BILATERAL = ROOT / "examples" / "bilateral-exercise"
STAGE_LINE = re.compile(r"^ *[0-9]+\.[0-9] s  ")
"""A stage's line in a log, as the README gives the pattern to drop them by."""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supplyline", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"},
        timeout=300,
        check=False,
    )


def _one_fleet_group_carrying_anything(folder: Path) -> None:
    """Every fleet group but the last names what it carries: the last one is warned of."""
    path = folder / "fleet.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [i for i, line in enumerate(lines) if line and not line.startswith("#")]
    lines[rows[0]] += ",carries"
    for i in rows[1:-1]:
        lines[i] += ",food;water"
    lines[rows[-1]] += ","
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_validate_of_a_small_folder_says_no_stage() -> None:
    """``validate`` of the relief example writes its findings alone, no stage line."""
    done = _run("validate", str(RELIEF))
    assert done.returncode == 0, done.stderr
    assert not [line for line in done.stderr.splitlines() if STAGE_LINE.match(line)]


def test_requirements_says_each_stage_before_the_warnings(tmp_path: Path) -> None:
    """A line a stage, in order and before the warnings; the pattern leaves the warnings."""
    folder = Path(shutil.copytree(RELIEF, tmp_path / "relief"))
    _one_fleet_group_carrying_anything(folder)  # a warning, as the tester's
    done = _run("requirements", str(folder), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    staged = [STAGE_LINE.sub("", line) for line in lines if STAGE_LINE.match(line)]
    assert staged[:2] == ["loading scenario", "computing requirements"], lines
    warnings = [i for i, line in enumerate(lines) if "warning:" in line]
    assert warnings, lines
    last_stage = max(i for i, line in enumerate(lines) if STAGE_LINE.match(line))
    assert last_stage < min(warnings)
    assert not STAGE_LINE.search(done.stdout)


@pytest.mark.parametrize("columns", ["40", "80"])
def test_a_stage_is_one_line_in_a_log_whatever_columns_says(tmp_path: Path, columns: str) -> None:
    """A tester's ``COLUMNS=80 plan … 2>err.txt`` had the solve's stage wrapped in two lines.

    Its tail (``s used)``) was left by the README's filter of the stage lines; now each
    stage, the longest too, is one line, and the filter leaves warnings and notes alone.
    """
    log = tmp_path / "err.txt"
    with log.open("w", encoding="utf-8") as err:
        done = subprocess.run(
            [sys.executable, "-m", "supplyline", "plan", str(BILATERAL), "--explain", "0"],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src"), "COLUMNS": columns},
            timeout=300,
            check=False,
        )
    lines = log.read_text(encoding="utf-8").splitlines()
    assert done.returncode == 0, lines
    staged = [line for line in lines if STAGE_LINE.match(line)]
    solving = [line for line in staged if "  solving" in line]
    assert solving, lines
    assert all(line.endswith(" s used)") for line in solving), solving
    assert max(map(len, staged)) > int(columns)  # long enough to have been wrapped
    left = " ".join(s for s in lines if not STAGE_LINE.match(s) and "warning:" not in s)
    assert left.startswith("no plan files written"), left  # the note alone, no stage's tail
    assert "used)" not in left, left

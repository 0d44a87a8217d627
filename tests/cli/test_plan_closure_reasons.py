"""Why a unit is not closed reads whole on an 80-column terminal, under the closure table.

The closure table's last column, ``reason``, was squeezed to a sliver at 80 columns.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

from supplyline.io.writer import write_scenario
from supplyline.planning.examples import late_unit


def _plan(folder: Path, *args: str) -> str:
    """``supplyline plan FOLDER ARGS`` at 80 columns: its stdout."""
    result = subprocess.run(
        [sys.executable, "-m", "supplyline", "plan", str(folder), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _narrow(tmp_path: Path) -> Path:
    """A unit whose 20 t of lift a 2 t/day road cannot bring by the horizon's end."""
    scenario, _ = late_unit(days=8, lift_t=20.0)
    road = dataclasses.replace(scenario.links[0], capacity_t_per_day=2.0)
    return write_scenario(
        dataclasses.replace(scenario, links=(road, *scenario.links[1:])), tmp_path / "s"
    )


def test_the_reason_reads_whole_under_the_table_at_80_columns(tmp_path: Path) -> None:
    """Under the table, "u1 not closed: " and the reason JSON gives, every word of it."""
    folder = _narrow(tmp_path)
    (row,) = json.loads(_plan(folder, "--format", "json"))["unit_closure"]
    reason = row["reason"]
    assert reason
    out = _plan(folder)
    assert all(len(line) <= 80 for line in out.splitlines())
    table, after = out.split("Unit closure", 1)[1].split("\u2500" * 20, 1)
    assert "reason" not in table.split()  # no column of it left to crop
    assert f"u1 not closed: {reason}" in " ".join(after.split())

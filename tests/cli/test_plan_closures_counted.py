"""The bottleneck table's heading counts the closures below it, as the file and report do.

A tester's relief plan read "Top 5 of 6 bottlenecks (all in bottlenecks.csv)" beside a
bottlenecks.csv of 9 rows and a report card of 9: the other 3 were road closures, shown
in their own table under it. The heading now says how the two tables add up, and the
report's card how its figure splits.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()
QUAKE = Path(__file__).resolve().parent / "scenarios" / "quake-closures"


def test_the_heading_adds_the_closures_to_the_capacities(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(QUAKE, tmp_path / "scenario")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app, ["plan", "scenario", "--out", "out", "--report", "plan.html"], env={"COLUMNS": "240"}
    )
    assert result.exit_code == 0, result.output
    with (tmp_path / "out" / "bottlenecks.csv").open(encoding="utf-8-sig", newline="") as f:
        kinds = [row["kind"] for row in csv.DictReader(f)]
    closures = kinds.count("outage")
    assert closures > 0, "the scenario's closures hold the plan back"
    heading = re.search(
        r"Top (\d+) of (\d+) capacity bottlenecks "
        r"\((\d+) with the (\d+) closures? below, all in bottlenecks\.csv\)",
        " ".join(result.stdout.split()),  # as read, however the terminal wrapped it
    )
    assert heading, result.stdout
    shown, capacities, every, below = map(int, heading.groups())
    assert (capacities, every, below) == (len(kinds) - closures, len(kinds), closures)
    assert shown < capacities
    report = (tmp_path / "plan.html").read_text(encoding="utf-8")
    assert f"{capacities} capacities, {closures} closures" in report  # the card's note

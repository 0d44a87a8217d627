"""``plan``'s reach check reaches programs: ``--format json|csv`` and ``reach.csv``.

A tester's ``plan`` printed "reach check: 4 of 6 unit(s) beyond what their trucks can
sustain" while plan.json, ``--format json`` and ``--format csv`` held none of these
flags, and ``supplyline reach`` (judged from stocks.csv, not the plan's road legs) said
0 of 6. The scenario here is that tester's, renamed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()

FOLDER = Path(__file__).resolve().parent / "scenarios" / "forward-depot-op"


def _plan(*args: str | Path) -> str:
    """``plan FOLDER --explain 0 ARGS``'s stdout (nothing re-solved: faster)."""
    result = runner.invoke(
        app, ["plan", str(FOLDER), "--explain", "0", *map(str, args)], env={"COLUMNS": "400"}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def _said(text: str) -> str:
    """Text with every run of white space as one space (a terminal may wrap a line)."""
    return re.sub(r"\s+", " ", text)


@pytest.mark.slow
def test_reach_rows_of_json_csv_and_reach_csv_are_the_verdicts_the_terminal_prints(
    tmp_path: Path,
) -> None:
    """Each unit's ok and reason alike in the table, --format json and csv, and reach.csv."""
    table = _plan()
    data = json.loads(_plan("--out", tmp_path / "out", "--format", "json"))
    long: dict[str, dict[str, str]] = defaultdict(dict)
    for row in csv.DictReader(io.StringIO(_plan("--format", "csv"))):
        if row["section"] == "reach":
            long[row["item"]][row["field"]] = row["value"]
    with (tmp_path / "out" / "reach.csv").open(encoding="utf-8-sig", newline="") as f:
        filed = list(csv.DictReader(f))

    flagged = [r for r in data["reach"] if not r["ok"]]
    count = re.search(r"reach check: (\d+) of (\d+) unit", table)
    assert count is not None, table
    assert (int(count[1]), int(count[2])) == (len(flagged), len(data["reach"]))
    assert flagged, "the case has flags"
    terminal = _said(table)
    for r in flagged:  # the terminal's "  unit: reason" line, word for word
        assert _said(f" {r['unit']}: {r['reason']}") in terminal
    verdicts = [(r["unit"], "yes" if r["ok"] else "no", r["reason"]) for r in data["reach"]]
    assert [(r["unit"], r["ok"], r["reason"]) for r in long.values()] == verdicts
    assert [(r["unit"], r["ok"], r["reason"]) for r in filed] == verdicts
    assert str(tmp_path / "out" / "reach.csv") in data["files"]

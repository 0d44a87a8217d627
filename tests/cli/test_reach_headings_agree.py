"""The reach table heads its columns as the HTML report does, from one set of headings.

A staff planner read ``supply point / turns per truck / daily t / loads needed / capacity t
/ depot load pct`` in the terminal and ``supplied from / turns a truck a day / peak demand
t/day / truck-loads a day / trucks carry t/day / depot's truck-hours used %`` in the report,
for the same numbers.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

from cli_helpers import BILATERAL
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.reports.routes_report import reach_section
from supplyline.routing.reach_table import REACH_COLUMNS, REACH_HEADINGS
from supplyline.services.routing import assess_reach

_register_commands()
runner = CliRunner()


def _table(width: int) -> str:
    """``reach``'s table of the bilateral example on a terminal ``width`` columns wide.

    In a process of its own: the console takes its width when it is made.
    """
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "reach", str(BILATERAL)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": str(width), "NO_COLOR": "1"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_terminal_heads_every_column_as_the_report_does() -> None:
    """On a wide terminal each of the report's headings reads whole in the table's header."""
    text = _table(300)
    header = next(line for line in text.splitlines() if line.startswith("┃ unit "))
    cells = [c.strip() for c in header.split("┃")[1:-1]]
    report = reach_section(assess_reach(BILATERAL).check).tables[0].columns
    assert cells == list(report) == [REACH_HEADINGS[c] for c in REACH_COLUMNS]


def test_a_narrow_terminal_names_what_it_leaves_out_in_the_same_words() -> None:
    """At 80 columns the columns left out are named by the report's headings."""
    said = " ".join(_table(80).split())
    assert "not shown at 80 columns:" in said
    assert "depot load pct" not in said
    assert REACH_HEADINGS["depot_load_pct"] in said


def test_programs_keep_the_keys() -> None:
    """CSV keeps its column names: a program's reader does not change."""
    result = runner.invoke(app, ["reach", str(BILATERAL), "--format", "csv"])
    assert result.exit_code == 0, result.output
    fields = csv.DictReader(io.StringIO(result.stdout)).fieldnames or []
    assert set(REACH_COLUMNS) <= set(fields)

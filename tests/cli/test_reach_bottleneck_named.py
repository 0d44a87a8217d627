"""The reach table says whose truck figures a row gives where they are not its depot's.

A tester's relief site-3 read depot ``kestel-wh`` beside a 3.40 h round trip, 2 turns a
day and 48 t/day that were vardo's, its bottleneck depot (``reach --format csv``'s
``bottleneck``): the table named one depot and gave another's figures.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

from cli_helpers import ROOT

from supplyline.reports.routes_report import reach_section
from supplyline.routing.reach_table import REACH_HEADINGS
from supplyline.services.routing import assess_reach

RELIEF = ROOT / "examples" / "relief-operation"


def _reach(*args: str) -> str:
    """``supplyline reach`` of the relief example on a terminal wide enough for every cell."""
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "reach", str(RELIEF), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "400", "NO_COLOR": "1"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _csv_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_reach("--format", "csv"))))


def _table_cells() -> dict[str, dict[str, str]]:
    """Each unit's table cells by heading."""
    lines = _reach().splitlines()
    header = next(line for line in lines if line.startswith("┃ unit "))
    heads = [c.strip() for c in header.split("┃")[1:-1]]
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in lines if line.startswith("│")]
    return {row[0]: dict(zip(heads, row, strict=True)) for row in rows}


def test_a_row_with_another_depots_figures_names_that_depot() -> None:
    """Where ``bottleneck`` is not ``depot``, the depot cell names both, the figures beside."""
    rows = _csv_rows()
    other = [r for r in rows if r["bottleneck"] and r["bottleneck"] != r["depot"]]
    assert other, "the relief example has a unit whose figures are another depot's"
    cells = _table_cells()
    for r in other:
        cell = cells[r["unit"]]
        assert cell[REACH_HEADINGS["depot"]] == f"{r['depot']} ({r['bottleneck']}'s figures)"
        assert float(cell[REACH_HEADINGS["round_trip_h"]]) == float(r["round_trip_h"])


def test_a_row_with_its_own_depots_figures_names_it_alone() -> None:
    """Where the figures are the named depot's own, the cell is the depot's id alone."""
    cells = _table_cells()
    same = [r for r in _csv_rows() if r["bottleneck"] == r["depot"]]
    assert same
    for r in same:
        assert cells[r["unit"]][REACH_HEADINGS["depot"]] == r["depot"]


def test_the_report_names_the_same_depot() -> None:
    """The HTML report's reach table reads the depot cell as the terminal does."""
    table = reach_section(assess_reach(RELIEF).check).tables[0]
    at = table.columns.index(REACH_HEADINGS["depot"])
    cells = {str(row[0]): row[at] for row in table.rows}
    for r in _csv_rows():
        if r["bottleneck"] and r["bottleneck"] != r["depot"]:
            assert cells[r["unit"]] == f"{r['depot']} ({r['bottleneck']}'s figures)"

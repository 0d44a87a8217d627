"""The report's bottleneck table shows a column only when some rank fills it, as the CLI's.

On the bilateral example the report's "shortfall removed t" stood blank on all five rows
(its claims cut lateness and save cost, which the explanations say), where the terminal's
table had left its "removes t" out; both now follow one rule (``filled_columns``).
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from supplyline.planning import plan_movements
from supplyline.planning.examples import gauge_break
from supplyline.planning.summary import bottleneck_table_rows
from supplyline.reports import render_plan_report

BILATERAL = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
REMOVED = "shortfall removed t"


def _bottleneck_table(html: str) -> tuple[list[str], list[list[str]]]:
    """The headings and the rows' cell texts of the report's bottleneck table."""
    root = ET.fromstring(html.removeprefix("<!DOCTYPE html>"))
    (section,) = [el for el in root.iter() if el.get("id") == "bottlenecks"]
    table = next(section.iter("table"))
    headings = ["".join(th.itertext()).strip() for th in table.iter("th") if th.get("scope")]
    rows = [
        ["".join(cell.itertext()).strip() for cell in tr if cell.tag in ("td", "th")]
        for body in table.iter("tbody")
        for tr in body.iter("tr")
    ]
    return headings, rows


def test_no_rank_removes_shortfall_on_the_bilateral_example(tmp_path: Path) -> None:
    """``plan --report``: the table's ranks and explanations stand, no blank removed column."""
    report = tmp_path / "r.html"
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "plan", str(BILATERAL), "--report", str(report)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    headings, rows = _bottleneck_table(report.read_text(encoding="utf-8"))
    assert headings == [
        "#",
        "resource",
        "kind",
        "days",
        "commodities",
        "one more saves",
        "capacity or supply",
        "suggested extra",
        "set to",  # the scenario figure to write for the claim (bottlenecks.csv's set_to)
        "then limited by",  # the Grenzfeld yard's gain, by the Kar-Tobe depot
        "explanation",
    ]
    assert len(rows) == 5
    assert all(row[-1] for row in rows)  # each rank's explanation says what it gains


def test_a_rank_that_removes_shortfall_keeps_the_column() -> None:
    """The gauge break's yard: +20 t/day removes 140 t, read in its column as the CLI reads it."""
    scenario, demand = gauge_break()
    plan = plan_movements(scenario, demand)
    headings, rows = _bottleneck_table(render_plan_report(scenario, demand, plan))
    assert REMOVED in headings
    (yard,) = [r for r in bottleneck_table_rows(plan, 10) if r["kind"] == "handling"]
    (cells,) = [row for row in rows if row[headings.index("resource")] == yard["resource"]]
    assert cells[headings.index(REMOVED)] == "140"

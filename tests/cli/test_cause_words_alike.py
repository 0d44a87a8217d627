"""The files say the same cause words as the CLI's shortfall table, on every row.

A tester's plan had 65 of its 285 shortfall rows with an empty ``cause`` in
``shortfalls.csv`` and ``plan.json`` where the table (and the HTML report, which shows the
same rows) said "capacity (see the bottlenecks)". The words now come from one place, the
plan's own records, and the faces show them as they are.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

from supplyline.cli.plan_shown import plan_sections
from supplyline.planning import PlanParams
from supplyline.services.planning import plan_scenario
from supplyline.types import day_ranges

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"


def test_every_file_row_carries_the_words_the_table_shows(tmp_path: Path) -> None:
    """No cause is empty; the table's "why" is the files' causes, with their days."""
    out = tmp_path / "plan"
    run = plan_scenario(EXAMPLE, out, params=PlanParams(explain_top=0))
    with (out / "shortfalls.csv").open(encoding="utf-8-sig", newline="") as f:
        filed = list(csv.DictReader(f))
    listed = json.loads((out / "plan.json").read_text(encoding="utf-8"))["shortfalls"]
    assert len(filed) > 1  # the relief operation falls short: rows to compare
    assert [r["cause"] for r in filed] == [s["cause"] for s in listed]
    assert all(r["cause"] for r in filed)
    causes: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(dict)
    for r in filed:
        causes[r["unit"], r["commodity"]].setdefault(r["cause"], []).append(int(r["day"]))
    rows, _columns, _title = plan_sections(run, for_people=True)["shortfalls"]
    for row in rows:
        by_cause = causes[row["unit"], row["commodity"]]
        if len(by_cause) == 1:
            assert row["why"] == next(iter(by_cause))
        else:
            said = [f"{day_ranges(days)}: {cause}" for cause, days in by_cause.items()]
            assert row["why"] == "; ".join(said)

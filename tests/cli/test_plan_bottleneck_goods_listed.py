"""``plan --format json`` lists a bottleneck's goods as ``plan.json`` does; CSV with ``;``.

``--format json`` gave ``commodities`` as one text ("water, food, fuel") where plan.json
has a list, and ``--format csv`` joined lists with "; " where every CSV file uses ``;``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.types import LIST_SEPARATOR

RELIEF = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"
PLAN = ["plan", str(RELIEF), "--explain", "10"]  # its 3rd and 10th name several goods


def _stdout(*args: str) -> str:
    _register_commands()
    done = CliRunner().invoke(app, list(args))
    assert done.exit_code == 0, done.output
    return done.stdout


def test_json_lists_and_csv_cells_split_on_the_separator_agree() -> None:
    """Each bottleneck's JSON list is its CSV cell split on ``;``; some list several."""
    listed = [
        b["commodities"] for b in json.loads(_stdout(*PLAN, "--format", "json"))["bottlenecks"]
    ]
    rows = csv.DictReader(io.StringIO(_stdout(*PLAN, "--format", "csv")))
    cells = [
        r["value"] for r in rows if (r["section"], r["field"]) == ("bottlenecks", "commodities")
    ]
    assert [cell.split(LIST_SEPARATOR) for cell in cells] == listed
    assert any(len(goods) > 1 for goods in listed)

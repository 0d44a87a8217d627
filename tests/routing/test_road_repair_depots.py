"""The road-full repair offers a load to the other depots that hold its goods.

A tester's two water depots each fed a unit over the other's long road in the plan; the
plan-mode routes sent both loads over a junction road of 10 t/day, took U1's off it, and
offered it to D1's trucks alone, whose way round did not fit their hours: 10 t
``road_full`` while D2's road to L1 and three of its trucks stood idle. Now the repair
tries the depots that still hold the goods, with their trucks and hours left.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from routing_scenarios import R2D_FILES
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()


def _routes(tmp_path: Path) -> tuple[dict[str, object], list[dict[str, str]]]:
    folder, out = tmp_path / "R2d", tmp_path / "out"
    folder.mkdir()
    for name, text in R2D_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["routes", str(folder), "--day", "1", "--time-limit", "1", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    saved = json.loads((out / "routes.json").read_text(encoding="utf-8"))
    with (out / "routes.csv").open(encoding="utf-8-sig") as fh:
        stops = list(csv.DictReader(fh))
    return saved, stops


def test_the_load_taken_off_the_full_road_goes_from_the_other_depot(tmp_path: Path) -> None:
    """Plan-mode routes of R2d deliver all 20 t, U1's 10 t from D2 (over D2→L1)."""
    saved, stops = _routes(tmp_path)
    assert saved["delivered_t"] == 20.0
    assert saved["unserved_t"] == 0.0
    to_u1 = [s for s in stops if s["unit"] == "U1"]
    assert {s["depot"] for s in to_u1} == {"D2"}
    assert sum(float(s["tonnes"]) for s in to_u1) == 10.0

"""plan.json's bottlenecks say what bottlenecks.csv says, field for field, cell for cell.

A tester's store plan (a road of 6 t/day, a store of 10 t, a rail link closed C+5–C+7)
had plan.json give an outage's ``extra_unit`` as ``days`` and a "changes nothing" row's
as ``t/day``, where bottlenecks.csv, ``plan --format json`` and the docs leave it empty:
no extra is suggested, so there is no unit for it.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.types import day_ranges, gram_text

_register_commands()
runner = CliRunner()

FILES = {
    "scenario.yaml": (
        "name: Store and closure\nstart_date: 2026-01-01\nhorizon_days: 12\npartners:\n"
        "  - {id: p, name: P, currency: EUR}\ncommodities:\n"
        "  - {id: food, supply_class: food, priority: 1, demand_unit: t,"
        " per_person_per_day: 0.001}\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,handling_pax_per_day,storage_t,"
        "dwell_days\nS,S,p,depot,50,9,,,,0\nD,D,p,depot,50,10,,,10,0\n"
        "C,C,p,unit_area,50,11,,,,0\n"
    ),
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\nrs,S,D,rail,,100,0,,20,,1,0,false,5-7\n"
        "rd,D,C,road,,100,0,,6,,1,0,true,\n"
    ),
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\nS,food,10000,0,p\n",
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,activity,days_of_supply,receive_open_h,receive_close_h,on_hand_days\n"
        "u,u,p,C,C,6000,0,0,0,0:normal,0,6,18,0\n"
    ),
}
GAINS = (
    "shortfall_removed_t",
    "late_t_days_cut",
    "late_pax_days_cut",
    "target_t_days_filled",
    "transport_cost_saved",
)
"""Where plan.json keeps a measured 0 apart from not measured and the CSV leaves both
empty (docs/planning.md, ``bottlenecks.csv``)."""


def _as_cell(name: str, value: Any) -> str:
    """A plan.json value as bottlenecks.csv writes the same field."""
    if name == "days":  # the JSON lists the days, the CSV counts them
        return str(len(value))
    if name == "commodities":
        return ";".join(value)
    if name == "together_with":  # each capacity raised with it, "L6 +400 pax/day on C+0–C+2"
        return ";".join(
            f"{j['resource']} +{gram_text(float(j['suggested_extra']))} {j['extra_unit']}"
            + (f" on {day_ranges(j['extra_days'])}" if j["extra_days"] else "")
            for j in value
        )
    if name in GAINS and value == 0:
        return ""
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return gram_text(float(value))
    return str(value)


def test_every_shared_bottleneck_field_agrees_cell_for_cell(tmp_path: Path) -> None:
    """On a plan with an outage row and a "changes nothing" row, JSON and CSV agree."""
    folder = tmp_path / "store"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    records = json.loads((out / "plan.json").read_text(encoding="utf-8"))["bottlenecks"]
    with (out / "bottlenecks.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(records)
    kinds = {r["kind"] for r in rows}
    assert "outage" in kinds, rows
    assert any(r["suggested_extra"] == "" and r["kind"] != "outage" for r in rows), rows
    shared = sorted(set(rows[0]) & set(records[0]))
    assert {"extra_unit", "suggested_extra", "capacity", "explanation"} <= set(shared)
    for row, record in zip(rows, records, strict=True):
        assert {n: _as_cell(n, record[n]) for n in shared} == {n: row[n] for n in shared}
        if record["suggested_extra"] is None:  # nothing suggested: no unit for it either
            assert record["extra_unit"] is None, record

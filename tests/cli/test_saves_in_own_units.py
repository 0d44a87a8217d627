"""The CLI, plan.json and bottlenecks.csv read what a bottleneck saves in units that hold.

A tester's closure that cut 400 t-days and 40 person-days of lateness read "saves 440
t-days late" everywhere; with ``--fair-share`` one more t/day on 8 days read "8.3 t short".
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

_SCENARIO = """\
name: Saves test
start_date: 2025-06-01
horizon_days: {days}
partners:
  - {{id: a, name: Home, currency: EUR}}
commodities:
  - {{id: food, name: Food, supply_class: food, priority: 1, demand_unit: {unit},
     per_person_per_day: {per_person}}}
vehicle_classes: []
solver: {{time_limit_s: 60}}
"""
_LINKS = (
    "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,capacity_t_per_day,"
    "capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,outage_days\n"
)
_LOCATIONS = "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
_UNITS = (
    "id,name,partner,home,destination,personnel,available_day,required_day,"
    "deployment_lift_t,activity,days_of_supply\n"
)
_STOCKS = "location,commodity,initial_t,replenishment_t_per_day,owner\n"


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _closed_road(tmp_path: Path) -> Path:
    """A road home→camp closed C+0–C+4, 1 day long; u1 (10 people, 100 t) required on C+2.

    It leaves on C+5 and closes on C+6, 4 days late: 400 t-days and 40 person-days.
    """
    return _write(
        tmp_path / "ou",
        {
            "scenario.yaml": _SCENARIO.format(days=12, unit="kg", per_person=2.5),
            "links.csv": _LINKS + "l1,home,camp,road,,80,1,,1000,1000,1.0,1.0,true,0-4\n",
            "locations.csv": _LOCATIONS
            + "home,Home base,a,garrison,50.0,10.0,,,0\ncamp,Camp,a,unit_area,50.0,11.0,,,0\n",
            "stocks.csv": _STOCKS + "camp,food,100,5,a\n",
            "units.csv": _UNITS + "u1,First unit,a,home,camp,10,0,2,100,0:normal,0\n",
        },
    )


def _short_supply(tmp_path: Path) -> Path:
    """A port's 5 t/day of food for a unit eating 10 t/day two roads away: a supply binds."""
    return _write(
        tmp_path / "xr1",
        {
            "scenario.yaml": _SCENARIO.format(days=14, unit="t", per_person=0.5),
            "links.csv": _LINKS
            + "r1,port,wh,road,,20,1,,100,100,1.0,1.0,false,\n"
            + "r2,wh,camp,road,,20,1,,100,100,1.0,1.0,false,\n",
            "locations.csv": _LOCATIONS
            + "port,Port,a,port,10.0,10.0,,2,0\nwh,Warehouse,a,warehouse,10.1,10.1,,3,0\n"
            + "camp,Camp,a,unit_area,10.2,10.2,,0,0\n",
            "stocks.csv": _STOCKS + "port,food,0,5,a\n",
            "units.csv": _UNITS + "u1,Unit one,a,port,camp,20,0,6,0,0:normal,0\n",
        },
    )


def test_a_closure_saves_its_t_days_and_person_days_apart(tmp_path: Path) -> None:
    """The table says both measured gains; plan.json and bottlenecks.csv the t-days, as measured."""
    folder, out = _closed_road(tmp_path), tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "supplyline", "plan", str(folder), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads((out / "plan.json").read_text(encoding="utf-8"))["bottlenecks"]
    t_days, pax_days = entry["late_t_days_cut"], entry["late_pax_days_cut"]
    assert (t_days, pax_days) == (100 * 4, 10 * 4)
    assert (entry["saves_tier"], entry["saves"], entry["saves_unit"]) == (
        "lateness",
        t_days,
        "t-days late",
    )
    with (out / "bottlenecks.csv").open(encoding="utf-8-sig", newline="") as f:
        (row,) = csv.DictReader(f)
    assert (float(row["saves"]), row["saves_unit"]) == (t_days, "t-days late")
    out_text = " ".join(result.stdout.split())
    assert f"{t_days:g} t-days and {pax_days:g} person-days late" in out_text
    assert f"{t_days + pax_days:g} t-days" not in out_text
    assert "lifting it saves" in out_text  # the closures' heading, as the report's


@pytest.mark.parametrize("fair", [[], ["--fair-share"]])
def test_one_more_saves_no_more_tonnes_than_its_days(tmp_path: Path, fair: list[str]) -> None:
    """One more t/day on each of a capacity's days removes at most a tonne short a day."""
    result = run("plan", _short_supply(tmp_path), *fair, "--format", "json")
    assert result.returncode == 0, result.stderr
    readings = [
        (b["saves"], b["days"])
        for b in json.loads(result.stdout)["bottlenecks"]
        if b["kind"] != "outage" and b["saves_unit"] == "t short"
    ]
    assert readings  # the port's food supply and its stores
    assert all(0 < saves <= days for saves, days in readings), readings

"""The plan's headline and the report's summary give a sum and its parts alike.

A tester's plan of 200.25 t over a road of 99.75 t/day read "99.75 t delivered, 101 t
short" (each figure rounded alone: 100.5 whole from 100), parts that did not add up, and
`requirements` printed its totals to 0.1 t, a half down ("200.2 t to deliver").
"""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()

FILES = {
    "scenario.yaml": (
        "name: Rounding three\nstart_date: 2025-06-01\nhorizon_days: 1\npartners:\n"
        "  - {id: p, name: P}\ncommodities:\n  - {id: w, name: Water, supply_class: water,"
        " priority: 1, demand_unit: t, per_person_per_day: 200.25}\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
        "depot,Depot,p,depot,50.0,20.0,,,0\ncampA,Camp A,p,unit_area,50.1,20.1,,,0\n"
    ),
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\nroadA,depot,campA,road,,10,0,,99.75,,1,,true,\n"
    ),
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\ndepot,w,1000,0,p\n",
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,activity,days_of_supply\nuA,Unit A,p,campA,campA,1,0,0,0,,0\n"
    ),
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "r3"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_headline_parts_add_up_as_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    report = tmp_path / "plan.html"
    result = runner.invoke(
        app, ["plan", str(folder), "--out", str(tmp_path / "out"), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())  # rich wraps the line
    assert "99.75 t delivered (build-up included), 100.50 t short" in said
    text = " ".join(re.sub(r"<[^>]+>", "", report.read_text(encoding="utf-8")).split())
    assert "100.50 t of the 200.25 t the units consume cannot be delivered (99.75 t" in text


def test_requirements_totals_read_as_the_table_rounds(tmp_path: Path) -> None:
    result = runner.invoke(app, ["requirements", str(_folder(tmp_path))])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "total: 200 t (consumption 200 t and days-of-supply build-up 0 t); 200 t to" in said

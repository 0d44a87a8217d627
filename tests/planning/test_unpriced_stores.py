"""A store that can hold nothing has no price of its own: the report re-plans it with room.

A reviewer's warehouse F of storage_t 0, between a road closed C+3–C+5 and one closed
C+0–C+2, left 12 t short and the report said "no capacity limits the plan"; with
storage_t 3 it named the store ("+3 t there removes 3 t of shortfall"). Now the report
tries F with room itself and lists it, in the table, the files and the HTML report.
"""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()


def _files(storage_t: int) -> dict[str, str]:
    return {
        "scenario.yaml": (
            "name: store\nstart_date: 2025-01-01\nhorizon_days: 10\npartners:\n  - {id: p}\n"
            "commodities:\n  - {id: water, supply_class: water, priority: 1, demand_unit: t,"
            " per_person_per_day: 1}\n"
        ),
        "locations.csv": (
            "id,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
            "D,p,depot,10,10,,,0\n"
            f"F,p,warehouse,10,10.1,,{storage_t},0\n"
            "C,p,unit_area,10,10.2,,0,0\n"
        ),
        "links.csv": (
            "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,cost_per_t,"
            "bidirectional,outage_days\n"
            "a,D,F,road,11,0,,1,true,3-5\nb,F,C,road,11,0,,1,true,0-2\n"
        ),
        "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day\nD,water,1000,0\n",
        "units.csv": (
            "id,partner,home,destination,personnel,available_day,required_day,"
            "deployment_lift_t,days_of_supply\nu,p,C,C,2,0,0,0,0\n"
        ),
    }


def _plan(tmp_path: Path, storage_t: int) -> str:
    folder = tmp_path / f"s{storage_t}"
    folder.mkdir()
    for name, text in _files(storage_t).items():
        (folder / name).write_text(text, encoding="utf-8")
    report = tmp_path / f"s{storage_t}.html"
    result = runner.invoke(
        app,
        ["plan", str(folder), "--out", str(tmp_path / f"o{storage_t}"), "--report", str(report)],
    )
    assert result.exit_code == 0, result.output
    html = re.sub("</?bdi>", "", report.read_text(encoding="utf-8"))  # ids in their isolates
    assert "have no price" not in html
    assert ("of storage at F removes" in html) == (storage_t == 0)
    csv = (tmp_path / f"o{storage_t}" / "bottlenecks.csv").read_text(encoding="utf-8")
    assert ('"storage","F",' in csv) == (storage_t in (0, 3))
    return " ".join(result.stdout.split())


def test_a_store_of_storage_t_0_that_falls_short_is_listed_with_the_room_that_gains(
    tmp_path: Path,
) -> None:
    """The store is ranked with what room buys, and "no capacity limits the plan" goes."""
    said = _plan(tmp_path, 0)
    assert "12 t short" in said
    assert "storage at F (0 t: storage_t 0) holds nothing" in said
    assert "t of storage at F removes" in said
    assert "no capacity limits the plan" not in said


def test_a_store_with_room_is_priced_and_not_said_so(tmp_path: Path) -> None:
    """A store with room is priced by its own row, as before."""
    said = _plan(tmp_path, 3)
    assert "9 t short" in said
    assert "storage at F (3 t)" in said
    assert "have no price here" not in said

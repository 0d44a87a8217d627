"""A plan short only where nothing can arrive in time points to the shortfall table's why.

A tester's depot D (handling 4 t/day) fed two camps 1 t a day of food and water each, a
day away: the 4 t due on C+0 fell short ("no food can reach Camp1 before C+1"), and under
the tables the plan said "no capacity the plan uses is full; 4 t of supplies fall short:
see the scenario's warnings", though D's handling was full on C+0–C+3 (at no price: more
could not reach C+0) and the scenario had no warnings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()

_SHARED = {
    "scenario.yaml": "name: shared\nstart_date: 2026-01-01\nhorizon_days: 5\n"
    "partners:\n  - {id: a}\n  - {id: b}\ncommodities:\n"
    "  - {id: food, supply_class: food, priority: 1, demand_unit: kg, per_person_per_day: 1}\n"
    "  - {id: water, supply_class: water, priority: 2, demand_unit: kg, per_person_per_day: 1}\n",
    "locations.csv": "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
    "D,Depot,a,depot,50,10,4,,0\nC1,Camp1,a,unit_area,50.1,10.1,,,0\n"
    "C2,Camp2,b,unit_area,50.2,10.2,,,0\n",
    "links.csv": "id,from,to,mode,gauge_mm,distance_km,transit_days,capacity_t_per_day,"
    "capacity_pax_per_day,cost_per_t,bidirectional,outage_days\n"
    "r1,D,C1,rail,1435,20,1,,,1,false,\nr2,D,C2,rail,1435,30,1,,,2,false,\n",
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\n"
    "D,food,100,0,a\nD,water,100,0,b\n",
    "units.csv": "id,partner,home,destination,personnel,available_day,required_day,"
    "deployment_lift_t,days_of_supply,on_hand_days\n"
    "U1,a,C1,C1,1000,0,0,0,0,0\nU2,b,C2,C2,1000,0,0,0,0,0\n",
}
"""D's 4 t/day is full on C+0–C+3; what is due on C+0 nothing can reach."""


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """The tester's scenario s10_shared, written out."""
    folder = tmp_path / "shared"
    folder.mkdir()
    for name, text in _SHARED.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _flat(text: str) -> str:
    return " ".join(text.split())


NOTE = (
    "no capacity the plan uses limits it; 4 t short that no capacity could avoid (the "
    "shortfall table says why: no food can reach Camp1 before C+1, and 3 reasons more)"
)


def test_the_terminal_points_to_the_shortfall_table(shared: Path, tmp_path: Path) -> None:
    """The note names the table's reason, and neither warnings nor a "full" claim."""
    result = runner.invoke(app, ["plan", str(shared), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    said = _flat(result.stdout)
    assert NOTE in said
    assert "warnings" not in said
    assert "is full" not in said


def test_the_report_says_the_same(shared: Path, tmp_path: Path) -> None:
    """The report's Bottlenecks note is the terminal's, and sends to no Warnings section."""
    report = tmp_path / "plan.html"
    result = runner.invoke(app, ["plan", str(shared), "--report", str(report)])
    assert result.exit_code == 0, result.output
    page = _flat(report.read_text(encoding="utf-8").replace("<bdi>", "").replace("</bdi>", ""))
    assert f"{NOTE[0].upper()}{NOTE[1:]}." in page
    assert 'id="warnings"' not in page
    assert "scenario&#39;s warnings" not in page
    assert "scenario's warnings" not in page

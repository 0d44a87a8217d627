"""An id that reads as a plain number is quoted in every CSV, as every other id is.

A tester's unit ``5`` and commodities ``12`` and ``0.5`` came out bare in
requirements_daily.csv, requirements_by_unit.csv and ``--format csv`` (a number to a
spreadsheet), beside ``0042`` and ``1.50`` quoted in the same columns: the quoting left
bare any text a spreadsheet writes back unchanged. The README says every text cell is
written between double quotes; the plan's files now do so for such ids too.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from cli_helpers import scenario_folder
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()

FILES = {
    "scenario.yaml": """\
name: number-like ids
start_date: 2025-01-01
horizon_days: 5
partners: [{id: p1}]
commodities:
  - {id: '12', supply_class: food, per_person_per_day: 2.0}
  - {id: '0.5', supply_class: water, demand_unit: L, per_person_per_day: 10}
  - {id: '1.50', supply_class: general, per_person_per_day: 1.0}
""",
    "locations.csv": (
        "id,name,partner,kind,lat,lon\n007,A,p1,depot,50,10\nb,B,p1,unit_area,50,10.5\n"
    ),
    "links.csv": "id,from,to,mode,distance_km,transit_days,bidirectional\n1,007,b,road,40,1,true\n",
    "stocks.csv": (
        "location,commodity,initial_t,replenishment_t_per_day,owner\n"
        "007,12,10,1,\n007,0.5,20,5,\n007,1.50,10,1,\n"
    ),
    "units.csv": (
        "id,partner,home,destination,personnel,required_day,deployment_lift_t,days_of_supply\n"
        "5,p1,007,b,50,2,5,1\n"
    ),
}
IDS = {"5", "12", "0.5", "1.50", "007", "1"}
"""The scenario's ids that a spreadsheet could take for numbers (007 and 1.50 always were
quoted, having a zero a number drops)."""


def _folder(tmp_path: Path) -> Path:
    return scenario_folder(tmp_path / "ids", FILES)


def _id_cells(text: str, columns: tuple[str, ...]) -> list[str]:
    """The raw cells of ``columns`` on every row (no cell here holds a comma or a quote)."""
    lines = text.splitlines()
    head = next(csv.reader(io.StringIO(lines[0])))
    at = [head.index(c) for c in columns if c in head]
    assert at, head
    return [line.split(",")[i] for line in lines[1:] for i in at]


def _assert_quoted(text: str, columns: tuple[str, ...]) -> None:
    cells = _id_cells(text, columns)
    assert {c.strip('"') for c in cells} & IDS, cells  # the number-like ids are there
    assert all(c.startswith('"') and c.endswith('"') for c in cells if c), cells


@pytest.mark.parametrize("by", ["unit", "commodity"])
def test_requirements_on_stdout_quote_number_like_ids(tmp_path: Path, by: str) -> None:
    result = runner.invoke(app, ["requirements", str(_folder(tmp_path)), "--by", by, "-f", "csv"])
    assert result.exit_code == 0, result.output
    _assert_quoted(result.stdout, ("unit", "commodity"))


def test_requirements_files_quote_number_like_ids(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["requirements", str(_folder(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("requirements_daily.csv", "requirements_by_unit.csv"):
        _assert_quoted((out / name).read_text(encoding="utf-8-sig"), ("unit", "commodity"))
    by_unit = (out / "requirements_by_unit.csv").read_text(encoding="utf-8-sig")
    assert by_unit.splitlines()[1].startswith('"5","12",2,"C+2",2025-01-03,')  # numbers bare


def test_plan_files_quote_number_like_ids(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    result = runner.invoke(app, ["plan", str(_folder(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for name, columns in {
        "deliveries.csv": ("unit", "location", "commodity"),
        "movements.csv": ("link", "origin", "commodity"),
        "deployment.csv": ("unit",),
        "stocks.csv": ("location", "commodity"),
    }.items():
        _assert_quoted((out / name).read_text(encoding="utf-8-sig"), columns)

"""A plan that moves no tonnes reads "0" for them in the headline and the mode table alike.

A tester's people-only plan (100 people by air, 0 t of lift) read "0 t moved" above a
moved-by-mode table of "air 0.00 … all modes 0.00": the column took two decimals from
the headline's 0.70 t delivered, and the report's table read the same. A column exactly
0 on every row now reads 0 in both faces, as the headline does; the other all-zero
columns a terminal may leave out (tonne km, deploy t, and the cost under its heading,
which was never left out) are named under the table instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()

FILES = {  # the tester's s08_pax, as it was given
    "scenario.yaml": (
        "name: s08_pax\nstart_date: 2026-01-01\nhorizon_days: 8\npartners:\n"
        "  - {id: a}\n  - {id: b}\ncommodities:\n"
        "  - {id: food, supply_class: food, priority: 1, demand_unit: kg, per_person_per_day: 1}\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
        "H,Home,a,airfield,50,10,,,0\nC,Camp,b,airfield,50.1,10.1,,,0\n"
    ),
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,capacity_t_per_day,"
        "capacity_pax_per_day,cost_per_t,bidirectional,outage_days\n"
        "a1,H,C,air,,900,1,0,30,1,false,\n"
    ),
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\nC,food,50,0,b\n",
    "units.csv": (
        "id,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,days_of_supply,on_hand_days\nU,a,H,C,100,0,1,0,0,\n"
    ),
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "s08_pax"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _row(text: str, first: str) -> list[str]:
    """The cells of the table row that starts with ``first`` (rules dropped)."""
    for line in text.splitlines():
        cells = [c.strip() for c in re.split(r"[│┃|]", line) if c.strip()]
        if cells and cells[0] == first:
            return cells
    raise AssertionError(f"no row {first!r} in:\n{text}")


def test_the_terminal_reads_0_tonnes_in_the_headline_and_the_mode_table(tmp_path: Path) -> None:
    """Headline "0 t moved" beside 0.70 t delivered; the table's tonnes read 0, not 0.00."""
    result = runner.invoke(app, ["plan", str(_folder(tmp_path))], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "0 t moved (each leg counted), 0.70 t delivered" in said
    header = _row(result.stdout, "mode")
    assert header[:3] == ["mode", "tonnes", "pax"]
    assert _row(result.stdout, "air")[:3] == ["air", "0", "100"]
    assert _row(result.stdout, "all modes")[:3] == ["all modes", "0", "100"]


def test_the_terminal_names_the_other_all_zero_columns_cost_included(tmp_path: Path) -> None:
    """Cost 0 on every row is left out and named, as tonne km and deploy t are."""
    result = runner.invoke(app, ["plan", str(_folder(tmp_path))], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "cost" not in " ".join(_row(result.stdout, "mode"))
    said = " ".join(result.stdout.split())
    assert "0 on every row: tonne km, cost (the links' cost units), deploy t" in said


def test_the_report_reads_0_tonnes_in_its_card_and_its_mode_table(tmp_path: Path) -> None:
    """The report's mode table reads 0 where it read 0.00, as its "tonnes moved" card."""
    report = tmp_path / "plan.html"
    result = runner.invoke(app, ["plan", str(_folder(tmp_path)), "--report", str(report)])
    assert result.exit_code == 0, result.output
    html = report.read_text(encoding="utf-8")
    rows = dict(re.findall(r"<tr><td>(air|all modes)</td>(.*?)</tr>", html))
    for mode in ("air", "all modes"):
        cells = re.findall(r">([^<]*)</td>", rows[mode])
        assert cells[:3] == ["0", "0", "100"], cells  # tonnes, of which deployment, pax
    assert "0.00" not in "".join(rows.values())
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "tonnes moved (all legs) 0 " in text

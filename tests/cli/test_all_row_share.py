"""The shortfall table's total row reads the same share short in the terminal and the report.

A tester's quake plan read 11.77 % on the terminal's "all" row (of the short rows' 882.616 t)
and 2.52 % on the report's (of all demand), beside a "demand met 97.5 %" card: each face
computed it apart. Both now take it from :func:`supplyline.planning.summary.shortfall_rows`.
Then a planner read "all | of all demand | 3.33 | 53.64 | 0.32": the short rows' demand
beside the share of all 1,052 t. The row now shows all demand, so that it adds up within
itself, and is labelled "all units, all goods".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.planning.summary import ALL_DEMAND, ALL_ROW_NOTE, ALL_UNITS
from supplyline.services.scenarios import bundled_example

_register_commands()
runner = CliRunner()

FILES = {
    "scenario.yaml": (
        "name: Two roads too narrow\nstart_date: 2025-06-01\nhorizon_days: 1\npartners:\n"
        "  - {id: p, name: P}\ncommodities:\n  - {id: w, name: Water, supply_class: water,"
        " priority: 1, demand_unit: t, per_person_per_day: 1}\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
        "depot,Depot,p,depot,50.0,20.0,,,0\ncampA,Camp A,p,unit_area,50.1,20.1,,,0\n"
        "campB,Camp B,p,unit_area,50.2,20.2,,,0\ncampC,Camp C,p,unit_area,50.3,20.3,,,0\n"
    ),
    "links.csv": (  # A needs 100 t over a 90 t road, B 100 t over 80 t, C 200 t over 1,000 t
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\nroadA,depot,campA,road,,10,0,,90,,1,,true,\n"
        "roadB,depot,campB,road,,10,0,,80,,1,,true,\n"
        "roadC,depot,campC,road,,10,0,,1000,,1,,true,\n"
    ),
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\ndepot,w,1000,0,p\n",
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,activity,days_of_supply\nuA,Unit A,p,campA,campA,100,0,0,0,,0\n"
        "uB,Unit B,p,campB,campB,100,0,0,0,,0\nuC,Unit C,p,campC,campC,200,0,0,0,,0\n"
    ),
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "narrow"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _terminal_all_row(text: str, unit: str = ALL_UNITS) -> list[str]:
    """The cells of the terminal shortfall table's "all" row (or ``unit``'s; rules dropped)."""
    for line in text.splitlines():
        cells = [c.strip() for c in re.split(r"[│┃|]", line)]
        cells = cells[1:-1] if len(cells) > 2 else cells
        if cells and cells[0] == unit:
            return cells
    raise AssertionError(f"no {unit!r} row in:\n{text}")


def _report_rows(html: str) -> list[dict[str, str]]:
    """The report shortfall table's rows, by heading, its "all" row last."""
    root = ET.fromstring(html.removeprefix("<!DOCTYPE html>"))
    section = next(el for el in root.iter("section") if el.get("id") == "shortfalls")
    header, *rows = (
        ["".join(cell.itertext()).strip() for cell in row]
        for row in next(section.iter("table")).iter("tr")
    )
    return [dict(zip(header, row, strict=True)) for row in rows]


def _both(folder: Path, out: Path) -> tuple[list[str], dict[str, str]]:
    """Plan ``folder`` once with a report: the terminal's and the report's "all" rows.

    Each face's short shares, every row's, read to one count of decimals, the total's too.
    """
    report = out / "plan.html"
    result = runner.invoke(
        app,
        ["plan", str(folder), "--out", str(out / "plan"), "--report", str(report), "--explain=0"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    terminal, page = _terminal_all_row(result.stdout), _report_rows(report.read_text("utf-8"))
    units = [row["unit"] for row in page]
    for shares in (
        [_terminal_all_row(result.stdout, unit)[4] for unit in units],
        [row["short % of its demand"] for row in page],
    ):
        assert len({len(share.partition(".")[2]) for share in shares}) == 1, shares
    return terminal, page[-1]


def test_a_hand_made_shortfall_reads_its_share_of_all_demand_in_both(tmp_path: Path) -> None:
    """30 t short of 400 t demanded: 7.5 % of all demand in both, beside that 400 t.

    Not 15 % (of the rows' 200 t), nor 7.5 % beside 200 t. It reads to its column's
    decimals, the rows' 10 % and 20 % too: ``7.50`` below ``10.00`` and ``20.00`` (a
    tester's column read 56.67 and 50.00 above a total's 55, read alone).
    """
    terminal, report = _both(_folder(tmp_path), tmp_path / "out")
    assert terminal[:5] == [ALL_UNITS, ALL_DEMAND, "30", "400", "7.50"]
    assert [report["unit"], report["commodity"]] == [ALL_UNITS, ALL_DEMAND]
    assert report["short t"] == "30"
    assert report["demand t"] == "400"
    assert report["short % of its demand"] == "7.50"


@pytest.mark.slow
def test_the_relief_example_reads_the_same_all_row_share_in_both(tmp_path: Path) -> None:
    """The relief plan's "all" row: 1.275 t short of 17,893 t, 0.0071 % in both faces."""
    terminal, report = _both(bundled_example("relief-operation"), tmp_path / "out")
    assert terminal[1] == report["commodity"] == ALL_DEMAND
    assert terminal[4] == report["short % of its demand"] == "0.0071"


def test_the_terminal_says_what_the_all_row_is_of(tmp_path: Path) -> None:
    """A planner read 753.50 t (the short rows' demand) beside 11.27 % (of all 4,880.63 t).

    The report's caption says what the total row is of; the terminal says it under the
    table, in the same words.
    """
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["plan", str(_folder(tmp_path)), "--out", str(out / "plan"), "--explain=0"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())  # a console made narrower elsewhere may wrap it
    assert ALL_ROW_NOTE in said

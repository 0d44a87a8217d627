"""The tables whose parts are rounded to add up say so, and the map's links say tenths.

A tester read the CLI's "sea 858" (858.64 t, rounded down so that the modes add up to
"all modes") beside the report map's "sea-1 … 859 t planned" as two figures that
disagree. The CLI's and the report's mode tables now read alike and each has the caption
:data:`~supplyline.planning.summary.ADDS_UP_NOTE`; a link's title gives its tonnes to
0.1 t below 1,000 t, so the map reads 858.6 where the table reads 858.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.planning.summary import ADDS_UP_NOTE
from supplyline.reports.map_links import link_tonnes_text
from supplyline.types import figure_text

_register_commands()
runner = CliRunner()

FILES = {  # 200.25 t by rail, 150.25 t by road: 201 + 150 = 351 as read, rail rounded up
    "scenario.yaml": (
        "name: Captions by mode\nstart_date: 2025-06-01\nhorizon_days: 1\npartners:\n"
        "  - {id: p, name: P}\ncommodities:\n  - {id: w, name: Water, supply_class: water,"
        " priority: 1, demand_unit: t, per_person_per_day: 200.25}\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
        "depot,Depot,p,depot,50.0,20.0,,,0\ncampA,Camp A,p,unit_area,50.1,20.1,,,0\n"
        "campB,Camp B,p,unit_area,50.2,20.2,,,0\n"
    ),
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\nroadA,depot,campA,road,,10,0,,150.25,,1,,true,\n"
        "railB,depot,campB,rail,1435,10,0,,1000,,1.5,,true,\n"
    ),
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\ndepot,w,1000,0,p\n",
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,activity,days_of_supply\nuA,Unit A,p,campA,campA,1,0,0,0,,0\n"
        "uB,Unit B,p,campB,campB,1,0,0,0,,0\n"
    ),
}


def _planned(tmp_path: Path) -> tuple[str, str]:
    """The CLI's output and the report of one plan of :data:`FILES`."""
    folder = tmp_path / "captions"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = tmp_path / "plan.html"
    result = runner.invoke(
        app,
        ["plan", str(folder), "--out", str(tmp_path / "o"), "--report", str(report)],
        env={"COLUMNS": "160"},
    )
    assert result.exit_code == 0, result.output
    return result.stdout, report.read_text(encoding="utf-8")


def _said(text: str) -> str:
    return " ".join(text.split())


def _cli_modes(stdout: str) -> dict[str, str]:
    """Each mode's tonnes as the CLI's mode table reads them."""
    rows = {}
    for line in stdout.splitlines():
        cells = [c.strip() for c in re.split(r"[│┃]", line) if c.strip()]
        if cells and cells[0] in ("rail", "road", "all modes"):
            rows[cells[0]] = cells[1]
    return rows


def test_the_cli_mode_table_has_the_caption_and_reads_as_the_report(tmp_path: Path) -> None:
    """201 + 150 = 351 under both faces' mode tables, each with the same caption."""
    stdout, html = _planned(tmp_path)
    cli = _cli_modes(stdout)
    assert cli == {"rail": "201", "road": "150", "all modes": "351"}
    table = stdout[stdout.index("Moved by mode") :]
    assert _said(table).index(_said(ADDS_UP_NOTE)) < _said(table).index("Shortfalls")
    rows = re.findall(r"<tr><td>(rail|road|all modes)</td><td class=\"num\">([^<]*)</td>", html)
    assert dict(rows) == cli
    caption = re.search(r"Over the whole horizon; deployment.*?</caption>", html, re.DOTALL)
    assert caption is not None
    assert _said(ADDS_UP_NOTE) in _said(caption.group(0))


def test_a_map_link_below_1000_t_reads_tenths_beside_the_tables_whole(tmp_path: Path) -> None:
    """Link railB's 200.25 t: 201 in the tables (to add up), 200.3 on the map, not 200."""
    _, html = _planned(tmp_path)
    assert "rail link railB, Depot ↔ Camp B: 200.3 t planned" in html
    assert "road link roadA, Depot ↔ Camp A: 150.3 t planned" in html


def test_the_testers_sea_link_reads_tenths() -> None:
    """858.64 t read 859 on the map beside the table's 858; now 858.6."""
    assert figure_text(858.64) == "859"
    assert link_tonnes_text(858.64) == "858.6"


@given(st.integers(min_value=1, max_value=10**10))
def test_a_link_title_rounds_its_tonnes_by_a_tenth_at_most_below_1000_t(grams: int) -> None:
    """Below 1,000 t a title is within 0.05 t of the figure; whole figures stay whole."""
    tonnes = grams / 10**6
    text = link_tonnes_text(tonnes)
    said = float(text.replace(",", ""))
    if tonnes < 1_000:
        assert abs(said - tonnes) <= 0.05 + 1e-9
    if tonnes >= 1_000 or tonnes.is_integer():
        assert text == figure_text(tonnes)

"""The plan's headline says its tonnes short and moved as the tables, cards and summary do.

A tester's plan (one unit's 0.8 t of food that no stock could supply, 20 t of its lift
over a border) read "20.00 t moved …, 0 t delivered …, 0.8 t short" above a shortfall
table, a "short (t)" card and a summary's "0.8 t of the 0.8 t" that said 0.80: the
headline and the summary dropped the zeros the columns keep.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()

UNITS_HEADER = (
    "id,name,partner,home,destination,personnel,available_day,required_day,"
    "deployment_lift_t,activity,days_of_supply,receive_open_h,receive_close_h,on_hand_days\n"
    "u,u,p,H,C,100,0,3,10,0:normal,0,6,18,\n"
)
FILES = {
    "scenario.yaml": (
        "name: Border decimals\nstart_date: 2026-01-01\nhorizon_days: 12\npartners:\n"
        "  - {id: p, name: P, currency: EUR}\ncommodities:\n"
        "  - {id: food, supply_class: food, priority: 1, demand_unit: t,"
        " per_person_per_day: 0.001}\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,handling_pax_per_day,storage_t,"
        "dwell_days\nH,H,p,depot,50,9,,,,0\nB,B,p,border,50,10,,40,,1\n"
        "C,C,p,unit_area,50,11,,,,1\n"
    ),
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\nh,H,B,road,,100,2,,,,1,0,false,1-2\nc,B,C,road,,100,0,,,,1,0,true,\n"
    ),
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\n",
}
# a second unit already at C, 1.2 t short: the table gains an "all units" row of 2.00
SECOND_UNIT = "v,v,p,C,C,100,0,0,0,0:normal,0,6,18,\n"


def _table_row(stdout: str, title: str) -> list[str]:
    """The cells of the last row of the people's table ``title`` (its total, or its one row)."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if title in line)
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("└"):
            break
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        if line.startswith("│") and cells[0]:  # not the next line of a wrapped cell
            rows.append(cells)
    return rows[-1]


def _page_text(report: Path) -> str:
    """The report as read: tags dropped, entities decoded, white space as one space."""
    text = re.sub(r"<(style|script).*?</\1>", "", report.read_text(encoding="utf-8"), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.mark.parametrize(
    ("units", "short"),
    [(UNITS_HEADER, "0.80"), (UNITS_HEADER + SECOND_UNIT, "2.00")],
    ids=["the-testers-one-row", "with-a-total-row"],
)
def test_headline_table_card_and_summary_say_one_figure(
    tmp_path: Path, units: str, short: str
) -> None:
    """The tonnes short and moved read alike, zeros and all, in the line, table, card, summary."""
    folder = tmp_path / "border"
    folder.mkdir()
    for name, text in {**FILES, "units.csv": units}.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = tmp_path / "plan.html"
    result = runner.invoke(
        app, ["plan", str(folder), "--report", str(report)], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 0, result.output
    line = " ".join(result.stdout.split())  # rich wraps the headline
    said = re.search(r"([\d.,]+) t moved .*?, ([\d.,]+) t delivered .*?, ([\d.,]+) t short", line)
    assert said is not None, result.stdout
    moved, delivered, headline_short = said.groups()
    shortfall_total = _table_row(result.stdout, "Shortfalls by unit and commodity")
    all_modes = _table_row(result.stdout, "Moved by mode")
    page = _page_text(report)
    card = re.search(r"short \(t\) ([\d.,]+)", page)
    moved_card = re.search(r"tonnes moved \(all legs\) ([\d.,]+)", page)
    sentence = re.search(r"It moves ([\d.,]+) t .*?; ([\d.,]+) t of the ([\d.,]+) t", page)
    assert card is not None, page[:2000]
    assert moved_card is not None, page[:2000]
    assert sentence is not None, page[:2000]
    assert (headline_short, shortfall_total[2], card[1], sentence[2]) == (short,) * 4
    assert (moved, all_modes[1], moved_card[1], sentence[1]) == ("20.00",) * 4
    assert (delivered, sentence[3]) == ("0", shortfall_total[3])  # exactly nothing reads 0

"""The objective by tier reads as the tables do: the cost as their total, one day singular.

A tester's plan (200 people flown at 10 a head, 50 t by rail and 1.6 t by road at 1 a
tonne) said "transport cost 2,052" in its objective by tier, in the terminal and in the
report, above an "all modes" cost of 2,051.60. The JSON keeps the cost as data, every
digit. Another's bottleneck table read "1 person-days late".
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain.objective_parts import ObjectiveParts
from supplyline.planning.objective_words import objective_words

_register_commands()
runner = CliRunner()

FILES = {
    "scenario.yaml": (
        "name: M air and rail\nstart_date: 2025-06-01\nhorizon_days: 10\npartners:\n"
        "  - {id: home, name: Home}\n  - {id: host, name: Host}\ncommodities:\n"
        "  - {id: food, supply_class: food, priority: 1, demand_unit: kg,"
        " per_person_per_day: 1.0}\n"
    ),
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\nair,H,C,air,,800,1,,0,100,0,10,true,\n"
        "rail,H,C,rail,,900,5,,100,0,1,,true,\nr1,F,C,road,,50,1,,100,,1,,true,\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
        "H,Home,home,garrison,50.0,10.0,,,0\nF,Depot,host,depot,50.0,20.0,,,0\n"
        "C,Camp,host,unit_area,50.3,20.3,,,0\n"
    ),
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\nF,food,50,0,\n",
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,days_of_supply\nu1,Unit one,home,H,C,200,0,2,50,0\n"
    ),
}


def _scenario(tmp_path: Path) -> Path:
    folder = tmp_path / "M"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _transport_cost(sentence: str) -> str:
    found = re.search(r"transport cost (\S+) in the links' cost units", sentence)
    assert found is not None, sentence
    return found.group(1)


def test_terminal_report_and_json_say_the_tables_cost(tmp_path: Path) -> None:
    """It reads "transport cost 2,051.60", as the "all modes" row; JSON has 2051.6, a number."""
    folder, report = _scenario(tmp_path), tmp_path / "plan.html"
    shown = runner.invoke(app, ["plan", str(folder), "--report", str(report)])
    assert shown.exit_code == 0, shown.output
    all_modes = next(x for x in shown.stdout.splitlines() if "all modes" in x)
    assert "2,051.60" in [cell.strip() for cell in all_modes.split("│")]
    assert _transport_cost(" ".join(shown.stdout.split())) == "2,051.60"
    page = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", report.read_text("utf-8"))).split())
    assert _transport_cost(page) == "2,051.60"
    assert "2,052" not in page
    data = runner.invoke(app, ["plan", str(folder), "--format", "json"])
    assert data.exit_code == 0, data.output
    summary = json.loads(data.stdout)["summary"]
    assert summary["transport_cost"] == 2051.6
    assert _transport_cost(summary["objective_by_tier"]) == "2,051.60"


PARTS = ObjectiveParts(
    shortfall=0.0,
    targets=0.0,
    lateness=30_000.0,
    transport=2051.6,
    holding=0.05,
    short_t_priority=0.0,
    target_t_days=0.0,
    late_t_days=150.0,
    late_pax_days=0.0,
    transport_cost=2051.6,
)
"""The tester's plan's objective by tier."""


def test_without_a_table_the_cost_reads_alone() -> None:
    """No moved-by-mode table beside it (no scenario): the cost as a figure reads alone."""
    assert _transport_cost(objective_words(PARTS)) == "2,052"
    assert _transport_cost(objective_words(PARTS, (2051.6, 2))) == "2,051.60"


def test_one_day_of_a_count_in_days_reads_in_the_singular() -> None:
    """A figure of 1 is one day: "1 t-day, 2 person-days late", "targets 1 t-day below"."""
    words = objective_words(replace(PARTS, target_t_days=1.0, late_t_days=1.0, late_pax_days=2.0))
    assert "days-of-supply targets 1 t-day below" in words
    assert "lateness 1 t-day, 2 person-days late" in words

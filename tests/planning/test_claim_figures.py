"""A bottleneck claim's figures read as the tables and files give them, under one name.

A planner read "removes 17.1 t of shortfall" beside 17.15 in bottlenecks.csv and the
summary table (the sentence said 3 significant digits); ``plan --format json`` called the
extra ``extra`` where plan.json and bottlenecks.csv said ``suggested_extra_per_day``.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scenario_files import scenario_from_files
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.output import _cell
from supplyline.domain import Demand, Scenario
from supplyline.io.plan_files import read_plan, write_plan
from supplyline.planning import plan_movements
from supplyline.planning.outcome_words import tonnes_text
from supplyline.planning.summary import bottleneck_rows, bottleneck_table_rows
from supplyline.types import figure_decimals, figure_text, to_gram

_register_commands()
runner = CliRunner()

ROAD_5 = dict(
    days=5,
    commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
    "per_person_per_day: 92.875}",
    links="l1,d,u,road,,90,1,,5,,2,,false,\n",
    locations="d,Depot,home,depot,50.0,10.0,,,0\nu,Camp,home,unit_area,50.0,11.0,,0,0\n",
    units="u1,Unit 1,home,u,u,100,0,0,0,0\n",
    stocks="d,food,0,50,home\n",
)
"""A camp eating 9.2875 t a day behind a road of 5 t/day: 4.2875 t short on each of
C+1–C+4 that more road removes, 17.15 t (C+0's 9.2875 t nothing can reach)."""


def _road_5(folder: Path) -> tuple[Scenario, Demand]:
    return scenario_from_files(folder, **ROAD_5)  # type: ignore[arg-type]


def _table_text(value: float) -> str:
    """How the CLI's table shows ``value`` alone in its column, its padding zeros dropped.

    Below 1, the zeros of an inexact figure are its two significant digits, not padding
    (README, *How figures read*): 0.996 reads ``1.00`` in the table and in words alike;
    1.0039 reads ``1``.
    """
    shown = _cell(value, "", figure_decimals([value]))
    if "." not in shown:
        return shown
    short = shown.rstrip("0").rstrip(".")
    return shown if abs(value) < 1 and float(short.replace(",", "")) != value else short


@given(st.floats(min_value=0.01, max_value=1e9, allow_nan=False))
def test_a_figure_in_words_reads_as_the_table_shows_it(value: float) -> None:
    """Any amount of at least 0.01 reads in words as the table shows it, to the gram first."""
    assert figure_text(value) == _table_text(to_gram(value))


@given(st.floats(min_value=1e-6, max_value=0.00999, allow_nan=False))
def test_a_figure_below_a_table_s_hundredth_keeps_two_significant_digits(value: float) -> None:
    """Where the table's 0.00 would say nothing, the words keep two significant digits."""
    text = figure_text(value)
    assert text != "0"
    assert float(text) == pytest.approx(to_gram(value), rel=0.06)


def test_the_claim_says_the_tonnes_the_table_and_files_give(tmp_path: Path) -> None:
    """The road's claim says 17.15 t, as shortfall_removed_t and the table's cell do."""
    plan = plan_movements(*_road_5(tmp_path / "road"))
    top = plan.bottlenecks[0]
    assert (top.suggested_extra, top.shortfall_removed_t) == (5.0, 17.15)
    assert "removes 17.15 t of shortfall: 17.15 t less food short at u1" in top.explanation
    (row,) = bottleneck_table_rows(plan, 1)
    assert _cell(row["removes_t"], "removes_t", figure_decimals([row["removes_t"]])) == "17.15"
    assert tonnes_text(top.shortfall_removed_t) == "17.15"


def test_every_figure_in_a_claim_is_one_the_table_can_show(tmp_path: Path) -> None:
    """No figure in the road's sentence has more than two decimals (3 significant digits did)."""
    plan = plan_movements(*_road_5(tmp_path / "road"))
    figures = re.findall(r"\d[\d,]*\.\d+", plan.bottlenecks[0].explanation)
    assert figures
    assert all(len(f.split(".")[1]) <= 2 for f in figures)


def test_cli_names_the_extra_alike_in_json_the_csv_and_plan_json(tmp_path: Path) -> None:
    """`plan --format json`, bottlenecks.csv and plan.json all say suggested_extra."""
    folder = tmp_path / "road"
    _road_5(folder)
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(folder), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    (said,) = json.loads(result.stdout)["bottlenecks"]
    assert (said["suggested_extra"], said["shortfall_removed_t"]) == (5.0, 17.15)
    assert not {"extra", "removes_t"} & said.keys()
    with (out / "bottlenecks.csv").open(encoding="utf-8-sig", newline="") as handle:
        (row,) = csv.DictReader(handle)
    assert (row["suggested_extra"], row["shortfall_removed_t"]) == ("5", "17.15")
    assert "removes 17.15 t of shortfall" in row["explanation"]
    stored = json.loads((out / "plan.json").read_text(encoding="utf-8"))["bottlenecks"][0]
    assert stored["suggested_extra"] == 5.0


def test_cli_table_and_sentence_say_one_figure(tmp_path: Path) -> None:
    """The table's "removes t" column and the numbered claim under it both read 17.15."""
    folder = tmp_path / "road"
    _road_5(folder)
    result = runner.invoke(app, ["plan", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (table_row,) = [line for line in result.stdout.splitlines() if "l1 (d→u)" in line]
    assert "17.15" in table_row
    heading = result.stdout.split("Top bottlenecks")[1].split("rank")[0]
    assert "removes" in heading  # a rank removes some: the column is shown (heading folded)
    assert "removes 17.15 t of shortfall" in " ".join(result.stdout.split())


def test_a_plan_json_with_the_former_name_reads_back(tmp_path: Path) -> None:
    """A plan.json written before the rename (suggested_extra_per_day) reads as before."""
    scenario, demand = _road_5(tmp_path / "road")
    plan = plan_movements(scenario, demand)
    write_plan(tmp_path / "out", scenario, plan)
    path = tmp_path / "out" / "plan.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for b in data["bottlenecks"]:
        b["suggested_extra_per_day"] = b.pop("suggested_extra")
    path.write_text(json.dumps(data), encoding="utf-8")
    again = read_plan(path)
    assert again.bottlenecks == plan.bottlenecks
    assert again.bottlenecks[0].suggested_extra_per_day == 5.0
    assert bottleneck_rows(again)[0]["suggested_extra"] == 5.0


def test_the_headline_says_the_shortfall_as_the_table_and_the_report_do(tmp_path: Path) -> None:
    """26.4375 t short reads 26.44 in the CLI's headline, its table, the report's card and text.

    The headline and the report's card and summary said 0.1 t ("26.4 t short") above a
    table's 26.44.
    """
    folder = tmp_path / "road"
    _road_5(folder)
    page = tmp_path / "plan.html"
    result = runner.invoke(
        app, ["plan", str(folder), "--out", str(tmp_path / "out"), "--report", str(page)]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    said = re.search(r"([\d.,]+) t short", text)
    assert said is not None, text
    row = re.search(r"│ u1\s+│ food\s+│\s+([\d.,]+)", result.stdout)
    assert row is not None, result.stdout
    html = page.read_text(encoding="utf-8")
    card = re.search(r"short \(t\)</div>\s*<div[^>]*>([^<]+)<", html)
    assert card is not None
    assert said[1] == row[1] == card[1].strip() == "26.44"
    assert "26.44 t of the" in html

"""The relief example's report says its figures in words and tables that agree.

A tester's briefer read the shortfall table's "all" row as 7.25 % short (of the short
rows' demand) beside a headline of 1.275 t short of 17,893 t; these tests render the
bundled relief operation's real plan.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from supplyline.domain import Demand, Plan, Scenario
from supplyline.io.plan_files import plan_id
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.arrival import demand_on_arrival
from supplyline.planning.summary import ALL_ROW_NOTE, ALL_UNITS
from supplyline.reports import render_plan_report, write_plan_report
from supplyline.reports.plan_report import MADE_META
from supplyline.reports.summary import ALL_DEMAND, SHORT_PCT, headline, shortfall_table
from supplyline.services.scenarios import assess_requirements, bundled_example

if TYPE_CHECKING:
    from tests.reports.conftest import Case


@pytest.fixture(scope="module")
def relief() -> tuple[Scenario, Demand, Plan]:
    """The bundled relief operation, its demand on arrival and its plan (short 1.275 t)."""
    assessed = assess_requirements(bundled_example("relief-operation"))
    scenario = assessed.opened.scenario
    plan = plan_movements(scenario, assessed.demand, PlanParams(explain_top=0))
    return scenario, demand_on_arrival(scenario, assessed.demand), plan


@pytest.fixture(scope="module")
def relief_html(relief: tuple[Scenario, Demand, Plan]) -> str:
    """The relief plan's report."""
    return render_plan_report(*relief)


def _cells(html: str, section_id: str) -> list[list[str]]:
    """The text of each row's cells in a section's first table, header row first."""
    root = ET.fromstring(html.removeprefix("<!DOCTYPE html>"))
    section = next(el for el in root.iter("section") if el.get("id") == section_id)
    table = next(section.iter("table"))
    return [["".join(cell.itertext()).strip() for cell in row] for row in table.iter("tr")]


def test_the_all_rows_share_is_of_all_demand(relief: tuple[Scenario, Demand, Plan]) -> None:
    """The "all" row's share short is the headline's (1.275 of 17,893 t), not the rows'."""
    _, demand, plan = relief
    h = headline(demand, plan)
    table = shortfall_table(demand, plan, 3)
    share = table.rows[-1][table.columns.index(SHORT_PCT)]
    # a figure of its column, to the column's decimals (it read "55" below 56.67, 50.00)
    assert isinstance(share, float)
    assert share == pytest.approx(100.0 * h.short_t / h.demand_t, abs=1e-6)
    all_demand = table.rows[-1][table.columns.index("demand t")]
    assert isinstance(all_demand, float)
    # its demand cell is that all demand: short / demand is the share it shows (it showed
    # the short rows' 17.595 t beside the share of 17,893 t)
    assert all_demand == pytest.approx(h.demand_t, abs=1e-3)


def test_the_report_labels_the_all_rows_share(relief_html: str) -> None:
    """The page's total row is labelled as of all units and goods, its share of all demand."""
    header, *rows = _cells(relief_html, "shortfalls")
    assert SHORT_PCT in header
    last = rows[-1]
    assert last[:2] == [ALL_UNITS, ALL_DEMAND]
    assert float(last[header.index(SHORT_PCT)]) < 0.01


def test_the_caption_explains_the_all_row_beneath_two_rows_or_more(
    relief: tuple[Scenario, Demand, Plan],
) -> None:
    """The relief plan's table has rows for several units and goods, and its total row."""
    _, demand, plan = relief
    table = shortfall_table(demand, plan)
    assert table.rows[-1][0] == ALL_UNITS
    assert ALL_ROW_NOTE in table.caption


def test_the_caption_names_no_all_row_beneath_one_row(
    relief: tuple[Scenario, Demand, Plan],
) -> None:
    """One unit and commodity short: no total row, so the caption speaks of none.

    A tester's one-row table was captioned 'The "all units, all goods" row is the whole plan'.
    """
    _, demand, plan = relief
    first = (plan.shortfalls[0].unit, plan.shortfalls[0].commodity)
    alone = replace(
        plan, shortfalls=tuple(s for s in plan.shortfalls if (s.unit, s.commodity) == first)
    )
    table = shortfall_table(demand, alone)
    assert [row[:2] for row in table.rows] == [first]
    assert ALL_UNITS not in table.caption
    assert table.caption.endswith("capacity where the bottlenecks below explain it.")


def test_demand_met_reads_as_the_share_short(
    relief: tuple[Scenario, Demand, Plan], relief_html: str
) -> None:
    """The card's "demand met" and the "all" row's share short add up to 100 as read."""
    _, demand, plan = relief
    h = headline(demand, plan)
    met = re.search(r"([\d.]+) %</", relief_html)
    assert met is not None
    assert float(met[1]) == pytest.approx(100.0 * (1 - h.short_t / h.demand_t), abs=0.0005)
    assert float(met[1]) < 100.0


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        (
            "hygiene=0.098;medical=0.130;water=97.500",
            "water 97.5 t, medical 0.13 t, hygiene 0.098 t",
        ),
        ("food=7.500", "food 7.5 t"),
        ("a=1.000;b=1.000", "a 1 t, b 1 t"),
    ],
)
def test_a_load_reads_in_words_the_most_first(cell: str, words: str) -> None:
    """A route's load reads "water 97.5 t, …", not the CSV's "hygiene=0.098;…"."""
    from supplyline.reports.routes_report import _loads_words

    assert _loads_words(cell) == words


def test_route_and_reach_columns_all_have_headings_in_words() -> None:
    """Every column the routes report lays out has a heading that is not its CSV name."""
    from supplyline.reports import routes_report as rr
    from supplyline.routing.reach import REACH_COLUMNS

    columns = {
        *REACH_COLUMNS,
        *rr._TRUCK_COLUMNS,
        *rr._UNSERVED_COLUMNS,
        *rr._DEPOT_SHORT_COLUMNS,
        *rr._ON_SITE_COLUMNS,
        *rr._ARRIVED_COLUMNS,
    }
    for column in columns:
        assert "_" not in rr.HEADINGS[column], column


def test_costs_say_they_have_no_currency(relief_html: str) -> None:
    """The mode table's cost column says its units, and the summary what the objective is."""
    from supplyline.reports.plan_report import OBJECTIVE_NOTE
    from supplyline.reports.summary import COST_HEADING

    header, *_ = _cells(relief_html, "summary")
    assert COST_HEADING in header
    assert "cost" not in header
    assert OBJECTIVE_NOTE in relief_html


_MADE = dt.datetime(2026, 3, 1, 14, 5, 9, tzinfo=dt.UTC)


def test_the_report_says_when_it_was_made(case: Case, tmp_path: Path) -> None:
    """The written report's footer and a meta tag give the time made, UTC, ISO 8601."""
    path = write_plan_report(
        case.scenario, case.demand, case.plan, tmp_path / "plan.html", made=_MADE
    )
    html = path.read_text(encoding="utf-8")
    assert f'<meta name="{MADE_META}" content="2026-03-01T14:05:09Z" />' in html
    assert "on 2026-03-01T14:05:09Z (UTC)" in html


def test_a_written_report_is_stamped_by_default(case: Case, tmp_path: Path) -> None:
    """Without ``made``, the file written says when it was made, as a UTC ISO time."""
    path = write_plan_report(case.scenario, case.demand, case.plan, tmp_path / "plan.html")
    found = re.search(rf'<meta name="{MADE_META}" content="([^"]+)"', path.read_text())
    assert found is not None
    assert dt.datetime.fromisoformat(found[1]).utcoffset() == dt.timedelta(0)


def test_the_time_made_is_not_the_plans_identity(case: Case) -> None:
    """Two reports of one plan made apart differ only in the time and name the same plan.

    The plan files' "a new plan removes the old plan's report" reads the
    ``supplyline-plan`` tag, in the report's first 4,096 characters: both carry the same.
    """
    first = render_plan_report(case.scenario, case.demand, case.plan, made=_MADE)
    later = render_plan_report(
        case.scenario, case.demand, case.plan, made=_MADE + dt.timedelta(days=1)
    )
    changed = {a for a, b in zip(first.splitlines(), later.splitlines(), strict=True) if a != b}
    assert changed
    assert all("2026-03-01T14:05:09Z" in line for line in changed)
    tag = f'<meta name="supplyline-plan" content="{plan_id(case.plan)}"'
    assert tag in first[:4096]
    assert tag in later[:4096]

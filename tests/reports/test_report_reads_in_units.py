"""The report reads its plan-wide figures in a planner's units, as the terminal does.

A reviewer read the report's objective as one raw weighted sum, its closures' "objective
saved" as another, a claim's extra without the scenario figure to write, and no reason
for a unit not closed (the terminal's column of it was cut at 80 columns).
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest

from supplyline.domain import Demand, Plan, ResourceKind, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.bottleneck_rows import one_more_saves
from supplyline.planning.examples import late_unit, slow_road_beside_a_closed_one
from supplyline.planning.objective_words import objective_words
from supplyline.reports import render_plan_report


@pytest.fixture(scope="module")
def narrow() -> tuple[Scenario, Demand, Plan]:
    """A unit whose 20 t of lift a 2 t/day road cannot bring by the horizon's end."""
    scenario, demand = late_unit(days=8, lift_t=20.0)
    road = dataclasses.replace(scenario.links[0], capacity_t_per_day=2.0)
    scenario = dataclasses.replace(scenario, links=(road, *scenario.links[1:]))
    return scenario, demand, plan_movements(scenario, demand)


@pytest.fixture(scope="module")
def narrow_html(narrow: tuple[Scenario, Demand, Plan]) -> str:
    """Its report."""
    return render_plan_report(*narrow)


def _root(html: str) -> ET.Element:
    return ET.fromstring(html.removeprefix("<!DOCTYPE html>"))


def _tables(html: str, section_id: str) -> list[list[list[str]]]:
    """Each table of a section as the text of its rows' cells, the header row first."""
    (section,) = [el for el in _root(html).iter("section") if el.get("id") == section_id]
    return [
        [["".join(cell.itertext()).strip() for cell in row] for row in table.iter("tr")]
        for table in section.iter("table")
    ]


def _column(table: list[list[str]], heading: str) -> list[str]:
    header, *rows = table
    return [row[header.index(heading)] for row in rows]


def test_the_closure_table_says_why_a_unit_is_not_closed(
    narrow: tuple[Scenario, Demand, Plan], narrow_html: str
) -> None:
    """Its "why not closed" column holds the closure's reason, whole."""
    _, _, plan = narrow
    (closure,) = plan.closures
    assert closure.closure_day is None
    assert closure.reason
    (table, *_) = _tables(narrow_html, "closure")
    assert _column(table, "why not closed") == [closure.reason]


def test_the_objective_card_reads_it_by_tier(
    narrow: tuple[Scenario, Demand, Plan], narrow_html: str
) -> None:
    """Under the raw total, the card says the objective by tier in the CLI's words."""
    _, _, plan = narrow
    assert plan.objective_parts is not None
    words = objective_words(plan.objective_parts)
    cards = [el for el in _root(narrow_html).iter("div") if el.get("class") == "card"]
    (card,) = [c for c in cards if "objective" in "".join(c.itertext())]
    (note,) = [el for el in card.iter("div") if el.get("class") == "note"]
    assert "".join(note.itertext()) == f"{words[0].upper()}{words[1:]}"
    assert "t-days" in words  # the lateness tier in its own unit


def test_the_bottleneck_table_gives_the_figure_to_set(
    narrow: tuple[Scenario, Demand, Plan], narrow_html: str
) -> None:
    """A capacity's row reads its ``set_to``, capacity plus extra, in its unit."""
    _, _, plan = narrow
    first = plan.bottlenecks[0]
    assert first.kind is ResourceKind.LINK_TONNES
    assert first.set_to is not None
    assert first.capacity is not None
    assert first.suggested_extra is not None
    assert first.set_to == pytest.approx(first.capacity + first.suggested_extra)
    (table, *_) = _tables(narrow_html, "bottlenecks")
    assert _column(table, "set to")[0] == f"{first.set_to:g} t/day"


def test_the_closures_table_reads_what_lifting_saves_in_its_unit() -> None:
    """The closure's saving reads in its tier's unit (t short), not as objective units."""
    scenario, demand = slow_road_beside_a_closed_one()
    plan = plan_movements(scenario, demand)
    (closure,) = [b for b in plan.bottlenecks if b.kind is ResourceKind.OUTAGE]
    assert closure.saves_unit == "t short"
    tables = _tables(render_plan_report(scenario, demand, plan), "closures")
    (held,) = [t for t in tables if "lifting it saves" in t[0]]
    assert _column(held, "lifting it saves") == [one_more_saves(closure)]
    assert "objective saved" not in held[0]

"""A report of a plan the planner really made (not written by hand) renders and agrees."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from supplyline.domain import Plan
from supplyline.planning import plan_movements
from supplyline.planning.examples import gauge_break
from supplyline.reports import render_plan_report


@pytest.fixture(scope="module")
def solved() -> tuple[object, object, Plan]:
    """The gauge-break example with a yard too small for what the unit needs."""
    scenario, demand = gauge_break(yard_handling_t_per_day=50.0)
    return scenario, demand, plan_movements(scenario, demand)


def test_real_plan_report_is_well_formed(solved: tuple[object, object, Plan]) -> None:
    """The report of a solved plan parses as XML, so browsers get no broken markup."""
    scenario, demand, plan = solved
    html = render_plan_report(scenario, demand, plan)  # type: ignore[arg-type]
    assert ET.fromstring(html.removeprefix("<!DOCTYPE html>")).tag == "html"


def test_real_plan_report_states_the_shortfall(solved: tuple[object, object, Plan]) -> None:
    """The tonnes short on the page are the plan's own total, to one decimal."""
    scenario, demand, plan = solved
    assert plan.total_short_t > 0
    html = render_plan_report(scenario, demand, plan)  # type: ignore[arg-type]
    assert f"{plan.total_short_t:,.1f}" in html

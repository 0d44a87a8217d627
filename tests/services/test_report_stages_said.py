"""A report written through a service says each of its slow stages, in order.

A tester's ``plan --report`` stood 3-14 s on "writing the report" while the report's
figures were drawn, and a planner took it for a hang: the report now tells the
service's ``progress`` what it draws, before it draws it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.errors import ArgumentError
from supplyline.io import load_scenario
from supplyline.reports import render_plan_report, write_plan_report_with_reach
from supplyline.reports.network_map import theatre_box
from supplyline.reports.report_stages import REPORT_STAGES
from supplyline.reports.routes_report import write_routes_report
from supplyline.services.planning import plan_scenario
from supplyline.services.routing import route_scenario_day

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"

IN_ORDER = [
    "writing the report",
    REPORT_STAGES["map"],
    REPORT_STAGES["theatre"],
    REPORT_STAGES["supply"],
    REPORT_STAGES["flows"],
    REPORT_STAGES["page"],
]
"""What the example's report says from its start: it has a units' area map."""


def _report_stages(said: list[str]) -> list[str]:
    return [s for s in said if str(s).startswith("writing the report")]


def test_the_example_draws_a_units_area_map() -> None:
    """The stages below include the area map's: the example has one to draw."""
    assert theatre_box(load_scenario(EXAMPLE)) is not None


def test_plan_scenario_says_the_reports_stages_in_order(tmp_path: Path) -> None:
    """``plan_scenario(report=…)`` passes its progress to the writer, which says each stage."""
    said: list[str] = []
    plan_scenario(
        EXAMPLE,
        None,
        report=(tmp_path / "plan.html", write_plan_report_with_reach),
        progress=said.append,
    )
    assert _report_stages(said) == IN_ORDER
    assert said[-1] == REPORT_STAGES["page"]  # nothing slow after it goes unsaid


def test_route_scenario_day_says_the_reports_stages_in_order(tmp_path: Path) -> None:
    """``route_scenario_day(report=…)`` passes its progress to the routes report's writer."""
    said: list[str] = []
    route_scenario_day(
        EXAMPLE,
        day=14,
        from_demand=True,
        report=(tmp_path / "routes.html", write_routes_report),
        progress=said.append,
    )
    assert _report_stages(said) == IN_ORDER


def test_a_progress_that_cannot_be_called_is_an_argument_error() -> None:
    """``progress=5`` is said as the caller's mistake, before any figure is drawn."""
    with pytest.raises(ArgumentError, match=r"progress must be a function \(or None\)"):
        render_plan_report(None, None, None, progress=5)  # type: ignore[arg-type]

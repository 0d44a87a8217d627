"""``routes`` measures the plan's bottlenecks only when it shows them (the report).

A tester's 6-delivery day spent about 1 s of its run re-solving the movement plan to
measure bottlenecks that ``routes`` never prints; its report does show them.
"""

from __future__ import annotations

from pathlib import Path

from supplyline.planning import PlanParams
from supplyline.reports.routes_report import write_routes_report
from supplyline.routing.convoy import ConvoyParams
from supplyline.services.routing import route_scenario_day

EXAMPLE = Path(__file__).parents[2] / "examples" / "bilateral-exercise"


def test_routes_without_a_report_leave_the_plans_bottlenecks_unmeasured(
    fast: ConvoyParams,
) -> None:
    """The plan routes solve for the loads is asked to measure no bottleneck, and measures none."""
    run = route_scenario_day(EXAMPLE, day=14, params=fast)
    assert run.plan is not None
    assert run.plan.stats.explain_top == 0
    assert all(b.shortfall_removed_t is None for b in run.plan.bottlenecks)


def test_routes_with_a_report_measure_the_bottlenecks_it_shows(
    fast: ConvoyParams, tmp_path: Path
) -> None:
    """With --report the plan's top bottlenecks are measured, as ``plan`` measures them."""
    report = tmp_path / "routes.html"
    run = route_scenario_day(EXAMPLE, day=14, params=fast, report=(report, write_routes_report))
    assert run.plan is not None
    assert run.plan.stats.explain_top == PlanParams().explain_top
    assert any(b.shortfall_removed_t is not None for b in run.plan.bottlenecks)

"""Plan and route files written over others remove the earlier files' report, and only it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from supplyline.domain import Demand, Plan, Scenario
from supplyline.domain.routes import Routes, RouteStatus
from supplyline.io.earlier_reports import ReportOf, earlier_reports
from supplyline.io.plan_files import plan_id, write_plan
from supplyline.io.route_files import routes_id
from supplyline.planning import plan_movements
from supplyline.planning.examples import one_link
from supplyline.reports import write_plan_report

Planned = tuple[Scenario, Demand, Plan]


def _planned(daily_t: float) -> Planned:
    scenario, demand = one_link(capacity_t_per_day=5.0, daily_t=daily_t)
    return scenario, demand, plan_movements(scenario, demand)


@pytest.fixture(scope="module")
def two_plans() -> tuple[Planned, Planned]:
    """Two different plans of the one-link example (8 and 6 t a day eaten)."""
    return _planned(8.0), _planned(6.0)


def test_plan_files_over_another_plan_remove_its_report(
    tmp_path: Path, two_plans: tuple[Planned, Planned]
) -> None:
    """The tester's case: plan s1 with its report in OUT, then plan bil into OUT alone."""
    (s1, d1, p1), (s2, _, p2) = two_plans
    write_plan(tmp_path, s1, p1)
    write_plan_report(s1, d1, p1, tmp_path / "plan.html")
    write_plan_report(s1, d1, p1, tmp_path / "copy.htm")
    write_plan(tmp_path, s2, p2)
    assert not (tmp_path / "plan.html").exists()
    assert not (tmp_path / "copy.htm").exists()
    assert plan_id(p2) in (tmp_path / "plan.json").read_text(encoding="utf-8")


def test_only_supplyline_reports_of_the_replaced_plan_are_named(
    tmp_path: Path, two_plans: tuple[Planned, Planned]
) -> None:
    """A page of the user's, a report of another plan, and one without the tag all stay."""
    (s1, d1, p1), (s2, d2, p2) = two_plans
    write_plan(tmp_path, s1, p1)
    write_plan_report(s1, d1, p1, tmp_path / "mine.html")
    mine = (tmp_path / "mine.html").read_text(encoding="utf-8")
    (tmp_path / "by-hand.html").write_text(
        mine.replace('name="generator" content="supplyline', 'name="generator" content="vi'),
        encoding="utf-8",
    )
    (tmp_path / "old.html").write_text(
        mine.replace('name="supplyline-plan"', 'name="other"'), encoding="utf-8"
    )
    write_plan_report(s2, d2, p2, tmp_path / "other-plan.html")
    (tmp_path / "notes.txt").write_text(mine, encoding="utf-8")
    found = earlier_reports(tmp_path, ReportOf.PLAN, new_id=plan_id(p2))
    assert found == [tmp_path / "mine.html"]
    assert earlier_reports(tmp_path, ReportOf.PLAN, new_id=plan_id(p1)) == []  # same plan
    assert earlier_reports(tmp_path, ReportOf.PLAN, new_id="0", keep=[found[0]]) == []


def test_no_earlier_plan_files_means_nothing_to_remove(
    tmp_path: Path, two_plans: tuple[Planned, Planned]
) -> None:
    """A report put in a folder without plan files (or with older ones) is not touched."""
    (s1, d1, p1), (s2, _, p2) = two_plans
    write_plan_report(s1, d1, p1, tmp_path / "plan.html")
    write_plan(tmp_path, s2, p2)
    assert (tmp_path / "plan.html").exists()


@pytest.mark.parametrize("seconds", [0.0, 0.4, 12.73])
def test_the_routes_id_leaves_out_the_search_time(seconds: float) -> None:
    """How long the search took is no part of what it found: one id whatever the seconds."""
    found = Routes(scenario="s", day=2, date=dt.date(2025, 1, 3), status=RouteStatus.NOTHING_TO_DO)
    assert routes_id(replace(found, solve_s=seconds)) == routes_id(found)
    assert routes_id(replace(found, day=3)) != routes_id(found)

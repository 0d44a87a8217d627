"""A capacity raised together with another says the other's days, so a planner can re-plan it.

A tester's ``plan --explain 5`` said "+8 t/day there together with +8 t/day at the road
link a dep→mid (20 t/day) removes 32 t of shortfall": the named link's days were in the
sentence, link a's were not; raised on the same days, both together removed all 32 t and
either alone none.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from scenario_files import scenario_from_files
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Demand, Scenario
from supplyline.io.plan_files import read_plan
from supplyline.planning import plan_movements
from supplyline.types import day_ranges, figure_text

_register_commands()
runner = CliRunner()

DAYS = 4
CLAIM = re.compile(
    r"\+(?P<extra>[\d,.]+) t/day there(?: on (?P<own>[^ ]+))? together with "
    r"\+(?P<more>[\d,.]+) t/day at the road link (?P<partner>\w+) \S+ \(20 t/day\) "
    r"on (?P<days>[^ ]+) removes (?P<removed>[\d,.]+) t of shortfall"
)


def _two_links(folder: Path) -> tuple[Scenario, Demand]:
    """dep→mid→unit, both roads 20 t/day, the unit eating 28 t/day of food for 4 days."""
    return scenario_from_files(
        folder,
        days=DAYS,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 100}",
        links="a,dep,mid,road,,40,0,,20,,1,,false,\nb,mid,unit,road,,40,0,,20,,1,,false,\n",
        locations="dep,Depot,home,depot,50.0,10.0,,,0\nmid,Mid,home,depot,50.0,10.5,,0,0\n"
        "unit,Camp,home,unit_area,50.0,11.0,,0,0\n",
        units="u1,Unit 1,home,unit,unit,280,0,0,0,0\n",
        stocks="dep,food,1000,0,home\n",
    )


def _raised(s: Scenario, more: dict[str, float]) -> Scenario:
    """The scenario with each named link's tonnes a day raised by its extra, every day."""
    links = tuple(
        dataclasses.replace(x, capacity_t_per_day=(x.capacity_t_per_day or 0.0) + more[x.id])
        if x.id in more
        else x
        for x in s.links
    )
    return dataclasses.replace(s, links=links)


def _check_claims(explanations: dict[str, str], scenario: Scenario, demand: Demand) -> None:
    """Each link's claim names its partner's days; re-planned with both raised, it holds.

    The horizon is C+0–C+3, so raising a link on the days said is raising it throughout.
    """
    short = plan_movements(scenario, demand).total_short_t
    assert set(explanations) == {"a", "b"}
    for named, text in explanations.items():
        found = CLAIM.search(text)
        assert found is not None, text
        whole = day_ranges(range(DAYS))
        assert found["days"] == whole
        assert found["own"] in (None, whole)
        extras = {named: float(found["extra"]), found["partner"]: float(found["more"])}
        assert set(extras) == {"a", "b"}
        both = plan_movements(_raised(scenario, extras), demand).total_short_t
        assert figure_text(short - both) == found["removed"]
        alone = plan_movements(_raised(scenario, {named: extras[named]}), demand)
        assert alone.total_short_t == pytest.approx(short)


def test_the_partners_days_are_said_and_the_claim_re_plans(tmp_path: Path) -> None:
    """Python API: each link's claim says link a's (or b's) days, and raising both removes it."""
    scenario, demand = _two_links(tmp_path / "row")
    plan = plan_movements(scenario, demand)
    assert plan.total_short_t == pytest.approx(32.0)
    said = {b.resource.split(" ")[0]: b.explanation for b in plan.bottlenecks}
    assert "(20 t/day) on C+0–C+3 removes 32 t of shortfall (all of it)" in said["b"]
    _check_claims(said, scenario, demand)


def test_the_partners_days_are_in_the_files_the_cli_writes(tmp_path: Path) -> None:
    """CLI: ``plan --explain 5`` writes the same claims, which re-plan as said."""
    scenario, demand = _two_links(tmp_path / "row")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["plan", str(tmp_path / "row"), "--out", str(out), "--explain", "5"]
    )
    assert result.exit_code == 0, result.output
    plan = read_plan(out)
    said = {b.resource.split(" ")[0]: b.explanation for b in plan.bottlenecks}
    assert "together with +8 t/day at the road link a dep→mid (20 t/day) on C+0–C+3" in said["b"]
    _check_claims(said, scenario, demand)

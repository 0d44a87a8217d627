"""Days late split into distance's and closures': outages are not distance.

A tester's unit, a day's road from its destination and required a day after it is
available, behind a link closed on C+0–C+1, read "2 d late (2 by distance)" while the
bottleneck report blamed the closure and the plan without the outage had it on time.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import given
from random_networks import SETTINGS, scenarios
from scenario_files import scenario_from_files

from supplyline.domain import Demand, Plan, PlanStatus, Scenario
from supplyline.domain.deployment import DEPLOYMENT_FIELDS, deployment_records
from supplyline.io.plan_files import read_plan, write_plan
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import late_unit

FOOD = (
    "{id: food, name: food, supply_class: food, priority: 1, demand_unit: t, per_person_per_day: 0}"
)


def _outage_case(folder: Path, *, outage_days: str) -> tuple[Scenario, Demand]:
    """The tester's s05: H→U, 1 day, closed on ``outage_days``; available C+0, required C+1."""
    return scenario_from_files(
        folder,
        days=6,
        commodity=FOOD,
        links=f"L1,H,U,road,,100,1,,100,100,1,1,false,{outage_days}\n",
        locations="H,H,home,garrison,50,10,,,0\nU,U,home,unit_area,50,12,,,0\n",
        units="u,u,home,H,U,10,0,1,20,0\n",
        stocks="",
    )


def _plan(case: tuple[Scenario, Demand]) -> Plan:
    plan = plan_movements(*case, PlanParams(explain_top=0))
    assert plan.status is PlanStatus.OPTIMAL
    return plan


def test_a_unit_held_by_an_outage_alone_is_late_by_closures(tmp_path: Path) -> None:
    """The s05 case: 2 d late, 0 by distance and 2 by closures, in every file."""
    scenario, demand = _outage_case(tmp_path / "s05", outage_days="0-1")
    plan = _plan((scenario, demand))
    (record,) = deployment_records(plan, scenario)
    assert (
        record["days_late"],
        record["days_late_by_distance"],
        record["days_late_by_closures"],
        record["state"],
    ) == (2, 0, 2, "2 d late (2 by closures)")
    write_plan(tmp_path / "out", scenario, plan)
    assert read_plan(tmp_path / "out") == plan


def test_the_same_unit_without_the_outage_is_on_time(tmp_path: Path) -> None:
    """v05, the tester's re-plan with the link open: on time, nothing late by either."""
    scenario, demand = _outage_case(tmp_path / "v05", outage_days="")
    (record,) = deployment_records(_plan((scenario, demand)), scenario)
    assert (record["state"], record["days_late_by_distance"], record["days_late_by_closures"]) == (
        "on time",
        0,
        0,
    )


def test_a_unit_late_by_distance_and_by_closures_says_both() -> None:
    """Two days' march, required a day after it is available, the road closed two days.

    Earliest C+3 with the road open (1 day by distance), C+5 with it closed on C+1–C+2.
    """
    scenario, demand = late_unit(transit_days=2)
    unit = dataclasses.replace(scenario.units[0], required_day=2)
    march = dataclasses.replace(scenario.links[0], outage_days=frozenset({1, 2}))
    assert march.id == "march"
    scenario = dataclasses.replace(scenario, units=(unit,), links=(march, *scenario.links[1:]))
    (record,) = deployment_records(_plan((scenario, demand)), scenario)
    assert (
        record["days_late"],
        record["days_late_by_distance"],
        record["days_late_by_closures"],
        record["state"],
    ) == (3, 1, 2, "3 d late (1 by distance, 2 by closures)")


def test_days_late_by_closures_follows_days_late_by_distance_in_the_records() -> None:
    """It comes after days_late_by_distance, before only the later reason column."""
    assert DEPLOYMENT_FIELDS[-3:] == ("days_late_by_distance", "days_late_by_closures", "reason")


@SETTINGS
@given(scenarios())
def test_distance_and_closures_never_add_up_to_more_than_the_days_late(
    case: tuple[Scenario, Demand],
) -> None:
    """By distance + by closures ≤ days late; with the outages lifted, none by closures."""
    scenario, demand = case
    for closure in _plan(case).closures:
        if closure.days_late is None:
            continue
        assert closure.days_late_by_distance is not None
        assert closure.days_late_by_closures is not None
        assert closure.days_late_by_distance + closure.days_late_by_closures <= closure.days_late
    links = tuple(dataclasses.replace(link, outage_days=frozenset()) for link in scenario.links)
    for closure in _plan((dataclasses.replace(scenario, links=links), demand)).closures:
        if closure.earliest_day is not None:
            assert closure.days_late_by_closures == 0

"""A unit the plan does not close says why: horizon, a full capacity, or no way there."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest

from supplyline.domain import Closure, Demand, Plan, Scenario
from supplyline.domain.deployment import DEPLOYMENT_FIELDS
from supplyline.io.plan_files import flows_id, plan_id, read_plan, write_plan
from supplyline.planning import plan_movements
from supplyline.planning.examples import late_unit


def _plan(scenario: Scenario, demand: Demand) -> tuple[Plan, Closure]:
    plan = plan_movements(scenario, demand)
    (closure,) = plan.closures
    return plan, closure


def test_horizon_too_short_names_the_earliest_arrival() -> None:
    """A horizon ending before available day + quickest transit says so, with the days."""
    _, closure = _plan(*late_unit(days=5))
    assert closure.closure_day is None
    assert closure.reason == (
        "the horizon ends on C+4, before its earliest possible arrival on C+5 (available "
        "C+1, then 4 days of transit and dwell on its quickest way): a horizon of 6 days "
        "would let it close"
    )


def test_full_link_is_named_with_its_rank() -> None:
    """A 2 t/day road that cannot carry 20 t of lift by the end is named, full, with rank."""
    scenario, demand = late_unit(days=8, lift_t=20.0)
    narrow = replace(scenario.links[0], capacity_t_per_day=2.0)
    plan, closure = _plan(replace(scenario, links=(narrow, *scenario.links[1:])), demand)
    assert closure.closure_day is None
    assert closure.reason is not None
    assert "its 20 t of lift cannot all be at 'U' by C+7" in closure.reason
    assert "at most 2 t/day get there from 'H'" in closure.reason
    rank = 1 + [b.resource for b in plan.bottlenecks].index("march (H→U)")
    assert "the road link march H→U (2 t/day) is full on" in closure.reason
    assert closure.reason.endswith(f"(see bottleneck {rank})")


def test_no_path_says_no_way_there() -> None:
    """A unit whose home no link joins to its destination says there is no way there."""
    scenario, demand = late_unit()
    _, closure = _plan(replace(scenario, links=scenario.links[1:]), demand)
    assert closure.reason == "no way there: no route from 'H' to 'U'"


def test_a_closed_unit_has_no_reason() -> None:
    """A unit the plan closes carries no reason."""
    _, closure = _plan(*late_unit())
    assert closure.closure_day is not None
    assert closure.reason is None


def test_reason_is_words_not_flows() -> None:
    """flows_id leaves the reason out: routes' plans, measuring no bottlenecks, agree."""
    plan, closure = _plan(*late_unit(days=5))
    bare = replace(plan, closures=(replace(closure, reason=None),))
    assert flows_id(bare) == flows_id(plan)
    assert plan_id(bare) != plan_id(plan)


def test_reason_is_in_deployment_csv_and_plan_json(tmp_path: Path) -> None:
    """deployment.csv's last column and plan.json's closure say the reason; it reads back."""
    scenario, demand = late_unit(days=5)
    plan, closure = _plan(scenario, demand)
    write_plan(tmp_path, scenario, plan)
    with (tmp_path / "deployment.csv").open(newline="") as f:
        header, row = list(csv.reader(f))[:2]
    assert header[-1] == "reason"
    assert row[-1] == closure.reason
    data = json.loads((tmp_path / "plan.json").read_text())
    assert data["closures"][0]["reason"] == closure.reason
    assert read_plan(tmp_path / "plan.json").closures == plan.closures


def test_reason_comes_last_in_deployment_csv() -> None:
    """The reason column is added at the end: deployment.csv's other columns keep their place."""
    assert DEPLOYMENT_FIELDS[-1] == "reason"


def _sharing_a_road(
    personnel: int,
    units: int,
    *,
    pax: float | None,
    days: int,
    lift_t: float = 0.0,
    t: float | None = None,
) -> Closure:
    """The one closure not closed of ``units`` alike on the example's road of ``pax`` a day."""
    scenario, demand = late_unit(days=days, lift_t=lift_t)
    road = replace(scenario.links[0], capacity_pax_per_day=pax, capacity_t_per_day=t)
    unit = replace(scenario.units[0], personnel=personnel)
    scenario = replace(
        scenario,
        links=(road, *scenario.links[1:]),
        units=tuple(replace(unit, id=f"u{i}") for i in range(1, units + 1)),
    )
    (closure,) = [c for c in plan_movements(scenario, demand).closures if c.closure_day is None]
    return closure


@pytest.mark.parametrize(
    ("personnel", "pax", "days", "said"),
    [(10, 5.0, 8, "its 10 people wait on"), (1, 1.0, 6, "its 1 person waits on")],
)
def test_people_waiting_on_capacity_agree_with_their_count(
    personnel: int, pax: float, days: int, said: str
) -> None:
    """A tester read "its 40 people waits on capacity": people are plural, one person is not.

    Two units alike; by the last day the road brings the people of one of them.
    """
    closure = _sharing_a_road(personnel, 2, pax=pax, days=days)
    assert closure.reason is not None
    assert closure.reason.startswith(f"{said} capacity other lift and goods take first")


def test_a_lift_waiting_on_capacity_is_a_mass() -> None:
    """Tonnes of lift are one lift: "its 10 t of lift waits"."""
    closure = _sharing_a_road(0, 2, pax=None, days=6, lift_t=10.0, t=10.0)
    assert closure.reason is not None
    assert closure.reason.startswith("its 10 t of lift waits on capacity")


@pytest.mark.parametrize(
    ("personnel", "pax", "said"),
    [
        (10, 1.0, ["its 10 people cannot all be at 'U'", "at most 1 person a day gets there",
                   "at most 3 people by C+7"]),
        (1, 0.25, ["its 1 person cannot be at 'U'", "people a day get there from"]),
        (10, 2.0, ["its 10 people cannot all be at 'U'", "at most 2 people a day get there",
                   "at most 6 people by C+7"]),
    ],
)  # fmt: skip
def test_people_a_road_cannot_bring_agree_with_their_counts(
    personnel: int, pax: float, said: list[str]
) -> None:
    """Each count of people, the unit's, the rate's and the last day's, with its verb."""
    closure = _sharing_a_road(personnel, 1, pax=pax, days=8)
    assert closure.reason is not None
    for words in said:
        assert words in closure.reason

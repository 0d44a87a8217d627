"""A plan's record naming a link, unit or place the scenario lacks is said at the record.

A tester's plan.json with one movement's link edited to ``nolink`` was refused as ``plan:
links: the plan names nolink, which the scenario does not have``: neither the file nor
the movement named, where every other edit is ``plan.json: movement 161 (link …): …``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import Closure, Plan, TargetGap
from supplyline.domain.plan_fit import check_plan_fits
from supplyline.errors import Issue, ScenarioError
from supplyline.planning import plan_movements
from supplyline.planning.examples import one_link

SCENARIO, DEMAND = one_link()
PLAN = plan_movements(SCENARIO, DEMAND)


def _issues(plan: Plan) -> list[Issue]:
    """The issues ``check_plan_fits`` raises for ``plan`` read from ``x/plan.json``."""
    with pytest.raises(ScenarioError) as caught:
        check_plan_fits(SCENARIO, plan, file="x/plan.json")
    assert "x/plan.json does not fit the scenario" in caught.value.summary
    return list(caught.value.issues)


def _with_first(plan: Plan, records: str, **changes: Any) -> Plan:
    """``plan`` with its first record of ``records`` changed."""
    first, *rest = getattr(plan, records)
    return dataclasses.replace(plan, **{records: (dataclasses.replace(first, **changes), *rest)})


def test_the_plan_fits_as_made() -> None:
    check_plan_fits(SCENARIO, PLAN, file="x/plan.json")


@given(link=st.text(min_size=1, max_size=12).filter(lambda s: s != "L1"))
def test_a_movement_on_a_link_the_scenario_lacks_is_said_at_the_movement(link: str) -> None:
    (issue,) = _issues(_with_first(PLAN, "movements", link=link))
    assert (issue.file, issue.column) == ("x/plan.json", f"movement 1 (link {link})")
    assert issue.message.startswith(f"link {link!r} is none of the scenario's (L1)")


@pytest.mark.parametrize(
    ("records", "field", "record"),
    [
        ("deliveries", "unit", "delivery 1"),
        ("deliveries", "location", "delivery 1"),
        ("shortfalls", "unit", "shortfall 1"),
    ],
)
def test_a_record_naming_what_the_scenario_lacks_is_said_at_the_record(
    records: str, field: str, record: str
) -> None:
    (issue,) = _issues(_with_first(PLAN, records, **{field: "ghost"}))
    assert (issue.file, issue.column) == ("x/plan.json", record)
    assert issue.message.startswith(f"{field} 'ghost' is none of the scenario's (")


def test_a_closure_of_a_unit_the_scenario_lacks_is_said_at_the_closure() -> None:
    ghost = Closure(
        unit="ghost", required_day=1, closure_day=1, lift_t=1.0, pax=0.0, moved_t=1.0,
        moved_pax=0.0,
    )  # fmt: skip
    (issue,) = _issues(dataclasses.replace(PLAN, closures=(*PLAN.closures, ghost)))
    assert (issue.column, issue.file) == (f"closure {len(PLAN.closures) + 1}", "x/plan.json")
    assert issue.message.startswith("unit 'ghost' is none of the scenario's (")


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"unit": "ghost"}, "unit 'ghost' is none of the scenario's ("),
        ({"commodity": "beer"}, "commodity 'beer' is none of the scenario's ("),
        ({"day": 99}, "day 99 is outside the horizon"),
        ({"below_t": -5.0}, "below_t is -5"),
    ],
)
def test_a_target_gap_that_does_not_fit_is_said_at_the_gap(
    changes: dict[str, Any], said: str
) -> None:
    """A tester's plan.json with a target gap of unit ``ghost`` had been routed, exit 0."""
    unit = SCENARIO.units[0]
    fields: dict[str, Any] = {
        "unit": unit.id, "commodity": SCENARIO.commodities[0].id, "day": 0, "below_t": 1.0,
    } | changes  # fmt: skip
    gap = TargetGap(**fields)
    (issue,) = _issues(dataclasses.replace(PLAN, target_gaps=(*PLAN.target_gaps, gap)))
    assert (issue.column, issue.file) == (f"target gap {len(PLAN.target_gaps) + 1}", "x/plan.json")
    assert issue.message.startswith(said)


def test_another_scenarios_plan_is_said_so_with_its_file() -> None:
    """Its name, start or horizon: not the scenario's plan, said once, not record by record."""
    other = dataclasses.replace(PLAN, scenario="other")
    with pytest.raises(ScenarioError, match="not made for this scenario") as caught:
        check_plan_fits(SCENARIO, other, file="x/plan.json")
    assert [(i.file, i.column) for i in caught.value.issues] == [("x/plan.json", "scenario")]

"""What a unit already in place holds when it starts: its ``on_hand_days``.

A relief planner's sites got their days-of-supply buffer free on C+0 and looked half as
short as with ``days_of_supply`` 0: there was no way to say a site starts with nothing
and still wants a buffer built.

Hand-solved: a camp of 2 people eating 1 t each a day wants 3 days (6 t); a depot one
day's road away (10 t/day) has all it needs. Nothing can arrive on C+0.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scenario_files import UNITS, scenario_from_files

from supplyline.domain import Demand, Scenario, held_at_start
from supplyline.errors import ScenarioError
from supplyline.planning import plan_movements
from supplyline.requirements import grand_totals

DAYS = 6
FOOD = "{id: food, supply_class: food, priority: 1, demand_unit: kg, per_person_per_day: 1000}"


def _camp(tmp_path: Path, on_hand_days: str) -> tuple[Scenario, Demand]:
    return scenario_from_files(
        tmp_path / f"camp-{on_hand_days or 'default'}",
        days=DAYS,
        commodity=FOOD,
        links="dc,d,c,road,,50,1,,10,,1,,false,\n",
        locations="d,Depot,home,depot,50,10,,,0\nc,Camp,home,unit_area,50,10.5,,,0\n",
        units_header=UNITS.rstrip("\n") + ",on_hand_days\n",
        units=f"u,Camp people,home,c,c,2,0,0,0,3,{on_hand_days}\n",
        stocks="d,food,100,0,\n",
    )


@pytest.mark.parametrize(
    ("on_hand_days", "held_t", "short_t", "delivered_t"),
    [
        ("", 6.0, 0.0, 12.0),  # the default: its 3-day target on hand
        ("0", 0.0, 2.0, 16.0),  # nothing on C+0: C+0's 2 t short, then 2 t a day + 6 t
        ("1", 2.0, 0.0, 16.0),  # C+0's ration, then the whole target delivered
        ("5", 10.0, 0.0, 8.0),  # 4 t beyond the target: eaten before anything comes
    ],
)
def test_a_unit_in_place_starts_with_its_on_hand_days(
    tmp_path: Path, on_hand_days: str, held_t: float, short_t: float, delivered_t: float
) -> None:
    scenario, demand = _camp(tmp_path, on_hand_days)
    assert held_at_start(scenario, demand)[0, 0] == pytest.approx(held_t)
    plan = plan_movements(scenario, demand)
    assert plan.total_short_t == pytest.approx(short_t, abs=1e-6)
    assert sum(d.tonnes for d in plan.deliveries) == pytest.approx(delivered_t, abs=1e-6)
    # the 6 t target is held from C+1 on, whatever the camp started with
    held = {s.day: s.tonnes for s in plan.stocks if s.unit == "u"}
    assert [held.get(day, 0.0) for day in range(1, DAYS)] == pytest.approx([6.0] * (DAYS - 1))


def test_requirements_count_what_units_in_place_hold_against_their_targets(
    tmp_path: Path,
) -> None:
    cases = {days: _camp(tmp_path, days) for days in ("0", "1", "5")}
    held = {days: grand_totals(*case) for days, case in cases.items()}
    assert [held[d]["on_hand_t"] for d in ("0", "1", "5")] == pytest.approx([0, 2, 10])
    assert all(h["buildup_t"] == pytest.approx(6.0) for h in held.values())


def test_on_hand_days_follow_the_rate_of_the_days_they_cover(tmp_path: Path) -> None:
    """2.5 days from C+0 of a camp that doubles its numbers on C+2 (activity-scaled rate)."""
    scenario, demand = scenario_from_files(
        tmp_path / "rising",
        days=DAYS,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 1000, activity_scaled: true}",
        links="dc,d,c,road,,50,1,,10,,1,,false,\n",
        locations="d,Depot,home,depot,50,10,,,0\nc,Camp,home,unit_area,50,10.5,,,0\n",
        units_header=UNITS.rstrip("\n") + ",activity,on_hand_days\n",
        units="u,Camp people,home,c,c,2,0,0,0,0,0:normal;2:high,2.5\n",
        stocks="d,food,100,0,\n",
    )
    rate = demand.consumption_t[0, 0, :3]
    assert rate[0] == rate[1] < rate[2]
    assert held_at_start(scenario, demand)[0, 0] == pytest.approx(rate.mean() * 2.5)


def test_a_deploying_unit_has_no_on_hand_days(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        scenario_from_files(
            tmp_path / "deploying",
            days=DAYS,
            commodity=FOOD,
            links="dc,d,c,road,,50,1,,10,,1,,false,\n",
            locations="d,Depot,home,depot,50,10,,,0\nc,Camp,home,unit_area,50,10.5,,,0\n",
            units_header=UNITS.rstrip("\n") + ",on_hand_days\n",
            units="u,Battalion,home,d,c,2,0,1,5,3,2\n",
            stocks="d,food,100,0,\n",
        )
    text = str(caught.value)
    assert "units.csv:2: on_hand_days:" in text
    assert "already in place" in text
    assert "deployment_lift_t" in text


@pytest.mark.parametrize(("cell", "says"), [("400", "365"), ("-1", "0"), ("lots", "number")])
def test_on_hand_days_out_of_range_are_located(tmp_path: Path, cell: str, says: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        _camp(tmp_path, cell)
    text = str(caught.value)
    assert "units.csv:2: on_hand_days:" in text
    assert says in text


def test_a_unit_holds_a_target_that_rises_with_its_activity(tmp_path: Path) -> None:
    """A planner's 3 days of fuel, set at a quiet rate, were 0.83 days at the exercise rate.

    2 people at 1 t a day each (activity-scaled), 2 days of supply, surge (2×) from C+3:
    the target is 4 t on C+0 and C+1, 6 t on C+2 (a normal day and a surge day ahead),
    8 t from C+3. The camp starts with its 4 t and holds each day's target after.
    """
    scenario, demand = scenario_from_files(
        tmp_path / "surge",
        days=DAYS,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 1000, activity_scaled: true}",
        links="dc,d,c,road,,50,1,,20,,1,,false,\n",
        locations="d,Depot,home,depot,50,10,,,0\nc,Camp,home,unit_area,50,10.5,,,0\n",
        units_header=UNITS.rstrip("\n") + ",activity\n",
        units="u,Camp people,home,c,c,2,0,0,0,2,0:normal;3:surge\n",
        stocks="d,food,200,0,\n",
    )
    assert demand.target_t[0, 0] == pytest.approx([4, 4, 6, 8, 8, 8])
    plan = plan_movements(scenario, demand)
    assert plan.total_short_t == pytest.approx(0.0, abs=1e-6)
    held = {s.day: s.tonnes for s in plan.stocks if s.unit == "u"}
    assert [held.get(day, 0.0) for day in range(DAYS)] == pytest.approx([2, 4, 6, 8, 8, 8])
    # C+0 eats 2 of the 4 t on hand and nothing can come before C+1: the only gap
    assert {(g.day, round(g.below_t, 6)) for g in plan.target_gaps} == {(0, 2.0)}


@pytest.mark.parametrize(("on_hand_days", "first_days"), [("", [2, 2, 2]), ("0", [8, 2, 2])])
def test_what_must_reach_a_site_is_net_of_what_it_holds(
    tmp_path: Path, on_hand_days: str, first_days: list[float]
) -> None:
    """A site's requirement is net of what it holds: a docs tester's C+0 convoys did not.

    The same 941 t on C+0 with or without the relief sites' buffer on hand. The camp
    eats 2 t a day and wants 6 t: with its target on hand only its ration must come each
    day; starting with nothing, C+0 needs the 6 t and the day's 2 t.
    """
    from supplyline.domain import to_deliver
    from supplyline.services.routing import requests_from_demand

    scenario, demand = _camp(tmp_path, on_hand_days)
    need = to_deliver(scenario, demand)[0, 0]
    assert need[:3] == pytest.approx(first_days)
    held = 6.0 if not on_hand_days else 0.0
    assert need.sum() == pytest.approx(demand.total_t.sum() - held)
    (request,) = requests_from_demand(scenario, demand, 0)
    assert request.load_t["food"] == pytest.approx(first_days[0])

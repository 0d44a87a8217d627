"""Units of a higher movement priority move first when they compete for a capacity.

A planner's medical company closed 9 days late behind the heavy battalions, with no way
to say it should go first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scenario_files import UNITS, scenario_from_files

from supplyline.domain import Demand, Scenario
from supplyline.planning import plan_movements


def _one_train(tmp_path: Path, priority_a: int, priority_b: int) -> tuple[Scenario, Demand]:
    """Units a and b (100 t each, required on C+1) share a rail link of 100 t/day."""
    return scenario_from_files(
        tmp_path / f"train-{priority_a}-{priority_b}",
        days=8,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 0}",
        links="rl,h,c,rail,1435,300,1,,100,,2,1,false,\n",
        locations="h,Home,home,garrison,50.0,10.0,,,0\nc,Camp C,home,unit_area,50.0,13.0,,,0\n",
        units_header=UNITS.rstrip("\n") + ",priority\n",
        units=f"a,Unit A,home,h,c,0,0,1,100,0,{priority_a}\n"
        f"b,Unit B,home,h,c,0,0,1,100,0,{priority_b}\n",
        stocks="",
    )


@pytest.mark.parametrize(
    ("priority_a", "priority_b", "first"), [(1, 1, None), (1, 5, "a"), (5, 1, "b"), (9, 2, "b")]
)
def test_the_unit_of_higher_priority_closes_first(
    tmp_path: Path, priority_a: int, priority_b: int, first: str | None
) -> None:
    """Of equal priority either may go first; otherwise the higher goes first."""
    scenario, demand = _one_train(tmp_path, priority_a, priority_b)
    assert [u.priority for u in scenario.units] == [priority_a, priority_b]
    plan = plan_movements(scenario, demand)
    closes = {c.unit: c.closure_day for c in plan.closures}
    assert sorted(closes.values()) == [1, 2]  # one train a day, a day each
    if first is not None:
        assert closes[first] == 1


@pytest.mark.parametrize("priority", [1, 5, 9])
def test_a_low_priority_unit_is_not_made_late_to_save_transport(
    tmp_path: Path, priority: int
) -> None:
    """A tester's priority-9 unit went a day late to save a three-leg route (100+90+50).

    Nothing competes here: every priority must take the dear route and close on time.
    """
    scenario, demand = scenario_from_files(
        tmp_path / f"alone-{priority}",
        days=8,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 0}",
        links="ha,h,a,road,,50,0,,,,100,,false,\nab,a,b,road,,50,0,,,,90,,false,\n"
        "bt,b,t,road,,50,1,,,,50,,false,\nht,h,t,road,,50,2,,,,0,,false,\n",
        locations="h,H,home,depot,50,10,,,0\na,A,home,transshipment,50,10.3,,,0\n"
        "b,B,home,transshipment,50,10.6,,,0\nt,T,home,unit_area,50,11,,,0\n",
        units_header=UNITS.rstrip("\n") + ",priority\n",
        units=f"ua,UA,home,h,t,0,0,1,100,0,{priority}\n",
        stocks="",
    )
    (closure,) = plan_movements(scenario, demand).closures
    assert closure.closure_day == 1


@pytest.mark.parametrize("bad", [0, 10, 1.5, True, "3"])
def test_a_priority_must_be_a_whole_number_from_1_to_9(bad: object) -> None:
    """A script's 1.5 or True planned, and wrote a file the loader then refused."""
    import dataclasses

    from supplyline.planning.examples import late_unit

    scenario, _ = late_unit()
    # out of range: the loader's words with the range; not a whole number: said so
    words = "a whole number from 1 to 9" if bad in (0, 10) else "must be a whole number"
    with pytest.raises(ValueError, match=words):
        dataclasses.replace(scenario.units[0], priority=bad)

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

"""A target gap of units the supply leaves short in all names the supply, as their shortfall does.

A tester's units were short of water, "not enough … is in stock for every unit in the
horizon", yet the same units' days-of-supply gaps read "capacity (see the bottlenecks)", and
plan.json's causes were empty. Re-planned with every capacity unlimited the gaps were the
same (2,333.4 t-days), with four times the water they went: no stock can be built up when
there is not enough to eat. The case reduced: a depot D of 3 t a day feeds a unit at D
eating 2 t a day and one at U, a day away, eating 3; each holds a target of 6 t.
"""

from __future__ import annotations

from depot_cases import fed_pair, roomy, short_and_below

from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.summary import target_rows

PARAMS = PlanParams(explain_top=0)
LIMIT = "; the supply at D, 3 t/day of Rations, is the limit: see bottleneck 1"
IN_ALL = (
    "not enough Rations is in stock for every unit in the horizon: whatever the transport "
    "capacities, the units would still be short of 5 t in all, as in this plan; nor "
    "could they hold more of their targets without going short sooner" + LIMIT
)
IN_TIME = (
    "not enough Rations is in stock for every unit in time: whatever the transport capacities, "
    "the units could hold no more of their targets on these days without being shorter by then"
    + LIMIT
)


def test_the_gaps_are_the_supplys_when_re_planned() -> None:
    """Every capacity unlimited: as short, as far below; 9 t a day: C+0 at U alone (3 t-days)."""
    scenario, demand = fed_pair(3.0)
    plan = plan_movements(scenario, demand, PARAMS)
    assert short_and_below(plan) == (5.0, 76.0)
    assert short_and_below(plan_movements(roomy(scenario), demand, PARAMS)) == (5.0, 76.0)
    assert short_and_below(plan_movements(*fed_pair(9.0), PARAMS)) == (0.0, 3.0)


def test_the_gaps_name_the_supply_short_in_all() -> None:
    """C+1–C+6 read "capacity (see the bottlenecks)" before, on both rows."""
    scenario, demand = fed_pair(3.0)
    rows = {
        r["unit"]: r["why"] for r in target_rows(plan_movements(scenario, demand, PARAMS), demand)
    }
    assert rows == {
        "u1": f"C+0: no Rations can reach U before C+1; C+1–C+6: {IN_ALL}; C+7: {IN_TIME}",
        "u0": f"C+1–C+6: {IN_ALL}; C+7: {IN_TIME}",
    }


def test_no_gap_of_the_plan_is_left_without_its_cause() -> None:
    """plan.json's target gaps carry the words the table says (none empty)."""
    plan = plan_movements(*fed_pair(3.0), PARAMS)
    assert plan.target_gaps
    assert [g.day for g in plan.target_gaps if not g.cause] == []

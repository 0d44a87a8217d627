"""Target gaps of units never short name the supply where it binds, weighed in all.

A depot D (storing) of 4 t a day feeds a unit u0 at D eating 2 t a day and u1 at U, a day
away, eating 3; each holds a target of 6 t. Neither is ever short (5 t a day eaten of 4 t
given plus what they bring), yet they are 54 t-days below their targets, and C+1–C+6 read
"capacity (see the bottlenecks)". Re-planned with every capacity unlimited, the gaps are
the same 54 t-days; with 12 t a day, 3 (U on C+0, before anything can arrive): the supply
binds, not a capacity. By hand: every tonne given is eaten or held; D gives 4 t a day for
5 eaten, so what the units hold falls by a tonne a day whatever the roads carry.
"""

from __future__ import annotations

from depot_cases import fed_pair, roomy, short_and_below

from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.summary import target_rows

PARAMS = PlanParams(explain_top=0)
LIMIT = "; the supply at D, 4 t/day of Rations, is the limit: see bottleneck 1"
HELD = (
    "not enough Rations is in stock for every unit to hold its target: whatever the transport "
    "capacities, the units could hold no more of their targets in all without going short" + LIMIT
)
IN_TIME = (
    "not enough Rations is in stock for every unit in time: whatever the transport capacities, "
    "the units could hold no more of their targets on these days without being shorter by then"
    + LIMIT
)


def test_the_supply_not_a_capacity_keeps_them_below() -> None:
    """Never short; every capacity unlimited: as far below; 12 t a day: C+0 at U alone."""
    scenario, demand = fed_pair(4.0)
    assert short_and_below(plan_movements(scenario, demand, PARAMS)) == (0.0, 54.0)
    assert short_and_below(plan_movements(roomy(scenario), demand, PARAMS)) == (0.0, 54.0)
    assert short_and_below(plan_movements(*fed_pair(12.0), PARAMS)) == (0.0, 3.0)


def test_the_gaps_of_units_never_short_name_the_supply() -> None:
    """C+1–C+6 (C+3–C+6 at D) read "capacity (see the bottlenecks)" before, on both rows.

    C+7 keeps the day's own count ("in time"), which already named the supply; C+0 at U is
    before anything can arrive.
    """
    scenario, demand = fed_pair(4.0)
    rows = {
        r["unit"]: r["why"] for r in target_rows(plan_movements(scenario, demand, PARAMS), demand)
    }
    assert rows == {
        "u1": f"C+0: no Rations can reach U before C+1; C+1–C+6: {HELD}; C+7: {IN_TIME}",
        "u0": f"C+3–C+6: {HELD}; C+7: {IN_TIME}",
    }


def test_plenty_of_supply_leaves_the_capacity_named() -> None:
    """With 12 t a day only C+0 at U is below, before anything can arrive: no supply named."""
    scenario, demand = fed_pair(12.0)
    rows = target_rows(plan_movements(scenario, demand, PARAMS), demand)
    assert [r["why"] for r in rows] == ["no Rations can reach U before C+1"]

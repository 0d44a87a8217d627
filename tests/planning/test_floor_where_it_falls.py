"""The supply is named beside the capacities only on the days its floor leaves short.

A tester's break-of-gauge yard handled 5 t of fuel a day, against a refinery's 3,000 t for
about 300 t eaten; every fuel row of C+18–C+39 read "capacity and supply: whatever the
transport capacities, the units would still be short of at least 1.88 t of fuel in all":
the 1.88 t was one distant unit's shortfall on C+3, its own stock run out before any fuel
could reach it, and nothing about the supply limited the later days.

The case reduced: a depot D with plenty (50 t a day) feeds a yard Y handling 5 t a day,
which feeds a near camp N (no transit) and a far camp F (3 days away). A unit at N eats
4 t a day; one at F eats 2 t a day and holds one day of it (2 t) when it starts: it is 4 t
short on C+1–C+2 whatever the capacities, then the yard (5 t a day for 6 t eaten) leaves
both camps short, which no supply explains.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from supplyline.domain import Demand, Plan, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.assemble import prepare
from supplyline.planning.capacity_cause import CAPACITY_CAUSE
from supplyline.planning.examples import make_demand, one_link
from supplyline.planning.supply_floor import SupplyFloor

PARAMS = PlanParams(explain_top=0)
DAYS = 10


def _narrow_yard() -> tuple[Scenario, Demand]:
    """D (50 t a day) → Y (handles 5 t a day) → N (no transit) and F (3 days); see above."""
    scenario, _ = one_link(transit_days=0, days=DAYS, replenishment_t_per_day=50.0)
    depot, camp = scenario.locations
    road, unit = scenario.links[0], scenario.units[0]
    yard = dataclasses.replace(camp, id="Y", name="Y", handling_t_per_day=5.0)
    far = dataclasses.replace(camp, id="F", name="F", lon=camp.lon + 2.0)
    near = dataclasses.replace(camp, id="N", name="N")
    scenario = dataclasses.replace(
        scenario,
        locations=(depot, yard, near, far),
        links=(
            dataclasses.replace(road, id="L1", destination="Y"),
            dataclasses.replace(road, id="L2", origin="Y", destination="N"),
            dataclasses.replace(road, id="L3", origin="Y", destination="F", transit_days=3),
        ),
        units=(
            dataclasses.replace(unit, id="u1", home="N", destination="N"),
            dataclasses.replace(unit, id="u2", home="F", destination="F", on_hand_days=1.0),
        ),
    )
    return scenario, make_demand(scenario, {("u1", "food"): 4.0, ("u2", "food"): 2.0})


def _causes_by_day(plan: Plan, unit: str) -> dict[int, str]:
    """A unit's shortfall causes, by day."""
    return {s.day: s.cause for s in plan.shortfalls if s.unit == unit}


def test_the_floor_falls_on_the_far_camps_first_days() -> None:
    """The supply's count leaves 4 t short, all of it on F's C+0–C+2, none elsewhere.

    Before, the count was one figure for the units together (4 t), said on every row.
    """
    scenario, demand = _narrow_yard()
    p = prepare(scenario, demand, PlanParams())
    floor = SupplyFloor(p=p, arc_open=lambda _: p.net.arc_open_goods)
    everywhere = np.ones(len(p.net.location_ids), dtype=bool)
    parts = floor.parts(0, everywhere, frozenset())
    far, near = p.net.location_ids.index("F"), p.net.location_ids.index("N")
    assert floor.least_short_together(0, everywhere, frozenset()).total_t == pytest.approx(4.0)
    assert [parts.at(far, day) >= 0 for day in range(DAYS)] == [True] * 3 + [False] * 7
    assert all(parts.at(near, day) < 0 for day in range(DAYS))
    assert float(parts.short_t[parts.at(far, 2)]) == pytest.approx(4.0)


def test_the_yards_days_do_not_name_the_supply() -> None:
    """Every row after goods can reach F reads "capacity", at both camps.

    Before, each read "capacity and supply: whatever the transport capacities, the units
    would still be short of at least 4 t of Rations in all (see the bottlenecks)", a floor
    of F's C+1–C+2, which have a cause of their own (no food can reach F before C+3).
    """
    plan = plan_movements(*_narrow_yard(), PARAMS)
    near, far = _causes_by_day(plan, "u1"), _causes_by_day(plan, "u2")
    assert sum(s.short_t for s in plan.shortfalls if s.day >= 3) > 1.0  # the yard binds
    later = {cause for causes in (near, far) for day, cause in causes.items() if day >= 3}
    assert later <= {CAPACITY_CAUSE}, later
    assert {far[1], far[2]} == {"no Rations can reach F before C+3"}

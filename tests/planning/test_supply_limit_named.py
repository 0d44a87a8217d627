"""A supply cause lifts the transport capacities, never a supply, and names the supply.

A tester's water rows read "whatever the capacities, the units would still be short of at
least 92.06 t in all" beside bottleneck 1, "supply fwd-depot/water, capacity 40 t/day",
+3 t/day of which removed the 92.06 t. Reduced: a depot D giving 2 t a day to a unit a day
away at U eating 4 t a day, over a road of 100 t a day, for 10 days: 22 t short, 2 of them
before anything can arrive; +2 t a day at D removes 18 t.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from depot_cases import roomy
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain import Demand, Plan, ResourceKind, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.bottleneck_rows import bottleneck_table_rows
from supplyline.planning.examples import make_demand, one_link

PARAMS = PlanParams(explain_top=1)
NAMED = re.compile(
    r"whatever the transport capacities, the units there would still be short of "
    r"([\d,.]+) t in all, as in this plan; the supply at D, ([\d.]+) t/day of Rations, is the "
    r"limit: see bottleneck 1$"
)


def _depot(replenishment_t_per_day: float = 2.0, eats_t: float = 4.0) -> tuple[Scenario, Demand]:
    """D (``replenishment_t_per_day``, nothing on hand) → U, a day, 100 t a day; U eats."""
    scenario, _ = one_link(
        capacity_t_per_day=100.0,
        transit_days=1,
        days=10,
        replenishment_t_per_day=replenishment_t_per_day,
    )
    return scenario, make_demand(scenario, {("u1", "food"): eats_t})


def _more_at_d(scenario: Scenario, extra_t_per_day: float) -> Scenario:
    """The scenario with D's replenishment raised by ``extra_t_per_day``."""
    stock = scenario.stocks[0]
    more = dataclasses.replace(
        stock, replenishment_t_per_day=stock.replenishment_t_per_day + extra_t_per_day
    )
    return dataclasses.replace(scenario, stocks=(more,))


def test_the_cause_names_the_supply_by_its_rank() -> None:
    """The words, exactly: the transport capacities lifted, the supply at D named as rank 1."""
    plan = plan_movements(*_depot(), PARAMS)
    assert plan.total_short_t == pytest.approx(22.0)
    assert {s.cause for s in plan.shortfalls} == {
        "no Rations can reach U before C+1",
        "not enough Rations can reach U in the horizon: whatever the transport capacities, the "
        "units there would still be short of 22 t in all, as in this plan; the supply "
        "at D, 2 t/day of Rations, is the limit: see bottleneck 1",
    }
    first = plan.bottlenecks[0]
    assert (first.kind, first.resource, first.capacity_unit) == (
        ResourceKind.SUPPLY,
        "D/food",
        "t/day",
    )


def test_the_table_says_a_supply_row_as_supply() -> None:
    """The CLI's and the report's row: "2 t/day of replenishment", under "capacity or supply"."""
    plan = plan_movements(*_depot(), PARAMS)
    [row] = bottleneck_table_rows(plan)
    assert row["capacity_or_supply"] == "2 t/day of replenishment"
    assert "capacity" not in row


def _named(plan: Plan) -> list[re.Match[str]]:
    """The causes that name the supply at D."""
    return [m for s in plan.shortfalls if (m := NAMED.search(s.cause))]


@settings(max_examples=8, deadline=None)
@given(
    replenishment=st.floats(0.5, 4.0).map(lambda t: round(t, 1)),
    deficit=st.floats(0.5, 4.0).map(lambda t: round(t, 1)),
)
def test_the_named_supply_is_what_limits(replenishment: float, deficit: float) -> None:
    """Re-planned as the claim says: transport lifted, as short; more at D, less short.

    Every transport capacity unlimited leaves the units at least the claimed floor short;
    D's replenishment raised by its bottleneck's suggested extra leaves them less short.
    """
    scenario, demand = _depot(replenishment, replenishment + deficit)
    plan = plan_movements(scenario, demand, PARAMS)
    named = _named(plan)
    assert named, {s.cause for s in plan.shortfalls}
    floor = float(named[0].group(1).replace(",", ""))
    assert float(named[0].group(2)) == pytest.approx(replenishment)
    lifted = plan_movements(roomy(scenario), demand, PARAMS)
    assert lifted.total_short_t >= floor - 1e-6
    extra = plan.bottlenecks[0].suggested_extra
    assert extra is not None
    assert extra > 0
    more = plan_movements(_more_at_d(scenario, extra), demand, PARAMS)
    assert more.total_short_t < plan.total_short_t - 1e-6

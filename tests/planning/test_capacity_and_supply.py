"""Where a capacity binds and the supply too, the cause names both, as a lower bound.

A tester's plan was 18,976 t short (17,666 t of water), every row "capacity (see the
bottlenecks)"; re-planned with every capacity lifted it was still 14,991.7 t short of
water. The case reduced: a depot D gives 6 t a day (60 t in 10 days) to a unit at U eating
8 t a day (80 t), which arrives with its target of 16 t on hand, over a road of 4 t a day,
no transit: 24 t short (40 t come), 4 t with the road unlimited, which no capacity can
lessen (60 t and 16 t for 80 t eaten).
"""

from __future__ import annotations

import dataclasses

import pytest
from depot_cases import roomy

from supplyline.domain import Demand, Plan, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.capacity_cause import CAPACITY_CAUSE
from supplyline.planning.examples import make_demand, one_link
from supplyline.planning.summary import shortfall_rows, target_rows

PARAMS = PlanParams(explain_top=0)
BOTH = (
    "capacity and supply: whatever the transport capacities, the units would still be short "
    "of at least 4 t of Rations in all (see the bottlenecks)"
)


def _short_depot(replenishment_t_per_day: float = 6.0) -> tuple[Scenario, Demand]:
    """D (``replenishment_t_per_day``) → U over 4 t a day, no transit; U eats 8 t a day.

    And holds a target of 16 t (2 days), which it never reaches.
    """
    scenario, _ = one_link(
        capacity_t_per_day=4.0,
        transit_days=0,
        days=10,
        replenishment_t_per_day=replenishment_t_per_day,
    )
    return scenario, make_demand(scenario, {("u1", "food"): 8.0}, buildup_t={("u1", "food"): 16.0})


def _by_unit(plan: Plan) -> dict[str, set[str]]:
    """Each unit's shortfall causes."""
    causes: dict[str, set[str]] = {}
    for s in plan.shortfalls:
        causes.setdefault(s.unit, set()).add(s.cause)
    return causes


def test_the_case_by_hand() -> None:
    """24 t short as given, 4 t with every capacity unlimited.

    With 8 t a day, as short (the road alone), and none with every capacity unlimited.
    """
    scenario, demand = _short_depot()
    plan = plan_movements(scenario, demand, PARAMS)
    lifted = plan_movements(roomy(scenario), demand, PARAMS)
    enough = plan_movements(*_short_depot(8.0), PARAMS)
    assert (plan.total_short_t, lifted.total_short_t) == pytest.approx((24.0, 4.0))
    assert enough.total_short_t == pytest.approx(24.0)  # the road alone: 4 t a day of 8
    assert plan_movements(roomy(_short_depot(8.0)[0]), demand, PARAMS).total_short_t == (
        pytest.approx(0.0, abs=1e-6)
    )


def test_both_are_named_on_every_row() -> None:
    """Every day reads capacity and supply; before, "capacity (see the bottlenecks)" (empty)."""
    plan = plan_movements(*_short_depot(), PARAMS)
    assert _by_unit(plan) == {"u1": {BOTH}}


def test_the_tables_say_it_as_the_records_do() -> None:
    """The shortfall table's and the targets table's "why" (CLI, report) are the records'."""
    scenario, demand = _short_depot()
    plan = plan_movements(scenario, demand, PARAMS)
    assert [r["why"] for r in shortfall_rows(plan, demand) if r["unit"] == "u1"] == [BOTH]
    assert [r["why"] for r in target_rows(plan, demand)] == [BOTH]


def test_a_supply_that_covers_the_demand_leaves_capacity_alone() -> None:
    """8 t a day for 8 t eaten: the road alone binds, the causes stay "capacity".

    The files said it empty until 2026-11-30, where the faces said these words.
    """
    plan = plan_movements(*_short_depot(8.0), PARAMS)
    assert _by_unit(plan) == {"u1": {CAPACITY_CAUSE}}


def _two_depots() -> tuple[Scenario, Demand]:
    """The case above, and a depot E of 8 t a day feeding W over its own road of 4 t a day."""
    scenario, _ = _short_depot()
    depot, camp = scenario.locations
    road, stock, unit = scenario.links[0], scenario.stocks[0], scenario.units[0]
    scenario = dataclasses.replace(
        scenario,
        locations=(
            depot,
            camp,
            dataclasses.replace(depot, id="E", name="E"),
            dataclasses.replace(camp, id="W", name="W"),
        ),
        links=(road, dataclasses.replace(road, id="L2", origin="E", destination="W")),
        stocks=(
            stock,
            dataclasses.replace(stock, location="E", replenishment_t_per_day=8.0),
        ),
        units=(unit, dataclasses.replace(unit, id="u2", home="W", destination="W")),
    )
    both = {("u1", "food"): 8.0, ("u2", "food"): 8.0}
    return scenario, make_demand(scenario, both, buildup_t={u: 16.0 for u in both})


def test_a_supply_of_its_own_is_claimed_for_its_place_alone() -> None:
    """U's own depot is short, W's is not: U's rows claim U's floor, W's read "capacity".

    48 t short (24 t each), 4 t with every capacity unlimited, all of it U's.
    """
    scenario, demand = _two_depots()
    plan = plan_movements(scenario, demand, PARAMS)
    lifted = plan_movements(roomy(scenario), demand, PARAMS)
    assert plan.total_short_t == pytest.approx(48.0)
    assert lifted.total_short_t == pytest.approx(4.0)
    assert sum(s.short_t for s in lifted.shortfalls if s.unit == "u1") == pytest.approx(4.0)
    at_u = (
        "capacity and supply: whatever the transport capacities, the units at U would still be "
        "short of at least 4 t of Rations in all (see the bottlenecks)"
    )
    assert _by_unit(plan) == {"u1": {at_u}, "u2": {CAPACITY_CAUSE}}

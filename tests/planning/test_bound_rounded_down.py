"""An "at least N t" claim is rounded down at the precision it is shown, so it stays true.

A tester's gt32 read "whatever the capacities, the units there would still be short of at
least 2,837 t in all", while the bound and the re-plan with every capacity lifted were
2,836.728 t: rounded half up, the floor claimed more than any plan need be short.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import one_link
from supplyline.types import figure_decimals, figure_text, lower_bound_text, to_gram


@given(st.floats(0, 1e9, allow_nan=False))
def test_a_bound_said_is_never_above_the_bound_and_one_step_below_at_most(value: float) -> None:
    """The text reads at most the bound (to the gram), and less by under one shown step."""
    said = Decimal(lower_bound_text(value).replace(",", ""))
    exact = Decimal(repr(to_gram(value)))
    step = Decimal(1).scaleb(-figure_decimals([to_gram(value)]))
    assert exact - step < said <= exact


def test_a_floor_as_in_this_plan_reads_the_plans_own_figure() -> None:
    """1,899.4 t for 2,000 t eaten, the road roomy: 100.6 t short, the table's "101".

    A floor that is the plan's own shortfall ("as in this plan") says the plan's figure as
    its shortfall table writes it, with no "at least" (101 is above 100.6): a tester read
    "at least 342 t …, as in this plan" beside a table's 342.51. A floor said alone is
    still rounded down (the property above).
    """
    scenario, demand = one_link(
        capacity_t_per_day=1000.0,
        transit_days=0,
        days=10,
        daily_t=200.0,
        replenishment_t_per_day=0.0,
    )
    stock = dataclasses.replace(scenario.stocks[0], initial_t=1_899.4)
    plan = plan_movements(
        dataclasses.replace(scenario, stocks=(stock,)), demand, PlanParams(explain_top=0)
    )
    assert sum(s.short_t for s in plan.shortfalls) == pytest.approx(100.6)
    assert figure_text(100.6) == "101"  # the shortfall table's figure
    causes = {s.cause for s in plan.shortfalls}
    assert causes == {
        "not enough Rations can reach U in the horizon: whatever the transport capacities, the "
        "units there would still be short of 101 t in all, as in this plan; the supply "
        "at D, 1,899 t of Rations on hand, is the limit: see bottleneck 1"
    }

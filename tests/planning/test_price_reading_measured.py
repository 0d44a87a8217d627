"""Readings of a price in a tier's unit: over the heaviest weight, fair shares' bands too."""

from __future__ import annotations

import dataclasses

import pytest

from supplyline.domain import Stock
from supplyline.planning import plan_movements
from supplyline.planning.bottleneck_rows import one_more_saves
from supplyline.planning.examples import make_demand, one_link
from supplyline.planning.params import PlanParams


@pytest.mark.parametrize("fair", [False, True])
def test_one_more_tonne_on_one_day_saves_one_tonne_short(fair: bool) -> None:
    """A unit at U eats 8 t on the one day, its store gets 0.5: 7.5 t short, 94 % of it.

    One more tonne there removes a tonne short on C+0, so one more saves exactly 1 t short.
    By hand, with the link's cost scale 2 and priority-2 food (8/9 of the shortfall weight):
    a tonne short on C+0 of a 1-day horizon weighs 1e5 + 1.01 × 1000 (a day's target gap);
    with fair shares, 94 % short is in the top band, 9 × 0.0105 of the priority-1 weight
    more. Over the shortfall weight alone the fair-share price had read 1.105 t short.
    """
    scenario, _ = one_link(days=1)
    store = Stock(location="U", commodity="food", replenishment_t_per_day=0.5)
    scenario = dataclasses.replace(scenario, stocks=(store,))
    demand = make_demand(scenario, {("u1", "food"): 8.0})
    plan = plan_movements(scenario, demand, PlanParams(fair_share=fair))
    (supply,) = plan.bottlenecks
    bands = 9 * 0.0105 * 1e5 if fair else 0.0
    assert supply.shadow_price == pytest.approx(((1e5 + 1010) * 8 / 9 + bands) * 2, abs=1e-5)
    assert (supply.saves, supply.saves_unit) == (1.0, "t short")
    assert one_more_saves(supply) == "1 t short"

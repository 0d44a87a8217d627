"""Goods on hand in a full store may be moved out for good to make room for others.

A tester's depot of ``storage_t`` 10 held 10 t of fuel; 9 t of food could reach it only
on C+0, for a unit one road away from C+3. The plan said "optimal, 9 t short": the fuel
could go nowhere, since no demand is reached from the warehouse beside the depot, and the
model kept no stock at the horizon's end (``supplyline.planning.making_room``). Two of
1,500 random networks showed the same: a commodity no unit needs filling the store (seed
433), and a warehouse whose way back to the demand is too long (seed 748).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from random_networks import SETTINGS, scenarios

from supplyline.domain import Demand, PlanStatus, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.assemble import build_model, prepare
from supplyline.planning.examples import full_store, one_link
from supplyline.planning.highs import HighsSession
from supplyline.planning.making_room import with_room_to_move
from supplyline.planning.network import index_flows, index_network, reach

VARIANTS = [
    pytest.param({}, id="the-testers-dead-end-warehouse"),
    pytest.param({"fuel_t": 0.0}, id="fuel-no-unit-needs"),
    pytest.param({"way_out_days": 3}, id="way-back-too-long"),
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_full_depot_sends_fuel_out_and_nothing_falls_short(variant: dict[str, float]) -> None:
    """9 t of fuel leave D for W on C+0, the food waits at D and reaches the unit: 0 t short."""
    plan = plan_movements(*full_store(**variant), PlanParams(explain_top=0))  # type: ignore[arg-type]
    assert plan.status is PlanStatus.OPTIMAL
    assert plan.total_short_t == pytest.approx(0.0, abs=1e-9)
    out = [(m.link, m.departure_day, m.tonnes) for m in plan.movements if m.commodity == "fuel"]
    assert ("D-W", 0, 9.0) in out
    food = [(m.link, m.departure_day, m.tonnes) for m in plan.movements if m.commodity == "food"]
    assert food == [("S-D", 0, 9.0), ("D-U", 3, 4.5), ("D-U", 4, 4.5)]


def test_the_fuel_moved_out_is_in_the_warehouse_at_the_horizons_end() -> None:
    """The plan's stocks show the 9 t of fuel at W on the last day, where it stays."""
    plan = plan_movements(*full_store(), PlanParams(explain_top=0))
    last = {(s.location, s.commodity): s.tonnes for s in plan.stocks if s.day == 4 and not s.unit}
    assert last == {("W", "fuel"): pytest.approx(9.0)}


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_pruned_model_keeps_the_naive_models_optimum(variant: dict[str, float]) -> None:
    """Pruning leaves the fuel its way out: the naive model's objective, fewer columns."""
    case = full_store(**variant)  # type: ignore[arg-type]
    pruned = plan_movements(*case, PlanParams(explain_top=0))
    naive = plan_movements(*case, PlanParams(explain_top=0, prune=False))
    assert pruned.objective == pytest.approx(naive.objective, rel=1e-9)
    assert pruned.stats.columns < naive.stats.columns


def test_no_stock_on_hand_in_a_limited_store_leaves_the_bounds_as_they_are() -> None:
    """With nothing on hand in a store with a limit, the model is the one it was."""
    scenario, demand = one_link()
    net = index_network(scenario)
    flows = index_flows(scenario, demand, net)
    bounds = reach(scenario, demand, net, flows)
    assert with_room_to_move(scenario, net, flows, bounds, pruned=True) is bounds
    assert not bounds.rests.any()


def _objective_left_anywhere(scenario: Scenario, demand: Demand) -> float:
    """The naive model's optimum where any goods may be left anywhere that stores goods."""
    problem = prepare(scenario, demand, PlanParams(prune=False))
    everywhere = np.ones_like(problem.reach.rests)
    problem = dataclasses.replace(
        problem, reach=dataclasses.replace(problem.reach, rests=everywhere)
    )
    solution = HighsSession(build_model(problem), PlanParams()).solve()
    assert solution.status is PlanStatus.OPTIMAL
    return solution.objective


def _full_from_the_start(case: tuple[Scenario, Demand]) -> tuple[Scenario, Demand]:
    """Every place with stock on hand made a store just as large: full on day 0."""
    scenario, demand = case
    on_hand: dict[str, float] = {}
    for st in scenario.stocks:
        on_hand[st.location] = on_hand.get(st.location, 0.0) + st.initial_t
    full = tuple(
        dataclasses.replace(x, storage_t=on_hand[x.id]) if on_hand.get(x.id, 0.0) > 0 else x
        for x in scenario.locations
    )
    return dataclasses.replace(scenario, locations=full), demand


@SETTINGS
@given(scenarios().map(_full_from_the_start))
def test_only_goods_on_hand_in_a_limited_store_need_to_be_left_undelivered(
    case: tuple[Scenario, Demand],
) -> None:
    """Leaving any goods anywhere at the end gains nothing over the plan's own model.

    Replenishment, or stock on hand in a store with no limit, that ends undelivered could
    have stayed undrawn: the pruned model, which lets only goods on hand in a limited store
    be left at the end, has the optimum of the model that lets everything be.
    """
    scenario, demand = case
    solution = HighsSession(build_model(prepare(*case, PlanParams())), PlanParams()).solve()
    assert solution.status is PlanStatus.OPTIMAL
    loose = _objective_left_anywhere(scenario, demand)
    assert solution.objective == pytest.approx(loose, rel=1e-7, abs=1e-6)

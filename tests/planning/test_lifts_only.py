"""A scenario of units' lifts only, no commodities, plans from Python.

The loader refuses a ``scenario.yaml`` without commodities, but a script may build one
to plan deployments alone: the stock columns' camp-store cost indexed a commodity for
every flow, and the bilateral exercise without commodities ended in an ``IndexError``.
"""

from __future__ import annotations

import dataclasses

from supplyline.domain import Demand, PlanStatus, Scenario
from supplyline.io.factors import factors_for
from supplyline.planning import PlanParams, plan_movements
from supplyline.requirements import compute_requirements


def test_deployments_alone_are_planned(bilateral: tuple[Scenario, Demand]) -> None:
    """Every deploying unit's lift is moved, and nothing else is."""
    scenario = dataclasses.replace(bilateral[0], commodities=(), stocks=(), agreements=())
    demand = compute_requirements(scenario, factors_for(dict(scenario.factor_overrides)))
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    assert plan.status is PlanStatus.OPTIMAL
    deploying = {u.id for u in scenario.units if not u.in_place}
    assert deploying
    assert {c.unit for c in plan.closures} == deploying
    assert all(c.moved_t >= c.lift_t - 1e-6 for c in plan.closures)
    assert not plan.deliveries
    assert not plan.shortfalls

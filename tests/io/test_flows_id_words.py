"""A plan's flows identity is of its tonnes, not of the words that explain them.

A shortfall's cause may name a closure the bottleneck report measured ("…; see closure
3"); ``routes`` measures none, so its plan of the same scenario read every such cause
without the closure, and warned that the ``plan`` files beside it "no longer match these
routes", though every movement, stock and shortfall was byte for byte the same.
"""

from __future__ import annotations

from dataclasses import replace

from supplyline.io.plan_files import flows_id, plan_id
from supplyline.planning import plan_movements
from supplyline.planning.examples import one_link


def test_other_causes_keep_the_flows_identity() -> None:
    plan = plan_movements(*one_link(capacity_t_per_day=5.0))
    assert plan.shortfalls  # 20 t short: causes to reword
    reworded = replace(
        plan,
        shortfalls=tuple(replace(s, cause=f"{s.cause}; see closure 3") for s in plan.shortfalls),
    )
    assert flows_id(reworded) == flows_id(plan)
    assert plan_id(reworded) != plan_id(plan)  # the plan's own identity keeps its words


def test_another_shortfall_is_another_flows_identity() -> None:
    plan = plan_movements(*one_link(capacity_t_per_day=5.0))
    first, *rest = plan.shortfalls
    other = replace(plan, shortfalls=(replace(first, short_t=first.short_t + 1.0), *rest))
    assert flows_id(other) != flows_id(plan)

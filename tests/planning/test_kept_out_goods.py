"""A bottleneck "keeps out" only goods whose shortfall, gap or lateness more of it changes.

A staff planner's ``plan --explain 3`` on the Amber Causeway exercise (a tester's
fictional scenario, ``scenarios/amber-causeway``) said "the road link r-ua1 … limits
deployment and medical, and keeps out fuel, spares and food, on C+5–C+8", though the only
unit behind it lacked none of them: in the equally good re-solve with the road raised they
merely came earlier, through it. ``bottlenecks.csv``'s ``commodities`` rightly left them
out; now the sentence and the column name the same goods, from one source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from supplyline.domain import Plan
from supplyline.planning import PlanParams, plan_movements
from supplyline.services.scenarios import assess_requirements

AMBER = Path(__file__).parent / "scenarios" / "amber-causeway"


@pytest.fixture(scope="module")
def amber() -> Plan:
    """The exercise's plan with its top 3 bottlenecks measured."""
    assessed = assess_requirements(AMBER)
    return plan_movements(assessed.opened.scenario, assessed.demand, PlanParams(explain_top=3))


def _kept_out(explanation: str) -> list[str]:
    """The goods a sentence says the resource keeps out ("…, and keeps out a and b, on …")."""
    said = re.search(r"keeps out (.*?), on C\+", explanation)
    return [] if said is None else re.split(r", | and ", said[1])


@pytest.mark.slow
def test_the_road_to_a_unit_lacking_only_its_lift_keeps_nothing_out(amber: Plan) -> None:
    """r-ua1 limits the lift and what passes; fuel, spares and food are not kept out.

    What passes is the plan's, one of many as good: spares passes too since goods on hand
    in a full store may leave it to make room (the model's columns grew by 570 for it and
    HiGHS ends on another vertex of the same objective).
    """
    road = next(b for b in amber.bottlenecks if b.resource.startswith("r-ua1"))
    assert road.suggested_extra is not None  # measured
    assert "keeps out" not in road.explanation, road.explanation
    assert {"deployment", "medical"} <= set(road.commodities) <= {"deployment", "medical", "spares"}


@pytest.mark.slow
def test_the_sentence_and_the_column_name_the_same_goods(amber: Plan) -> None:
    """Every good kept out is in ``commodities``, and every good there is in the sentence.

    Where a sentence lists the first few ("… spares and 1 more"), those are the first of
    ``commodities``.
    """
    for b in amber.bottlenecks:
        assert set(_kept_out(b.explanation)) <= set(b.commodities), b.explanation
        more = re.search(r" and (\d+) more", b.explanation)
        named = b.commodities[: len(b.commodities) - int(more[1])] if more else b.commodities
        assert all(c in b.explanation for c in named), b.explanation

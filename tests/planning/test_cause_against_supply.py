"""A closure is blamed for a shortfall only where reopening it could lessen the shortfall.

A tester's unit short of water on C+20 was said to be cut off by its road's closure; with
the road open, the re-plan was as short: the supply could not have covered it anyway.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from depot_cases import closures_lifted, roomy, shared_depot, short
from hypothesis import given, settings

from supplyline.domain import Demand, Plan, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import one_link
from supplyline.planning.summary import shortfall_rows

CLOSURE = "the closure of road link L1 (closed C+3–C+4) cuts U off from Rations"


def _camp_without_store(replenishment_t_per_day: float) -> tuple[Scenario, Demand]:
    """D→U, 10 t/day, closed C+3–C+4; U stores nothing; the unit eats 8 t a day."""
    scenario, demand = one_link(
        capacity_t_per_day=10.0,
        days=8,
        outage_days=[3, 4],
        replenishment_t_per_day=replenishment_t_per_day,
    )
    depot, camp = scenario.locations
    camp = dataclasses.replace(camp, storage_t=0.0)
    return dataclasses.replace(scenario, locations=(depot, camp)), demand


def _plans(replenishment_t_per_day: float) -> tuple[Plan, Plan]:
    """The plan, and the plan re-made with the closure lifted."""
    scenario, demand = _camp_without_store(replenishment_t_per_day)
    params = PlanParams(explain_top=0)
    opened = tuple(dataclasses.replace(x, outage_days=frozenset()) for x in scenario.links)
    lifted = dataclasses.replace(scenario, links=opened)
    return plan_movements(scenario, demand, params), plan_movements(lifted, demand, params)


def _causes(plan: Plan) -> dict[int, str]:
    return {s.day: s.cause for s in plan.shortfalls if s.day in (4, 5)}


def test_a_closure_that_alone_keeps_goods_out_is_the_cause() -> None:
    """50 t/day in stock: reopened, the camp is short only on C+0 (18 t → 8 t)."""
    plan, lifted = _plans(50.0)
    assert (plan.total_short_t, lifted.total_short_t) == pytest.approx((18.0, 8.0))
    allowing = (
        "; stock delivered before could cover these days (as far as capacities allow: see "
        "the bottlenecks)"
    )
    assert _causes(plan) == {4: CLOSURE + allowing, 5: CLOSURE + allowing}


def test_a_closure_that_only_moves_the_shortfall_is_not_the_cause() -> None:
    """1 t/day in stock against 8 eaten: reopened, as short in all (57 t); the supply binds."""
    plan, lifted = _plans(1.0)
    assert plan.total_short_t == pytest.approx(lifted.total_short_t)
    supply = (
        "not enough Rations can reach U in the horizon: with road link L1 (closed C+3–C+4) "
        "reopened and whatever the transport capacities, the units there would still be short "
        "of 57 t in all, as in this plan; the supply at D, 1 t/day of Rations, is the "
        "limit: see bottleneck 1"
    )
    assert _causes(plan) == {4: supply, 5: supply}


def test_a_closure_and_a_short_supply_are_both_named() -> None:
    """6 t/day in stock: reopened, 22 t short instead of 30; the rest is the supply's."""
    plan, lifted = _plans(6.0)
    assert (plan.total_short_t, lifted.total_short_t) == pytest.approx((30.0, 22.0))
    both = (
        CLOSURE + "; the supply is short too: with it reopened, the units at U would still "
        "be short of at least 22 t of Rations in all (in this plan 30 t)"
    )
    assert _causes(plan) == {4: both, 5: both}


SUPPLY_1 = (
    "not enough Rations can reach U in the horizon: with road link L1 (closed C+3–C+4) "
    "reopened and whatever the transport capacities, the units there would still be short of "
    "57 t in all, as in this plan; the supply at D, 1 t/day of Rations, is the limit: "
    "see bottleneck 1"
)


def test_one_supply_limit_is_said_in_one_sentence_on_every_day() -> None:
    """1 t/day against 8 eaten: every day goods can come names the supply, as the closed days.

    Before, C+1–C+3 and C+6–C+7 read "capacity (see the bottlenecks)" beside the supply's
    sentence on C+4–C+5, of one depot's 1 t/day; the day before anything can arrive keeps
    its own cause.
    """
    plan, _ = _plans(1.0)
    assert [row["why"] for row in shortfall_rows(plan)] == [
        f"C+0: no Rations can reach U before C+1; C+1–C+7: {SUPPLY_1}"
    ]


def test_a_day_goods_can_arrive_names_the_supply_where_no_capacity_would_help() -> None:
    """6 t/day: C+1–C+3 are the supply's; with every capacity unlimited it is as short (30 t)."""
    plan, _ = _plans(6.0)
    scenario, demand = _camp_without_store(6.0)
    whatever = plan_movements(roomy(scenario), demand, PlanParams(explain_top=0))
    assert whatever.total_short_t == pytest.approx(plan.total_short_t) == pytest.approx(30.0)
    supply = (
        "not enough Rations can reach U in the horizon: whatever the transport capacities, the "
        "units there would still be short of 30 t in all, as in this plan; the supply "
        "at D, 6 t/day of Rations, is the limit: see bottleneck 1"
    )
    assert {s.day: s.cause for s in plan.shortfalls if s.day in (1, 2, 3)} == dict.fromkeys(
        (1, 2, 3), supply
    )


@settings(max_examples=40, deadline=None)
@given(case=shared_depot())
def test_lifting_a_closure_blamed_lessens_the_shortfall(case: tuple[Scenario, Demand]) -> None:
    """A closure said to cut a unit off is one whose lifting lessens its shortfall.

    On that day or in all; where several are named as "any one would do", each alone.
    A cause that says the supply binds instead (on a day goods can arrive too): with the
    closures it names lifted and every capacity unlimited, the units at the place (or the
    commodity's, where it says "for every unit", or those at the places it names as sharing
    the supply) are as short in all.
    """
    scenario, demand = case
    params = PlanParams(explain_top=0)
    plan = plan_movements(scenario, demand, params)
    for s in plan.shortfalls:
        named = set(re.findall(r"link (\S+) \(", s.cause))
        if s.cause.startswith("not enough"):
            whatever = plan_movements(roomy(closures_lifted(scenario, named)), demand, params)
            pool = re.search(r"for the units at (.+?), which share its supply", s.cause)
            if "for every unit" in s.cause or pool:
                at = set(pool.group(1).split(" and at ")) if pool else None
                before = _short_at(scenario, plan, s.commodity, at)
                after = _short_at(scenario, whatever, s.commodity, at)
            else:
                before = short(plan, s.unit, s.commodity)
                after = short(whatever, s.unit, s.commodity)
            assert after >= before - 1e-3, s.cause
            continue
        if not named:
            continue
        tries = [{li} for li in named] if "any one would do" in s.cause else [named]
        for links in tries:
            lifted = plan_movements(closures_lifted(scenario, links), demand, params)
            day_less = short(lifted, s.unit, s.commodity, s.day) < s.short_t - 1e-3
            all_less = short(lifted, s.unit, s.commodity) < short(plan, s.unit, s.commodity) - 1e-3
            assert day_less or all_less, (s.cause, links)


def _short_at(scenario: Scenario, plan: Plan, commodity: str, places: set[str] | None) -> float:
    """The shortfall of a commodity in all, of the units at ``places`` (None: every unit)."""
    at = {u.id: scenario.location(u.destination).name for u in scenario.units}
    return sum(
        x.short_t
        for x in plan.shortfalls
        if x.commodity == commodity and (places is None or at[x.unit] in places)
    )

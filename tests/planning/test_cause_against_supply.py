"""A closure is blamed for a shortfall only where reopening it could lessen the shortfall.

A tester's unit short of water on C+20 was said to be cut off by its road's closure; with
the road open, the re-plan was as short: the supply could not have covered it anyway.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain import Demand, Plan, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import make_demand, one_link

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
        "reopened, it could arrive on these days, but the units there would still be short "
        "of at least 57 t in all, as in this plan"
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


def _lifted(scenario: Scenario, link_ids: set[str]) -> Scenario:
    """The scenario with these links' outages lifted."""
    links = tuple(
        dataclasses.replace(x, outage_days=frozenset()) if x.id in link_ids else x
        for x in scenario.links
    )
    return dataclasses.replace(scenario, links=links)


def _short(plan: Plan, unit: str, commodity: str, day: int | None = None) -> float:
    """A unit's shortfall of a commodity, on a day or in all."""
    return sum(
        s.short_t
        for s in plan.shortfalls
        if s.unit == unit and s.commodity == commodity and day in (None, s.day)
    )


@st.composite
def _shared_depot(draw: st.DrawFn) -> tuple[Scenario, Demand]:
    """D feeds U (one road, closed on some days) and, sometimes, a second camp W.

    Capacities, the depot's stock and replenishment, U's store and what each unit eats are
    drawn, so that the closure, the supply or the capacity binds, or several of them.
    """
    days = draw(st.integers(4, 9))
    scenario, _ = one_link(
        capacity_t_per_day=draw(st.one_of(st.none(), st.floats(2, 20))),
        transit_days=draw(st.integers(0, 2)),
        days=days,
        replenishment_t_per_day=draw(st.floats(0, 12)),
        outage_days=sorted(draw(st.sets(st.integers(0, days - 1), min_size=1, max_size=3))),
    )
    depot, camp = scenario.locations
    camp = dataclasses.replace(camp, storage_t=draw(st.one_of(st.none(), st.floats(0, 30))))
    stock = dataclasses.replace(scenario.stocks[0], initial_t=draw(st.floats(0, 30)))
    road, unit = scenario.links[0], scenario.units[0]
    locations, links, units = [depot, camp], [road], [unit]
    if draw(st.booleans()):
        locations.append(dataclasses.replace(camp, id="W", name="W"))
        links.append(
            dataclasses.replace(
                road,
                id="L2",
                destination="W",
                transit_days=draw(st.integers(0, 2)),
                capacity_t_per_day=draw(st.one_of(st.none(), st.floats(2, 20))),
                outage_days=frozenset(),
            )
        )
        units.append(dataclasses.replace(unit, id="u2", home="W", destination="W"))
    scenario = dataclasses.replace(
        scenario,
        locations=tuple(locations),
        links=tuple(links),
        units=tuple(units),
        stocks=(stock,),
    )
    rates = {(u.id, "food"): draw(st.floats(1, 10)) for u in units}
    return scenario, make_demand(scenario, rates)


@settings(max_examples=40, deadline=None)
@given(case=_shared_depot())
def test_lifting_a_closure_blamed_lessens_the_shortfall(case: tuple[Scenario, Demand]) -> None:
    """A closure said to cut a unit off is one whose lifting lessens its shortfall.

    On that day or in all; where several are named as "any one would do", each alone.
    A cause that says the supply binds instead: lifting the closures it names leaves the
    commodity as short in all.
    """
    scenario, demand = case
    params = PlanParams(explain_top=0)
    plan = plan_movements(scenario, demand, params)
    for s in plan.shortfalls:
        named = set(re.findall(r"link (\S+) \(", s.cause))
        if not named:
            continue
        if s.cause.startswith("not enough"):
            lifted = plan_movements(_lifted(scenario, named), demand, params)
            before = sum(x.short_t for x in plan.shortfalls if x.commodity == s.commodity)
            after = sum(x.short_t for x in lifted.shortfalls if x.commodity == s.commodity)
            assert after >= before - 1e-3, s.cause
            continue
        tries = [{li} for li in named] if "any one would do" in s.cause else [named]
        for links in tries:
            lifted = plan_movements(_lifted(scenario, links), demand, params)
            day_less = _short(lifted, s.unit, s.commodity, s.day) < s.short_t - 1e-3
            all_less = (
                _short(lifted, s.unit, s.commodity) < _short(plan, s.unit, s.commodity) - 1e-3
            )
            assert day_less or all_less, (s.cause, links)

"""The reach check's day walk, reading the plan once, gives the days the old walk gave.

The walk (:class:`~supplyline.routing.depot_days.PlanDepotDays`) read the whole plan for
each day and walked each day's spare stock to the horizon's end: a tester's 1,000-day
plan spent 35 s there. Now it reads the plan once and carries its state from day to day.
Each day here (the truck-loads, what is drawn on site, the depots' stock and its share)
is compared with the old walk's (``reach_walk_reference``) by ``repr``: the same floats
to the bit, in the same order, on the bundled examples and on random plans.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reach_walk_reference import OldPlanDepotDays, old_road_loads
from routing_scenarios import START, fleet, loc, road, scenario, unit

from supplyline.domain import (
    Delivery,
    Link,
    LocationKind,
    Mode,
    Movement,
    Plan,
    PlanStatus,
    Scenario,
    Stock,
)
from supplyline.planning import plan_movements
from supplyline.routing.depot_days import PlanDepotDays
from supplyline.routing.plan_loads import plan_road_loads
from supplyline.services.routing import assess_requirements

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

_PLACES = ("R", "H", "D1", "D2", "U1", "U2")
_UNITS = {"u1": "U1", "u2": "U1", "u3": "U2"}  # two units share U1


def _assert_same_walk(s: Scenario, plan: Plan) -> None:
    last = s.horizon_days - 1
    new, old = PlanDepotDays(s, plan), OldPlanDepotDays(s, plan)
    for day in range(last + 1):
        assert repr(new.on(day)) == repr(old.on(day)), f"day {day}"
        assert repr(plan_road_loads(s, plan, day)) == repr(old_road_loads(s, plan, day))


@cache
def _example_plan(name: str) -> tuple[Scenario, Plan]:
    assessed = assess_requirements(EXAMPLES / name)
    s = assessed.opened.scenario
    return s, plan_movements(s, assessed.demand)


@pytest.mark.parametrize("name", ["bilateral-exercise", "relief-operation"])
def test_the_examples_walk_the_same_days(name: str) -> None:
    """Every day of each bundled example's plan is the old walk's day, to the bit."""
    _assert_same_walk(*_example_plan(name))


def _site(days: int, stocks: list[Stock]) -> Scenario:
    """R (railhead, no trucks) and H (hub), D1 and D2 (trucks); u1, u2 at U1, u3 at U2."""
    kinds = {"R": LocationKind.RAILHEAD, "H": LocationKind.TRANSSHIPMENT}
    locs = [loc(p, 0.05 * i, kinds.get(p, LocationKind.DEPOT)) for i, p in enumerate(_PLACES)]
    roads = [road(a, b, 10.0 + i + j) for i, a in enumerate(_PLACES) for j, b in
             enumerate(_PLACES) if i < j]  # fmt: skip
    rail = Link(id="rail", origin="R", destination="U1", mode=Mode.RAIL, distance_km=40.0,
                transit_days=0, gauge_mm=1435)  # fmt: skip
    s = scenario(
        locs, [unit(u, p) for u, p in _UNITS.items()], [*roads, rail],
        [fleet("T1", "D1", count=3), fleet("T2", "D2", count=1)],
    )  # fmt: skip
    return dataclasses.replace(s, horizon_days=days, stocks=tuple(stocks))


_TONNES = st.one_of(st.just(0.0), st.floats(0.001, 30.0))
_GOOD = st.sampled_from(["food", "fuel"])


@st.composite
def _plans(draw: st.DrawFn) -> tuple[Scenario, Plan]:
    """A random plan, not a solved one: road legs, a rail leg, deliveries in any order.

    Road legs among the six places (some over days, some ``deploy:``), a rail leg into
    U1, and deliveries in any order: a random plan, not a solved one.
    """
    days = draw(st.integers(2, 9))
    stocks = [
        Stock(location=d, commodity=c, initial_t=draw(_TONNES),
              replenishment_t_per_day=draw(st.one_of(st.just(0.0), st.floats(0.0, 5.0))))
        for d in ("D1", "D2", "H") for c in ("food", "fuel") if draw(st.booleans())
    ]  # fmt: skip
    legs = []
    for _ in range(draw(st.integers(0, 25))):
        a, b = draw(st.lists(st.sampled_from(_PLACES), min_size=2, max_size=2, unique=True))
        if a != "U1" and draw(st.booleans()):  # half of them into U1, whose units share it
            b = "U1"
        first, second = sorted((a, b), key=_PLACES.index)
        dep = draw(st.integers(0, days - 1))
        rail = a == "R" and b == "U1" and draw(st.booleans())
        com = draw(st.one_of(_GOOD, st.just("deploy:u1")))
        legs.append(
            Movement(link="rail" if rail else f"{first}-{second}", origin=a, destination=b,
                     mode=Mode.RAIL if rail else Mode.ROAD, commodity=com, departure_day=dep,
                     arrival_day=min(days, dep + draw(st.integers(0, 2))),
                     tonnes=draw(_TONNES))
        )  # fmt: skip
    deliveries = [
        Delivery(unit=u, location=_UNITS[u], commodity=draw(_GOOD),
                 day=draw(st.integers(0, days - 1)), tonnes=draw(_TONNES))
        for u in draw(st.lists(st.sampled_from(sorted(_UNITS)), max_size=30))
    ]  # fmt: skip
    s = _site(days, stocks)
    plan = Plan(scenario=s.name, start_date=START, horizon_days=days, status=PlanStatus.OPTIMAL,
                objective=0.0, movements=tuple(legs), deliveries=tuple(deliveries))  # fmt: skip
    return s, plan


@settings(max_examples=150, deadline=None)
@given(_plans())
def test_random_plans_walk_the_same_days(case: tuple[Scenario, Plan]) -> None:
    """Every day of a random plan is the old walk's day, to the bit and in the same order."""
    _assert_same_walk(*case)

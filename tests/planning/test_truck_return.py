"""A truck must come back: no road leg of goods arrives where no road out is open that day.

A tester's one-way road into a place whose only road out was closed on C+1–C+2 carried
41.2 t in the plan on those days, which ``routes`` reported ``road_closed`` ("no open road
back from A to …"); the plan now stocks such a place ahead, as the convoy router's rule
(``supplyline.routing.roads``) wants.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from random_networks import SETTINGS, scenarios

from supplyline.domain import Demand, Link, Mode, Plan, Scenario, Unit
from supplyline.domain.link_checks import check_one_way_dead_ends
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import make_demand, one_way_back
from supplyline.planning.network import index_network
from supplyline.routing.roads import drives

QUICK = PlanParams(explain_top=0)


def _legs(plan: Plan, link: str = "D-U") -> dict[int, float]:
    """Tonnes of goods over ``link`` by departure day."""
    return {
        m.departure_day: m.tonnes
        for m in plan.movements
        if m.link == link and not m.commodity.startswith("deploy:")
    }


def test_the_plan_stocks_the_place_before_its_way_back_closes() -> None:
    """C+0 brings C+0–C+2 (12 t), C+3 and C+4 their own 4 t; nothing arrives on C+1–C+2.

    What arrives is the unit's on arrival: C+0's 12 t are delivered on C+0, not kept in the
    camp's store and handed over 4 t a day (planning.md, *Objective*).
    """
    plan = plan_movements(*one_way_back(), QUICK)
    assert _legs(plan) == pytest.approx({0: 12.0, 3: 4.0, 4: 4.0})
    assert plan.shortfalls == ()
    assert {d.day: d.tonnes for d in plan.deliveries} == pytest.approx({0: 12.0, 3: 4.0, 4: 4.0})


def test_what_the_road_cannot_stock_ahead_falls_short_naming_the_way_back() -> None:
    """At 10 t/day C+0 covers C+0, C+1 and 2 t of C+2: C+2 is 2 t short, its cause the road back."""
    plan = plan_movements(*one_way_back(capacity_t_per_day=10.0), QUICK)
    assert _legs(plan) == pytest.approx({0: 10.0, 3: 4.0, 4: 4.0})
    ((day, short, cause),) = [(s.day, s.short_t, s.cause) for s in plan.shortfalls]
    assert (day, short) == (2, pytest.approx(2.0))
    assert cause.startswith("the closure of road link U-D (closed C+1–C+2) cuts U off from Rations")


def test_the_arrival_day_counts_not_the_departure_day() -> None:
    """A day's transit, way back closed on C+2: leaving C+1 (arriving C+2) is barred, C+2 not.

    C+0 brings C+1 and C+2 (8 t, arriving C+1), C+2 and C+3 bring C+3's and C+4's; C+0's
    4 t cannot arrive in time at all.
    """
    plan = plan_movements(*one_way_back(transit_days=1, back_closed=(2,)), QUICK)
    assert _legs(plan) == pytest.approx({0: 8.0, 2: 4.0, 3: 4.0})
    assert {s.day: s.short_t for s in plan.shortfalls} == pytest.approx({0: 4.0})


def test_a_road_out_is_judged_on_the_arrival_day_less_its_own_transit() -> None:
    """A tester's J: the road out (a day's transit) closed C+2–C+3; a leg arriving C+2 is fine.

    README.md had said no leg arrives "on a day when every road out of it is closed": the
    road out is judged as ``routes`` judges it, on the day less its ``transit_days`` (open
    on C+1 for C+2; closed on C+2 and C+3 for C+3 and C+4). At 8 t/day in, C+1 and C+2's
    arrivals bring C+1–C+4's 16 t (C+0's 4 t cannot arrive in time); were C+2 barred, 8 t
    of them would fall short.
    """
    scenario, demand = one_way_back(capacity_t_per_day=8.0, transit_days=1)
    road_in, back = scenario.links
    back = dataclasses.replace(back, transit_days=1, outage_days=frozenset({2, 3}))
    scenario = dataclasses.replace(scenario, links=(road_in, back))
    assert [_no_road_out(scenario, "U", day) for day in range(5)] == [
        False,
        False,
        False,
        True,
        True,
    ]
    plan = plan_movements(scenario, demand, QUICK)
    assert _legs(plan) == pytest.approx({0: 8.0, 1: 8.0})
    assert {s.day: s.short_t for s in plan.shortfalls} == pytest.approx({0: 4.0})


def test_rail_legs_are_not_trucks() -> None:
    """The way in by rail: it arrives on C+1 and C+2 as on any day, 4 t a day."""
    scenario, demand = one_way_back()
    rail = dataclasses.replace(scenario.links[0], mode=Mode.RAIL)
    plan = plan_movements(dataclasses.replace(scenario, links=(rail, scenario.links[1])), demand)
    assert _legs(plan) == pytest.approx(dict.fromkeys(range(5), 4.0))


def test_a_units_own_lift_drives_in_on_a_day_its_way_back_is_closed() -> None:
    """u2 (5 t, no people) leaves D on C+1 and closes there that day: its vehicles stay with it."""
    scenario, _ = one_way_back()
    mover = Unit(id="u2", name="2nd", partner="A", home="D", destination="U", personnel=0,
                 available_day=1, required_day=1, deployment_lift_t=5.0)  # fmt: skip
    scenario = dataclasses.replace(scenario, units=(*scenario.units, mover))
    plan = plan_movements(scenario, make_demand(scenario, {("u1", "food"): 4.0}), QUICK)
    assert _legs(plan) == pytest.approx({0: 12.0, 3: 4.0, 4: 4.0})
    lift = [(m.departure_day, m.tonnes) for m in plan.movements if m.commodity == "deploy:u2"]
    assert lift == [(1, pytest.approx(5.0))]


def _no_road_out(scenario: Scenario, place: str, day: int) -> bool:
    """The router's rule, from the scenario's links: roads lead out of ``place``, none driven.

    A road is driven on ``day`` for what left on ``day − transit`` and if it carries
    tonnes (:func:`supplyline.routing.roads.drives`, what ``routes`` and ``reach`` use).
    """
    out = [
        link
        for link in scenario.links
        if link.mode is Mode.ROAD and any(a == place for a, _ in link.directions())
    ]
    return bool(out) and not any(drives(link, day) for link in out)


@SETTINGS
@given(case=scenarios())
def test_no_road_leg_of_goods_arrives_where_every_road_out_is_closed(
    case: tuple[Scenario, Demand],
) -> None:
    """Small random networks with one- and two-way roads, transits and outages."""
    scenario, demand = case
    plan = plan_movements(scenario, demand, QUICK)
    for m in plan.movements:
        if m.mode is Mode.ROAD and not m.commodity.startswith("deploy:"):
            assert not _no_road_out(scenario, m.destination, m.arrival_day), m


@SETTINGS
@given(case=scenarios())
def test_two_way_roads_without_transit_lose_no_day(case: tuple[Scenario, Demand]) -> None:
    """Such a road's closure shuts the way in with the way out: the rule bars no leg more.

    So networks of same-day two-way roads (the synthetic benchmarks' closures are none)
    plan as before.
    """
    scenario, _ = case
    roads: tuple[Link, ...] = tuple(
        dataclasses.replace(link, bidirectional=True, transit_days=0) for link in scenario.links
    )
    net = index_network(dataclasses.replace(scenario, links=roads))
    assert np.array_equal(net.arc_open_goods, net.arc_open)


def test_a_road_back_of_capacity_0_is_named_as_the_cause_and_warned_of() -> None:
    """The road back carries nothing: nothing comes in by road, and the cause names it.

    Not a way "that takes longer" (a tester's camp 3 days from its stock).
    """
    scenario, demand = one_way_back(back_closed=())
    back = dataclasses.replace(scenario.links[1], capacity_t_per_day=0.0)
    scenario = dataclasses.replace(scenario, links=(scenario.links[0], back))
    plan = plan_movements(scenario, demand, QUICK)
    assert _legs(plan) == {}
    assert plan.shortfalls
    for s in plan.shortfalls:
        assert s.cause.startswith(
            "the closure of road link U-D (capacity 0 t/day: closed on every day) cuts U off"
        ), s.cause
    (warning,) = [f for f in check_one_way_dead_ends(scenario) if f.entity_id == "D-U"]
    assert "no road out of 'U' can be driven on any day ('U-D' has capacity 0 t/day)" in (
        warning.message
    )

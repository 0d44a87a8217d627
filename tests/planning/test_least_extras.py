"""The extra a bottleneck names is the least that does what unlimited capacity does.

Each scenario is a tester's (round 4), written as files and planned as a user plans it;
the claims are re-planned with the scenario changed as the report says.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from scenario_files import scenario_from_files

from supplyline.domain import Bottleneck, Demand, Plan, ResourceKind, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.bottlenecks import ONE_SIDED


def _top(plan: Plan, kind: ResourceKind, resource: str) -> Bottleneck:
    return next(b for b in plan.bottlenecks if (b.kind, b.resource) == (kind, resource))


def _store(tmp_path: Path) -> tuple[Scenario, Demand]:
    """Depot D (20 t of room) must carry food through the road's closure on C+4–C+8."""
    return scenario_from_files(
        tmp_path / "store",
        days=12,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 100}",
        links="l-hd,h,d,road,,100,1,,30,,1,,false,4-8\nl-dc,d,c,road,,30,0,,10,,1,,false,\n",
        locations="h,Home,home,garrison,50.0,10.0,,,0\nd,Depot D,home,depot,50.0,11.0,,20,0\n"
        "c,Camp C,home,unit_area,50.0,11.5,,0,0\n",
        units="u1,Unit 1,home,c,c,100,0,0,0,0\n",
        stocks="h,food,0,30,home\nd,food,10,0,home\n",
    )


def _with_storage(scenario: Scenario, place: str, storage_t: float) -> Scenario:
    locations = tuple(
        dataclasses.replace(x, storage_t=storage_t) if x.id == place else x
        for x in scenario.locations
    )
    return dataclasses.replace(scenario, locations=locations)


def test_a_stores_extra_is_its_one_figure_raised_on_every_day(tmp_path: Path) -> None:
    """Measured on the one day it was full, +10 t removed 10 t; +30 t removes all 30 t."""
    scenario, demand = _store(tmp_path)
    plan = plan_movements(scenario, demand)
    assert plan.total_short_t == pytest.approx(30.0)
    store = _top(plan, ResourceKind.STORAGE, "d")
    assert store.suggested_extra == 30.0
    assert "+30 t there removes 30 t of shortfall (all of it)" in store.explanation
    assert plan_movements(_with_storage(scenario, "d", 50.0), demand).total_short_t == 0.0
    less = plan_movements(_with_storage(scenario, "d", 49.0), demand).total_short_t
    assert less == pytest.approx(1.0)  # +29 t: not enough, so +30 is the least


def _two_rails(tmp_path: Path) -> tuple[Scenario, Demand]:
    """Two units share rail links of 50 and 149 t/day on C+0; 200 t of lift in all."""
    return scenario_from_files(
        tmp_path / "rails",
        days=10,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 10}",
        links="rl,h,c,rail,1435,300,1,,50,,2,1,false,\nce,c,e,road,,20,1,,,,1,1,false,\n"
        "rl2,h,c,rail,1435,300,1,,149,,2,1,false,3-9\n",
        locations="h,Home,home,garrison,50.0,10.0,,,0\nc,Camp C,home,unit_area,50.0,13.0,,,0\n"
        "e,Camp E,home,unit_area,50.2,13.0,,,0\n",
        units="ua,Unit A,home,h,c,50,0,1,100,0\nub,Unit B,home,h,e,50,0,2,100,0\n",
        stocks="c,food,30,0,home\n",
    )


def test_an_extra_that_leaves_a_tonne_late_is_not_taken_for_one_that_closes_the_unit(
    tmp_path: Path,
) -> None:
    """+0.99 t/day was said to cut 0.99 t-days and close ua a day earlier: 0.01 t was late."""
    scenario, demand = _two_rails(tmp_path)
    plan = plan_movements(scenario, demand)
    rail = _top(plan, ResourceKind.LINK_TONNES, "rl2 (h→c)")
    assert rail.suggested_extra == 1.0
    assert rail.explanation.endswith(
        "+1 t/day there cuts the lift arriving late by 1 t-day (in one plan that does so, ua "
        "closes 1 day earlier; other equally good plans may close units on other days)"
    )
    closes = {c.unit: c.closure_day for c in plan.closures}
    links = tuple(
        dataclasses.replace(x, capacity_t_per_day=150.0) if x.id == "rl2" else x
        for x in scenario.links
    )
    better = plan_movements(dataclasses.replace(scenario, links=links), demand)
    assert {c.unit: c.closure_day for c in better.closures}["ua"] == closes["ua"] - 1


def test_a_cost_saving_is_said_for_the_least_extra_that_saves_it_all(tmp_path: Path) -> None:
    """+0.75 t was said to save 2 where it saved 1.5, and then 0.5 was said unsaveable."""
    scenario, demand = scenario_from_files(
        tmp_path / "cost",
        days=10,
        commodity="{id: water, supply_class: water, priority: 1, demand_unit: L, "
        "kg_per_demand_unit: 1.0, per_person_per_day: 50}",
        links="cheap,d,c,road,,40,1,,6,,2,,false,\ndear,d,c,road,,60,1,,,,9,,false,\n",
        locations="d,Depot D,home,depot,50.0,10.0,,,0\nc,Camp C,home,unit_area,50.0,10.5,,0,0\n",
        units="u1,Unit 1,home,c,c,200,0,0,0,0\n",
        stocks="d,water,0,20,home\nc,water,99,0,home\n",
    )
    plan = plan_movements(scenario, demand)
    (supply,) = [b for b in plan.bottlenecks if b.kind is ResourceKind.SUPPLY]
    assert supply.explanation.endswith(
        "; +1 t there saves 2 in transport cost (the links' cost units)"
    )
    stocks = tuple(
        dataclasses.replace(x, initial_t=99.5) if x.location == "c" else x for x in scenario.stocks
    )
    half = plan_movements(dataclasses.replace(scenario, stocks=stocks), demand)
    (supply,) = [b for b in half.bottlenecks if b.kind is ResourceKind.SUPPLY]
    assert supply.explanation.endswith(
        "; +0.5 t there saves 1 in transport cost (the links' cost units)"
    )


def test_capacities_raised_together_each_get_their_own_least_extra(tmp_path: Path) -> None:
    """A yard, a rail link and a road of 20 t/day: the road needs +10, not the yard's +30.

    The railhead between them buffers the yard's surge, so the road's share in proportion
    (+30 t/day) was three times what it needs.
    """
    scenario, demand = scenario_from_files(
        tmp_path / "row",
        days=10,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 100}",
        links="std,h,y,rail,1435,200,1,,,,1,,false,\nbrd,y,r,rail,1520,200,1,,20,,1,,false,\n"
        "rd,r,c,road,,40,1,,20,,1,,false,\n",
        locations="h,Home railhead,home,railhead,50.0,8.0,,,0\n"
        "y,Yard Y,home,transshipment,50.0,10.0,20,,0\n"
        "r,Railhead R,home,railhead,50.0,12.0,,,0\nc,Camp C,home,unit_area,50.0,12.5,,0,0\n",
        units="u1,Unit 1,home,c,c,300,0,0,0,0\n",
        stocks="h,food,1000,0,home\n",
    )
    plan = plan_movements(scenario, demand)
    yard = _top(plan, ResourceKind.HANDLING, "y")
    # the partners in the order their prices picked them, which ties leave to the solver
    assert "+10 t/day at the road link rd r→c (20 t/day) on C+2–C+8" in yard.explanation
    assert "+10 t/day at the rail link brd y→r (20 t/day) on C+1–C+7" in yard.explanation
    assert "removes 70 t of shortfall" in yard.explanation


def test_a_store_full_on_two_stretches_is_one_bottleneck(tmp_path: Path) -> None:
    """Listed twice, each with the gain of raising it on every day: 20 t twice for 20 t."""
    scenario, demand = scenario_from_files(
        tmp_path / "two",
        days=12,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 100}",
        links="hd,h,d,road,,100,1,,30,,1,,false,3-4;8-9\ndc,d,c,road,,30,0,,10,,1,,false,\n",
        locations="h,Home,home,garrison,50.0,10.0,,,0\nd,Depot D,home,depot,50.0,11.0,,10,0\n"
        "c,Camp C,home,unit_area,50.0,11.5,,0,0\n",
        units="u1,Unit 1,home,c,c,100,0,0,0,0\n",
        stocks="h,food,40,10,home\n",
    )
    plan = plan_movements(scenario, demand, PlanParams(explain_top=6))
    (store,) = [b for b in plan.bottlenecks if b.kind is ResourceKind.STORAGE]
    assert store.days == (3, 8)
    assert "limits food on C+3, C+8; +10 t there removes 20 t of shortfall" in store.explanation
    assert plan.total_short_t == pytest.approx(30.0)
    more = plan_movements(_with_storage(scenario, "d", 20.0), demand).total_short_t
    assert more == pytest.approx(10.0)


def test_a_cost_only_bottleneck_is_listed_whatever_the_currency_unit(tmp_path: Path) -> None:
    """A road worth 0.72 in all, its costs cents a tonne, fell under a flat 1.0 cut-off."""
    scenario, demand = scenario_from_files(
        tmp_path / "cents",
        days=10,
        commodity="{id: water, supply_class: water, priority: 1, demand_unit: L, "
        "per_person_per_day: 50}",
        links="cheap,d,c,road,,40,1,,0.6,,0.02,,false,\ndear,d,c,road,,60,1,,,,0.1,,false,\n",
        locations="d,Depot D,home,depot,50.0,11.0,,,0\nc,Camp C,home,unit_area,50.0,11.5,,,0\n",
        units="u1,Unit 1,home,c,c,20,0,0,0,0\n",
        stocks="d,water,0,2,home\nc,water,1,0,home\n",
    )
    plan = plan_movements(scenario, demand)
    road = _top(plan, ResourceKind.LINK_TONNES, "cheap (d→c)")
    assert road.explanation.endswith(
        "; +0.4 t/day there saves 0.29 in transport cost (the links' cost units)"
    )


def test_a_resource_whose_partner_alone_does_the_work_changes_nothing_on_its_own(
    relief: tuple[Scenario, Demand],
) -> None:
    """A tester's fuel supply "+0.00017 t/day together with +61 t/day at the road link".

    The road alone filled the 77.7 t-days; more fuel supply there bought nothing of it.
    """
    scenario, demand = relief
    small = tuple(
        dataclasses.replace(loc, storage_t=120.0) if loc.id == "vardo" else loc
        for loc in scenario.locations
    )
    scenario = dataclasses.replace(scenario, locations=small)
    plan = plan_movements(scenario, demand, PlanParams(explain_top=13, explain_time_s=300.0))
    fuel = [b for b in plan.bottlenecks if b.resource == "vardo/fuel" and b.days[0] == 4]
    assert fuel, [b.resource for b in plan.bottlenecks]
    assert fuel[0].explanation.endswith(f"more there changes nothing on its own{ONE_SIDED}")
    assert all("together with" not in b.explanation for b in plan.bottlenecks)

"""A unit at a railhead needs no truck, unless the movement plan trucks its goods there.

A tester's plan drove water by road from depot D to railhead R for the unit there on
C+0–C+3, before the first train arrived on C+3; ``routes`` trucked it (and left a load
``too_large``), while the reach check said the unit needed no truck (0 loads, ok).
"""

from __future__ import annotations

import dataclasses

from routing_scenarios import START, fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Mode, Movement, Plan, PlanStatus, Scenario, Stock
from supplyline.routing.reach import check_reach


def _edge() -> Scenario:
    """D (one 2 t pick-up, 50 km/h, 9 h; holds food) –12 km– railhead R, where unit ur is."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("R", 0.1, LocationKind.RAILHEAD)]
    s = scenario(locs, [unit("ur", "R")], [road("D", "R", 12.0)], [fleet("P", "D", count=1,
                 payload_t=2.0)])  # fmt: skip
    return dataclasses.replace(s, stocks=(Stock(location="D", commodity="food", initial_t=99.0),))


def _plan(s: Scenario, *legs: Movement) -> Plan:
    return Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0, movements=legs)  # fmt: skip


def test_without_a_plan_a_unit_at_a_railhead_is_taken_to_need_no_truck() -> None:
    """Stocks only: its goods are taken to arrive by rail where it is (documented)."""
    (row,) = check_reach(_edge(), {"ur": 20.0}, availability=1.0).rows
    assert (row.depot, row.turns_needed, row.sustainable) == (None, 0, True)


def test_a_plan_trucking_goods_into_the_railhead_has_its_unit_judged_on_those_trucks() -> None:
    """D→R by road in the plan: ur is served from D, 1 pick-up × 9 turns × 2 t < 20 t."""
    s = _edge()
    leg = Movement(link="D-R", origin="D", destination="R", mode=Mode.ROAD, commodity="food",
                   departure_day=0, arrival_day=0, tonnes=20.0)  # fmt: skip
    (row,) = check_reach(s, {"ur": 20.0}, availability=1.0, plan=_plan(s, leg)).rows
    assert (row.supply_point, row.depot, row.turns_needed) == ("D", "D", 10)
    assert row.turns_per_truck == 9  # 24 km at 50 km/h + 0.5 h stop = 0.98 h, in 9 h
    assert not row.sustainable


def test_a_plan_bringing_goods_by_rail_only_leaves_the_unit_needing_no_truck() -> None:
    """Rail into R (no road leg there): no truck, as without a plan."""
    s = _edge()
    rail = Movement(link="rail", origin="D", destination="R", mode=Mode.RAIL, commodity="food",
                    departure_day=0, arrival_day=1, tonnes=20.0)  # fmt: skip
    (row,) = check_reach(s, {"ur": 20.0}, availability=1.0, plan=_plan(s, rail)).rows
    assert (row.depot, row.turns_needed, row.sustainable) == (None, 0, True)

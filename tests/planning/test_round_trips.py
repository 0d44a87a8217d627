"""Goods sent round a triangle of two-way roads to a full store are warned of in words.

The turn-back rows stop rolling storage over one two-way road; a round of three roads
still can stand in for a store. The tester's scenario D with a third road ``C-P`` (a
triangle): by hand still 25 t short (the warehouse keeps 15 t of the 40 t made before
C+5, and C+5–C+8's 40 t come straight), but the plan keeps food going round and says 0 t
short: it must say so.
"""

from __future__ import annotations

import dataclasses

from rolling_storage_cases import road, rolling

from supplyline.domain import Demand, Mode, Movement, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.round_trips import round_trips, turned_back
from supplyline.services.plan_warnings import plan_warnings


def _triangle() -> tuple[Scenario, Demand]:
    scenario, demand = rolling(port_two_way=True, camp_two_way=True)
    links = (*scenario.links, road("C", "P", both_ways=True))
    return dataclasses.replace(scenario, links=links), demand


def test_triangle_round_is_warned_of() -> None:
    """The plan over the triangle warns that food goes round to a full store."""
    scenario, demand = _triangle()
    said = round_trips(plan_movements(scenario, demand), scenario)
    assert said
    assert all(s.startswith("warning: food goes round ") for s in said)
    assert any("while the store at 'P' is full (0 t)" in s for s in said)


def test_round_trip_warning_is_among_the_plan_warnings() -> None:
    """Every face says it: it is one of plan_warnings."""
    scenario, demand = _triangle()
    plan = plan_movements(scenario, demand)
    assert set(round_trips(plan, scenario)) <= set(plan_warnings(plan, scenario))


def test_two_roads_no_round_trip() -> None:
    """Over two two-way roads (no triangle) the plan turns nothing back: no warning."""
    scenario, demand = rolling(port_two_way=True, camp_two_way=True)
    assert round_trips(plan_movements(scenario, demand), scenario) == ()


def test_turn_back_in_records_is_warned_of() -> None:
    """Food sent W → C and straight back in a plan's records (as a fallback's may) is said."""
    scenario, demand = rolling(port_two_way=True, camp_two_way=True)
    plan = plan_movements(scenario, demand)
    leg = Movement(
        link="W-C", origin="W", destination="C", mode=Mode.ROAD, commodity="food",
        departure_day=2, arrival_day=3, tonnes=5.0,
    )  # fmt: skip
    there_and_back = (
        leg,
        dataclasses.replace(leg, origin="C", destination="W", departure_day=3, arrival_day=4),
    )
    rolled = dataclasses.replace(plan, movements=(*plan.movements, *there_and_back))
    assert turned_back(plan, scenario) == ()
    assert turned_back(rolled, scenario) == (
        "warning: food goes back the way it came at 'C' (to 'W' on C+3, 5 t in all): the road "
        "stands in for storage the plan does not have (a plan the time limit stopped is not "
        "held to the rule; docs/planning.md, Known limits)",
    )

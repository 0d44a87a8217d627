"""The reach check's words on a depot's stock say true figures, once, with their labels.

A tester's plan reach check (t93) read, for site-7, site-10 and mmt-1, "south-depot, which
holds 40 t of food, fuel, medical, shelter, water over the horizon (stocks.csv and the
movement plan), less than one day of the 70.6 t/day …": the 40 t were the water left
once the plan's legs onward had taken 6,679 t of the 1,480 t in stocks.csv and 5,239 t
brought in, and the 70.6 t/day counted each good only up to those 40 t (the units asked
90.7). For site-10 and mmt-1, whose water and rations ride apart, the clause came twice.
For site-6 it read "hold 1010.2 t of it on C+33, less than the plan's own road legs from
them bring (67.5 t; 29.9 t short)": the 1,010 t were five depots' stock summed, where
aster-wh held 162.5 t and its own legs that day took 192.4 t. Each is reduced here to a
scenario small enough to work by hand.
"""

from __future__ import annotations

import dataclasses

import pytest
from routing_scenarios import FOOD, START, fleet, loc, road, scenario, unit

from supplyline.domain import (
    Commodity,
    LocationKind,
    Mode,
    Movement,
    Plan,
    PlanStatus,
    ReachRow,
    Scenario,
    Stock,
    SupplyClass,
)
from supplyline.domain.reach_flags import FlagKind
from supplyline.routing.reach import check_reach

WATER = Commodity(
    id="water", name="Water", supply_class=SupplyClass.WATER, priority=1, per_person_per_day=1.0
)


def _leg(a: str, b: str, com: str, tonnes: float, day: int, mode: Mode = Mode.ROAD) -> Movement:
    return Movement(link=f"{a}-{b}", origin=a, destination=b, mode=mode, commodity=com,
                    departure_day=day, arrival_day=day, tonnes=tonnes)  # fmt: skip


def _plan(s: Scenario, *legs: Movement) -> Plan:
    return Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0, movements=legs)  # fmt: skip


def _sent_on() -> tuple[Scenario, Plan]:
    """u1 and u2 served by D, whose stock the plan sends on to H.

    D holds 10 t of water; the plan brings it 50 t of water and 3 t of food from H and
    sends 55 t of water and the 3 t of food back on to H. u1 (20 t/day of water, 4 of food)
    and u2 (10 t/day of water) are served by D's trucks, their goods also come from RH, a
    railhead without trucks. D's bowser may carry water only: u1's water and food are two
    shares of D's trucks, by cargo class.

    By hand: D keeps 10 + 50 - 55 = 5 t of water for u1 and u2 over the horizon, and none
    of food (3 - 3); they need 20 + 4 + 10 = 34 t/day of it (each good counted up to what
    D keeps, 5 + 0 + 5 = 10 t: more than the 5 t, so flagged).
    """
    locs = [
        loc("H", -0.1, LocationKind.HUB),
        loc("RH", 0.0, LocationKind.RAILHEAD),
        loc("D", 0.05, LocationKind.DEPOT),
        loc("L1", 0.1),
        loc("L2", 0.15),
    ]
    links = [road("D", "H", 10.0), *(road(a, b, 20.0) for a in ("D", "RH") for b in ("L1", "L2"))]
    bowser = dataclasses.replace(fleet("B", "D", count=1), carries=frozenset({"water"}))
    s = scenario(locs, [unit("u1", "L1"), unit("u2", "L2")], links, [fleet("T", "D"), bowser])
    s = dataclasses.replace(
        s,
        commodities=(FOOD, WATER),
        stocks=(Stock(location="D", commodity="water", initial_t=10.0),),
    )
    plan = _plan(
        s,
        _leg("H", "D", "water", 50.0, 0),
        _leg("H", "D", "food", 3.0, 0),
        _leg("D", "H", "water", 55.0, 1),
        _leg("D", "H", "food", 3.0, 1),
        _leg("RH", "L1", "food", 4.0, 2),
        _leg("RH", "L2", "water", 10.0, 2),
    )
    return s, plan


def _sent_on_rows() -> dict[str, ReachRow]:
    s, plan = _sent_on()
    goods = {"u1": {"water": 20.0, "food": 4.0}, "u2": {"water": 10.0}}
    check = check_reach(s, {"u1": 24.0, "u2": 10.0}, availability=1.0, plan=plan, goods=goods)
    return {r.unit: r for r in check.rows}


_D_WORDS = (
    "the trucks at D load only at D, which holds 5 t of water for the units it serves over "
    "the horizon (10 t in stocks.csv, and 50 t the movement plan brings in, less 55 t it "
    "sends on to H) and none of food, less than one day of the 34 t/day of food, water the "
    "units it serves need from it"
)


@pytest.mark.parametrize("who", ["u1", "u2"])
def test_the_depots_figure_is_what_it_keeps_with_where_it_comes_from(who: str) -> None:
    """5 t of water (10 in stocks.csv + 50 brought in - 55 sent on), none of food, 34 t/day."""
    rows = _sent_on_rows()
    assert not rows[who].sustainable
    assert _D_WORDS in rows[who].reason


def test_a_unit_whose_goods_ride_apart_is_told_of_its_depot_once() -> None:
    """u1's water and food are two shares of D's trucks: the clause is said once, not twice."""
    assert _sent_on_rows()["u1"].reason.count("the trucks at D load only at D") == 1


def _own_legs(payload_t: float, hours: float, initial_t: float, *legs: Movement) -> ReachRow:
    """u2 at U2, 15 km by road from D; u1 at U1, as near; D's trucks serve both; 2 days."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("U1", 0.1), loc("U2", 0.15)]
    group = fleet("T", "D", count=1, payload_t=payload_t, hours=hours)
    s = scenario(locs, [unit("u1", "U1"), unit("u2", "U2")], [road("D", "U1", 15.0),
                 road("D", "U2", 15.0)], [group])  # fmt: skip
    food = Stock(location="D", commodity="food", initial_t=initial_t)
    s = dataclasses.replace(s, horizon_days=2, stocks=(food,))
    goods = {"u1": {"food": 8.0}, "u2": {"food": 30.0}}
    check = check_reach(
        s, {"u1": 8.0, "u2": 30.0}, availability=1.0, plan=_plan(s, *legs), goods=goods
    )
    return {r.unit: r for r in check.rows}["u2"]


def test_a_depot_holding_less_than_its_own_legs_take_is_named_with_both_figures() -> None:
    """D holds 10 t; on C+0 its own legs take 8 t to u1 and 6 t to u2: u2 is 4 t short.

    By hand: u1 and u2 are as near and as urgent, u1 first by name: 8 t, then 2 t of u2's
    6 t; 10 t held of the 14 t the legs take. Before, every serving depot's stock was summed
    and said "less than" the unit's own 6 t.
    """
    row = _own_legs(
        10.0, 9.0, 10.0, _leg("D", "U1", "food", 8.0, 0), _leg("D", "U2", "food", 6.0, 0)
    )
    assert (
        "food: on C+0 the plan's own road legs from D, whose trucks serve it, bring it 6 t: "
        "D holds 10 t of it that day, less than the 14 t the plan's own road legs from D "
        "bring, 8 t of them to u1 (4 t short)"
    ) in row.reason


def test_own_legs_beyond_the_trucks_hours_read_as_trucks_not_stock() -> None:
    """D holds 80 t; its own legs bring u2 30 t on C+0 and 50 t on C+1; one 10 t truck of 2.2 h.

    By hand: a load is 15 + 15 km at 50 km/h and a 30-minute stop, 1.1 h: 2 loads, 20 t a
    day, of the 30 t u2 needs. D holds all its legs take each day: what the truck cannot
    carry is the trucks' matter. Before, the legs' tonnes beyond the truck's hours were
    refused D's stock (kept for the plan's legs: the very legs) and read "D's trucks load it
    20.0 t of the 50.0 t that day, though D holds 50.0 t of it (30.0 t short)", a stock
    clause on a depot that held enough.
    """
    row = _own_legs(
        10.0, 2.2, 80.0, _leg("D", "U2", "food", 30.0, 0), _leg("D", "U2", "food", 50.0, 1)
    )
    assert row.reason == (  # C+1's 50 t of road legs are the busiest day's, also trucks
        "needs 30.0 t/day = 3 truck-loads; "
        "1 truck at 100 % availability × 2 turns × 10 t = 20 t/day; "
        "the plan's road legs bring 50.0 t to U2 on C+1; the 1 truck of D can carry at most "
        "20 t a day (1 × 2 turns × 10 t)"
    )
    assert row.flagged_for == (FlagKind.TRUCKS,)

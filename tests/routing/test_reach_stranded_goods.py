"""Each commodity a unit needs comes from where a truck serving it loads it, or is named.

A tester's plan brought food by rail to a railhead with no trucks and on by road to the
units; the only trucks, at a depot 15 km away, held water and fuel. ``plan`` and
``reach`` said every unit ok (the depot's water hid the missing food), and ``routes``
left the food ``depot_short`` saying only that the depot held none. Reduced here: RH (a
railhead, no trucks) holds food, DP (two 10 t trucks) holds fuel, unit u at S needs both.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from routing_scenarios import START, fleet, loc, road, scenario, unit

from supplyline.domain import (
    LocationKind,
    Mode,
    Movement,
    Plan,
    PlanStatus,
    Scenario,
    Stock,
    UnservedReason,
)
from supplyline.routing.depot_days import plan_day_stock
from supplyline.routing.depot_ledger import plan_depot_stock
from supplyline.routing.depot_stock import allocate
from supplyline.routing.plan_loads import plan_truck_loads
from supplyline.routing.plan_sources import plan_sources
from supplyline.routing.reach import check_reach
from supplyline.routing.roads import road_matrix
from supplyline.routing.truck_fit import depot_options

NEEDS = {"u": {"food": 4.0, "fuel": 6.0}}
"""u's tonnes a day by commodity (10 t/day in all: DP's two trucks carry far more)."""


def _site(*stocks: tuple[str, str, float]) -> Scenario:
    """RH (railhead) –20 km– S (unit u) –15 km– DP (2 trucks of 10 t), RH–DP 5 km."""
    locs = [
        loc("RH", 0.0, LocationKind.RAILHEAD),
        loc("DP", 0.05, LocationKind.DEPOT),
        loc("S", 0.15),
        loc("FAR", 5.0, LocationKind.DEPOT),  # no road: goods from there come by rail
    ]
    links = [road("RH", "S", 20.0), road("DP", "S", 15.0), road("RH", "DP", 5.0)]
    s = scenario(locs, [unit("u", "S")], links, [fleet("T", "DP", count=2, payload_t=10.0)])
    held = tuple(Stock(location=x, commodity=c, initial_t=t) for x, c, t in stocks)
    return dataclasses.replace(s, stocks=held)


def _leg(a: str, b: str, com: str, tonnes: float, mode: Mode = Mode.ROAD) -> Movement:
    return Movement(link=f"{a}-{b}", origin=a, destination=b, mode=mode, commodity=com,
                    departure_day=1, arrival_day=1, tonnes=tonnes)  # fmt: skip


def _plan(s: Scenario, *legs: Movement) -> Plan:
    return Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0, movements=legs)  # fmt: skip


def _rail_to_rh(s: Scenario) -> Plan:
    """Food by rail into RH and on by road to S; fuel by road from DP."""
    return _plan(
        s,
        _leg("FAR", "RH", "food", 4.0, Mode.RAIL),
        _leg("RH", "S", "food", 4.0),
        _leg("DP", "S", "fuel", 6.0),
    )


def test_food_at_a_railhead_without_trucks_flags_the_unit_naming_food_and_the_railhead() -> None:
    """By the plan: the food's road leg starts at RH, where no truck is based."""
    s = _site(("DP", "fuel", 500.0))
    (row,) = check_reach(s, {"u": 10.0}, availability=1.0, plan=_rail_to_rh(s), goods=NEEDS).rows
    assert not row.sustainable
    assert "food is at RH (railhead, 20 km by road), where no truck is based" in row.reason
    assert "DP, whose trucks serve it, holds none of it" in row.reason


def test_without_a_plan_food_held_at_the_railhead_is_left_to_the_plan() -> None:
    """From stocks.csv alone, RH's food may go on by road through DP: the plan chooses.

    Judged from the stocks, a tester's quake had all 7 sites flagged for medical stores
    at an airfield 20 km from a truck depot (docs/routing.md).
    """
    s = _site(("RH", "food", 200.0), ("DP", "fuel", 500.0))
    (row,) = check_reach(s, {"u": 10.0}, availability=1.0, goods=NEEDS).rows
    assert (row.sustainable, row.reason) == (True, "")


def test_a_unit_fed_fully_from_the_depot_with_trucks_is_not_flagged() -> None:
    """By the plan, both goods from DP, which holds them: ok."""
    s = _site(("DP", "food", 500.0), ("DP", "fuel", 500.0))
    plan = _plan(s, _leg("DP", "S", "food", 4.0), _leg("DP", "S", "fuel", 6.0))
    (row,) = check_reach(s, {"u": 10.0}, availability=1.0, plan=plan, goods=NEEDS).rows
    assert (row.sustainable, row.reason) == (True, "")


def test_a_depot_with_trucks_holding_the_food_is_where_the_trucks_load_it() -> None:
    """The plan drives RH's food straight to S, but DP holds food too: routes loads it there."""
    s = _site(("DP", "food", 500.0), ("DP", "fuel", 500.0))
    (row,) = check_reach(s, {"u": 10.0}, availability=1.0, plan=_rail_to_rh(s), goods=NEEDS).rows
    assert (row.sustainable, row.reason) == (True, "")


@pytest.mark.parametrize(
    ("food", "words"),
    [
        # a re-checker's r2: 1 t of food at the depot, none resupplied
        (Stock(location="DP", commodity="food", initial_t=1.0), "holds 1.0 t of it (3.0 t short)"),
        # r3: 1 t a day, 2 t by day 1
        (
            Stock(location="DP", commodity="food", initial_t=0.0, replenishment_t_per_day=1.0),
            "holds 2.0 t of it (2.0 t short)",
        ),
    ],
)
def test_a_trickle_at_the_serving_depot_does_not_hide_the_food_at_the_railhead(
    food: Stock, words: str
) -> None:
    """4 t of food on day 1 come from RH; DP holds less of it that day: flagged, with tonnes.

    Judged by "holds any", a re-checker's depot with 1 t of food (or 1 t a day) read ok
    while ``routes`` left 10 t of food ``depot_short``.
    """
    s = _site(("DP", "fuel", 500.0))
    s = dataclasses.replace(s, stocks=(*s.stocks, food))
    (row,) = check_reach(s, {"u": 10.0}, availability=1.0, plan=_rail_to_rh(s), goods=NEEDS).rows
    assert not row.sustainable
    assert (
        "food is at RH (railhead, 20 km by road), where no truck is based: 4.0 t of it on C+1, "
        f"and DP, whose trucks serve it, {words}"
    ) in row.reason


def test_reach_short_tonnes_are_what_routes_leaves_depot_short() -> None:
    """Both faces weigh the same day's stock (plan_day_stock): 3 t short, 3 t not loaded."""
    s = _site(("DP", "fuel", 500.0), ("DP", "food", 1.0))
    plan = _rail_to_rh(s)
    (row,) = check_reach(s, {"u": 10.0}, availability=1.0, plan=plan, goods=NEEDS).rows
    requests, _, stock = plan_day_stock(s, plan, 1)
    km = road_matrix(s, [x.id for x in s.locations], day=1)
    options = depot_options(requests, list(s.fleet), km, s, 1)
    (short,) = allocate(s, requests, options, stock.held_t, 1).unserved
    assert dict(short.load_t) == pytest.approx({"food": 3.0})
    assert "(3.0 t short)" in row.reason


def test_a_serving_depot_holding_the_days_food_is_not_flagged() -> None:
    """DP holds exactly the 4 t RH sends on day 1: routes loads it all at DP."""
    s = _site(("DP", "fuel", 500.0), ("DP", "food", 4.0))
    (row,) = check_reach(s, {"u": 10.0}, availability=1.0, plan=_rail_to_rh(s), goods=NEEDS).rows
    assert (row.sustainable, row.reason) == (True, "")


def test_a_plan_that_brings_the_food_through_the_depot_is_not_flagged() -> None:
    """RH→DP→S by road: DP's trucks load the food the plan brings there."""
    s = _site(("DP", "fuel", 500.0))
    plan = _plan(
        s,
        _leg("FAR", "RH", "food", 4.0, Mode.RAIL),
        _leg("RH", "DP", "food", 4.0),
        _leg("DP", "S", "food", 4.0),
        _leg("DP", "S", "fuel", 6.0),
    )
    (row,) = check_reach(s, {"u": 10.0}, availability=1.0, plan=plan, goods=NEEDS).rows
    assert (row.sustainable, row.reason) == (True, "")


def test_routes_depot_short_says_where_the_food_is() -> None:
    """Day 1 of the plan: the food is not loaded, and the detail names RH and why."""
    s = _site(("DP", "fuel", 500.0))
    plan = _rail_to_rh(s)
    requests, drawn = plan_truck_loads(s, plan, 1)
    km = road_matrix(s, [x.id for x in s.locations], day=1)
    options = depot_options(requests, list(s.fleet), km, s, 1)
    alloc = allocate(s, requests, options, plan_depot_stock(s, plan, 1, drawn), 1)
    (short,) = alloc.unserved
    assert (short.reason, dict(short.load_t)) == (UnservedReason.DEPOT_SHORT, {"food": 4.0})
    assert short.detail.endswith(
        "(DP holds none); food is at RH (railhead), where no truck is based"
    )


@settings(max_examples=60, deadline=None)
@given(
    t1=st.integers(min_value=0, max_value=40),
    t2=st.integers(min_value=0, max_value=40),
    out=st.integers(min_value=1, max_value=60),
)
def test_origins_keep_the_depots_shares_and_put_the_rest_at_the_hub(
    t1: int, t2: int, out: int
) -> None:
    """Traced to origins, a load is all accounted for: the depots' as before, the rest H's.

    D1 and D2 (with trucks) send t1 and t2 to hub H (none), which sends ``out`` on to U:
    the depots keep the tonnes :func:`plan_sources` gives them, and what the roads did not
    feed H left H's own stock, so H is where that part is.
    """
    s = scenario(
        [loc("D1", 0.0, LocationKind.DEPOT), loc("D2", 0.2, LocationKind.DEPOT),
         loc("H", 0.1, LocationKind.TRANSSHIPMENT), loc("U", 0.3)],
        [unit("u1", "U")],
        [road("D1", "H", 5.0), road("D2", "H", 5.0), road("H", "U", 5.0)],
        [fleet("F1", "D1"), fleet("F2", "D2")],
    )  # fmt: skip
    legs = [_leg("D1", "H", "food", t1), _leg("D2", "H", "food", t2), _leg("H", "U", "food", out)]
    plan = _plan(s, *(m for m in legs if m.tonnes > 0))
    load = {("U", "food"): float(out)}
    depots = plan_sources(s, plan, 1, load).get(("U", "food"), {})
    origins = plan_sources(s, plan, 1, load, origins=True)[("U", "food")]
    assert {d: t for d, t in origins.items() if d != "H"} == pytest.approx(depots)
    assert sum(origins.values()) == pytest.approx(out)
    assert origins.get("H", 0.0) == pytest.approx(out - min(out, t1 + t2))

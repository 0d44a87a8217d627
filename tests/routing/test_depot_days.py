"""What earlier days' trucks loaded at a depot is gone on later days, in routes and reach.

A tester's depot D held 10 t of food and got no more; the plan fed u1 4 t a day on C+0 and
C+1 by road from a railhead R without trucks, and u2 4 t on C+2 by its own road leg from
D. ``routes`` counted D's 10 t on every day: it loaded 4 + 4 + 4 = 12 t of D's 10 t with
no ``depot_short``, and ``reach`` called both units ok. By hand: D hands out 10 t at
most, 2 t short; the plan's own leg from D keeps its 4 t (the plan sent it from D's
stock), so u1's C+1 load is 2 t and 2 t are ``depot_short``, which reach flags for u1.
"""

from __future__ import annotations

import dataclasses

import pytest
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
from supplyline.routing.convoy import ConvoyParams, route_day
from supplyline.routing.depot_days import plan_day_share, plan_day_stock
from supplyline.routing.depot_ledger import plan_spare_stock
from supplyline.routing.problem import RouterParams
from supplyline.routing.reach import check_reach

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=2, max_iterations=100, seed=1))


def _site(initial_t: float, daily_t: float = 0.0, storage_t: float | None = None) -> Scenario:
    """R (railhead, no trucks), D (trucks, its food), U1 and U2 15 km from each; 3 days."""
    locs = [
        loc("R", 0.0, LocationKind.RAILHEAD),
        dataclasses.replace(loc("D", 0.01, LocationKind.DEPOT), storage_t=storage_t),
        loc("U1", 0.1),
        loc("U2", 0.15),
    ]
    links = [road(a, b, 15.0) for a in ("R", "D") for b in ("U1", "U2")]
    s = scenario(locs, [unit("u1", "U1"), unit("u2", "U2")], links, [fleet("T", "D", count=10)])
    food = Stock(
        location="D", commodity="food", initial_t=initial_t, replenishment_t_per_day=daily_t
    )
    return dataclasses.replace(s, horizon_days=3, stocks=(food,))


def _leg(a: str, b: str, tonnes: float, day: int) -> Movement:
    return Movement(link=f"{a}-{b}", origin=a, destination=b, mode=Mode.ROAD, commodity="food",
                    departure_day=day, arrival_day=day, tonnes=tonnes)  # fmt: skip


def _plan(s: Scenario, *legs: Movement) -> Plan:
    return Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0, movements=legs)  # fmt: skip


def _testers_plan(s: Scenario) -> Plan:
    return _plan(s, _leg("R", "U1", 4.0, 0), _leg("R", "U1", 4.0, 1), _leg("D", "U2", 4.0, 2))


def _route(s: Scenario, plan: Plan, day: int) -> tuple[float, list[tuple[str, float, str]]]:
    """The tonnes the day's trucks load, and each depot_short (unit, tonnes, detail)."""
    requests, drawn, stock = plan_day_stock(s, plan, day)
    routes = route_day(s, requests, day=day, params=PARAMS, on_site=drawn, depot_stock=stock)
    loaded = sum(t for r in routes.routes for stop in r.stops for t in stop.load_t.values())
    short = [
        (u.unit, sum(u.load_t.values()), u.detail)
        for u in routes.unserved
        if u.reason is UnservedReason.DEPOT_SHORT
    ]
    return loaded, short


def test_the_depot_hands_out_its_10_t_once_over_the_days() -> None:
    """4 t on C+0, 2 t on C+1 (2 t of u1's short), the plan's own 4 t on C+2: 10 t of 10."""
    s = _site(10.0)
    plan = _testers_plan(s)
    days = [_route(s, plan, day) for day in range(3)]
    assert [loaded for loaded, _ in days] == pytest.approx([4.0, 2.0, 4.0])
    assert [(u, t) for _, short in days for u, t, _ in short] == [("u1", pytest.approx(2.0))]


def test_the_depot_short_says_what_the_depot_keeps_for_the_plans_own_leg() -> None:
    """C+1's detail: D holds 6 t, loads 2 t for u1 and keeps 4 t for its own leg of C+2."""
    s = _site(10.0)
    _, short = _route(s, _testers_plan(s), 1)
    assert (
        "D holds 6 t, loaded (u1 2 t), 4 t kept for the plan's own road legs and "
        "deliveries from it on later days"
    ) in short[0][2]


def test_reach_flags_the_unit_routes_leaves_short_and_says_why() -> None:
    """u1 is flagged for C+1's 2 t, naming the 4 t kept; u2, fed by D's own leg, is ok."""
    s = _site(10.0)
    goods = {"u1": {"food": 4.0}, "u2": {"food": 4.0}}
    check = check_reach(s, {"u1": 4.0, "u2": 4.0}, availability=1.0, plan=_testers_plan(s),
                        goods=goods)  # fmt: skip
    said = {r.unit: r.reason for r in check.rows}
    assert said["u2"] == ""
    assert (
        "4.0 t of it on C+1, and D, whose trucks serve it, holds 6.0 t of it, 4.0 t kept for "
        "the plan's own road legs and deliveries from D on later days (2.0 t short)"
    ) in said["u1"]


def test_reach_and_routes_share_each_days_stock() -> None:
    """Day by day the share reach reads is what routes leaves depot_short: 0, 2 and 0 t."""
    s = _site(10.0)
    plan = _testers_plan(s)
    shares = [sum(plan_day_share(s, plan, day).short_t.values()) for day in range(3)]
    assert shares == pytest.approx([0.0, 2.0, 0.0])


@pytest.mark.parametrize(
    ("storage_t", "initial_t", "daily_t", "spare_t"),
    [
        (None, 4.0, 0.0, 0.0),  # C+1's own leg needs all of C+0's stock
        (0.0, 0.0, 4.0, 4.0),  # C+0's 4 t are lost overnight anyway: the trucks may take them
        (1.0, 0.0, 3.0, 2.0),  # the store keeps 1 t of C+0's 3 t for C+1's leg (1 + 3 = 4)
    ],
)
def test_what_a_depot_spares_is_what_its_later_legs_do_not_need(
    storage_t: float | None, initial_t: float, daily_t: float, spare_t: float
) -> None:
    """C+0's spare, beside the plan's own 4 t leg from D on C+1, as the store keeps goods."""
    s = _site(initial_t, daily_t, storage_t)
    plan = _plan(s, _leg("D", "U2", 4.0, 1))
    assert plan_spare_stock(s, plan, 0).get(("D", "food"), 0.0) == pytest.approx(spare_t)


def test_a_day_outside_the_horizon_is_refused() -> None:
    """The walk from C+0 does not read day -1 as the last day walked."""
    s = _site(10.0)
    with pytest.raises(ValueError, match="outside the horizon"):
        plan_day_stock(s, _testers_plan(s), -1)


def test_reach_says_when_a_depot_holds_less_than_the_plans_own_legs_take() -> None:
    """D holds 1 t, the plan sends u2 2 t from D on C+0: routes leaves 1 t short, reach says so.

    Before, reach looked only at goods from places without trucks and read u2 ok.
    """
    s = _site(1.0)
    plan = _plan(s, _leg("D", "U2", 2.0, 0))
    _, short = _route(s, plan, 0)
    assert [(u, t) for u, t, _ in short] == [("u2", pytest.approx(1.0))]
    check = check_reach(s, {"u2": 2.0}, availability=1.0, plan=plan, goods={"u2": {"food": 2.0}})
    said = {r.unit: r.reason for r in check.rows}
    assert (
        "food: on C+0 the plan's own road legs from D, whose trucks serve it, bring it 2 t: "
        "D holds 1 t of it that day, less than the 2 t the plan's own road legs from D "
        "bring (1 t short)"
    ) in said["u2"]

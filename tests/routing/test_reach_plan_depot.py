"""Reach picks a unit's depot as routes does: where the movement plan's road legs load it.

A staff planner's steppe report routed nl-log-1 on nl-trucks from nl-fwd (the plan
brings its goods there by rail and road), while the same report's reach check judged it
on kas-fwd's trucks 90 km away: nl-fwd passes on all the plan brings it, so it was no
"supply point". With one 2 t truck at nl-fwd, routes left 0.59 t unserved beside "0 of
5 unit(s) flagged".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from routing_scenarios import START, fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Mode, Movement, Plan, PlanStatus, Scenario
from supplyline.domain.routes import Routes, RouteStatus, Unserved, UnservedReason
from supplyline.domain.stocks import Stock
from supplyline.routing.reach import check_reach
from supplyline.routing.reach_day import with_routes_day
from supplyline.routing.reach_turns import product_text


def _steppe(nl_payload_t: float) -> Scenario:
    """RH (railhead) –20– DN (trucks, no stock) –40– L; DK (trucks, 500 t food) –90– L."""
    base = scenario(
        [loc("RH", 0.0, LocationKind.RAILHEAD), loc("DN", 0.2, LocationKind.DEPOT),
         loc("DK", -0.3, LocationKind.DEPOT), loc("L", 0.5)],
        [unit("U", "L", open_h=0, close_h=24)],
        [road("RH", "DN", 20.0), road("DN", "L", 40.0), road("DK", "L", 90.0)],
        [fleet("NL", "DN", count=1, payload_t=nl_payload_t),
         fleet("KAS", "DK", count=15, payload_t=24.0)],
    )  # fmt: skip
    return replace(base, stocks=(Stock(location="DK", commodity="food", initial_t=500.0),))


def _plan(s: Scenario) -> Plan:
    """10 t of fuel a day by road RH → DN → L (by rail to RH before)."""
    legs = [
        Movement(link=f"{a}-{b}", origin=a, destination=b, mode=Mode.ROAD, commodity="fuel",
                 departure_day=d, arrival_day=d, tonnes=10.0)
        for d in range(s.horizon_days)
        for a, b in (("RH", "DN"), ("DN", "L"))
    ]  # fmt: skip
    return Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0, movements=tuple(legs))  # fmt: skip


def test_the_depot_the_plan_loads_at_serves_the_unit() -> None:
    """DN's one 2 t truck, where the plan's legs start, not DK's fifteen 24 t 90 km away.

    DK holds U's food (0.5 t/day), DN by the plan its fuel (9.5 t/day): DK, a supply point
    holding some of its goods, had been its depot.
    """
    s = _steppe(2.0)
    check = check_reach(
        s, {"U": 10.0}, availability=0.75, plan=_plan(s), goods={"U": {"fuel": 9.5, "food": 0.5}}
    )
    (row,) = check.rows
    assert (row.depot, row.supply_point, row.road_km) == ("DN", "DN", 40.0)
    assert not row.sustainable  # fuel: 1 truck × 0.75 × 4 turns × 2 t = 6 t/day of 9.5


def test_a_unit_the_day_left_short_is_flagged_beside_those_routes() -> None:
    """Routes that left 0.59 t of U unserved make its reach row say so, flagged."""
    s = _steppe(18.0)
    check = check_reach(
        s, {"U": 10.0}, availability=0.75, plan=_plan(s), goods={"U": {"fuel": 9.5, "food": 0.5}}
    )
    assert check.rows[0].sustainable
    lost = Unserved(unit="U", location="L", load_t={"fuel": 0.59},
                    reason=UnservedReason.NOT_ENOUGH_TRUCKS, detail="…")  # fmt: skip
    routes = Routes(scenario=s.name, day=1, date=START + dt.timedelta(days=1),
                    status=RouteStatus.PARTIAL, unserved=(lost,))  # fmt: skip
    (row,) = with_routes_day(check, routes).rows
    assert not row.sustainable
    dn = next(x for x in row.shares if x.depot == "DN")
    assert row.reason == (
        "on C+1 the routes left 0.590 t of it unserved (not_enough_trucks: see the routes' "
        "Not delivered table); the trucks that may carry what was left: fuel 0.590 t, on 1 truck "
        f"from DN carrying {product_text(dn.capacity_t_per_day)} t/day"
    )

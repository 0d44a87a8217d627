"""The reach check flags units whose windows no one truck's day covers, beyond the trucks.

A tester's one truck of 5 h drivers' hours, UA open 6–7 h and UB 14–15 h, each 60 km out:
``routes --day N`` left UB ``not_enough_trucks`` every day, while ``reach`` and ``plan``
said "0 of 2 unit(s) flagged" (33.3 % of the truck-hours each): fractional truck-hours
cannot see that a truck at UA by 7 h and at UB from 14 h is on the road 9.5 h at least.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit
from routing_validator import validate

from supplyline.domain import LocationKind, Scenario, Stock
from supplyline.domain.reach_flags import FlagKind
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.reach import check_reach
from supplyline.routing.reach_windows import window_misfits
from supplyline.routing.roads import road_matrix

ROUTER = RouterParams(time_limit_s=2, max_iterations=300, seed=1)
WINDOWS = {"UA": (6.0, 7.0), "UB": (14.0, 15.0), "UC": (20.0, 21.0)}


def _sites(
    units: tuple[str, ...] = ("UA", "UB"),
    *,
    trucks: int = 1,
    hours: float = 5.0,
    km: float = 60.0,
    days_of_supply: float = 0.0,
) -> Scenario:
    """Depot D (trucks of 10 t at 60 km/h) with food; each unit's site ``km`` out by road."""
    places = [loc("D", 0.0, LocationKind.DEPOT)]
    made, roads = [], []
    for i, name in enumerate(units):
        open_h, close_h = WINDOWS[name]
        places.append(loc(f"S{name}", 0.3 + 0.1 * i))
        made.append(
            dataclasses.replace(
                unit(name, f"S{name}", open_h=open_h, close_h=close_h),
                days_of_supply=days_of_supply,
            )
        )
        roads.append(road("D", f"S{name}", km))
    truck = fleet("T", "D", count=trucks, payload_t=10.0, speed_kmh=60.0, hours=hours)
    s = scenario(places, made, roads, [truck])
    return dataclasses.replace(s, stocks=(Stock(location="D", commodity="food", initial_t=1e4),))


def _reach(s: Scenario) -> dict[str, tuple[bool, str]]:
    rows = check_reach(s, {u.id: 2.0 for u in s.units}, availability=0.75).rows
    return {r.unit: (r.sustainable, r.reason) for r in rows}


def _routes_leave(s: Scenario) -> set[str]:
    """The units the day's routes leave something of, checked by the independent validator."""
    asks = [DeliveryRequest(unit=u.id, location=u.destination, load_t={"food": 2.0})
            for u in s.units]  # fmt: skip
    routes = route_day(s, asks, day=0, params=ConvoyParams(router=ROUTER))
    assert validate(s, routes, {u.id: {"food": 2.0} for u in s.units}) == []
    return {u.unit for u in routes.unserved}


def test_one_truck_for_two_windows_a_day_apart_flags_both() -> None:
    """1 truck, windows 6–7 h and 14–15 h, 1 h out: 1 + 7 + 0.5 + 1 = 9.5 h > 5 h.

    Both flagged for their trucks, each naming the other; ``routes`` leaves one of them.
    """
    s = _sites()
    judged = _reach(s)
    assert [ok for ok, _ in judged.values()] == [False, False]
    assert judged["UB"][1] == (
        "its receiving window 14–15 h, with UA's 6–7 h: no truck can serve both in one day "
        "within its drivers' hours (T at D: 5 h) and the 0–24 h day, and 1 truck can serve "
        "them, one unit a day each: 1 of the 2 goes without a truck on C+0–C+2"
    )
    rows = check_reach(s, {"UA": 2.0, "UB": 2.0}, availability=0.75).rows
    assert all(r.flagged_for == (FlagKind.TRUCKS,) for r in rows)
    assert len(_routes_leave(s)) == 1


@pytest.mark.parametrize(("trucks", "hours"), [(2, 5.0), (1, 10.0)], ids=["2-trucks", "10-h"])
def test_enough_trucks_or_hours_flag_none(trucks: int, hours: float) -> None:
    """Two trucks, one a unit, or a day of 10 h: neither flagged; ``routes`` serves both.

    10 h of drivers' hours cover UA at 7 h and UB at 14 h (9.5 h).
    """
    s = _sites(trucks=trucks, hours=hours)
    assert all(ok for ok, _ in _reach(s).values())
    assert _routes_leave(s) == set()


def test_three_windows_on_two_trucks_flag_the_three() -> None:
    """6–7, 14–15 and 20–21 h: no truck serves two; 2 trucks: 1 of the 3 goes without."""
    s = _sites(("UA", "UB", "UC"), trucks=2)
    judged = _reach(s)
    assert [ok for ok, _ in judged.values()] == [False] * 3
    assert (
        "with UA's 6–7 h, UB's 14–15 h: no truck can serve two of these 3 units"
        in (judged["UC"][1])
    )
    assert "1 of the 3 goes without a truck" in judged["UC"][1]
    assert len(_routes_leave(s)) == 1


def test_a_unit_holding_a_day_of_supply_is_not_judged_on_windows() -> None:
    """With a day of supply each may be served on alternate days: the plan's choice."""
    judged = _reach(_sites(days_of_supply=1.0))
    assert not any("no truck can serve both" in reason for _, reason in judged.values())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    open_a=st.integers(min_value=0, max_value=22),
    open_b=st.integers(min_value=0, max_value=22),
    width=st.sampled_from([0.5, 1.0, 3.0]),
    km_a=st.sampled_from([10.0, 30.0, 60.0]),
    km_b=st.sampled_from([10.0, 30.0, 60.0]),
    hours=st.sampled_from([3.0, 5.0, 8.0, 12.0]),
)
def test_a_pair_flagged_is_never_served_whole_by_routes(
    open_a: int, open_b: int, width: float, km_a: float, km_b: float, hours: float
) -> None:
    """Soundness: where the rule says one truck cannot serve both, ``routes`` never does.

    One truck, two sites (each its own road from D, so the way between them is through D:
    longer than the rule's bound, which leaves it out).
    """
    places = [loc("D", 0.0, LocationKind.DEPOT), loc("SA", 0.3), loc("SB", 0.5)]
    units = [
        unit("UA", "SA", open_h=open_a, close_h=min(24.0, open_a + width)),
        unit("UB", "SB", open_h=open_b, close_h=min(24.0, open_b + width)),
    ]
    truck = fleet("T", "D", count=1, payload_t=10.0, speed_kmh=60.0, hours=hours)
    s = scenario(places, units, [road("D", "SA", km_a), road("D", "SB", km_b)], [truck])
    km = road_matrix(s, ["D", "SA", "SB"])
    flagged = window_misfits(s, km, units, {"D": [truck]}, {"UA": [0], "UB": [0]})
    if flagged:
        assert set(flagged) == {"UA", "UB"}
        asks = [DeliveryRequest(unit=u.id, location=u.destination, load_t={"food": 1.0})
                for u in units]  # fmt: skip
        routes = route_day(s, asks, day=0, params=ConvoyParams(router=ROUTER))
        assert {u.unit for u in routes.unserved}, "routes served both units the rule flagged"


@pytest.mark.parametrize("open_b", [8.0, 9.0])
def test_windows_close_enough_share_one_truck(open_b: float) -> None:
    """UA 6–7 h and UB from 8 or 9 h: the bound (1 + 1 or 2 + 0.5 + 1 h) fits 5 h: none flagged."""
    s = _sites()
    s = dataclasses.replace(
        s,
        units=tuple(
            dataclasses.replace(u, receive_open_h=open_b, receive_close_h=open_b + 1.0)
            if u.id == "UB"
            else u
            for u in s.units
        ),
    )
    assert all(ok for ok, _ in _reach(s).values())

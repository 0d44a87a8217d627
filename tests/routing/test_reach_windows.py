"""The reach check tells the truth about receiving windows, shared trucks and where goods are.

A transport officer's tests: ``reach`` said ok (7 turns a truck) for a unit open 8–9 h
where ``routes`` could bring 2 loads; ok for a window 23–24 h no truck could serve and be
back from; flagged a unit near its depot because a far unit needed 153 % of the depot's
pick-ups alone; printed ``0.8 available trucks × 2 turns × 10.0 t = 15.0 t/day``; gave no
supply point where stock stood 15 km away; said ok where the goods sat at a railhead with
no trucks and the trucks' depot held none.
"""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Mode, Scenario, Stock
from supplyline.routing.reach import check_reach


def _one_site(km: float, open_h: float, close_h: float, *, speed_kmh: float = 40.0) -> Scenario:
    """Depot D (2 trucks of 10 t, 9 h) with stock, site L ``km`` away by road, 30 min stops."""
    s = scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("L", 0.2)],
        [unit("U", "L", open_h=open_h, close_h=close_h)],
        [road("D", "L", km)],
        [fleet("T", "D", count=2, payload_t=10.0, speed_kmh=speed_kmh)],
    )
    return dataclasses.replace(s, stocks=(Stock(location="D", commodity="food", initial_t=1e4),))


def test_a_one_hour_window_admits_one_turn_a_truck() -> None:
    """15 km at 40 km/h: 0.375 h each way + 0.5 h stop = 1.25 h; open 8–9 h: one service.

    A second would start at 9.25 h, after the window: 1 turn (7 by drivers' hours), so
    2 × 0.75 × 1 × 10 t = 15 t/day, short of 50.
    """
    (row,) = check_reach(_one_site(15.0, 8.0, 9.0), {"U": 50.0}, availability=0.75).rows
    assert (row.turns_per_truck, row.capacity_t_per_day) == (1, 15.0)
    assert not row.sustainable
    assert "2 trucks at 75 % availability × 1 turn × 10 t = 15 t/day" in row.reason
    assert (
        "receiving window 8–9 h admits 1 turn a truck of T, where drivers' hours allow 7"
        in row.reason
    )


def test_a_two_and_a_half_hour_window_admits_three_turns() -> None:
    """Open 8–10.5 h, 1.25 h round trips: services at 8, 9.25 and 10.5 h: 3 turns."""
    (row,) = check_reach(_one_site(15.0, 8.0, 10.5), {"U": 1.0}, availability=0.75).rows
    assert row.turns_per_truck == 3


def test_a_late_window_no_truck_can_serve_and_be_back_from_is_not_ok() -> None:
    """Open 23–24 h, 40 km at 40 km/h: unloading 23–23.5 h, back at 24.5 h: no turn."""
    (row,) = check_reach(_one_site(40.0, 23.0, 24.0), {"U": 1.0}, availability=0.75).rows
    assert (row.turns_per_truck, row.capacity_t_per_day) == (0, 0.0)
    assert not row.sustainable
    assert "no truck can serve its receiving window 23–24 h and be back by 24 h" in row.reason
    assert "at 24.50 h" in row.reason


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    km=st.floats(1.0, 300.0),
    speed=st.floats(20.0, 90.0),
    open_h=st.floats(0.0, 23.5),
    length=st.floats(0.25, 24.0),
)
def test_ok_is_never_yes_where_the_window_admits_no_trip(
    km: float, speed: float, open_h: float, length: float
) -> None:
    """Where no service can start in the window and the truck be back by 24 h, not ok."""
    close_h = min(24.0, open_h + length)
    leg = km / speed
    start = max(leg, open_h)
    row = check_reach(
        _one_site(km, open_h, close_h, speed_kmh=speed), {"U": 1.0}, availability=0.75
    ).rows[0]
    if start > close_h or start + 0.5 + leg > 24.0 or 2 * leg + 0.5 > 9.0:
        assert row.turns_per_truck == 0
        assert not row.sustainable
    else:
        assert row.turns_per_truck >= 1
        assert row.sustainable


def _shared_depot() -> Scenario:
    """Depot A: 2 rigid 10 t (40 km/h) and 3 pick-ups 1.5 t (60 km/h); N 15 km, F 200 km.

    F's 400 km round trip is 10.5 h for the rigids (over 9 h), 7.17 h for the pick-ups.
    """
    s = scenario(
        [loc("A", 0.0, LocationKind.DEPOT), loc("N", 0.1), loc("F", 1.5)],
        [unit("UN", "N"), unit("UF", "F")],
        [road("A", "N", 15.0), road("A", "F", 200.0)],
        [
            fleet("RIGID", "A", count=2, payload_t=10.0, speed_kmh=40.0),
            fleet("PICKUP", "A", count=3, payload_t=1.5, speed_kmh=60.0),
        ],
    )
    return dataclasses.replace(s, stocks=(Stock(location="A", commodity="food", initial_t=1e4),))


def test_a_unit_beyond_its_own_pickups_does_not_flag_its_neighbour() -> None:
    """UF needs 5.2 t of the pick-ups' 3 × 0.75 × 1 × 1.5 = 3.375 t: it alone is flagged.

    UN's 13.8 t take 1.38 rigid trips × 1.25 h = 1.72 of the rigids' 13.5 truck-hours;
    the pick-ups carry UF's 3.375 t in 2.25 trips × 7.17 h = 16.1 of their 20.25 h
    (79.6 %, the busiest type): UN is ok.
    """
    check = check_reach(_shared_depot(), {"UN": 13.76, "UF": 5.16}, availability=0.75)
    near, far = check.rows
    assert near.sustainable
    assert [r.unit for r in check.flagged] == ["UF"]
    assert "3 trucks at 75 % availability × 1 turn × 1.5 t = 3.375 t/day" in far.reason
    assert near.depot_load_pct == far.depot_load_pct
    assert abs(near.depot_load_pct - 100 * (2.25 * (400 / 60 + 0.5)) / 20.25) < 1e-6  # type: ignore[operator]


def test_the_unit_whose_truck_hours_do_not_fit_is_the_one_named() -> None:
    """UF's 3 t take 2 pick-up trips × 7.17 h = 14.3 of their 20.25 h; UN's tonnes next.

    UN 100 t: 10 rigid trips × 1.25 h = 12.5 of their 13.5 h: all fit. UN 130 t: the
    rigids' 10.5 trips (2 × 0.75 × 7 turns) carry 105 t, the other 25 t need 16.7 pick-up
    trips × 1 h, beyond the 5.9 h UF leaves: UN (more truck-hours) is the one named.
    """
    check = check_reach(_shared_depot(), {"UN": 100.0, "UF": 3.0}, availability=0.75)
    assert check.flagged == ()
    heavy = check_reach(_shared_depot(), {"UN": 130.0, "UF": 3.0}, availability=0.75)
    flagged = [r.unit for r in heavy.flagged]
    assert flagged == ["UN"]
    assert "the trucks at A are shared" in heavy.flagged[0].reason


def test_a_unit_whose_depot_cannot_get_there_is_judged_from_the_stock_near_it() -> None:
    """Stock at S 15 km from L by road; the only trucks at B, behind a one-way road S→B."""
    s = scenario(
        [loc("S", 0.0, LocationKind.DEPOT), loc("B", 0.5, LocationKind.DEPOT), loc("L", 0.1)],
        [unit("U", "L")],
        [road("S", "L", 15.0), dataclasses.replace(road("S", "B", 60.0), bidirectional=False)],
        [fleet("T", "B")],
    )
    s = dataclasses.replace(s, stocks=(Stock(location="S", commodity="food", initial_t=100.0),))
    (row,) = check_reach(s, {"U": 5.0}, availability=0.75).rows
    assert (row.supply_point, row.road_km, row.depot) == ("S", 15.0, "B")
    assert not row.sustainable


def test_goods_at_a_railhead_without_trucks_and_a_depot_holding_none_are_not_ok() -> None:
    """Freight arrives at RH (no trucks); depot D 3 km away has the trucks and no stock."""
    home = loc("HOME", -2.0, LocationKind.DEPOT)
    rail = dataclasses.replace(road("HOME", "RH", 300.0), id="rail", mode=Mode.RAIL)
    s = scenario(
        [home, loc("RH", 0.0, LocationKind.RAILHEAD), loc("D", 0.02, LocationKind.DEPOT),
         loc("L", 0.1)],
        [unit("U", "L")],
        [rail, road("RH", "L", 20.0), road("D", "L", 20.0), road("RH", "D", 3.0)],
        [fleet("T", "D", count=3)],
    )  # fmt: skip
    s = dataclasses.replace(s, stocks=(Stock(location="HOME", commodity="food", initial_t=1e3),))
    (row,) = check_reach(s, {"U": 12.0}, availability=0.75).rows
    assert row.depot == "D"
    assert not row.sustainable
    assert "its goods come to RH (railhead, 20 km by road), where no truck is based" in row.reason
    assert "which holds none of them" in row.reason
    stocked = dataclasses.replace(
        s, stocks=(*s.stocks, Stock(location="D", commodity="food", initial_t=12.0))
    )
    assert check_reach(stocked, {"U": 12.0}, availability=0.75).rows[0].sustainable

"""The reach check judges each of a unit's goods on the trucks that may carry it.

A convoy officer's camps-tight read "0 of 7 flagged" while routes left 12.7 t of water
``not_enough_trucks``: reach counted tankers and flatbeds as room for water, judged
medkit at a bowser's speed and fuel within a bowser's hours, and sent medkit from a
depot whose flatbeds may not carry it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from routing_scenarios import FOOD, FUEL, START, fleet, loc, road, unit

from supplyline.domain import (
    Commodity,
    FleetGroup,
    LocationKind,
    Partner,
    RoutingOptions,
    Scenario,
    Stock,
    SupplyClass,
)
from supplyline.domain.routes import ReachRow, Routes, RouteStatus, Unserved, UnservedReason
from supplyline.routing.reach import check_reach
from supplyline.routing.reach_day import with_routes_day
from supplyline.routing.reach_turns import product_text

WATER = Commodity(
    id="water", name="Water", supply_class=SupplyClass.WATER, priority=1, per_person_per_day=1.0
)


def carrying(group: FleetGroup, *names: str) -> FleetGroup:
    return dataclasses.replace(group, carries=frozenset(names))


def camp(groups: list[FleetGroup], depots: dict[str, tuple[str, ...]]) -> Scenario:
    """Depots (each holding the goods named) 20 km by road from one unit U0 at L0."""
    locs = [loc(d, 0.01 * i, LocationKind.DEPOT) for i, d in enumerate(depots)]
    return Scenario(
        name="camp",
        start_date=START,
        horizon_days=3,
        partners=(Partner(id="A", name="Alpha"),),
        commodities=(WATER, FOOD, FUEL),
        locations=(*locs, loc("L0", 0.2)),
        links=tuple(road(d, "L0", 20.0) for d in depots),
        units=(unit("U0", "L0"),),
        stocks=tuple(
            Stock(location=d, commodity=c, initial_t=1000.0) for d, cs in depots.items() for c in cs
        ),
        fleet=tuple(groups),
        routing=RoutingOptions(detour_factor=1.0, service_minutes=30.0),
    )


def judged(scenario: Scenario, need: dict[str, float]) -> ReachRow:
    check = check_reach(scenario, {"U0": sum(need.values())}, availability=1.0, goods={"U0": need})
    (row,) = check.rows
    return row


def test_water_beyond_the_bowsers_is_flagged_though_the_flatbeds_have_room() -> None:
    """One 10 t bowser makes 9 turns at most (90 t); 100 t of water is short, by the bowser.

    By hand: 40 km there and back at 50 km/h is 0.8 h, with the 0.5 h stop 1.3 h; the
    window 6-18 h admits at most 9 turns. Four flatbeds of food only add 360 t of room
    that the water may not use: before, reach read the unit ok.
    """
    bowser = carrying(fleet("bowser", "RH", count=1), "water")
    flatbed = carrying(fleet("flatbed", "RH", count=4), "food")
    row = judged(camp([bowser, flatbed], {"RH": ("water", "food")}), {"water": 100.0, "food": 4.0})
    assert not row.sustainable
    assert row.reason.startswith("water from RH: needs 100.0 t/day = 10 truck-loads; 1 truck")


def test_fuel_is_judged_on_the_tankers_hours_not_the_bowsers() -> None:
    """A 1 h tanker cannot make the 1.3 h round trip, whatever the 9 h bowsers can."""
    bowser = carrying(fleet("bowser", "RH", count=3), "water")
    tanker = carrying(fleet("tanker", "RH", count=1, hours=1.0), "fuel")
    row = judged(camp([bowser, tanker], {"RH": ("water", "fuel")}), {"water": 10.0, "fuel": 1.0})
    assert not row.sustainable
    assert "fuel from RH: round trip 1.3 h from RH" in row.reason
    assert "> 1 h drivers' hours" in row.reason


def test_a_good_comes_from_the_depot_whose_trucks_may_carry_it() -> None:
    """D1 holds food its bowsers may not carry: the food comes from D2's flatbed, as routes."""
    bowser = carrying(fleet("bowser", "D1", count=2), "water")
    flatbed = carrying(fleet("flatbed", "D2", count=1), "food")
    scenario = camp([bowser, flatbed], {"D1": ("water", "food"), "D2": ("food",)})
    row = judged(scenario, {"water": 10.0, "food": 2.0})
    assert row.sustainable, row.reason
    assert {(x.depot, x.goods) for x in row.shares} == {("D1", ("water",)), ("D2", ("food",))}


def test_trucks_that_carry_anything_are_judged_as_before() -> None:
    """Without carries a depot's trucks are room for all its goods, in one share."""
    trucks = fleet("trucks", "RH", count=2)
    row = judged(camp([trucks], {"RH": ("water", "food")}), {"water": 10.0, "food": 2.0})
    assert row.sustainable
    assert row.shares == ()
    assert row.trucks == 2


def test_a_unit_the_routes_left_short_says_which_trucks_may_carry_what_was_left() -> None:
    """Fuel left on the one tanker: the row says so, not only the depot's whole room.

    A convoy officer's routes report read "trucks carry 220.50 t/day" against 47.23 needed
    beside fuel the one tanker could not bring.
    """
    bowser = carrying(fleet("bowser", "RH", count=3), "water")
    tanker = carrying(fleet("tanker", "RH", count=1, payload_t=6.0), "fuel")
    scenario = camp([bowser, tanker], {"RH": ("water", "fuel")})
    check = check_reach(
        scenario, {"U0": 11.0}, availability=1.0, goods={"U0": {"water": 10.0, "fuel": 1.0}}
    )
    lost = Unserved(unit="U0", location="L0", load_t={"fuel": 0.5},
                    reason=UnservedReason.NOT_ENOUGH_TRUCKS, detail="…")  # fmt: skip
    routes = Routes(scenario=scenario.name, day=1, date=START + dt.timedelta(days=1),
                    status=RouteStatus.PARTIAL, unserved=(lost,))  # fmt: skip
    (row,) = with_routes_day(check, routes).rows
    assert not row.sustainable
    fuel = next(x for x in row.shares if x.goods == ("fuel",))
    assert row.reason.endswith(
        "; the trucks that may carry what was left: fuel 0.500 t, on 1 truck from RH "
        f"carrying {product_text(fuel.capacity_t_per_day)} t/day"
    )

"""Trucks carry only what fleet.csv's ``carries`` lets them: a bowser water, a flatbed no fuel.

A tester's water bowsers were given rations, when every truck was counted as cargo room.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import FOOD, FUEL, START, fleet, loc, road, unit
from routing_validator import validate

from supplyline.domain import (
    Commodity,
    FleetGroup,
    LocationKind,
    Partner,
    RoutingOptions,
    Scenario,
    SupplyClass,
)
from supplyline.domain.routes import Routes, UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.depot_stock import DepotStock
from supplyline.routing.problem import RouterParams

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=300, seed=0))
WATER = Commodity(
    id="water", name="Water", supply_class=SupplyClass.WATER, priority=1, per_person_per_day=1.0
)


def carrying(group: FleetGroup, *names: str) -> FleetGroup:
    """``group`` whose trucks may load ``names`` (commodity ids or supply classes) only."""
    return dataclasses.replace(group, carries=frozenset(names))


def day_of(groups: list[FleetGroup], *, depots: tuple[str, ...] = ("RH",)) -> Scenario:
    """Depots ``depots`` and one unit U0 at L0, 20 km by road from each; water, food, fuel."""
    locs = [loc(d, 0.01 * i, LocationKind.DEPOT) for i, d in enumerate(depots)]
    return Scenario(
        name="cargo",
        start_date=START,
        horizon_days=3,
        partners=(Partner(id="A", name="Alpha"),),
        commodities=(WATER, FOOD, FUEL),
        locations=(*locs, loc("L0", 0.2)),
        links=tuple(road(d, "L0", 20.0) for d in depots),
        units=(unit("U0", "L0"),),
        fleet=tuple(groups),
        routing=RoutingOptions(detour_factor=1.3, service_minutes=30.0),
    )


def loaded(routes: Routes) -> dict[str, dict[str, float]]:
    """Tonnes of each commodity each fleet group's trucks delivered."""
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for truck in routes.routes:
        for stop in truck.stops:
            for com, t in stop.load_t.items():
                out[truck.fleet_group][com] += t
    return {g: dict(coms) for g, coms in out.items()}


REQUEST = DeliveryRequest(unit="U0", location="L0", load_t={"water": 6.0, "food": 4.0})


def test_water_goes_on_the_bowser_and_rations_on_the_truck() -> None:
    """One bowser (water only), one truck (the rest): 6 t water and 4 t rations, each its own.

    By hand: either truck holds the 10 t in one trip, which is what the router does when
    both carry anything (one fixed cost); with ``carries`` the bowser takes the water and
    the truck the rations, never the other way.
    """
    bowser = carrying(fleet("bowser", "RH", count=1), "water")
    truck = carrying(fleet("truck", "RH", count=1), "food", "fuel", "general")
    routes = route_day(day_of([bowser, truck]), [REQUEST], day=0, params=PARAMS)
    assert loaded(routes) == {"bowser": {"water": 6.0}, "truck": {"food": 4.0}}
    assert routes.unserved == ()


def test_without_carries_one_truck_takes_both() -> None:
    """The same day with trucks that carry anything: one truck, one trip, both goods."""
    groups = [fleet("bowser", "RH", count=1), fleet("truck", "RH", count=1)]
    routes = route_day(day_of(groups), [REQUEST], day=0, params=PARAMS)
    assert len(routes.routes) == 1
    assert sorted(routes.routes[0].stops[0].load_t) == ["food", "water"]


def test_a_class_no_truck_may_carry_is_said_not_dropped() -> None:
    """Rations with only a bowser in fleet.csv: the water goes, the rations are a row and a note."""
    bowser = carrying(fleet("bowser", "RH", count=2), "water")
    routes = route_day(day_of([bowser]), [REQUEST], day=0, params=PARAMS)
    assert loaded(routes) == {"bowser": {"water": 6.0}}
    (left,) = routes.unserved
    assert left.reason is UnservedReason.NO_TRUCK_MAY_CARRY
    assert dict(left.load_t) == {"food": 4.0}
    assert left.detail == "no truck in fleet.csv may carry food (carries: water on bowser)"
    assert any(n.startswith("no truck in fleet.csv may carry food (4.000 t for 1 unit(s))")
               for n in routes.notes)  # fmt: skip


def test_supply_class_admits_every_commodity_of_it() -> None:
    """A group that carries the class ``food`` takes the commodity ``food``, a bowser none."""
    rations = carrying(fleet("flatbed", "RH", count=1), "food")
    bowser = carrying(fleet("bowser", "RH", count=1), "water")
    req = DeliveryRequest(unit="U0", location="L0", load_t={"food": 3.0})
    routes = route_day(day_of([rations, bowser]), [req], day=0, params=PARAMS)
    assert loaded(routes) == {"flatbed": {"food": 3.0}}


def test_depot_stock_goes_to_the_depot_whose_trucks_may_carry_it() -> None:
    """Plan mode: D1's bowsers and D2's trucks; D1 holds both goods, D2 rations only.

    The rations come from D2 (D1 holds them, but its bowsers may not load them); the water
    from D1.
    """
    bowser = carrying(fleet("bowser", "D1", count=1), "water")
    truck = carrying(fleet("truck", "D2", count=1), "food")
    held = {("D1", "water"): 10.0, ("D1", "food"): 10.0, ("D2", "food"): 10.0}
    routes = route_day(
        day_of([bowser, truck], depots=("D1", "D2")), [REQUEST], day=0, params=PARAMS,
        depot_stock=DepotStock(held_t=held),
    )  # fmt: skip
    assert loaded(routes) == {"bowser": {"water": 6.0}, "truck": {"food": 4.0}}


def test_goods_held_only_where_no_truck_may_carry_them_are_depot_short() -> None:
    """D1 (bowsers) holds the rations, D2 (trucks) none: the rations stay, depot_short."""
    bowser = carrying(fleet("bowser", "D1", count=1), "water")
    truck = carrying(fleet("truck", "D2", count=1), "food")
    held = {("D1", "water"): 10.0, ("D1", "food"): 10.0}
    routes = route_day(
        day_of([bowser, truck], depots=("D1", "D2")), [REQUEST], day=0, params=PARAMS,
        depot_stock=DepotStock(held_t=held),
    )  # fmt: skip
    assert loaded(routes) == {"bowser": {"water": 6.0}}
    assert [(u.reason, dict(u.load_t)) for u in routes.unserved] == [
        (UnservedReason.DEPOT_SHORT, {"food": 4.0})
    ]


NAMES = ["water", "food", "fuel", "general"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    fleets=st.lists(
        st.tuples(
            st.frozensets(st.sampled_from(NAMES), max_size=2),  # carries (empty: anything)
            st.integers(0, 2),  # trucks
            st.floats(2.0, 12.0),  # payload t
        ),
        min_size=1,
        max_size=3,
    ),
    loads=st.lists(
        st.dictionaries(
            st.sampled_from(["water", "food", "fuel"]), st.floats(0.1, 15.0), min_size=1
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_no_route_carries_what_its_trucks_may_not(
    fleets: list[tuple[frozenset[str], int, float]], loads: list[dict[str, float]]
) -> None:
    """Random fleets and requests: no stop holds goods its truck may not load.

    And every tonne is delivered or said (the independent validator checks both).
    """
    groups = [
        carrying(fleet(f"g{i}", "RH", count=n, payload_t=p), *names)
        for i, (names, n, p) in enumerate(fleets)
    ]
    locs = [loc("RH", 0.0, LocationKind.DEPOT)]
    units, links, reqs = [], [], []
    for i, load in enumerate(loads):
        locs.append(loc(f"L{i}", 0.1 * (i + 1)))
        units.append(unit(f"U{i}", f"L{i}"))
        links.append(road("RH", f"L{i}", 10.0 + 15 * i))
        reqs.append(DeliveryRequest(unit=f"U{i}", location=f"L{i}", load_t=load))
    s = dataclasses.replace(
        day_of(groups), locations=tuple(locs), links=tuple(links), units=tuple(units)
    )
    routes = route_day(s, reqs, day=0, params=PARAMS)
    assert validate(s, routes, {r.unit: dict(r.load_t) for r in reqs}) == []
    coms = s.commodity_by_id
    by_id = {g.id: g for g in groups}
    for truck in routes.routes:
        for stop in truck.stops:
            assert all(by_id[truck.fleet_group].may_carry(coms[c]) for c in stop.load_t)
    for left in routes.unserved:
        if left.reason is UnservedReason.NO_TRUCK_MAY_CARRY:
            trucks = [g for g in groups if g.count > 0]
            assert not any(g.may_carry(coms[c]) for g in trucks for c in left.load_t)


@pytest.mark.parametrize("names", [frozenset(), frozenset({"water", "food", "fuel"})])
def test_trucks_that_may_carry_everything_route_as_before(names: frozenset[str]) -> None:
    """Naming every commodity routes the day as an empty ``carries`` does, stop for stop."""
    plain = route_day(day_of([fleet("t", "RH", count=2)]), [REQUEST], day=0, params=PARAMS)
    named = route_day(
        day_of([carrying(fleet("t", "RH", count=2), *names)]), [REQUEST], day=0, params=PARAMS
    )
    assert named.routes == plain.routes

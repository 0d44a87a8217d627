"""Loads no large truck is left for go, split again, on the small trucks left idle.

A tester's 24.8 t for ``pass`` was split into five 4.962 t loads to suit the 6 t trucks;
two found no truck and were reported ``not_enough_trucks`` counting "the 7 trucks that
reach it (town-trucks, strip-4x4)", though the three 1 t pick-ups could carry none of
them and stood idle all day.
"""

from __future__ import annotations

import pytest
from routing_scenarios import fleet, loc, road, scenario
from routing_scenarios import unit as unit_at
from routing_validator import validate

from supplyline.domain import LocationKind, Scenario
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.depot_stock import DepotStock
from supplyline.routing.problem import RouterParams

ROUTER = RouterParams(time_limit_s=5, max_iterations=300, seed=4)
BOTH = ConvoyParams(router=ROUTER)
ONE_ROUND = ConvoyParams(router=ROUTER, idle_round=False)


def _depot(small_count: int = 3, small_hours: float = 9.0) -> Scenario:
    """D –10 km– L (unit U): BIG, one 6 t truck with 2 h (two 0.9 h turns); SMALL 1 t trucks."""
    big = fleet("BIG", "D", count=1, payload_t=6.0, hours=2.0)
    small = fleet("SMALL", "D", count=small_count, payload_t=1.0, hours=small_hours)
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("L", 0.1)]
    return scenario(locs, [unit_at("U", "L")], [road("D", "L", 10.0)], [big, small])


_ASK = [DeliveryRequest(unit="U", location="L", load_t={"food": 24.0})]


def test_the_reason_counts_only_trucks_that_can_carry_a_load() -> None:
    """One round: two of four 6 t loads left, too_large for BIG's 2 trips; SMALL named unable.

    Counting SMALL's 30 trips a day, the loads were said to be not_enough_trucks.
    """
    routes = route_day(_depot(), _ASK, day=0, params=ONE_ROUND)
    (lost,) = routes.unserved
    assert (lost.reason, lost.tonnes) == (UnservedReason.TOO_LARGE, pytest.approx(12.0))
    assert lost.detail == (
        "2 of 4 truck-loads not routed: too few trips: 24.000 t needs 4 truck-loads of "
        "6.000 t; the 1 truck that reaches it and can carry one (BIG) can make at most 2 trips "
        "a day, fewer than the 4 it needs; 3 trucks that reach it cannot carry one (SMALL 1 t)"
    )
    assert {r.fleet_group for r in routes.routes} == {"BIG"}


def test_the_idle_small_trucks_carry_what_the_large_one_had_no_turn_for() -> None:
    """Two rounds: BIG 12 t, the three 1 t trucks the other 12 t in twelve loads; all valid."""
    routes = route_day(_depot(), _ASK, day=0, params=BOTH)
    assert routes.unserved == ()
    by_group = {g: sum(r.tonnes for r in routes.routes if r.fleet_group == g)
                for g in ("BIG", "SMALL")}  # fmt: skip
    assert by_group == pytest.approx({"BIG": 12.0, "SMALL": 12.0})
    assert validate(_depot(), routes, {"U": {"food": 24.0}}) == []
    assert any("split again for the idle trucks: U ×12 of 1.000 t (SMALL)" in n
               for n in routes.notes)  # fmt: skip


def test_what_the_idle_trucks_cannot_carry_either_is_said_with_both_rounds() -> None:
    """One 1 t truck with 2 h (two turns): 2 t more go; 10 t are left, with both figures."""
    s = _depot(small_count=1, small_hours=2.0)
    routes = route_day(s, _ASK, day=0, params=BOTH)
    assert routes.delivered_t == pytest.approx(14.0)
    (lost,) = routes.unserved
    assert (lost.reason, lost.tonnes) == (UnservedReason.TOO_LARGE, pytest.approx(10.0))
    assert lost.detail.startswith(
        "10 of 12 truck-loads not routed: too few trips: 12.000 t needs 12"
    )
    assert lost.detail.endswith(
        "(after 2 of 4 truck-loads found no truck: 24.000 t needs 4 truck-loads of 6.000 t; "
        "the 1 truck that reaches it and can carry one (BIG) can make at most 2 trips a "
        "day; 1 truck that reaches it cannot carry one (SMALL 1 t))"
    )
    assert validate(s, routes, {"U": {"food": 24.0}}) == []


def test_trucks_of_the_second_round_are_numbered_after_the_first_rounds() -> None:
    """SMALL#1 takes V's 0.8 t in the first round; the idle SMALL#2 and #3 U's rest."""
    big = fleet("BIG", "D", count=1, payload_t=6.0, hours=2.0)
    small = fleet("SMALL", "D", count=3, payload_t=1.0, hours=9.0)
    s = scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("L", 0.1), loc("M", 0.05)],
        [unit_at("U", "L"), unit_at("V", "M")],
        [road("D", "L", 10.0), road("D", "M", 5.0)],
        [big, small],
    )
    ask = [*_ASK, DeliveryRequest(unit="V", location="M", load_t={"food": 0.8})]
    routes = route_day(s, ask, day=0, params=BOTH)
    names = sorted(r.truck for r in routes.routes)
    assert names == ["BIG#1", "SMALL#1", "SMALL#2", "SMALL#3"]
    assert validate(s, routes, {"U": {"food": 24.0}, "V": {"food": 0.8}}) == []


def test_loads_held_at_one_depot_do_not_go_on_another_depots_idle_trucks() -> None:
    """D holds the food, E nothing: E's idle 1 t trucks take none; the first reason stays.

    (The second round once failed on such a load with an AssertionError.)
    """
    base = _depot(small_count=0)
    small = fleet("SMALL", "E", count=3, payload_t=1.0)
    s = scenario(
        [*base.locations, loc("E", 0.05, LocationKind.DEPOT)],
        base.units,
        [*base.links, road("E", "L", 5.0)],
        [base.fleet[0], small],
    )
    held = DepotStock(held_t={("D", "food"): 24.0})
    routes = route_day(s, _ASK, day=0, params=BOTH, depot_stock=held)
    assert {r.fleet_group for r in routes.routes} == {"BIG"}
    (lost,) = routes.unserved
    assert (lost.reason, lost.tonnes) == (UnservedReason.TOO_LARGE, pytest.approx(12.0))
    assert "(after" not in lost.detail
    assert not any("idle trucks" in n for n in routes.notes)

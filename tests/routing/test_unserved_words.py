"""What a load left out says limits it, in words a planner reads.

A tester read "the 6 trucks … can make at most 42 trips a day, 6216 loads with hh-fwd
148 a trip" of a 0.010 t medical load, and "too_large" of 58 t as "the load is too big"
where the trucks' trips were too few. The reason codes stay in the files; the tables
say them in words.
"""

from __future__ import annotations

import datetime as dt

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Scenario
from supplyline.domain.routes import Routes, RouteStatus, Unserved, UnservedReason
from supplyline.domain.unserved_words import REASON_WORDS, reason_words
from supplyline.io.route_files import unserved_rows
from supplyline.io.route_tables import day_tables
from supplyline.routing.loads import plan_chunks
from supplyline.routing.requests import request_for
from supplyline.routing.roads import road_matrix


def _depot(km: float, *groups: tuple[str, float]) -> Scenario:
    """RH and U0 at L0, ``km`` away at 50 km/h; one truck of each (id, payload t)."""
    return scenario(
        [loc("RH", 0.0, LocationKind.RAILHEAD), loc("L0", 1.0)],
        [unit("U0", "L0", open_h=0.0, close_h=24.0)],
        [road("RH", "L0", km)],
        [fleet(g, "RH", count=1, payload_t=t) for g, t in groups],
    )


def _bound_words(sc: Scenario, fuel_t: float) -> str:
    """What the router says of the trips for ``fuel_t`` of diesel to U0."""
    req = request_for(sc, "U0", {"fuel": fuel_t})
    groups = [g for g in sc.fleet if g.count > 0]
    km = road_matrix(sc, [*(g.depot for g in groups), req.location], day=0)
    _, _, bounds = plan_chunks([req], groups, km, sc, multi_trip=True, day=0, pinned=[None])
    return bounds[0].why


def test_a_load_far_below_a_truck_is_not_counted_in_loads_a_trip() -> None:
    """10 kg for a 20 t and a 10 t truck: the trips alone, no "N loads with big M a trip"."""
    words = _bound_words(_depot(180.0, ("big", 20.0), ("small", 10.0)), 0.01)
    assert words == (
        "0.010 t needs 1 truck-load of 0.010 t; the 2 trucks that reach it and can carry one "
        "(big, small) can make at most 2 trips a day"
    )


def test_loads_outnumbering_the_trips_say_what_a_trip_carries() -> None:
    """40 t in four 10 t loads, 2 trips: the 20 t truck takes 2 a trip, 3 in all."""
    words = _bound_words(_depot(180.0, ("big", 20.0), ("small", 10.0)), 40.0)
    assert words.endswith(
        "can make at most 2 trips a day, carrying at most 3 of its truck-loads (big 2 a trip)"
    )


@pytest.mark.parametrize("reason", list(UnservedReason))
def test_every_reason_code_has_its_words(reason: UnservedReason) -> None:
    """Each code is said in words, its code after, as ``unserved.csv`` has it."""
    said = reason_words(reason)
    assert said == f"{REASON_WORDS[reason]} ({reason.value})"
    assert reason.value not in REASON_WORDS[reason]  # words, not the code again


def test_too_large_reads_as_too_few_trips_in_the_table_and_as_the_code_in_the_file() -> None:
    """The people's table says what limits; unserved.csv's rows keep the code."""
    lost = Unserved(unit="U0", location="L0", load_t={"fuel": 58.0},
                    reason=UnservedReason.TOO_LARGE, detail="39 of 80 not routed")  # fmt: skip
    routes = Routes(scenario="s", day=0, date=dt.date(2026, 1, 1), status=RouteStatus.PARTIAL,
                    unserved=(lost,))  # fmt: skip
    (shown,) = day_tables(routes).unserved
    assert shown["reason"] == "more than its trucks' trips can carry in a day (too_large)"
    (written,) = unserved_rows(routes)
    assert written["reason"] == "too_large"

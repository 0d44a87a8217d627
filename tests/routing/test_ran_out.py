"""A load left out says what ran out of the trucks that could carry it: hours, day, or none.

A tester's 0.018 t of medical stores, left out, read "the 1 truck of depot nl-fwd … can
make at most 2 trips a day, 222 loads with nl-trucks 111 a trip": room for 222 loads,
while the one truck's hours had gone to four trips to another unit.
"""

from __future__ import annotations

from dataclasses import replace

from routing_scenarios import fleet, loc, road, scenario
from routing_scenarios import unit as unit_at

from supplyline.domain import FleetGroup, LocationKind, Scenario
from supplyline.domain.routes import Routes, Stop, TruckRoute, UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.ran_out import Way, ran_out_words

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=300, seed=2))
TRUCK = FleetGroup(id="t", depot="D", partner="A", vehicle_type="t", count=1, payload_t=2.0,
                   speed_kmh=50.0, max_route_hours=9.0)  # fmt: skip


def _near_and_far(*, fuel_t: float, u1: tuple[float, float], u2: tuple[float, float]) -> Routes:
    """One 2 t truck of 9 h: ``fuel_t`` to U1 20 km out, 0.5 t of food to U2 75 km out.

    ``u1`` and ``u2`` are the units' receiving windows, h.
    """
    s = scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("L1", 0.2), loc("L2", -0.7)],
        [unit_at("U1", "L1", open_h=u1[0], close_h=u1[1]),
         unit_at("U2", "L2", open_h=u2[0], close_h=u2[1])],
        [road("D", "L1", 20.0), road("D", "L2", 75.0)],
        [fleet("T", "D", count=1, payload_t=2.0)],
    )  # fmt: skip
    ask = [
        DeliveryRequest(unit="U1", location="L1", load_t={"fuel": fuel_t}),
        DeliveryRequest(unit="U2", location="L2", load_t={"food": 0.5}),
    ]
    return route_day(s, ask, day=0, params=PARAMS)


def test_a_load_left_out_when_the_one_truck_spent_its_hours_says_so() -> None:
    """One 2 t truck of 9 h: six 1.3 h trips to U1 (12 t), none left for U2's 3.5 h trip."""
    routes = _near_and_far(fuel_t=12.0, u1=(0, 24), u2=(0, 24))
    (lost,) = routes.unserved
    assert (lost.unit, lost.reason) == ("U2", UnservedReason.NOT_ENOUGH_TRUCKS)
    assert lost.detail.startswith(
        "1 of 1 truck-loads not routed: the drivers' hours of the trucks that can carry one "
        "ran out: T#1 drove 7.8 of its 9 h (6 trips: U1 ×6), and a round trip to L2 takes "
        "3.5 h (for it alone there would be room: "
    )


def _route(end_h: float) -> TruckRoute:
    stop = Stop(unit="U1", location="L1", trip=1, arrival_h=1.0, service_start_h=1.0,
                departure_h=1.5, load_t={"food": 2.0})  # fmt: skip
    return TruckRoute(
        truck="t#1", fleet_group="t", vehicle_type="t", depot="D", start_h=0.0, end_h=end_h,
        distance_km=10.0, cost=1.0, payload_t=2.0, stops=(stop,),
    )  # fmt: skip


def test_a_truck_with_hours_but_past_the_window_blames_the_day() -> None:
    """Back at 5 h with 4 h left, but L2 closes at 4 h: the window, not the hours."""
    words = ran_out_words([Way(TRUCK, 1.5, 3.5)], "L2", (0.0, 4.0), [_route(5.0)], multi_trip=True)
    assert words.startswith("after their other trips the trucks that can carry one cannot "
                            "reach L2 within its receiving window 0-4 h")  # fmt: skip
    assert (
        "t#1 back at 5.0 h, at L2 by 6.5 h at the earliest, after its window closes at 4 h "
        "(1 trip: U1 ×1)"
    ) in words
    assert "had" not in words  # its hours left are of no use at L2


def test_a_truck_with_room_left_blames_the_search() -> None:
    """Back at 2 h with 7 h left and the window open: the search, naming the truck's room."""
    words = ran_out_words([Way(TRUCK, 1.5, 3.5)], "L2", (0.0, 24.0), [_route(2.0)], multi_trip=True)
    assert words.startswith("the route search found no room for it")
    assert words.endswith(
        "t#1 had 7.0 h left, time to be at L2 by 3.5 h (window 0-24 h) and back at 5.5 h "
        "(1 trip: U1 ×1)"
    )


def test_a_truck_whose_hours_the_wait_for_the_window_eats_is_no_room() -> None:
    """Back at 2 h with 7 h left, but L2 opens at 8 h: 4.5 h of waiting, 8 h in all."""
    words = ran_out_words([Way(TRUCK, 1.5, 3.5)], "L2", (8.0, 12.0), [_route(2.0)], multi_trip=True)
    assert "route search" not in words
    assert words.endswith(
        "t#1 back at 2.0 h with 7.0 of its 9 h left, but at L2 by 3.5 h it waits 4.5 h for "
        "its window to open at 8 h: 8.0 h with the round trip (1 trip: U1 ×1)"
    )


def test_a_truck_with_room_after_the_wait_says_the_wait() -> None:
    """Back at 2 h with 7 h left, L2 opens at 5 h: 1.5 h of waiting still fits its hours."""
    words = ran_out_words([Way(TRUCK, 1.5, 3.5)], "L2", (5.0, 12.0), [_route(2.0)], multi_trip=True)
    assert words.endswith(
        "t#1 had 7.0 h left, time to be at L2 by 5.0 h, waiting 1.5 h for its window "
        "(window 5-12 h) and back at 7.0 h (1 trip: U1 ×1)"
    )


def test_a_load_left_out_for_a_window_the_truck_must_wait_for_says_the_wait() -> None:
    """One 9 h truck: three U1 trips before U1 closes at 4 h, then U2 opens only at 10 h.

    Back at 3.9 h with 5.1 h left, at L2 by 5.4 h it would wait 4.6 h: 8.1 h with the
    3.5 h round trip. The words had been "the route search found no room for it, though …
    T#1 had 5.1 h left", hours it could not spend at L2.
    """
    routes = _near_and_far(fuel_t=6.0, u1=(0, 4), u2=(10, 14))
    (lost,) = routes.unserved
    assert (lost.unit, lost.reason) == ("U2", UnservedReason.NOT_ENOUGH_TRUCKS)
    assert "route search" not in lost.detail
    assert (
        "T#1 back at 3.9 h with 5.1 of its 9 h left, but at L2 by 5.4 h it waits 4.6 h for "
        "its window to open at 10 h: 8.1 h with the round trip (3 trips: U1 ×3)"
    ) in lost.detail


def test_an_idle_truck_says_nothing_of_limits() -> None:
    """A truck that could carry it stood idle: no limit of theirs ran out, nothing said."""
    assert ran_out_words([Way(TRUCK, 1.5, 3.5)], "L2", (0.0, 24.0), [], multi_trip=True) == ""


def test_with_one_trip_a_day_a_truck_with_hours_left_made_its_one_trip() -> None:
    """Back at 2 h with 7 h left, but one trip a day: it made its trip; no search to blame."""
    words = ran_out_words([Way(TRUCK, 1.5, 3.5)], "L2", (0.0, 24.0), [_route(2.0)],
                          multi_trip=False)  # fmt: skip
    assert words == (
        "each truck that can carry one made its one trip of the day (--single-trip): "
        "t#1 (1 trip: U1 ×1)"
    )


def test_with_one_trip_a_day_an_idle_truck_still_says_nothing() -> None:
    """One trip a day, but a truck that could carry it stood idle: nothing ran out."""
    assert ran_out_words([Way(TRUCK, 1.5, 3.5)], "L2", (0.0, 24.0), [], multi_trip=False) == ""


def _two_units_one_truck() -> tuple[Scenario, list[DeliveryRequest]]:
    """One 2 t truck, two units 20 km out wanting one load each: two short trips."""
    s = scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("L1", 0.2), loc("L2", -0.2)],
        [unit_at("U1", "L1", open_h=0, close_h=24), unit_at("U2", "L2", open_h=0, close_h=24)],
        [road("D", "L1", 20.0), road("D", "L2", 20.0)],
        [fleet("T", "D", count=1, payload_t=2.0)],
    )
    ask = [
        DeliveryRequest(unit="U1", location="L1", load_t={"fuel": 1.5}),
        DeliveryRequest(unit="U2", location="L2", load_t={"fuel": 1.5}),
    ]
    return s, ask


def test_a_load_left_out_with_one_trip_a_day_says_the_truck_made_its_trip() -> None:
    """``--single-trip``: the one truck's trip went to one unit; the other's load says so."""
    s, ask = _two_units_one_truck()
    routes = route_day(s, ask, day=0, params=replace(PARAMS, multi_trip=False))
    (lost,) = routes.unserved
    assert lost.reason == UnservedReason.NOT_ENOUGH_TRUCKS
    assert lost.detail.startswith(
        "1 of 1 truck-loads not routed: each truck that can carry one made its one trip of "
        "the day (--single-trip): T#1 (1 trip: U"
    )
    assert "route search" not in lost.detail


def test_the_same_day_with_trips_again_brings_both_loads() -> None:
    """Multi-trip, the same truck goes back to load again: nothing left out to explain."""
    s, ask = _two_units_one_truck()
    routes = route_day(s, ask, day=0, params=PARAMS)
    assert routes.unserved == ()

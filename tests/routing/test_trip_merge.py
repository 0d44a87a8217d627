"""A unit's loads cut by a full road go back on one trip where the truck has room.

A tester's 4 t truck took a unit's 5 t in loads of 4 t and 1 t on two trips; the road to
it (3 t/day) cut the 4 t load to 2 t, and the truck still drove two trips, of 2 t and 1 t
(80 km, cost 180), where one of 3 t does (40 km, cost 140).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit
from routing_validator import validate

from supplyline.domain import LocationKind
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.trip_merge import merged_trips


@pytest.mark.parametrize("seed", [0, 1])
def test_a_load_cut_by_a_full_road_goes_with_the_rest_on_one_trip(seed: int) -> None:
    """5 t for U3, 20 km up a road of 3 t/day, one 4 t truck: one trip of 3 t, 2 t road_full."""
    s = scenario(
        [loc("D2", 0.0, LocationKind.DEPOT), loc("S3", 0.2)],
        [unit("U3", "S3")],
        [road("D2", "S3", 20.0, capacity=3.0)],
        [fleet("TB", "D2", count=1, payload_t=4.0, speed_kmh=60.0, hours=9.0)],
    )
    asks = [DeliveryRequest(unit="U3", location="S3", load_t={"food": 5.0})]
    params = ConvoyParams(router=RouterParams(time_limit_s=2, seed=seed))
    routes = route_day(s, asks, day=0, params=params)
    (truck,) = routes.routes
    assert (truck.trips, len(truck.stops), truck.tonnes) == (1, 1, pytest.approx(3.0))
    assert truck.distance_km == pytest.approx(40.0)
    assert routes.total_cost == pytest.approx(100 + 40)
    (left,) = routes.unserved
    assert (left.reason, left.tonnes) == (UnservedReason.ROAD_FULL, pytest.approx(2.0))
    assert validate(s, routes, {"U3": {"food": 5.0}}) == []


@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from("uvw"), st.integers(1, 4)), min_size=1, max_size=3),
        min_size=1,
        max_size=4,
    ),
    st.integers(min_value=4, max_value=8),
)
def test_merged_trips_keep_every_load_and_the_trucks_room(
    trips: list[list[tuple[str, int]]], capacity: int
) -> None:
    """Every load once, no trip over the truck's room, no more trips, each move to its unit.

    Trips as drawn (each within the room, as the search's are); a load moved goes to an
    earlier trip that stops at its unit.
    """
    trips = [t for t in trips if sum(x for _, x in t) <= capacity] or [[("u", 1)]]
    units, sizes, visits = ["D"], [0], []
    for k, trip in enumerate(trips):
        if k:
            visits.append(0)
        for name, size in trip:
            visits.append(len(units))
            units.append(name)
            sizes.append(size)
    demand = np.array(sizes, dtype=np.int64)[:, None]
    out = merged_trips(visits, 1, units, demand, [capacity])
    assert sorted(n for n in out if n) == sorted(n for n in visits if n)
    new_trips: list[list[int]] = [[]]
    for n in out:
        if n == 0:
            new_trips.append([])
        else:
            new_trips[-1].append(n)
    assert all(new_trips)
    assert len(new_trips) <= len(trips)
    assert all(sum(sizes[n] for n in t) <= capacity for t in new_trips)
    old: dict[int, int] = {}  # each load's trip as drawn
    k = 0
    for n in visits:
        k += n == 0
        old[n] = k
    for t in new_trips:
        here = min(old[n] for n in t)  # the trip as drawn that this one is
        for n in t:
            if old[n] != here:  # moved in: a later trip's load for a unit this trip serves
                assert old[n] > here
                assert any(units[m] == units[n] and old[m] == here for m in t)

"""Truck-loads are split in whole kilograms: equal to the kilogram, never over the payload.

A tester's 80 t for 8 t trucks went as 8.001 and 7.999 t loads (each commodity's share
rounded apart), and 1 t pick-ups carried 1.001 t: a load that should exactly fill the
payload went a kilogram over it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from routing_scenarios import star

from supplyline.io.route_files import kilograms
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.loads import n_loads, split_kg
from supplyline.routing.problem import RouterParams
from supplyline.routing.requests import request_for

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=3, max_iterations=200, seed=4))
TRUCK = star(1).fleet[0]

_LOADS = st.dictionaries(
    st.sampled_from(["food", "fuel", "water", "medical", "shelter"]),
    st.integers(min_value=0, max_value=200_000).map(lambda kg: kg / 1000),
    min_size=1,
)


@settings(deadline=None)
@given(load=_LOADS, payload_kg=st.integers(min_value=100, max_value=40_000))
def test_every_load_fits_the_payload_and_the_loads_add_up_to_the_kilogram(
    load: dict[str, float], payload_kg: int
) -> None:
    """Loads ≤ payload, within 1 kg of each other, each commodity's sum its request's kg."""
    req = DeliveryRequest(unit="U0", location="L0", load_t=load)
    n = n_loads(req, replace(TRUCK, payload_t=payload_kg / 1000))
    loads = split_kg(load, n)
    totals = [sum(part.values()) for part in loads]
    assert max(totals) <= payload_kg
    assert max(totals) - min(totals) <= 1
    for c, t in load.items():
        assert sum(part[c] for part in loads) == round(t * 1000)
    for c in load:  # the same share of each commodity in every load
        assert max(p[c] for p in loads) - min(p[c] for p in loads) <= 1


def test_an_exact_multiple_of_the_payload_fills_every_truck_exactly() -> None:
    """80 t of two commodities for 8 t trucks: ten loads of 8.000 t, in the files too."""
    load = {"food": 1.667, "fuel": 78.333}
    sc = star(1, payload_t=8.0, count=10)
    routes = route_day(
        sc, [DeliveryRequest(unit="U0", location="L0", load_t=load)], day=0, params=PARAMS
    )
    kg = kilograms(routes)
    stops = [sum(s.values()) for route in kg.stops for s in route]
    assert sorted(stops) == [8000] * 10
    assert all(s.tonnes <= 8.0 for r in routes.routes for s in r.stops)


@settings(deadline=None, max_examples=40)
@example(food_kg=1954, fuel_kg=1000, room_l=977)  # loads of 489 kg: 0.978 m³ in 0.977
@given(
    food_kg=st.integers(min_value=1, max_value=3_000),
    fuel_kg=st.integers(min_value=1, max_value=9_000),
    room_l=st.integers(min_value=500, max_value=1_000),
)
def test_no_load_is_over_the_trucks_volume_and_each_says_its_own(
    food_kg: int, fuel_kg: int, room_l: int
) -> None:
    """A tester's vans of 0.978 m³ got 1.001 m³: a kilogram more of a bulky commodity.

    Rations take 2 m³/t, diesel none here: the split evens the weights, and a load's
    volume is its own contents', not the delivery's average.
    """
    sc = star(1, payload_t=9.0, volume_m3=room_l / 1000, count=40)
    req = request_for(sc, "U0", {"food": food_kg / 1000, "fuel": fuel_kg / 1000})
    routes = route_day(sc, [req], day=0, params=PARAMS)
    density = {"food": 2.0, "fuel": 0.0}
    for route in routes.routes:
        for stop in route.stops:
            own = sum(t * density[c] for c, t in stop.load_t.items())
            assert stop.volume_m3 == pytest.approx(own, abs=1e-9)
            assert stop.volume_m3 <= room_l / 1000 + 1e-9

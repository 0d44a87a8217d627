"""A truck's payload, volume and speed: at least what the router can count, from any face.

Found by an edge-value sweep (2026-11-30): a payload of 5e-324 t made the reach check divide
into infinity (OverflowError, a traceback from ``plan`` and ``reach``) and ``routes`` pack
1-gram loads for ever; a volume of 0.0004 m³ hung ``routes`` likewise; a speed of 5e-324
km/h was refused deep in the reach check as ``round_trip_h(=inf)``, naming no column.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import FleetGroup
from supplyline.domain.field_ranges import FIELD_RANGES
from supplyline.domain.stocks import MIN_PAYLOAD_T, MIN_SPEED_KMH, MIN_VOLUME_M3
from supplyline.errors import ArgumentError


def truck(**kw: Any) -> FleetGroup:
    """A 10 t truck at 50 km/h, with ``kw`` in place of its fields."""
    fields: dict[str, Any] = {
        "id": "t",
        "depot": "d",
        "partner": "p",
        "vehicle_type": "truck",
        "count": 1,
        "payload_t": 10.0,
        "speed_kmh": 50.0,
        "volume_m3": 40.0,
    }
    return FleetGroup(**(fields | kw))


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        (
            "payload_t",
            5e-324,
            r": payload_t: 5e-324 is too small \(a number from 0\.001 to 200 t\)$",
        ),
        ("payload_t", 0.0009, r": payload_t: 0\.0009 is too small \(a number from 0\.001 to"),
        ("volume_m3", 5e-324, r": volume_m3: 5e-324 is too small \(a number from 0\.001 to 1,000"),
        ("volume_m3", 0.0004, r": volume_m3: 0\.0004 is too small \(a number from 0\.001 to"),
        ("speed_kmh", 5e-324, r": speed_kmh: 5e-324 is too small \(a number from 1 to 200 km/h"),
        ("speed_kmh", 0.5, r": speed_kmh: 0\.5 is too small \(a number from 1 to 200 km/h\)$"),
    ],
)
def test_a_size_below_what_the_router_counts_is_refused(
    field: str, value: float, says: str
) -> None:
    """A payload under 1 kg, a volume under 1 L or a speed under 1 km/h: fleet.csv's words."""
    with pytest.raises(ArgumentError, match=says):
        truck(**{field: value})


def test_the_least_sizes_are_taken() -> None:
    """The floors themselves are valid trucks."""
    small = truck(payload_t=MIN_PAYLOAD_T, volume_m3=MIN_VOLUME_M3, speed_kmh=MIN_SPEED_KMH)
    assert (small.payload_t, small.volume_m3, small.speed_kmh) == (0.001, 0.001, 1.0)


@given(
    st.sampled_from(["payload_t", "volume_m3", "speed_kmh"]),
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_subnormal=True),
)
def test_a_truck_is_built_only_within_its_floors(field: str, value: float) -> None:
    """A size below its floor or above fleet.csv's most is refused naming it; any other builds."""
    least = {"payload_t": MIN_PAYLOAD_T, "volume_m3": MIN_VOLUME_M3, "speed_kmh": MIN_SPEED_KMH}
    if not least[field] <= value <= FIELD_RANGES["fleet"][field].hi:
        with pytest.raises(ArgumentError, match=re.escape(f": {field}: {value!r} is ")):
            truck(**{field: value})
    else:
        assert getattr(truck(**{field: value}), field) == value

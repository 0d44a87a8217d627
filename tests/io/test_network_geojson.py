"""network.geojson: lines that end on their places' Points, and places' handled figures."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import (
    Link,
    Location,
    LocationKind,
    Mode,
    Movement,
    Plan,
    PlanStatus,
    Scenario,
)
from supplyline.io.network_geojson import network_geojson

START = dt.date(2025, 6, 1)
LON = st.one_of(st.floats(-180.0, 180.0), st.sampled_from([-180.0, 180.0, -179.5, 179.5, 0.0]))
LAT = st.one_of(st.floats(-89.0, 89.0), st.sampled_from([-10.0, 0.0]))


def _scenario(places: dict[str, tuple[float, float]], links: list[tuple[str, str]]) -> Scenario:
    """Ports at (lon, lat), joined by sea links named by their ends."""
    return Scenario(
        name="Sea",
        start_date=START,
        horizon_days=5,
        locations=tuple(
            Location(id=i, name=i, partner="P", kind=LocationKind.PORT, lat=lat, lon=lon)
            for i, (lon, lat) in places.items()
        ),
        links=tuple(
            Link(
                id=f"{a}-{b}",
                origin=a,
                destination=b,
                mode=Mode.SEA,
                distance_km=20_100,
                transit_days=2,
            )
            for a, b in links
        ),
    )


def _plan(movements: tuple[Movement, ...] = ()) -> Plan:
    return Plan(
        scenario="Sea",
        start_date=START,
        horizon_days=5,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        movements=movements,
    )


def _features(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["properties"]["id"]: f for f in data["features"]}


@given(st.tuples(LON, LAT), st.tuples(LON, LAT))
def test_a_link_starts_and_ends_on_its_places_points(
    point_a: tuple[float, float], point_b: tuple[float, float]
) -> None:
    """The line's ends are its places' Point coordinates; no segment spans over 180°."""
    scenario = _scenario({"a": point_a, "b": point_b}, [("a", "b")])
    features = _features(network_geojson(scenario, _plan()))
    start = features["a"]["geometry"]["coordinates"]
    end = features["b"]["geometry"]["coordinates"]
    geometry = features["a-b"]["geometry"]
    if geometry is None:  # only two places at one spot (180 and −180 are one meridian)
        assert start == end
        return
    parts = (
        [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
    )
    assert (parts[0][0], parts[-1][-1]) == (start, end)
    for part in parts:
        assert len(part) >= 2
        for p, q in pairwise(part):
            assert p != q
            assert abs(q[0] - p[0]) <= 180.0


def test_the_testers_date_line_garrison_starts_its_rail_on_its_point() -> None:
    """Home base at 180° with rail to −179.5: the Point and the line start at −180."""
    scenario = _scenario({"home": (180.0, -10.0), "depot": (-179.5, -12.1)}, [("home", "depot")])
    features = _features(network_geojson(scenario, _plan()))
    assert features["home"]["geometry"]["coordinates"] == [-180.0, -10.0]
    assert features["home-depot"]["geometry"] == {
        "type": "LineString",
        "coordinates": [[-180.0, -10.0], [-179.5, -12.1]],
    }


def test_a_link_between_places_at_one_spot_has_a_null_geometry() -> None:
    """RFC 7946 allows a feature without geometry; a line of two equal points is invalid."""
    scenario = _scenario({"a": (-179.5, -12.1), "b": (-179.5, -12.1)}, [("a", "b")])
    link = _features(network_geojson(scenario, _plan()))["a-b"]
    assert link["geometry"] is None
    assert link["properties"]["from"] == "a"


def _move(link: str, day: int, transit: int, tonnes: float, pax: float = 0.0) -> Movement:
    origin, destination = link.split("-")
    return Movement(
        link=link,
        origin=origin,
        destination=destination,
        mode=Mode.SEA,
        commodity="food",
        departure_day=day,
        arrival_day=day + transit,
        tonnes=tonnes,
        pax=pax,
    )


@pytest.fixture
def through_y() -> dict[str, dict[str, Any]]:
    """Ports x → y → z: 30 t and 4 people on C+0, 50 t on C+1 from x; all on from y a day later."""
    scenario = _scenario(
        {"x": (10.0, 0.0), "y": (11.0, 0.0), "z": (12.0, 0.0)}, [("x", "y"), ("y", "z")]
    )
    plan = _plan(
        (
            _move("x-y", 0, 1, 30.0, 4.0),
            _move("x-y", 1, 1, 50.0),
            _move("y-z", 2, 2, 30.0, 4.0),
            _move("y-z", 2, 2, 50.0),
        )
    )
    return {k: f["properties"] for k, f in _features(network_geojson(scenario, plan)).items()}


def test_a_tonne_through_a_place_is_unloaded_once_and_loaded_once(
    through_y: dict[str, dict[str, Any]],
) -> None:
    """80 t pass through y: 80 arrived, 80 departed (throughput_t said 160)."""
    y = through_y["y"]
    assert (y["arrived_t"], y["departed_t"], y["arrived_pax"], y["departed_pax"]) == (80, 80, 4, 4)
    assert "throughput_t" not in y


def test_the_busiest_day_is_counted_as_handling_counts_it(
    through_y: dict[str, dict[str, Any]],
) -> None:
    """Unloaded on the arrival day (30 t on C+1, 50 on C+2), loaded on departure (80 on C+2)."""
    y, x, z = through_y["y"], through_y["x"], through_y["z"]
    assert (y["busiest_day_arrived_t"], y["busiest_day_departed_t"]) == (50, 80)
    assert (x["busiest_day_departed_t"], x["busiest_day_arrived_t"], x["arrived_t"]) == (50, 0, 0)
    assert (z["arrived_t"], z["busiest_day_arrived_t"], z["busiest_day_arrived_pax"]) == (80, 80, 4)

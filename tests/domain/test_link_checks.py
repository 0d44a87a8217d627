"""Warnings about links: a distance the coordinates contradict, a gauge that cannot be checked."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from supplyline.domain import (
    Link,
    Location,
    LocationKind,
    Mode,
    Partner,
    Scenario,
    check_scenario,
    great_circle_km,
)
from supplyline.domain.field_ranges import FIELD_RANGES
from supplyline.domain.link_checks import SHORT_LINK_MARGIN_KM, SHORT_LINK_RATIO
from supplyline.errors import Severity


def _loc(i: str, lat: float, lon: float, kind: LocationKind = LocationKind.DEPOT) -> Location:
    return Location(id=i, name=i, partner="a", kind=kind, lat=lat, lon=lon)


def _link(
    i: str, a: str, b: str, km: float, mode: Mode = Mode.ROAD, gauge: int | None = None
) -> Link:
    return Link(
        id=i, origin=a, destination=b, mode=mode, distance_km=km, transit_days=1, gauge_mm=gauge
    )


def _scenario(locations: tuple[Location, ...], links: tuple[Link, ...]) -> Scenario:
    return Scenario(
        name="t",
        start_date=dt.date(2027, 1, 1),
        horizon_days=10,
        partners=(Partner(id="a", name="A"),),
        commodities=(),
        locations=locations,
        links=links,
    )


def _warnings(s: Scenario, field: str) -> list[str]:
    found = [f for f in check_scenario(s) if f.field == field]
    assert all(f.severity is Severity.WARNING for f in found)
    return [f.message for f in found]


def test_swapped_coordinates_against_a_short_road_are_warned_of() -> None:
    """A place at 73.2 N 149.85 E (lat/lon swapped) 12 km by road from its neighbour.

    A tester's swap validated silently. The warning names the link, both places, both
    distances and what to check.
    """
    s = _scenario(
        (_loc("temir", 49.8, 73.1), _loc("os-central", 73.2, 149.85)),
        (_link("r-temir-depot", "temir", "os-central", 12),),
    )
    (message,) = _warnings(s, "distance_km")
    assert message == (
        "road link 'r-temir-depot' is 12 km long, but 'temir' (49.8, 73.1) and 'os-central' "
        "(73.2, 149.85) are 4,369 km apart on the great circle, the shortest way between "
        "them: check the coordinates or the distance (a latitude and longitude swapped, a "
        "sign lost?)"
    )


@pytest.mark.parametrize("mode", list(Mode))
def test_every_mode_is_held_to_the_great_circle(mode: Mode) -> None:
    """Air and sea cannot be shorter than the great circle either: every mode is warned of."""
    gauge = 1435 if mode is Mode.RAIL else None
    s = _scenario(
        (_loc("x", 50.0, 8.0), _loc("y", 50.0, 20.0)),  # about 855 km apart
        (_link("l", "x", "y", 300, mode, gauge),),
    )
    assert len(_warnings(s, "distance_km")) == 1


def test_a_short_spur_between_roughly_placed_ends_is_not_warned_of() -> None:
    """2 km by road between places 5 km apart as given (coordinates to 0.1°): no warning."""
    s = _scenario(
        (_loc("x", 50.0, 8.0), _loc("y", 50.0, 8.07)),
        (_link("l", "x", "y", 2),),
    )
    assert great_circle_km(50.0, 8.0, 50.0, 8.07) > 2 / SHORT_LINK_RATIO
    assert _warnings(s, "distance_km") == []


lats = st.floats(-89.9, 89.9, allow_nan=False)
lons = st.floats(-180.0, 180.0, allow_nan=False)


@given(lats, lons, lats, lons, st.floats(1.0, 3.0))
def test_a_link_no_shorter_than_the_great_circle_is_never_warned_of(
    lat1: float, lon1: float, lat2: float, lon2: float, detour: float
) -> None:
    """Whatever the places, a distance at or above the great circle passes."""
    km = great_circle_km(lat1, lon1, lat2, lon2) * detour
    assume(km <= FIELD_RANGES["link"]["distance_km"].hi)  # a link takes no more (40,000 km)
    s = _scenario((_loc("x", lat1, lon1), _loc("y", lat2, lon2)), (_link("l", "x", "y", km),))
    assert _warnings(s, "distance_km") == []


@given(lats, lons, lats, lons, st.floats(0.0, 0.499))
def test_a_link_under_half_the_great_circle_is_warned_of(
    lat1: float, lon1: float, lat2: float, lon2: float, share: float
) -> None:
    """Under half the great circle, and the margin short of it, is always warned of."""
    crow = great_circle_km(lat1, lon1, lat2, lon2)
    km = crow * share
    assume(crow - km >= SHORT_LINK_MARGIN_KM)
    s = _scenario((_loc("x", lat1, lon1), _loc("y", lat2, lon2)), (_link("l", "x", "y", km),))
    assert len(_warnings(s, "distance_km")) == 1


def _yard(kind: LocationKind, broad: int | None, std: int | None = 1435) -> Scenario:
    """Standard rail w→yard, broad rail yard→e, the yard of ``kind``; all at one spot."""
    return _scenario(
        (_loc("w", 50, 20), _loc("yard", 50, 20, kind), _loc("e", 50, 20)),
        (
            _link("rail-w", "w", "yard", 100, Mode.RAIL, std),
            _link("rail-e", "yard", "e", 100, Mode.RAIL, broad),
        ),
    )


def test_a_gauge_left_empty_where_gauged_rail_meets_a_depot_is_warned_of() -> None:
    """Broad-gauge links with gauge_mm empty at a depot: the break of gauge cannot be checked.

    A tester's setup validated silently, and was refused once the gauges were filled in.
    """
    (message,) = _warnings(_yard(LocationKind.DEPOT, None), "gauge_mm")
    assert message.startswith(
        "rail link 'rail-e' has no gauge_mm, but meets rail link 'rail-w' (1435 mm) at 'yard', "
        "which is a depot: whether the gauge breaks there cannot be checked"
    )
    filled = [f for f in check_scenario(_yard(LocationKind.DEPOT, 1520)) if f.field == "gauge_mm"]
    assert [f.severity for f in filled] == [Severity.ERROR]


@pytest.mark.parametrize(
    ("kind", "broad", "std"),
    [
        pytest.param(LocationKind.TRANSSHIPMENT, None, 1435, id="at-a-transshipment-yard"),
        pytest.param(LocationKind.DEPOT, None, None, id="no-gauges-at-all"),
        pytest.param(LocationKind.DEPOT, 1435, 1435, id="both-given"),
    ],
)
def test_no_gauge_warning_where_nothing_is_hidden(
    kind: LocationKind, broad: int | None, std: int | None
) -> None:
    """Any gauges may meet at a yard; with no gauge given at all, or all given, none is hidden."""
    assert _warnings(_yard(kind, broad, std), "gauge_mm") == []


@pytest.mark.parametrize(
    ("lon_a", "lon_b"), [(-179.5, -179.5), (180.0, -180.0), (12.25, 12.25)], ids=str
)
def test_a_link_between_places_at_one_spot_is_warned_of(lon_a: float, lon_b: float) -> None:
    """A depot and its camp 45 km away at the same coordinates (a tester's s6).

    The warning names the link, both places and the coordinates; 180 and −180 are one spot.
    """
    s = _scenario(
        (_loc("depot", -12.1, lon_a), _loc("camp", -12.1, lon_b, LocationKind.UNIT_AREA)),
        (_link("road-1", "depot", "camp", 45),),
    )
    (message,) = _warnings(s, "to")
    assert "'road-1' joins 'depot' and 'camp'" in message
    assert "same coordinates (-12.1, " in message


@given(st.floats(-89, 89), st.floats(-179, 179), st.floats(0.0001, 1.0))
def test_places_apart_are_never_warned_of_as_one_spot(lat: float, lon: float, step: float) -> None:
    """However close two places are, a link between distinct coordinates is not warned of."""
    s = _scenario((_loc("a", lat, lon), _loc("b", lat, lon + step)), (_link("l", "a", "b", 500),))
    assert _warnings(s, "to") == []


def _one_way(i: str, a: str, b: str, mode: Mode = Mode.ROAD) -> Link:
    return Link(id=i, origin=a, destination=b, mode=mode, distance_km=5, transit_days=0)


def _dead_end(*links: Link) -> Scenario:
    places = (_loc("depot", 50.0, 20.0), _loc("camp", 50.0, 20.05), _loc("farm", 50.0, 20.1))
    return _scenario(places, links)


def test_a_one_way_road_into_a_place_no_road_leaves_is_warned_of() -> None:
    """depot→camp, one way, and nothing out of camp: the warning names the road and camp.

    It says what the plan and routes do (an estimated way back) and what would mend it.
    """
    (message,) = _warnings(_dead_end(_one_way("r-in", "depot", "camp")), "bidirectional")
    assert message.startswith("road link 'r-in' leads one way into 'camp', and no road leads ")
    assert "estimated as the great circle" in message
    assert message.endswith("make the road bidirectional, or add the road out of 'camp'")


_TWO_WAY = Link(
    id="r", origin="depot", destination="camp", mode=Mode.ROAD, distance_km=5, transit_days=0,
    bidirectional=True,
)  # fmt: skip


@pytest.mark.parametrize(
    "links",
    [
        pytest.param(
            (_one_way("r-in", "depot", "camp"), _one_way("r-out", "camp", "depot")), id="loop"
        ),
        pytest.param((_TWO_WAY,), id="two-way"),
        pytest.param((_one_way("rail-in", "depot", "camp", Mode.RAIL),), id="rail"),
    ],
)
def test_a_place_a_road_leaves_or_no_road_enters_is_not_warned_of(links: tuple[Link, ...]) -> None:
    """A road out, however it runs, or no road in at all (trucks do not ride rail)."""
    assert _warnings(_dead_end(*links), "bidirectional") == []

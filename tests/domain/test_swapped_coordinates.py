"""A place whose latitude and longitude look swapped is named, once, instead of its links.

A tester's depot at (24.8, 42.05) for (42.05, 24.8) gave seven warnings about links and
never named the place.
"""

from __future__ import annotations

import datetime as dt
import random

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
from supplyline.domain.findings import Finding
from supplyline.errors import Severity


def _loc(i: str, lat: float, lon: float) -> Location:
    return Location(id=i, name=i, partner="a", kind=LocationKind.DEPOT, lat=lat, lon=lon)


def _road(a: Location, b: Location, stretch: float = 1.3) -> Link:
    """A road between two places, as long as the great circle times ``stretch`` (at least 1 km)."""
    km = max(1.0, stretch * great_circle_km(a.lat, a.lon, b.lat, b.lon))
    return Link(
        id=f"r-{a.id}-{b.id}",
        origin=a.id,
        destination=b.id,
        mode=Mode.ROAD,
        distance_km=round(km, 1),
        transit_days=1,
    )


def _scenario(locations: list[Location], links: list[Link]) -> Scenario:
    return Scenario(
        name="t",
        start_date=dt.date(2027, 1, 1),
        horizon_days=10,
        partners=(Partner(id="a", name="A"),),
        locations=tuple(locations),
        links=tuple(links),
    )


def _coordinate_warnings(s: Scenario) -> list[Finding]:
    return [
        f for f in check_scenario(s) if f.field in ("lat", "distance_km") and f.entity != "unit"
    ]


def _swap(loc: Location) -> Location:
    return _loc(loc.id, loc.lon, loc.lat)


def test_the_testers_depot_is_named_once() -> None:
    """A depot with five roads out, its coordinates swapped: one warning, on its lat."""
    hub = _loc("town-b", 42.05, 24.80)
    sites = [_loc(f"site-{i}", 42.05 + 0.03 * i, 24.80 - 0.04 * i) for i in range(1, 6)]
    links = [_road(hub, site) for site in sites]
    (finding,) = _coordinate_warnings(_scenario([_swap(hub), *sites], links))
    assert (finding.entity, finding.entity_id, finding.field) == ("location", "town-b", "lat")
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith(
        "'town-b' at (24.8, 42.05) looks to have its latitude and longitude swapped: all 5 of "
        "its links are far shorter than the great circle from there"
    )
    assert finding.message.endswith("while at (42.05, 24.8) every one fits its distance_km "
                                    "(swap lat and lon)")  # fmt: skip


def test_a_site_at_the_end_of_one_road_is_named() -> None:
    """A site with one road, to a place whose other roads fit, is the one swapped."""
    a, b, c = _loc("a", 48.0, 16.0), _loc("b", 48.2, 16.3), _loc("c", 47.9, 16.4)
    (finding,) = _coordinate_warnings(
        _scenario([a, b, _swap(c)], [_road(a, b), _road(b, c), _road(a, b, 1.5)])
    )
    assert (finding.entity, finding.entity_id) == ("location", "c")


def test_two_places_alone_on_one_link_keep_the_link_warning() -> None:
    """Joined by one link and nothing else, either place may be wrong: the link is warned of."""
    a, b = _loc("a", 48.0, 16.0), _loc("b", 48.2, 16.3)
    (finding,) = _coordinate_warnings(_scenario([a, _swap(b)], [_road(a, b)]))
    assert (finding.entity, finding.field) == ("link", "distance_km")


def test_a_wrong_distance_is_not_called_a_swap() -> None:
    """Links too short for the map that a swap does not mend stay warnings about links."""
    hub, x, y = _loc("hub", 10.0, 50.0), _loc("x", 10.5, 50.5), _loc("y", 9.5, 50.2)
    links = [_road(hub, x, 0.1), _road(hub, y, 0.1)]
    found = _coordinate_warnings(_scenario([hub, x, y], links))
    assert [f.entity for f in found] == ["link", "link"]


@given(
    lat=st.floats(-60, 60),
    lon=st.floats(-60, 60),
    n=st.integers(2, 6),
    seed=st.randoms(use_true_random=False),
)
def test_any_swapped_hub_is_named(lat: float, lon: float, n: int, seed: random.Random) -> None:
    """A hub with roads to N neighbours nearby, swapped, is named; its links are not."""
    assume(great_circle_km(lat, lon, lon, lat) > 200)  # a swap that moves the place at all
    sites = [
        _loc(f"s{i}", lat + seed.uniform(-0.3, 0.3), lon + seed.uniform(-0.3, 0.3))
        for i in range(n)
    ]
    hub = _loc("hub", lat, lon)
    links = [_road(hub, site) for site in sites]
    found = _coordinate_warnings(_scenario([_swap(hub), *sites], links))
    assert [(f.entity, f.entity_id) for f in found] == [("location", "hub")]


@given(lat=st.floats(-60, 60), lon=st.floats(-60, 60), n=st.integers(1, 6))
def test_places_where_they_are_are_never_called_swapped(lat: float, lon: float, n: int) -> None:
    """A network whose roads fit the map has no coordinate warning at all."""
    hub = _loc("hub", lat, lon)
    sites = [_loc(f"s{i}", lat + 0.1 * i, lon - 0.05 * i) for i in range(1, n + 1)]
    assert _coordinate_warnings(_scenario([hub, *sites], [_road(hub, s) for s in sites])) == []

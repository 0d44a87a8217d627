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


def _link(a: Location, b: Location, km: float, mode: Mode = Mode.ROAD) -> Link:
    return Link(
        id=f"r-{a.id}-{b.id}", origin=a.id, destination=b.id, mode=mode, distance_km=km,
        transit_days=1,
    )  # fmt: skip


def _steppe(port_fwd_km: float) -> Scenario:
    """The tester's steppe network about 'kas-fwd', written at (40.80, 52.50) for (52.50, 40.80).

    Seven links: five short roads, 1,250 km from the border and ``port_fwd_km`` from the
    port (720 km in the scenario: not far shorter than the 1,244 km from the wrong place).
    """
    fwd = _loc("kas-fwd", 40.80, 52.50)
    border, port = _loc("border", 51.80, 23.60), _loc("kas-port", 47.20, 39.70)
    rh, af = _loc("kas-rh", 52.60, 40.50), _loc("kas-af", 52.70, 41.20)
    nl_fwd = _loc("nl-fwd", 52.70, 40.60)
    alpha, charlie = _loc("ua-alpha", 52.90, 41.00), _loc("ua-charlie", 52.60, 41.60)
    echo = _loc("ua-echo", 53.00, 40.40)
    links = [
        _link(border, fwd, 1250), _link(port, fwd, port_fwd_km), _link(rh, fwd, 30),
        _link(af, fwd, 45), _link(fwd, charlie, 70), _link(fwd, echo, 70),
        _link(fwd, alpha, 60), _link(rh, nl_fwd, 20), _link(af, nl_fwd, 50),
        _link(nl_fwd, alpha, 45),
    ]  # fmt: skip
    return _scenario([fwd, border, port, rh, af, nl_fwd, alpha, charlie, echo], links)


def test_the_testers_forward_depot_is_named_not_its_one_road_sites() -> None:
    """kas-fwd, whose 720 km link is not far shorter, is named; ua-charlie and ua-echo are not.

    Its links all fit once it is swapped back, so nothing else is warned of: the two sites
    with one road each to it were blamed before, and kas-fwd never named.
    """
    (finding,) = _coordinate_warnings(_steppe(720))
    assert (finding.entity, finding.entity_id, finding.field) == ("location", "kas-fwd", "lat")
    assert finding.message.startswith(
        "'kas-fwd' at (40.8, 52.5) looks to have its latitude and longitude swapped: 6 of its "
        "7 links are far shorter than the great circle from there (link 'r-kas-rh-kas-fwd': "
        "30 km, against 1,595 km), while at (52.5, 40.8) every one fits its distance_km"
    )


def test_a_distance_slipped_as_well_is_warned_of_from_the_mended_place() -> None:
    """With the port road at 72 km too, kas-fwd is still named, and that road warned of apart.

    The road's warning measures from kas-fwd swapped back (595 km), not from where it is
    written (1,244 km), and says so.
    """
    found = _coordinate_warnings(_steppe(72))
    assert [(f.entity, f.entity_id) for f in found] == [
        ("location", "kas-fwd"),
        ("link", "r-kas-port-kas-fwd"),
    ]
    assert "while at (52.5, 40.8) 6 of the 7 fit their distance_km" in found[0].message
    assert "'kas-fwd' (52.5, 40.8, its lat and lon swapped back) are 595 km apart" in (
        found[1].message
    )


def test_a_long_route_that_fits_either_way_does_not_clear_a_swapped_place() -> None:
    """A sea route longer than the great circle from both positions tells nothing, either way."""
    hub, far = _loc("hub", 47.0, 24.0), _loc("far", 10.0, -20.0)
    sites = [_loc(f"s{i}", 47.0 + 0.2 * i, 24.0 + 0.1 * i) for i in (1, 2)]
    links = [_road(hub, s) for s in sites] + [_link(hub, far, 20_000, Mode.SEA)]
    found = _coordinate_warnings(_scenario([_swap(hub), *sites, far], links))
    assert [(f.entity, f.entity_id) for f in found] == [("location", "hub")]


def test_a_site_that_is_right_is_not_blamed_for_its_swapped_neighbour() -> None:
    """A site with two roads to a swapped place and one that fits is not the one named.

    The site, judged first (it has more links), would be mended by swapping it on two of
    its three links; the place its two roads lead to is mended on all of its.
    """
    site, other = _loc("site", 47.0, 24.0), _loc("other", 47.3, 24.4)
    wrong = _loc("wrong", 47.1, 23.7)
    links = [_road(site, other), _road(site, wrong), _road(site, wrong, 1.4)]
    links[2] = Link(**{**_fields(links[2]), "id": "r2"})
    found = _coordinate_warnings(_scenario([site, other, _swap(wrong)], links))
    assert [(f.entity, f.entity_id) for f in found] == [("location", "wrong")]


def _fields(link: Link) -> dict[str, object]:
    return {f: getattr(link, f) for f in ("origin", "destination", "mode", "distance_km",
                                          "transit_days", "id")}  # fmt: skip


@st.composite
def _networks(draw: st.DrawFn) -> tuple[list[Location], list[Link], int, int | None]:
    """A connected network in a box of 3° by 4°, far from where a swap would put a place.

    Roads 1.0 to 1.5 times the great circle; one place to swap (an index), and maybe one
    link (an index) whose distance slipped to 5-40 % of that.
    """
    n = draw(st.integers(3, 8))
    places = [
        _loc(f"p{i}", draw(st.floats(46.0, 49.0)), draw(st.floats(22.0, 26.0))) for i in range(n)
    ]
    pairs = [(draw(st.integers(0, i - 1)), i) for i in range(1, n)]
    pairs += draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=6))
    links = [_road(places[a], places[b], draw(st.floats(1.0, 1.5))) for a, b in pairs if a != b]
    links = [Link(**{**_fields(link), "id": f"l{k}"}) for k, link in enumerate(links)]
    swapped = draw(st.integers(0, n - 1))
    slipped = draw(st.none() | st.integers(0, len(links) - 1))
    if slipped is not None:
        share = draw(st.floats(0.05, 0.4))
        links[slipped] = Link(
            **{**_fields(links[slipped]), "distance_km": links[slipped].distance_km * share}
        )
    return places, links, swapped, slipped


def _fits_truly(link: Link, where: dict[str, Location]) -> bool:
    a, b = where[link.origin], where[link.destination]
    return great_circle_km(a.lat, a.lon, b.lat, b.lon) <= link.distance_km + 20


@given(_networks())
def test_one_swapped_place_is_named_and_no_place_that_is_right(
    network: tuple[list[Location], list[Link], int, int | None],
) -> None:
    """In any network with one place swapped (and maybe one distance slipped), that place is named.

    And no other place whose links all fit the true map is blamed. The one exception the
    data cannot tell: the swapped place's right links all lead to one place whose own
    right links all lead back (with the slipped link, each explains as much as the other).
    """
    places, links, swapped, slipped = network
    right = [link for k, link in enumerate(links) if k != slipped]
    s_id = places[swapped].id
    where = {p.id: p for p in places}
    written = [_swap(p) if p.id == s_id else p for p in places]
    named = {
        f.entity_id
        for f in _coordinate_warnings(_scenario(written, links))
        if f.entity == "location"
    }
    for place in places:
        ends = [link for link in links if place.id in (link.origin, link.destination)]
        if place.id != s_id and all(_fits_truly(link, where) for link in ends):
            assert place.id not in named
    neighbours = {
        link.origin if link.destination == s_id else link.destination
        for link in right
        if s_id in (link.origin, link.destination)
    }
    tied = len(neighbours) == 1 and all(
        s_id in (link.origin, link.destination)
        for link in right
        if neighbours <= {link.origin, link.destination}
    )
    if neighbours and not tied:
        assert s_id in named

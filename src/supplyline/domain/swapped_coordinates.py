"""Which places look to have their latitude and longitude swapped, judged by their links.

A place written at (lon, lat) for (lat, lon) puts its links far shorter than the great
circle from there, and a link's ``distance_km`` is the evidence for where its ends are.
A place is judged by its links, one by one: a link *mends* when it does not fit its
distance as written but fits with the place's lat and lon swapped, and *breaks* when it
fits as written but not swapped; a link that fits both ways (a long sea route) or neither
(its distance wrong as well) tells nothing. See :func:`find_swapped_places`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from supplyline.domain.findings import Finding
from supplyline.domain.geo import great_circle_km
from supplyline.domain.network import Link
from supplyline.domain.scenario import Scenario
from supplyline.errors import Severity

__all__ = [
    "SHORT_LINK_MARGIN_KM",
    "SHORT_LINK_RATIO",
    "LinkFit",
    "Position",
    "contradicts",
    "find_swapped_places",
    "fits",
    "link_fit",
]

SHORT_LINK_RATIO = 0.5
"""A link's ``distance_km`` below this share of the great circle between its ends is warned of.

No road, railway, flight or sea route is shorter than the great circle (roads run about 1.2
to 1.5 times it, flights 1.05): below it at all, the data contradict each other. Half leaves
room for coordinates that are only roughly right (a town's centre for its yard, a figure
rounded to 0.1°) and a distance read off a timetable, while a latitude and longitude swapped,
a lost sign or a digit slipped put places hundreds or thousands of km off and are caught.
"""
SHORT_LINK_MARGIN_KM = 20.0
"""...and only when the great circle is this much longer than the link: coordinates rounded
to 0.1° put each end up to about 7 km off, so a 2 km spur between two such places is not
called a contradiction."""

Position = tuple[float, float]
"""A place's (lat, lon) in degrees."""


def contradicts(distance_km: float, crow_km: float) -> bool:
    """Whether a link's distance is far below the great circle between its ends.

    >>> contradicts(12.0, 4369.0), contradicts(90.0, 100.0)
    (True, False)
    """
    return (
        distance_km < SHORT_LINK_RATIO * crow_km and crow_km - distance_km >= SHORT_LINK_MARGIN_KM
    )


def fits(distance_km: float, crow_km: float) -> bool:
    """Whether a link's distance is no shorter than the great circle, within the rounding margin.

    >>> fits(30.0, 45.0), fits(30.0, 60.0)
    (True, False)
    """
    return crow_km <= distance_km + SHORT_LINK_MARGIN_KM


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkFit:
    """How one link of a place fits its distance, with the place as written and swapped.

    ``short`` is the link far shorter than the great circle as written (what is warned of).
    """

    link: Link
    crow_km: float
    as_written: bool
    swapped: bool
    short: bool

    @property
    def mends(self) -> bool:
        """Not fitting as written, fitting swapped: evidence for the swap."""
        return self.swapped and not self.as_written

    @property
    def breaks(self) -> bool:
        """Fitting as written, not fitting swapped: evidence against the swap."""
        return self.as_written and not self.swapped


def link_fit(link: Link, here: Position, there: Position) -> LinkFit:
    """How ``link`` from a place at ``here`` to its other end at ``there`` fits, and swapped.

    >>> from supplyline.domain.network import Mode
    >>> road = Link(id="r", origin="a", destination="b", mode=Mode.ROAD, distance_km=30,
    ...             transit_days=1)
    >>> f = link_fit(road, (40.8, 52.5), (52.6, 40.5))
    >>> f.mends, f.breaks, f.short
    (True, False, True)
    """
    crow_km = great_circle_km(*here, *there)
    swapped_km = great_circle_km(here[1], here[0], *there)
    return LinkFit(
        link=link,
        crow_km=crow_km,
        as_written=fits(link.distance_km, crow_km),
        swapped=fits(link.distance_km, swapped_km),
        short=contradicts(link.distance_km, crow_km),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Case:
    """The case for one place being swapped: its links' fits, and what they add up to."""

    place_id: str
    fits: tuple[LinkFit, ...]

    @property
    def mended(self) -> list[LinkFit]:
        return [f for f in self.fits if f.mends]

    @property
    def weight(self) -> int:
        """Links the swap mends less links it breaks: the stronger case wins a tie of two."""
        return len(self.mended) - sum(f.breaks for f in self.fits)

    @property
    def holds(self) -> bool:
        """A clear majority of the links that tell mend, and one of them is far short.

        Two in three, not every one: one link whose distance is wrong as well (it fits
        neither way) or whose other end is itself misplaced must not clear the place.
        """
        mended = len(self.mended)
        told = mended + sum(f.breaks for f in self.fits)
        return any(f.short for f in self.mended) and 3 * mended >= 2 * told


def find_swapped_places(s: Scenario) -> tuple[list[Finding], dict[str, Position]]:
    """Places whose latitude and longitude look swapped, and every place's position mended.

    Places are judged in order of their links, most first, each against the positions
    of the places judged swapped before it (mended), so a site whose one road leads to a
    swapped depot fits once the depot is mended. A place is named when a clear majority
    of its links that tell mend with its lat and lon swapped (:attr:`_Case.holds`), unless
    one neighbour, swapped instead, would mend every one of them with a case as strong:
    then the data cannot tell the two apart (two places joined only to each other), or the
    neighbour is the one. A tester's depot with seven links was never named because one
    link of 720 km was not far shorter than the 1,244 km from the wrong position, and the
    two sites with one road to the depot were blamed instead.

    The positions returned are for judging links: those of the named places swapped back.

    >>> import datetime as dt
    >>> from supplyline.domain import Location, LocationKind, Mode, Partner
    >>> def place(i, lat, lon):
    ...     return Location(id=i, name=i, partner="p", kind=LocationKind.DEPOT, lat=lat, lon=lon)
    >>> def road(a, b, km):
    ...     return Link(id=f"{a}-{b}", origin=a, destination=b, mode=Mode.ROAD,
    ...                 distance_km=km, transit_days=1)
    >>> s = Scenario(name="x", start_date=dt.date(2027, 1, 1), horizon_days=5,
    ...              partners=(Partner(id="p", name="P"),),
    ...              locations=(place("hub", 40.8, 52.5), place("a", 52.6, 40.5),
    ...                         place("b", 52.7, 41.2), place("c", 52.9, 41.0)),
    ...              links=(road("hub", "a", 30), road("hub", "b", 45), road("hub", "c", 60)))
    >>> found, at = find_swapped_places(s)
    >>> [f.entity_id for f in found], at["hub"]
    (['hub'], (52.5, 40.8))
    """
    where = s.location_by_id
    links_of: defaultdict[str, list[Link]] = defaultdict(list)
    for link in s.links:
        if link.origin in where and link.destination in where and link.origin != link.destination:
            links_of[link.origin].append(link)
            links_of[link.destination].append(link)
    at: dict[str, Position] = {i: (loc.lat, loc.lon) for i, loc in where.items()}
    found: list[Finding] = []
    for place_id in sorted(links_of, key=lambda p: (-len(links_of[p]), p)):
        case = _case(place_id, links_of[place_id], at)
        if case is None or not case.holds or _neighbour_instead(case, links_of, at):
            continue
        found.append(_finding(case, at[place_id]))
        lat, lon = at[place_id]
        at[place_id] = (lon, lat)
    return found, at


def _case(place_id: str, links: Sequence[Link], at: Mapping[str, Position]) -> _Case | None:
    """The case for ``place_id`` swapped, or None if its longitude cannot be a latitude."""
    here = at[place_id]
    if abs(here[1]) > 90:
        return None
    return _Case(
        place_id=place_id,
        fits=tuple(link_fit(link, here, at[_other_end(link, place_id)]) for link in links),
    )


def _neighbour_instead(
    case: _Case, links_of: Mapping[str, Sequence[Link]], at: Mapping[str, Position]
) -> bool:
    """Whether one neighbour, swapped instead, mends every link ``case`` mends, as strongly.

    Or the two are joined only to each other: a link's fit one way is no evidence there,
    as the other place or the distance may as well be what is wrong.
    """
    others = {_other_end(f.link, case.place_id) for f in case.mended}
    if len(others) != 1:
        return False
    (other,) = others
    if all(_other_end(link, other) == case.place_id for link in links_of[other]) and all(
        f.link in links_of[other] for f in case.fits
    ):
        return True  # two places joined only to each other: either may be wrong, or the km
    theirs = _case(other, links_of[other], at)
    if theirs is None or not theirs.holds or theirs.weight < case.weight:
        return False
    mended_there = {f.link.id for f in theirs.mended}
    return all(f.link.id in mended_there for f in case.mended)


def _finding(case: _Case, here: Position) -> Finding:
    """The warning on a place's ``lat``, with the worst of its short links for evidence."""
    lat, lon = here
    n, mended = len(case.fits), len(case.mended)
    shorts = [f for f in case.fits if f.short]
    worst = max(shorts, key=lambda f: f.crow_km - f.link.distance_km)
    if len(shorts) == n:
        count = f"all {n} of its links are" if n > 1 else "its link is"
    else:
        count = f"{len(shorts)} of its {n} links " + ("is" if len(shorts) == 1 else "are")
    if mended == n:
        fit = "every one fits its distance_km"
    else:
        fit = f"{mended} of the {n} fit their distance_km"
    return Finding(
        entity="location",
        entity_id=case.place_id,
        field="lat",
        severity=Severity.WARNING,
        message=f"{case.place_id!r} at ({lat:g}, {lon:g}) looks to have its latitude and "
        f"longitude swapped: {count} far shorter than the great circle from there (link "
        f"{worst.link.id!r}: {worst.link.distance_km:,.6g} km, against {worst.crow_km:,.0f} "
        f"km), while at ({lon:g}, {lat:g}) {fit} (swap lat and lon)",
    )


def _other_end(link: Link, place_id: str) -> str:
    return link.destination if link.origin == place_id else link.origin

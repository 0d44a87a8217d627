"""Checks of the network's links: rail gauges where they meet, and distances the map contradicts.

- Two rail gauges may only meet at a transshipment location (an error).
- A rail link without a gauge that meets gauged rail elsewhere hides a break of gauge from
  that check (a warning).
- A link much shorter than the great circle between its ends means a coordinate or the
  distance is wrong (a warning).
- A link between two places at the same coordinates means one of them is misplaced (a
  warning).
- A one-way road into a place that no road leads out of leaves a truck no road back (a
  warning).
"""

from __future__ import annotations

from collections import defaultdict

from supplyline.domain.findings import Finding
from supplyline.domain.geo import great_circle_km
from supplyline.domain.network import Link, LocationKind, Mode
from supplyline.domain.scenario import Scenario
from supplyline.domain.swapped_coordinates import (
    SHORT_LINK_MARGIN_KM,
    SHORT_LINK_RATIO,
    contradicts,
    find_swapped_places,
)
from supplyline.errors import Severity

__all__ = [
    "SHORT_LINK_MARGIN_KM",
    "SHORT_LINK_RATIO",
    "check_distances",
    "check_gauges",
    "check_gauges_known",
    "check_one_way_dead_ends",
    "check_same_spot",
]


def _rail_ends(s: Scenario) -> tuple[dict[str, dict[int, str]], dict[str, list[str]]]:
    """For each location: its rail gauges (with the first link of each), and its gauge-less rail."""
    gauged: defaultdict[str, dict[int, str]] = defaultdict(dict)
    ungauged: defaultdict[str, list[str]] = defaultdict(list)
    for link in s.links:
        if link.mode is not Mode.RAIL:
            continue
        for end in dict.fromkeys((link.origin, link.destination)):
            if link.gauge_mm is None:
                ungauged[end].append(link.id)
            else:
                gauged[end].setdefault(link.gauge_mm, link.id)
    return gauged, ungauged


def check_gauges(s: Scenario) -> list[Finding]:
    """Rail links of different gauges may only meet at a transshipment location."""
    gauged, _ = _rail_ends(s)
    found: list[Finding] = []
    for loc_id, by_gauge in gauged.items():
        loc = s.location_by_id.get(loc_id)
        if len(by_gauge) > 1 and loc is not None and loc.kind is not LocationKind.TRANSSHIPMENT:
            (g1, l1), (g2, l2) = sorted(by_gauge.items())[:2]
            found.append(
                Finding(
                    entity="link",
                    entity_id=l2,
                    field="gauge_mm",
                    message=f"rail link {l2!r} ({g2} mm) meets link {l1!r} ({g1} mm) "
                    f"at {loc_id!r}, "
                    f"which is a {loc.kind} (make it kind 'transshipment', or add a "
                    "transshipment yard between the two gauges)",
                )
            )
    return found


def check_gauges_known(s: Scenario) -> list[Finding]:
    """Warn where a rail link without a gauge meets gauged rail outside a transshipment yard.

    There :func:`check_gauges` cannot tell whether the gauge breaks: a tester's depot where
    1435 mm rail met broad-gauge links left empty validated silently, and was refused once
    the gauges were filled in. At a transshipment location any gauges may meet, so nothing
    is hidden there.
    """
    gauged, ungauged = _rail_ends(s)
    found: list[Finding] = []
    for loc_id, link_ids in ungauged.items():
        loc = s.location_by_id.get(loc_id)
        by_gauge = gauged.get(loc_id)
        if loc is None or not by_gauge or loc.kind is LocationKind.TRANSSHIPMENT:
            continue
        others = ", ".join(f"{lid!r} ({g} mm)" for g, lid in sorted(by_gauge.items()))
        links = "rail link" if len(by_gauge) == 1 else "rail links"
        for link_id in link_ids:
            found.append(
                _link_warning(
                    link_id,
                    "gauge_mm",
                    f"rail link {link_id!r} has no gauge_mm, but meets {links} "
                    f"{others} at {loc_id!r}, which is a {loc.kind}: whether the gauge breaks "
                    "there cannot be checked (fill in gauge_mm; two gauges may only meet at a "
                    "transshipment location)",
                )
            )
    return found


def check_distances(s: Scenario) -> list[Finding]:
    """Warn of links much shorter than the great circle between their ends.

    A tester's place put at 73.2 N 149.85 E (latitude and longitude swapped), joined to
    its neighbour by a 12 km road, validated silently. Below :data:`SHORT_LINK_RATIO` of the
    great circle and :data:`SHORT_LINK_MARGIN_KM` short of it, whatever the mode: air and
    sea cannot beat the great circle either. A place whose links say its latitude and
    longitude are swapped is named once instead
    (:func:`~supplyline.domain.swapped_coordinates.find_swapped_places`), and the links
    are judged with it swapped back: those that still contradict the map are warned of,
    with its mended position (a distance slipped as well as the swap).
    """
    found, at = find_swapped_places(s)
    where = s.location_by_id
    for link in s.links:
        a, b = where.get(link.origin), where.get(link.destination)
        if a is None or b is None:
            continue  # a dangling end is an error of its own
        crow_km = great_circle_km(*at[a.id], *at[b.id])
        if not contradicts(link.distance_km, crow_km):
            continue
        found.append(
            _link_warning(
                link.id,
                "distance_km",
                f"{link.mode} link {link.id!r} is {link.distance_km:,.6g} km long, "
                f"but {_placed(a.id, at[a.id], (a.lat, a.lon))} and "
                f"{_placed(b.id, at[b.id], (b.lat, b.lon))} "
                f"are {crow_km:,.0f} km apart on the great circle, the shortest way "
                "between them: check the coordinates or the distance (a latitude and "
                "longitude swapped, a sign lost?)",
            )
        )
    return found


def _placed(place_id: str, at: tuple[float, float], written: tuple[float, float]) -> str:
    """A place and its position, said to be swapped back if that is where it is judged."""
    back = "" if at == written else ", its lat and lon swapped back"
    return f"{place_id!r} ({at[0]:g}, {at[1]:g}{back})"


def _same_spot(lat0: float, lon0: float, lat1: float, lon1: float) -> bool:
    """Whether two coordinates are one place (180 and -180 being one meridian)."""
    return lat0 == lat1 and (lon0 == lon1 or abs(lon0) == abs(lon1) == 180.0)


def check_same_spot(s: Scenario) -> list[Finding]:
    """Warn of links between two places at exactly the same coordinates.

    Two places of a network are not one spot: a depot and the camp it serves 45 km away
    at equal coordinates is a coordinate copied from the row above (a tester's). The map
    draws such a link as nothing, and ``network.geojson`` has no line for it (a line of
    two equal points is invalid in GEOS); the plan is unchanged, as it reads
    ``distance_km``.
    """
    found: list[Finding] = []
    where = s.location_by_id
    for link in s.links:
        a, b = where.get(link.origin), where.get(link.destination)
        if a is None or b is None or a.id == b.id:
            continue  # a dangling end, or a loop, is an error of its own
        if _same_spot(a.lat, a.lon, b.lat, b.lon):
            found.append(
                _link_warning(
                    link.id,
                    "to",
                    f"{link.mode} link {link.id!r} joins {a.id!r} and {b.id!r}, which "
                    f"are at the same coordinates ({a.lat:g}, {a.lon:g}) in locations.csv: "
                    "one of them is likely misplaced (check their lat and lon; the map and "
                    "network.geojson draw no line for this link)",
                )
            )
    return found


def check_one_way_dead_ends(s: Scenario) -> list[Finding]:
    """Warn of one-way roads into a place that no road leads out of, on any day.

    A truck that drives such a road has no road back in the scenario. The convoy router
    then estimates the way back (great circle × ``routing.detour_factor``), the scenario
    being silent on it, and the movement plan, which follows the router's rule of who can
    come back (:mod:`supplyline.planning.truck_return`), drives it too; most likely the
    road was meant two-way, or the road back is missing. One warning per road in.

    The roads out of each place are gathered once: looking through every road for each
    one-way road took 0.3-0.95 s of a 500-place corridor's load (468 one-way roads).
    """
    roads = [link for link in s.links if link.mode is Mode.ROAD]
    out_of: defaultdict[str, list[Link]] = defaultdict(list)
    for road in roads:
        for a, _ in road.directions():
            out_of[a].append(road)
    shut: dict[str, str | None] = {}
    found: list[Finding] = []
    for link in roads:
        place = link.destination
        if link.bidirectional or place == link.origin:
            continue
        if place in out_of:
            if place not in shut:
                shut[place] = _all_shut(out_of[place], s.horizon_days)
            why = shut[place]
            if why is not None:
                found.append(_no_way_back(link, why))
            continue
        found.append(
            _link_warning(
                link.id,
                "bidirectional",
                f"road link {link.id!r} leads one way into {place!r}, and no road "
                f"leads out of {place!r}: a truck has no road back (routes and the plan "
                "take it back over a road the scenario does not give, estimated as the "
                "great circle × routing.detour_factor); make the road bidirectional, or "
                f"add the road out of {place!r}",
            )
        )
    return found


def _all_shut(out: list[Link], horizon_days: int) -> str | None:
    """Why every road of ``out`` is shut for the whole horizon, or None if one can be driven.

    Capacity 0 (closed to trucks on every day) or closed on every day.
    """
    days = range(horizon_days)
    if any(r.carries_tonnes and any(r.is_open(d) for d in days) for r in out):
        return None
    return "; ".join(
        f"{r.id!r} " + ("has capacity 0 t/day" if not r.carries_tonnes else "is closed every day")
        for r in out
    )


def _no_way_back(link: Link, why: str) -> Finding:
    """The warning of a one-way road into a place whose roads out are all shut (``why``).

    The plan then brings nothing in by road, as no truck can come back, and a tester's
    camp behind a road out of capacity 0 validated silently and planned 100 % short.
    """
    place = link.destination
    return _link_warning(
        link.id,
        "bidirectional",
        f"road link {link.id!r} leads one way into {place!r}, and no road out of "
        f"{place!r} can be driven on any day ({why}): a truck has no way back, so the "
        f"plan brings nothing into {place!r} by road; give the road out a capacity, "
        "or make this road bidirectional",
    )


def _link_warning(link_id: str, field: str, message: str) -> Finding:
    """A warning about a link's ``field`` (links.csv's column), said in ``message``."""
    return Finding(
        entity="link", entity_id=link_id, field=field, severity=Severity.WARNING, message=message
    )

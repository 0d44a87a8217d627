"""Where a bottleneck is, as fields of its record: the link or place, its name and geometry.

The resource's name (``K7 (L6→L11)``, ``os-forward/spares``, ``rail-e closed C+6–C+13``)
and the explanation said where a bottleneck was; a user joining bottlenecks.csv to
network.geojson in QGIS had to read them. These are the scenario's own ids (the link's in
links.csv, the place's in locations.csv), the link's ends and mode, the place's name and
coordinates, and a WKT geometry that QGIS's delimited-text layer draws as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from supplyline.domain import ResourceKind
from supplyline.planning.assemble import Problem
from supplyline.planning.resources import Run
from supplyline.types import LIST_SEPARATOR

__all__ = ["Place", "links_place", "location_place", "run_place"]


class Place(TypedDict, total=False):
    """:class:`~supplyline.domain.Bottleneck`'s fields that say where it is."""

    link: str
    origin: str
    destination: str
    mode: str
    location: str
    location_name: str
    lon: float
    lat: float
    wkt: str


_LINK_KINDS = (ResourceKind.LINK_TONNES, ResourceKind.LINK_PAX)


def run_place(p: Problem, run: Run) -> Place:
    """Where a priced resource is: the link as the arc it binds on, or the place."""
    _, ident = run.key
    if run.kind not in _LINK_KINDS:
        return location_place(p, ident)
    net = p.net
    a, b = int(net.arc_from[ident]), int(net.arc_to[ident])
    link = p.scenario.links[int(net.arc_link[ident])]
    return _link_fields(p, link.id, link.mode.value, net.location_ids[a], net.location_ids[b])


def location_place(p: Problem, index: int) -> Place:
    """A place's id, name and coordinates, by its index in the scenario's locations."""
    loc = p.scenario.locations[index]
    return {
        "location": loc.id,
        "location_name": loc.name,
        "lon": loc.lon,
        "lat": loc.lat,
        "wkt": f"POINT ({loc.lon} {loc.lat})",
    }


def links_place(p: Problem, indices: Sequence[int]) -> Place:
    """Closed links, by index in the scenario's links: one link's ends, several ids joined."""
    links = [p.scenario.links[i] for i in dict.fromkeys(indices)]
    if len(links) != 1:
        return {"link": LIST_SEPARATOR.join(link.id for link in links)}
    link = links[0]
    return _link_fields(p, link.id, link.mode.value, link.origin, link.destination)


def _link_fields(p: Problem, link: str, mode: str, origin: str, destination: str) -> Place:
    ends = [p.scenario.location(origin), p.scenario.location(destination)]
    line = ", ".join(f"{loc.lon} {loc.lat}" for loc in ends)
    return {
        "link": link,
        "origin": origin,
        "destination": destination,
        "mode": mode,
        "wkt": f"LINESTRING ({line})",
    }

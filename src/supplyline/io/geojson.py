"""Lines for GeoJSON that run the short way across the antimeridian, and end on their places.

A line between two places more than 180° of longitude apart runs the short way, across
±180°; GeoJSON has it as a MultiLineString whose parts meet at the antimeridian (RFC 7946,
section 3.1.9), so that GIS software does not draw it the long way round the world. The
plan's links and the trucks' paths both go through :func:`path_geometry`.

A place *on* the antimeridian (longitude 180 or −180, the same meridian) is written on
the side its lines leave it to (:func:`antimeridian_sides`): a line from it to −179.5 starts
at −180, so that the line's end and the place's Point are the same coordinates, which GIS
snapping and network tools need to join them. A path with no length (places at the same
coordinates) has no line at all: its feature's geometry is ``null`` (RFC 7946, section
3.2), which GDAL, QGIS and shapely read, where a line of two equal points is invalid.

Every GeoJSON supplyline writes is put together by :func:`feature_collection`, which leaves
out a property that is ``null`` on every feature of the file. GDAL (through which QGIS
opens GeoJSON) types a field from its values, and a field with none is typed String: a
tester's ``handling_pax_per_day``, null on every place of both bundled examples, and
``gauge_mm`` in a scenario without rail, came into QGIS as text columns (no graduated
style; a GeoPackage export kept them TEXT). A property some feature has a value for keeps
the type of that value, and is ``null`` on the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

__all__ = ["antimeridian_sides", "feature_collection", "path_geometry"]

Point = tuple[float, float]
"""(longitude, latitude) in degrees."""


def _on_antimeridian(lon: float) -> bool:
    return abs(lon) == 180.0


def antimeridian_sides(
    lons: Mapping[str, float], joins: Iterable[tuple[str, str]]
) -> dict[str, float]:
    """Each place's longitude as GeoJSON writes it: ±180 put on the side of its lines.

    ``lons`` maps places to their longitudes, ``joins`` are the pairs of places a line
    joins. A place at ±180 takes the sign of most of the places it is joined to (a place
    east of the antimeridian has a negative longitude: −180), counting, when it has none off
    the antimeridian, the places on it already settled; a tie keeps it as written. Every
    other longitude is as given; of places joined only to places on the antimeridian, the
    first by name stays as written and the others follow it. A place joined to places on
    both sides cannot be one coordinate for both: its lines to the fewer start at the other
    sign (the same meridian).

    >>> antimeridian_sides({"a": 180.0, "b": -179.5, "c": 10.0}, [("a", "b")])
    {'a': -180.0, 'b': -179.5, 'c': 10.0}
    """
    out = dict(lons)
    near: dict[str, list[str]] = defaultdict(list)
    for a, b in joins:
        if a in out and b in out:
            near[a].append(b)
            near[b].append(a)
    unsettled = {p for p, lon in out.items() if _on_antimeridian(lon)}
    while unsettled:
        settled: dict[str, float] = {}
        for place in sorted(unsettled):
            votes = [out[q] for q in near[place] if q not in unsettled and q != place]
            if not votes:
                continue
            east = sum(1 for lon in votes if lon < 0)
            west = sum(1 for lon in votes if lon > 0)
            settled[place] = out[place] if east == west else (-180.0 if east > west else 180.0)
        if not settled:  # joined to nothing settled: the first stays as written, and
            first = min(unsettled)  # those on the antimeridian joined to it follow it
            settled[first] = out[first]
        out.update(settled)
        unsettled -= settled.keys()
    return out


def _segment(a: Point, b: Point) -> list[list[list[float]]]:
    """One leg as one part, or as two parts meeting at ±180° when it crosses there.

    A leg from a point on the antimeridian starts at the sign of the side it goes to, and
    one to a point on it ends at the sign of the side it comes from: no part is cut to
    nothing.
    """
    (x0, y0), (x1, y1) = a, b
    if abs(x1 - x0) <= 180.0:
        return [[[x0, y0], [x1, y1]]]
    if _on_antimeridian(x0):
        return [[[-x0, y0], [x1, y1]]]
    if _on_antimeridian(x1):
        return [[[x0, y0], [-x1, y1]]]
    edge = 180.0 if x0 > x1 else -180.0
    run = x1 - x0 + 2 * edge  # the short way, in degrees: across the edge
    lat = y0 + (y1 - y0) * (edge - x0) / run
    return [[[x0, y0], [edge, lat]], [[-edge, lat], [x1, y1]]]


def _without_repeats(part: list[list[float]]) -> list[list[float]]:
    """A part with each point that repeats the one before dropped."""
    return [p for i, p in enumerate(part) if i == 0 or p != part[i - 1]]


def path_geometry(points: Sequence[Point]) -> dict[str, Any] | None:
    """A LineString through ``points``, cut into a MultiLineString where a leg crosses ±180°.

    ``None`` (a feature's ``null`` geometry) for a path that does not move: fewer than two
    points, or all of them at one place. A point that repeats the one before is dropped, so
    every part has two distinct points at least, as GEOS wants of a valid line.

    >>> path_geometry([(10.0, 50.0), (12.0, 51.0)])["type"]
    'LineString'
    >>> path_geometry([(179.0, -17.0), (-179.0, -17.0)])["coordinates"]
    [[[179.0, -17.0], [180.0, -17.0]], [[-180.0, -17.0], [-179.0, -17.0]]]
    >>> path_geometry([(180.0, -10.0), (-179.5, -12.1)])["coordinates"]
    [[-180.0, -10.0], [-179.5, -12.1]]
    >>> path_geometry([(3.0, 4.0), (3.0, 4.0)]) is None
    True
    """
    parts: list[list[list[float]]] = []
    for a, b in pairwise(points):
        legs = _segment(a, b)
        if parts and parts[-1][-1] == legs[0][0]:
            parts[-1].extend(legs[0][1:])  # the leg goes on from where the line is
        else:
            parts.append(legs[0])
        parts.extend(legs[1:])
    kept = [part for part in map(_without_repeats, parts) if len(part) >= 2]
    if not kept:
        return None
    if len(kept) == 1:
        return {"type": "LineString", "coordinates": kept[0]}
    return {"type": "MultiLineString", "coordinates": kept}


def feature_collection(
    features: Sequence[Mapping[str, Any]], *, name: str | None = None
) -> dict[str, Any]:
    """A FeatureCollection of ``features``, each without the properties null on all of them.

    A property that is ``null`` (``None``) or absent on every feature is left out of each
    (the module docstring: GDAL would type it String); the others are kept as given, in
    their order, ``null`` where a feature has no value. ``name``, where given, is the
    collection's ``name`` member, which GDAL reads as the layer's name.

    >>> kept = feature_collection([
    ...     {"type": "Feature", "geometry": None, "properties": {"id": "a", "gauge_mm": None}},
    ...     {"type": "Feature", "geometry": None, "properties": {"id": "b", "gauge_mm": None}},
    ... ])
    >>> [f["properties"] for f in kept["features"]]
    [{'id': 'a'}, {'id': 'b'}]
    """
    valued = {k for f in features for k, v in f["properties"].items() if v is not None}
    kept = [
        {**f, "properties": {k: v for k, v in f["properties"].items() if k in valued}}
        for f in features
    ]
    named = {} if name is None else {"name": name}
    return {"type": "FeatureCollection", **named, "features": kept}

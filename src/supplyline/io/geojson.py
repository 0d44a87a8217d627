"""Lines for GeoJSON that run the short way across the antimeridian.

A line between two places more than 180° of longitude apart runs the short way, across
±180°; GeoJSON has it as a MultiLineString whose parts meet at the antimeridian (RFC 7946,
section 3.1.9), so that GIS software does not draw it the long way round the world. The
plan's links and the trucks' paths both go through :func:`path_geometry`.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

__all__ = ["path_geometry"]

Point = tuple[float, float]
"""(longitude, latitude) in degrees."""


def _segment(a: Point, b: Point) -> list[list[list[float]]]:
    """One leg as one part, or as two parts meeting at ±180° when it crosses there."""
    start, end = [a[0], a[1]], [b[0], b[1]]
    if abs(b[0] - a[0]) <= 180.0:
        return [[start, end]]
    edge = 180.0 if a[0] > b[0] else -180.0
    run = b[0] - a[0] + 2 * edge  # the short way, in degrees: across the edge
    if run == 0.0:  # both ends on the antimeridian, one written -180 and one 180
        return [[start, [a[0], b[1]]]]
    lat = a[1] + (b[1] - a[1]) * (edge - a[0]) / run
    parts = [[start, [edge, lat]], [[-edge, lat], end]]
    return [part for part in parts if part[0] != part[1]] or [[start, end]]


def path_geometry(points: Sequence[Point]) -> dict[str, Any]:
    """A LineString through ``points``, cut into a MultiLineString where a leg crosses ±180°.

    >>> path_geometry([(10.0, 50.0), (12.0, 51.0)])["type"]
    'LineString'
    >>> path_geometry([(179.0, -17.0), (-179.0, -17.0)])["coordinates"]
    [[[179.0, -17.0], [180.0, -17.0]], [[-180.0, -17.0], [-179.0, -17.0]]]
    """
    parts: list[list[list[float]]] = []
    for a, b in pairwise(points):
        legs = _segment(a, b)
        if parts and parts[-1][-1] == legs[0][0]:
            parts[-1].extend(legs[0][1:])  # the leg goes on from where the line is
        else:
            parts.append(legs[0])
        parts.extend(legs[1:])
    if not parts:  # a single point: a line that does not move
        first = [points[0][0], points[0][1]] if points else []
        return {"type": "LineString", "coordinates": [first, first] if points else []}
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": parts[0]}
    return {"type": "MultiLineString", "coordinates": parts}

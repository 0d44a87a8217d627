"""Longitude on a flat map that may run past ±180°: where to cut the globe, and how to wrap.

A map's x is a longitude moved by whole turns (360°) so that what is drawn stays in one
piece: a network that straddles the antimeridian gets x beyond 180°, a line runs the
short way between its points, and a shape near the edge of the frame is drawn once more a
turn east or west where that copy shows.

Examples
--------
>>> west = western_edge([179.6, -179.7, -179.2])
>>> [round(map_x(lon, west), 1) for lon in (179.6, -179.7, -179.2)]
[179.6, 180.3, 180.8]
>>> lon_label(180.3)
'−179.7'
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

__all__ = [
    "TURN",
    "joined",
    "lon_label",
    "lon_window",
    "map_x",
    "on_map",
    "short_way",
    "turns_into",
    "western_edge",
]

TURN = 360.0
"""Degrees of longitude round the globe."""

Points = Sequence[tuple[float, float]]


def short_way(x0: float, x: float) -> float:
    """``x`` moved by whole turns to lie within 180° of ``x0``."""
    while x - x0 > 180.0:
        x -= TURN
    while x - x0 < -180.0:
        x += TURN
    return x


def joined(ring: Points) -> list[tuple[float, float]]:
    """A closed ring of (lon, lat) with no jump across the antimeridian.

    Each point is put the short way from the one before. A ring that goes once round a
    pole (Antarctica) is then closed along that pole.
    """
    out = [ring[0]]
    for x, y in ring[1:]:
        out.append((short_way(out[-1][0], x), y))
    if abs(out[-1][0] - out[0][0]) > 180.0:
        pole = -90.0 if sum(y for _, y in out) < 0 else 90.0
        out += [(out[-1][0], pole), (out[0][0], pole), out[0]]
    return out


def western_edge(lons: Iterable[float]) -> float:
    """The longitude where the map starts: just east of the widest band with no point.

    For a network that does not straddle the antimeridian that band holds ±180° and the
    map starts at the network's westernmost point, so nothing moves; otherwise the
    points east of the antimeridian get x beyond 180° and the network stays in one piece.
    """
    ordered = sorted({lon - TURN if lon >= 180.0 else lon for lon in lons})
    if not ordered:
        return -180.0
    widest, west = ordered[0] + TURN - ordered[-1], ordered[0]
    for before, after in itertools.pairwise(ordered):
        if after - before > widest:
            widest, west = after - before, after
    return west


def map_x(lon: float, west: float) -> float:
    """The x of a longitude on a map that starts at ``west``: in [west, west + 360)."""
    return west + (lon - west) % TURN


def on_map(points: Points, west: float) -> list[tuple[float, float]]:
    """A polyline's (lon, lat) points as map (x, lat), each step the short way."""
    out = [(map_x(points[0][0], west), points[0][1])]
    for lon, lat in points[1:]:
        out.append((short_way(out[-1][0], lon), lat))
    return out


def turns_into(x0: float, x1: float, frame: tuple[float, float]) -> list[float]:
    """The shifts (-360, 0, 360) that put some of the span [x0, x1] inside the frame's x."""
    lo, hi = frame
    return [k * TURN for k in (-1, 0, 1) if x1 + k * TURN >= lo and x0 + k * TURN <= hi]


def lon_window(x0: float, x1: float) -> tuple[float, float]:
    """The 360° of x a map of [x0, x1] may show: -180..180, or else centred on the span.

    A map runs past ±180° rather than crowd a network against the antimeridian.
    """
    if x0 >= -180.0 and x1 <= 180.0:
        return -180.0, 180.0
    middle = (x0 + x1) / 2
    return middle - 180.0, middle + 180.0


def lon_label(x: float, _pos: float | None = None) -> str:
    """A tick's longitude in -180..180, however far the map's x runs past the antimeridian."""
    lon = round((x + 180.0) % TURN - 180.0, 6)
    text = "180" if lon in (-180.0, 180.0) else f"{lon:g}"
    return text.replace("-", "\N{MINUS SIGN}")

"""Places that share a spot on the network map, fanned out around it so that each shows.

Two agencies' depots in one compound, or a camp laid out at a warehouse, have the same
coordinates, or ones so close that their markers touch at the map's scale. Drawn where
they are, the last marker hid the others: a planner saw one place where there were three,
and the numbers of the hidden ones sat beside a marker of another kind.

Such places are drawn as a fan: their markers on a small circle around the spot, each
joined to where it truly is by a thin line, with a dot there. A fan rather than one marker
with a combined label ("A / B", or "A +2" and the others in the key): each place keeps its
own marker, so that its kind still shows (a depot and a unit area at one spot are both
there to see), and its own name or number, placed by :mod:`supplyline.reports.map_labels`
as any other place's, so the key needs no new kind of entry. The fan is measured in
points, not degrees: it is as wide at any zoom, and the map's coordinates (the links'
ends, and ``network.geojson``) stay the places' true ones.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import ConnectionPatch

from supplyline.reports.map_labels import Spot, laid_out, marker_transform, place_order

__all__ = ["FAN_GID", "SPOT_GID", "draw_fans", "fan_out"]

FAN_GID = "place-fan"
"""The group id of each thin line from a fanned marker to its true spot, before a count
(``place-fan-0``: ids are unique in a page)."""
SPOT_GID = "place-spot"
"""The same for the dot on the true spot of fanned places (``place-spot-0``)."""

_ROOM_PT = 1.5
"""Room between two markers of a fan."""
_DOT_ROOM_PT = 3.0
"""Room between the true spot's dot and the markers around it."""


def fan_out(fig: Figure, ax: Axes, spots: Sequence[Spot]) -> list[Spot]:
    """``spots`` with those that share a spot moved, in points, onto a fan around it.

    Measured after the figure's layout, at the map's scale: places whose markers would
    touch (centres closer than their mean size) share a spot. Groups are made greedily,
    in the order names are placed, each place joining the first group whose first place
    it touches (so that a string of close places does not become one wide fan).
    """
    laid_out(fig)
    pt_per_px = 72.0 / fig.dpi
    at = [ax.transData.transform((s.x, s.lat)) * pt_per_px for s in spots]
    groups: list[list[int]] = []
    for i in sorted(range(len(spots)), key=lambda i: place_order(spots[i].location)):
        for group in groups:
            first = group[0]
            touch = (spots[i].marker_pt + spots[first].marker_pt) / 2
            if math.dist(at[i], at[first]) < touch:
                group.append(i)
                break
        else:
            groups.append([i])
    out = list(spots)
    for group in groups:
        if len(group) < 2:
            continue
        cx = sum(at[i][0] for i in group) / len(group)
        cy = sum(at[i][1] for i in group) / len(group)
        widest = max(spots[i].marker_pt for i in group)
        radius = max(
            widest / 2 + _DOT_ROOM_PT,
            (widest + _ROOM_PT) / (2 * math.sin(math.pi / len(group))),
        )
        for k, i in enumerate(group):  # the first at the top, the others clockwise
            angle = math.pi / 2 - 2 * math.pi * k / len(group)
            x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            out[i] = dataclasses.replace(spots[i], offset_pt=(x - at[i][0], y - at[i][1]))
    return out


def draw_fans(ax: Axes, spots: Sequence[Spot]) -> None:
    """A thin line from each fanned marker to its true spot, and a dot on that spot."""
    dots: set[tuple[float, float]] = set()
    for i, spot in enumerate(s for s in spots if s.offset_pt != (0.0, 0.0)):
        line = ConnectionPatch(
            xyA=(spot.x, spot.lat),
            coordsA=ax.transData,
            xyB=(spot.x, spot.lat),
            coordsB=marker_transform(ax, spot),
            color="#555555",
            linewidth=0.6,
            zorder=4.5,
        )
        line.set_gid(f"{FAN_GID}-{i}")
        line.set_in_layout(False)
        ax.add_artist(line)
        dots.add((spot.x, spot.lat))
    for i, (x, lat) in enumerate(sorted(dots)):
        (dot,) = ax.plot(x, lat, marker="o", markersize=3, color="#222222", zorder=5)
        dot.set_gid(f"{SPOT_GID}-{i}")

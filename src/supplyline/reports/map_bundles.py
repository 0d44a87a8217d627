"""Links that join the same two places, drawn side by side so that each shows.

A road beside a rail line, a road each way, an air and a sea link between the same ports:
drawn each straight between its ends, the last drawn covered the others, and a tester
could not see that the road under the rail carried anything. Such links make a bundle,
drawn as a transit map draws lines that share a track: side by side across the way, each
with its own width and a gap between them, and eased back onto the places at both ends,
so that every line still meets the places' markers.

The offsets are in points, not degrees, and are measured when the map is drawn, from the
laid-out axes (:class:`SideLine`): the lines stay as far apart at any zoom (the whole
network, the units' area), and a bundle is no wider than its lines and their gaps, so it
reaches no nearer to other places' markers and names than one line as wide would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib.artist import Artist
from matplotlib.backend_bases import RendererBase
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.transforms import Transform

from supplyline.domain import Link, Mode

__all__ = [
    "GAP_PT",
    "LEGEND_HANDLERS",
    "SideBySideKey",
    "SideLine",
    "SidePolyline",
    "aside_on",
    "bundles",
    "pair_of",
    "side_offsets",
    "side_path",
]

Points = npt.NDArray[np.float64]
"""An (n, 2) array of points."""

GAP_PT = 2.0
"""Clear room between two lines of a bundle: two hairlines 1 pt apart read as one."""
_EASE_PER_OFFSET_PT = 4.0
"""How far along the link a line takes to ease from its place out to its side, per point
it moves aside: a slope of about 1 in 4, a bend a reader follows as one line."""
_EASE_LEAST_PT = 8.0
"""The least length of that ease: past the largest marker's half (5.5 pt), so the lines
part where a reader sees them leave the place."""
_EASE_SHARE_MOST = 0.4
"""The most of a link's drawn length each end's ease takes: a short link still runs apart
in its middle."""
_EASE_STEPS = 9
"""Points along each ease (a smooth step), enough that the bend reads as a curve."""


def pair_of(link: Link) -> tuple[str, str]:
    """The two places a link joins, in one order whichever way it runs.

    >>> from supplyline.domain import Link, Mode
    >>> back = Link(id="b", origin="z", destination="a", mode=Mode.ROAD, distance_km=1.0,
    ...             transit_days=1)
    >>> pair_of(back)
    ('a', 'z')
    """
    first, second = sorted((link.origin, link.destination))
    return first, second


def bundles(links: Iterable[Link]) -> dict[tuple[str, str], list[Link]]:
    """Links grouped by the two places they join, each group in its order across the way.

    Across the way (left to right, looking from the pair's first place to its second) by
    mode in the modes' order, then those that run from the first place before those that
    run back, then by id: the same order on every map and in every report.
    """
    grouped: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for link in links:
        grouped[pair_of(link)].append(link)
    modes = list(Mode)
    for pair, group in grouped.items():
        group.sort(key=lambda lk: (modes.index(lk.mode), lk.origin != pair[0], lk.id))
    return dict(grouped)


def side_offsets(widths_pt: Sequence[float], gap_pt: float = GAP_PT) -> list[float]:
    """Each line's centre across the bundle, in points, the bundle centred on the link.

    The lines lie edge to edge with ``gap_pt`` between them, each as wide as it is drawn,
    so that no two overlap however different their widths. A line alone stays on the link.

    >>> side_offsets([7.0, 3.0])
    [-2.5, 4.5]
    >>> side_offsets([0.5])
    [0.0]
    """
    total = sum(widths_pt) + gap_pt * (len(widths_pt) - 1)
    offsets: list[float] = []
    edge = -total / 2
    for width in widths_pt:
        offsets.append(edge + width / 2)
        edge += width + gap_pt
    return offsets


def aside_on(offset_pt: float, link: Link, start: str, end: str) -> float:
    """The offset of a line drawn from ``start`` to ``end`` to lie on ``link``'s drawn line.

    ``offset_pt`` is the link's across its pair's way (to the left, looking from the
    pair's first place, :func:`pair_of`); a line drawn the other way has it to its right.
    A convoy over the road beside a rail line had been drawn on the middle line between
    them, on neither.

    >>> from supplyline.domain import Link, Mode
    >>> road = Link(id="r", origin="z", destination="a", mode=Mode.ROAD, distance_km=1.0,
    ...             transit_days=1)
    >>> aside_on(2.5, road, "a", "z"), aside_on(2.5, road, "z", "a")
    (2.5, -2.5)
    """
    return offset_pt if (start, end) == pair_of(link) else -offset_pt


def side_path(start: Points, end: Points, offset: float, ease_least: float) -> Points:
    """A line from ``start`` to ``end`` (display units) run ``offset`` to its left.

    It leaves ``start`` and comes back to ``end`` on a smooth step, over a length of
    :data:`_EASE_PER_OFFSET_PT` times the offset (at least ``ease_least``, the same units),
    at most :data:`_EASE_SHARE_MOST` of the line; a negative ``offset`` runs to the right.

    >>> path = side_path(np.array([0.0, 0.0]), np.array([100.0, 0.0]), 3.0, 8.0)
    >>> path[0].tolist(), path[-1].tolist(), float(path[:, 1].max())
    ([0.0, 0.0], [100.0, 0.0], 3.0)
    """
    way = end - start
    length = float(np.hypot(*way))
    if length <= 1e-9 or offset == 0.0:
        return np.array([start, end], dtype=np.float64)
    along = way / length
    left = np.array([-along[1], along[0]])
    ease = min(max(ease_least, _EASE_PER_OFFSET_PT * abs(offset)), _EASE_SHARE_MOST * length)
    s = np.linspace(0.0, 1.0, _EASE_STEPS)
    step = s * s * (3.0 - 2.0 * s)
    distance = np.concatenate([ease * s, length - ease * s[::-1]])
    aside = offset * np.concatenate([step, step[::-1]])
    return np.asarray(start + np.outer(distance, along) + np.outer(aside, left), dtype=np.float64)


class SideLine(Line2D):
    """A link's line run ``offset_pt`` to the left of its way from ``ends[0]`` to ``ends[1]``.

    The path is made in display units each time the line is drawn, from the axes as they
    are then: a path worked out before the layout was done (the names' key under the map
    moves it) would put the lines in the wrong place. The ends stay on the places.
    """

    def __init__(
        self,
        ends: tuple[tuple[float, float], tuple[float, float]],
        offset_pt: float,
        **style: Any,
    ) -> None:
        (x0, y0), (x1, y1) = ends
        super().__init__([x0, x1], [y0, y1], **style)
        self.ends = np.array(ends, dtype=np.float64)
        self.offset_pt = offset_pt

    def draw(self, renderer: RendererBase) -> None:
        """Lay the path out at the map's scale as drawn, then draw it."""
        to_display: Transform = self.get_transform()
        start, end = to_display.transform(self.ends)
        per_pt = float(np.asarray(renderer.points_to_pixels(1.0), dtype=np.float64))
        path = side_path(start, end, self.offset_pt * per_pt, _EASE_LEAST_PT * per_pt)
        xs, ys = to_display.inverted().transform(path).T
        self.set_data(xs, ys)
        super().draw(renderer)


class SidePolyline(Line2D):
    """A line through ``points``, each segment run its own offset aside (0: straight).

    One path, as a plain line through the points is, so that its dashes run on and a
    reader (or a test counting a truck's line) sees one line: each segment is laid out as
    :class:`SideLine` lays out a link's, when drawn, and a convoy over a road that shares
    its places with a rail line lies on the road's drawn line. ``offsets_pt``: one a
    segment, to the left of the way from its first point to its second.
    """

    def __init__(
        self,
        points: Sequence[tuple[float, float]],
        offsets_pt: Sequence[float],
        **style: Any,
    ) -> None:
        xs, ys = zip(*points, strict=True)
        super().__init__(xs, ys, **style)
        self.points = np.array(points, dtype=np.float64)
        self.offsets_pt = tuple(offsets_pt)

    def draw(self, renderer: RendererBase) -> None:
        """Lay each segment out at the map's scale as drawn, then draw the whole line."""
        to_display: Transform = self.get_transform()
        shown = to_display.transform(self.points)
        per_pt = float(np.asarray(renderer.points_to_pixels(1.0), dtype=np.float64))
        parts = [
            side_path(start, end, offset * per_pt, _EASE_LEAST_PT * per_pt)[1:]
            for start, end, offset in zip(shown[:-1], shown[1:], self.offsets_pt, strict=True)
        ]
        path = np.concatenate([shown[:1], *parts])
        xs, ys = to_display.inverted().transform(path).T
        self.set_data(xs, ys)
        super().draw(renderer)


class SideBySideKey(Line2D):
    """The legend's key to bundles: two thin lines side by side (:data:`LEGEND_HANDLERS`)."""

    def __init__(self, label: str) -> None:
        super().__init__([], [], color="#555555", label=label)


class _SideBySideHandler(HandlerBase):
    """Draws a :class:`SideBySideKey` as two lines, one above the other."""

    def create_artists(
        self,
        legend: Legend,
        orig_handle: Artist,
        xdescent: float,
        ydescent: float,
        width: float,
        height: float,
        fontsize: float,
        trans: Transform,
    ) -> Sequence[Artist]:
        xs = [-xdescent, width - xdescent]
        return [
            Line2D(xs, [y - ydescent] * 2, color="#555555", linewidth=1.5, transform=trans)
            for y in (0.1 * height, 0.9 * height)
        ]


LEGEND_HANDLERS: dict[Artist | type, HandlerBase] = {SideBySideKey: _SideBySideHandler()}
"""The map legend's handlers for the keys drawn here (``fig.legend(handler_map=...)``)."""

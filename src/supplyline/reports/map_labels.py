"""Names on the network map, placed so that none overlaps another or leaves the frame.

Each place in the frame is tried, in order, at eight spots around its marker (right, left,
above, below, then the diagonals); the first spot whose box stays inside the map's frame
and clear of every name already placed and of every marker takes the name. Unit areas and
garrisons go first, then depots and warehouses, then the rest: the places a planner looks
for. A name that fits nowhere is replaced by a number, tried at the same spots and then
further out (with a thin line to its marker, taken only where that line crosses no other
line and runs through no other name, number or marker, and no later name or number is put
across it: a line that did led the eye to the wrong place); the caller lists the numbers with their
names in a key under the map, so that every place on the map can be identified. A number
that fits nowhere either is noted as not marked, with the named place nearest it.

Boxes are measured in display units with the figure's own renderer, after its layout is
done; the texts are kept out of the layout (``in_layout`` off), so placing them moves
nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox, ScaledTranslation, Transform

from supplyline.domain import Location, LocationKind

__all__ = [
    "LABEL_GID",
    "NUMBER_GID",
    "PLACE_GIDS",
    "VEIL_OPACITY",
    "Placed",
    "Spot",
    "label_places",
    "laid_out",
    "marker_boxes",
    "marker_transform",
    "place_order",
    "veil",
]

LABEL_GID = "place-name"
"""The SVG group id of each name drawn on the map, before the figure's prefix and after it
a count (``map-place-name-3``): tests and stylesheets find the names by it."""
NUMBER_GID = "place-number"
"""The same for each number drawn in place of a name (``map-place-number-1``)."""
PLACE_GIDS = (LABEL_GID, NUMBER_GID)

_FONT_PT = 7.0
_GAP_PT = 1.5
"""Room between a name and its marker's edge, and around every box."""
_VEIL_PT = 1.0
"""How far the pale box behind a name reaches past its words (within ``_GAP_PT``)."""
VEIL_OPACITY = 0.9
"""How opaque the pale box behind a name is: at 0.6 a tester read "Kar-Tobe airfield"
struck through by the red dashes of the air bridge under it."""


def veil(font_pt: float = _FONT_PT) -> dict[str, Any]:
    """The pale box behind words on the map (matplotlib's ``bbox``), for every label drawn.

    A link drawn under a name does not cross it out. The places' names had it and the
    convoys' labels of a routes report did not, and read struck through by the roads
    under them.

    >>> veil()["facecolor"], veil()["alpha"] == VEIL_OPACITY
    ('white', True)
    """
    return {
        "boxstyle": f"square,pad={_VEIL_PT / font_pt}",
        "facecolor": "white",
        "edgecolor": "none",
        "alpha": VEIL_OPACITY,
    }


_DIRECTIONS = (
    (1, 0),
    (-1, 0),
    (0, 1),
    (0, -1),
    (1, 1),
    (-1, 1),
    (1, -1),
    (-1, -1),
)
"""Right, left, above, below, then the diagonals: (x, y) signs of the offset."""
_DOT_PT = 3.0
"""The dot on the true spot of places fanned out around it (:mod:`supplyline.reports.map_fans`)."""
_NUMBER_RINGS = (1.0, 2.0, 3.0, 4.5)
"""A number is tried around its marker at these multiples of the first ring's distance."""
_OWN_NEAREST = 1.4
"""A text beside its marker (no leader) keeps every other place's marker at least this many
times as far from its box as its own: a name about as near another's marker reads as its
name. The bilateral map's "Camp Kestrel (exercise HQ)", up-left of its star, had it 9.9 pt
off, Kar-Tobe railhead's 13.3 pt and Ostravia central depot's 14.2 pt under its middle (1.3
times), and the relief map's "Site 1: Saldana stadium" 7.0 pt off its star with the shared
warehouse's 6.7 pt; the spots the two maps keep are 1.5 times or more."""

_FIRST_KINDS = (
    LocationKind.UNIT_AREA,
    LocationKind.GARRISON,
    LocationKind.DEPOT,
    LocationKind.WAREHOUSE,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Spot:
    """One place as drawn: where (map x, latitude) and how big its marker is (points).

    ``offset_pt`` moves its marker (and so its name) off that spot by so many points, as
    :mod:`supplyline.reports.map_fans` fans out the places that share a spot.
    """

    location: Location
    x: float
    lat: float
    marker_pt: float
    offset_pt: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Placed:
    """What :func:`label_places` did: the names drawn, and the numbers with their names."""

    named: tuple[str, ...]
    """Ids of the places named on the map."""
    numbered: tuple[tuple[int, Location, str], ...]
    """(number, place, note) for each place numbered; the note says where an unmarked
    number's place is ("" when the number is on the map)."""


def marker_transform(ax: Axes, spot: Spot) -> Transform:
    """The transform that puts a point of ``spot`` where its marker is (moved by its offset)."""
    if spot.offset_pt == (0.0, 0.0):
        return ax.transData
    dx, dy = spot.offset_pt
    return ax.transData + ScaledTranslation(dx / 72, dy / 72, ax.figure.dpi_scale_trans)


def marker_boxes(ax: Axes, spots: Sequence[Spot]) -> list[Bbox]:
    """Each place's marker as drawn, in display units, and the dot on its true spot if moved.

    The names keep off them, and so do the labels of a caller's lines
    (:mod:`supplyline.reports.map_line_labels`).
    """
    px_per_pt = ax.figure.dpi / 72.0
    boxes: list[Bbox] = []
    for spot in spots:
        tx, ty = ax.transData.transform((spot.x, spot.lat))
        cx, cy = tx + spot.offset_pt[0] * px_per_pt, ty + spot.offset_pt[1] * px_per_pt
        r = spot.marker_pt / 2 * px_per_pt
        boxes.append(Bbox.from_extents(cx - r, cy - r, cx + r, cy + r))
        if spot.offset_pt != (0.0, 0.0):  # the dot on its true spot, too
            r = _DOT_PT / 2 * px_per_pt
            boxes.append(Bbox.from_extents(tx - r, ty - r, tx + r, ty + r))
    return boxes


def place_order(loc: Location) -> tuple[int, str]:
    """Unit areas and garrisons first, then depots and warehouses, then the rest, by id."""
    rank = _FIRST_KINDS.index(loc.kind) if loc.kind in _FIRST_KINDS else len(_FIRST_KINDS)
    return rank, loc.id


def _overlaps(box: Bbox, others: Sequence[Bbox]) -> bool:
    return any(box.overlaps(other) for other in others)


Segment = tuple[tuple[float, float], tuple[float, float]]
"""A leader line in display units: from its marker's centre to the nearest point of its text."""


def _cuts_box(seg: Segment, box: Bbox) -> bool:
    """Whether ``seg`` passes through ``box`` (Liang-Barsky clipping; touching is not)."""
    (x0, y0), (x1, y1) = seg
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo >= hi:
            return False
    return True


def _crosses(a: Segment, b: Segment) -> bool:
    """Whether two leader lines cross (sharing an end, as two of one marker may, is not)."""

    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    (p1, p2), (p3, p4) = a, b
    return side(p1, p2, p3) * side(p1, p2, p4) < 0 and side(p3, p4, p1) * side(p3, p4, p2) < 0


def _leader(cx: float, cy: float, box: Bbox) -> Segment:
    """The leader from a marker's centre to the nearest point of a text's box."""
    return (cx, cy), (min(max(cx, box.x0), box.x1), min(max(cy, box.y0), box.y1))


def _distance(box: Bbox, x: float, y: float) -> float:
    """How far the point (x, y) is from ``box`` (0 inside it)."""
    return math.hypot(max(box.x0 - x, 0.0, x - box.x1), max(box.y0 - y, 0.0, y - box.y1))


def _inside(box: Bbox, frame: Bbox) -> bool:
    return bool(
        box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1
    )


class _Placer:
    """Greedy placement of text boxes in display units around points of one axes."""

    def __init__(self, ax: Axes, renderer: RendererBase, spots: Sequence[Spot]) -> None:
        self.ax = ax
        self.renderer = renderer
        self.px_per_pt = ax.figure.dpi / 72.0
        self.frame = ax.get_window_extent(renderer)
        self.taken: list[Bbox] = []
        self.leaders: list[Segment] = []
        self.count = 0
        self.markers = marker_boxes(ax, spots)
        self.centres: list[tuple[str, float, float]] = []
        """Each place's marker: its place's id and its centre."""
        for spot in spots:
            cx, cy = self._centre(spot)
            self.centres.append((spot.location.id, cx, cy))

    def _centre(self, spot: Spot) -> tuple[float, float]:
        """Where ``spot``'s marker is drawn, in display units."""
        x, y = self.ax.transData.transform((spot.x, spot.lat))
        return x + spot.offset_pt[0] * self.px_per_pt, y + spot.offset_pt[1] * self.px_per_pt

    def _text(
        self, spot: Spot, text: str, gid: str, weight: str, at: tuple[float, float] = (0, 0)
    ) -> Annotation:
        far = at != (0, 0)
        label = self.ax.annotate(
            text,
            (spot.x, spot.lat),
            xycoords=marker_transform(self.ax, spot),
            xytext=at,
            textcoords="offset points",
            arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.5} if far else None,
            ha="left",
            va="bottom",
            fontsize=_FONT_PT,
            fontweight=weight,
            color="#222222",
            zorder=6,
            annotation_clip=False,
            # a veil behind the words, so that a link drawn under a name does not cross it out
            bbox=veil(_FONT_PT),
        )
        label.set_in_layout(False)
        label.set_gid(f"{gid}-{self.count}")
        self.count += 1
        return label

    def _clear(self, leader: Segment) -> bool:
        """Whether a leader keeps off every other leader, name, number and marker.

        Its own marker (whose centre is where it starts) is passed. A leader that crossed
        another, or ran through another place's marker or name, led the eye to the wrong
        place: on the crowded synthetic corridor (benchmarks' corridor-S), 4 of 7 did.
        """
        (cx, cy), _ = leader
        if any(_crosses(leader, other) for other in self.leaders):
            return False
        if any(_cuts_box(leader, box) for box in self.taken):
            return False
        return not any(
            _cuts_box(leader, m)
            for m in self.markers
            if math.hypot(m.x0 + m.width / 2 - cx, m.y0 + m.height / 2 - cy) > 0.5
        )

    def _own_nearest(self, spot: Spot, box: Bbox) -> bool:
        """Whether ``box`` is nearer ``spot``'s marker than any other place's, by a margin.

        Clear of every marker, a long name on a diagonal still ran under or over other
        places' markers as near as its own, and read as theirs (see :data:`_OWN_NEAREST`).
        """
        cx, cy = self._centre(spot)
        own = _distance(box, cx, cy)
        return all(
            _distance(box, x, y) >= own * _OWN_NEAREST
            for place, x, y in self.centres
            if place != spot.location.id
        )

    def place(self, spot: Spot, text: str, gid: str, rings: Sequence[float]) -> bool:
        """Put ``text`` at the first free spot around ``spot``; False (and nothing) if none."""
        label = self._text(spot, text, gid, "bold" if gid == NUMBER_GID else "normal")
        extent = label.get_window_extent(self.renderer)
        w, h = extent.width, extent.height
        cx, cy = self._centre(spot)
        pad = _GAP_PT * self.px_per_pt
        reach = spot.marker_pt / 2 * self.px_per_pt + pad
        for ring in rings:
            for sx, sy in _DIRECTIONS:
                d = reach * ring
                x0 = cx + d if sx > 0 else cx - d - w if sx < 0 else cx - w / 2
                y0 = cy + d if sy > 0 else cy - d - h if sy < 0 else cy - h / 2
                box = Bbox.from_extents(x0, y0, x0 + w, y0 + h)
                padded = box.expanded((w + 2 * pad) / w, (h + 2 * pad) / h)
                if not _inside(box, self.frame) or _overlaps(padded, self.taken):
                    continue
                veil = _VEIL_PT * self.px_per_pt
                if _overlaps(box.expanded((w + 2 * veil) / w, (h + 2 * veil) / h), self.markers):
                    continue
                if any(_cuts_box(leader, padded) for leader in self.leaders):
                    continue  # a line drawn through a name reads as leading to it
                if ring != rings[0] and not self._clear(_leader(cx, cy, box)):
                    continue
                if ring == rings[0] and not self._own_nearest(spot, box):
                    continue  # without a line to its marker, it would read as another's
                self.taken.append(padded)
                at = ((x0 - cx) / self.px_per_pt, (y0 - cy) / self.px_per_pt)
                if ring == rings[0]:
                    label.xyann = at
                else:  # away from its marker: a thin line leads to it
                    self.leaders.append(_leader(cx, cy, box))
                    label.remove()
                    self.count -= 1
                    self._text(spot, text, gid, "bold" if gid == NUMBER_GID else "normal", at)
                return True
        label.remove()
        return False


def laid_out(fig: Figure, *, again: bool = True) -> RendererBase:
    """The figure's renderer after its layout is done (on an Agg canvas, as a SVG is laid out).

    ``again=False`` trusts the layout already done (the places' markers, drawn since, move
    nothing: they stay inside the map), which saves a layout, a tenth of a second a map.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    engine = fig.get_layout_engine()
    if engine is not None and again:  # lay out as a drawing would, without drawing (half the time)
        engine.execute(fig)
    for ax in fig.axes:
        ax.apply_aspect()
    renderer: RendererBase = canvas.get_renderer()  # type: ignore[no-untyped-call]
    return renderer


def label_places(
    fig: Figure,
    ax: Axes,
    spots: Sequence[Spot],
    *,
    numbers: dict[str, int] | None = None,
    lay_out: bool = True,
    avoid: Sequence[Text] = (),
) -> Placed:
    """Name every spot where its name fits; number the rest (see the module's docstring).

    ``numbers`` are the places of the key drawn before the names were placed: each of them
    is shown by its number, never by name, so that the key stays true; a place that needs
    a number and has none gets the next number free. ``lay_out=False``: the figure's layout
    is done and nothing that moves it was added since (see :func:`laid_out`).
    ``avoid``: texts already on the map (a routes report's convoy labels) that no name,
    number or leader may cover; they were drawn over the names, which read as the convoys'.
    """
    renderer = laid_out(fig, again=lay_out)
    placer = _Placer(ax, renderer, spots)
    pad = _GAP_PT * placer.px_per_pt
    for text in avoid:  # measured now: a key drawn since moves the map on the figure
        box = text.get_window_extent(renderer)
        placer.taken.append(
            Bbox.from_extents(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)
        )
    order = sorted(range(len(spots)), key=lambda i: place_order(spots[i].location))
    named: list[str] = []
    unnamed: list[int] = []
    given = dict(numbers or {})
    for i in order:
        spot = spots[i]
        if spot.location.id in given:
            unnamed.append(i)  # in the key already: stays a number, as the key says
        elif placer.place(spot, spot.location.name or spot.location.id, LABEL_GID, (1.0,)):
            named.append(spot.location.id)
        else:
            unnamed.append(i)
    next_free = max(given.values(), default=0) + 1
    numbered: dict[str, tuple[int, Location, str]] = {}
    for i in unnamed:
        loc = spots[i].location
        if loc.id in named:
            continue  # another copy of it (across the antimeridian) is named
        if loc.id not in given:
            given[loc.id] = next_free
            next_free += 1
        number = given[loc.id]
        if placer.place(spots[i], str(number), NUMBER_GID, _NUMBER_RINGS):
            numbered[loc.id] = (number, loc, "")
        elif loc.id not in numbered:
            near = _nearest_named(spots, i, named)
            numbered[loc.id] = (number, loc, f"not marked: no room; beside {near}")
    return Placed(named=tuple(named), numbered=tuple(sorted(numbered.values())))


def _nearest_named(spots: Sequence[Spot], i: int, named: Sequence[str]) -> str:
    """The name of the named place nearest spot ``i`` (on the ground), or its coordinates.

    In degrees as they were, a tester's airfield was said to be beside a site 23 km off
    where a depot stood 18 km off: east-west degrees are shorter away from the equator.
    """
    here = spots[i]
    candidates = [s for s in spots if s.location.id in named]
    if not candidates:
        return f"{here.lat:.3f}, {here.location.lon:.3f}"
    squeeze = math.cos(math.radians(here.lat))  # a degree east is this much of one north
    best = min(candidates, key=lambda s: ((s.x - here.x) * squeeze) ** 2 + (s.lat - here.lat) ** 2)
    return best.location.name or best.location.id

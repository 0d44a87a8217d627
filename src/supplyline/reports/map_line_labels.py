"""The labels of a caller's lines on the network map (a routes report's convoys).

Each label is tried at the middle of its line's chosen segment, then further along that
segment, then at the middles of the other segments, nearest first; the first spot whose box
stays inside the map's frame, clear of every label already placed and of every place's
marker, takes it. A label that fits nowhere is left off (the caller merges the labels of
lines that share a segment beforehand, so that this is rare: a crowded corner of a
continent-wide map). The places' names
are placed after these labels and keep off them
(:func:`~supplyline.reports.map_labels.label_places`, ``avoid``).

Boxes are measured in display units after the figure's layout, as the names' are; the
labels are kept out of the layout, so placing them moves nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from supplyline.reports.map_labels import Spot, marker_boxes, veil

__all__ = ["LINE_LABEL_GID", "LineLabel", "label_anchors", "place_line_labels"]

LINE_LABEL_GID = "line-label"
"""The group id of each label of a caller's line (a convoy's trucks), before a count."""
_FONT_PT = 7.0
"""A line's label is as large as a place's name."""
_GAP_PT = 1.5
"""Room kept around a label's words: more than its veil reaches, so veils never touch."""
_ALONG = (0.5, 0.35, 0.65, 0.2, 0.8)
"""Where along its chosen segment a label is tried, as fractions from its first point."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LineLabel:
    """One label to put on the map: its words, colour, and the spots to try, in order.

    ``anchors`` are in data units (map x, latitude): :func:`label_anchors` makes them.
    """

    text: str
    color: str
    anchors: tuple[tuple[float, float], ...]
    line: tuple[int, int] = (0, 0)
    """Whose label it is (the layer's and the line's index): a line drawn twice, across
    the antimeridian, has a label for each copy, and is labelled if either is."""


def label_anchors(
    points: Sequence[tuple[float, float]], segment: int | None
) -> tuple[tuple[float, float], ...]:
    """Where a label of the line through ``points`` is tried, best first.

    Along ``segment`` (the middle one if ``None``), then the other segments' middles,
    the nearest segments first.

    >>> label_anchors([(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)], 0)[:2]
    ((5.0, 0.0), (3.5, 0.0))
    """
    count = len(points) - 1
    first = (count - 1) // 2 if segment is None else segment
    (x0, y0), (x1, y1) = points[first], points[first + 1]
    spots = [(x0 + f * (x1 - x0), y0 + f * (y1 - y0)) for f in _ALONG]
    for k in sorted(range(count), key=lambda k: (abs(k - first), k)):
        if k != first:
            (a, b), (c, d) = points[k], points[k + 1]
            spots.append(((a + c) / 2, (b + d) / 2))
    return tuple(spots)


def _padded(box: Bbox, pad: float) -> Bbox:
    return Bbox.from_extents(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)


def place_line_labels(
    ax: Axes, renderer: RendererBase, labels: Sequence[LineLabel], spots: Sequence[Spot]
) -> list[tuple[LineLabel, Text]]:
    """Put each label at its first free spot (see the module's docstring).

    Returns the labels drawn with their texts, in their order (a label with no room is
    not drawn: the caller says how many). The figure must be laid out
    (:func:`~supplyline.reports.map_labels.laid_out`).
    """
    frame = ax.get_window_extent(renderer)
    pad = _GAP_PT * ax.figure.dpi / 72.0
    markers = marker_boxes(ax, spots)
    taken: list[Bbox] = []
    drawn: list[tuple[LineLabel, Text]] = []
    for label in labels:
        text = ax.text(
            *label.anchors[0],
            label.text,
            fontsize=_FONT_PT,
            color=label.color,
            ha="center",
            va="center",
            zorder=6,
            clip_on=False,
            bbox=veil(_FONT_PT),  # as the places' names: not struck through by the links
        )
        text.set_in_layout(False)
        size = text.get_window_extent(renderer)
        for anchor in label.anchors:
            box = _first_free(ax, size, anchor, pad, frame, [*taken, *markers])
            if box is not None:
                taken.append(_padded(box, pad))
                at = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
                text.set_position(tuple(ax.transData.inverted().transform(at)))
                text.set_gid(f"{LINE_LABEL_GID}-{len(drawn)}")
                drawn.append((label, text))
                break
        else:
            text.remove()
    return drawn


def _first_free(
    ax: Axes,
    size: Bbox,
    anchor: tuple[float, float],
    pad: float,
    frame: Bbox,
    others: Sequence[Bbox],
) -> Bbox | None:
    """The first box of ``size`` on ``anchor``, or beside it, inside ``frame`` and clear.

    On the line first, then above, below, right and left of the spot: on the relief
    example's short legs between close places, a label on its line found room at only
    one leg of six.
    """
    x, y = ax.transData.transform(anchor)
    w, h = size.width, size.height
    for dx, dy in (
        (0, 0),
        (0, h / 2 + pad),
        (0, -h / 2 - pad),
        (w / 2 + pad, 0),
        (-w / 2 - pad, 0),
    ):
        box = Bbox.from_extents(x + dx - w / 2, y + dy - h / 2, x + dx + w / 2, y + dy + h / 2)
        inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
        if inside and not any(_padded(box, pad).overlaps(b) for b in others):
            return box
    return None

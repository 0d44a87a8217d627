"""The network map: locations by kind, links as wide as the tonnes planned on them.

Drawn offline from the locations' coordinates over country outlines shipped with the
package (Natural Earth 1:110m, public domain; see ``data/PROVENANCE.md``). The projection
is plain equirectangular with the x axis shrunk by cos(mean latitude), which keeps shapes
right at the scale of one operation without a projection library.

A network that straddles the antimeridian is drawn whole, its links the short way and the
country outlines there joined up (see :mod:`supplyline.reports.longitudes`).
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter
from matplotlib.typing import LineStyleType as LineStyle

from supplyline.domain import Link, Location, LocationKind, Plan, Scenario
from supplyline.reports.figures import literal_text
from supplyline.reports.longitudes import (
    joined,
    lon_label,
    lon_window,
    map_x,
    on_map,
    turns_into,
    western_edge,
)
from supplyline.reports.map_bundles import LEGEND_HANDLERS, SidePolyline, aside_on
from supplyline.reports.map_fans import draw_fans, fan_out
from supplyline.reports.map_labels import (
    PLACE_GIDS,
    Placed,
    Spot,
    label_places,
    laid_out,
    marker_transform,
)
from supplyline.reports.map_line_labels import (
    LINE_LABEL_GID,
    LineLabel,
    label_anchors,
    place_line_labels,
)
from supplyline.reports.map_links import draw_links
from supplyline.reports.sections import MapLayer

__all__ = [
    "LINE_LABEL_GID",
    "MARKER_GID",
    "NetworkMap",
    "country_outlines",
    "left_off_notes",
    "network_map",
    "network_map_figure",
    "theatre_box",
]

Ring = list[tuple[float, float]]
Box = tuple[float, float, float, float]
"""lon0, lon1, lat0, lat1 in degrees."""
Where = dict[str, tuple[float, float]]
"""Each location's place on the map: (x, lat), x its longitude moved to the map's cut."""
_OnLinks = tuple[Mapping[str, Link], Mapping[str, float]]
"""The scenario's links by id, and each drawn line's offset across its bundle, in points."""


_KIND_MARKERS: dict[LocationKind, tuple[str, str, float]] = {
    LocationKind.DEPOT: ("s", "#444444", 7),
    LocationKind.WAREHOUSE: ("s", "#888888", 6),
    LocationKind.PORT: ("v", "#1f78b4", 8),
    LocationKind.AIRFIELD: ("^", "#e31a1c", 8),
    LocationKind.RAILHEAD: ("D", "#6a3d9a", 6),
    LocationKind.TRANSSHIPMENT: ("X", "#b15928", 9),
    LocationKind.BORDER: ("h", "#000000", 8),
    LocationKind.HUB: ("o", "#555555", 7),
    LocationKind.UNIT_AREA: ("*", "#1b7837", 11),
    LocationKind.GARRISON: ("p", "#1b7837", 8),
}
"""Marker, colour and size per kind of location."""

MARKER_GID = "place-marker"
"""The group id of each place's marker, before a count (``place-marker-3``; the fans' lines
and dots have their own, :mod:`supplyline.reports.map_fans`)."""

_MAX_LABELS = 60
"""Above this many places in its frame the map shows no names nor numbers (they would hide
the network; ``network.geojson`` in a GIS names them)."""

_MIN_HEIGHT_RATIO = 0.4
"""A very wide network is framed at least this tall (projected), so the map stays readable."""


@functools.cache
def country_outlines() -> tuple[tuple[str, tuple[Ring, ...]], ...]:
    """Each country's name and outer rings (lon, lat), read once from the package data."""
    text = (
        resources.files("supplyline.reports")
        .joinpath("data/countries-110m.geojson")
        .read_text(encoding="utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    countries: list[tuple[str, tuple[Ring, ...]]] = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        if geometry is None:
            continue
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        rings = tuple([(float(x), float(y)) for x, y in polygon[0]] for polygon in polygons)
        countries.append((str(feature["properties"].get("name", "")), rings))
    return tuple(countries)


@functools.cache
def _world_rings() -> tuple[Ring, ...]:
    """Every country ring, joined up across the antimeridian (see :func:`joined`)."""
    return tuple(joined(ring) for _, country in country_outlines() for ring in country)


def _grow(lo: float, hi: float, grow: float, floor: float, ceiling: float) -> tuple[float, float]:
    """[lo, hi] widened by ``grow`` each side within [floor, ceiling], sliding off a wall."""
    lo, hi = lo - grow, hi + grow
    if hi > ceiling:
        lo, hi = lo - (hi - ceiling), ceiling
    if lo < floor:
        lo, hi = floor, min(ceiling, hi + (floor - lo))
    return lo, hi


_MIN_PAD_DEG = 0.05
"""The least margin around the places, in degrees (about 5 km): one place alone still
sits inside its frame."""


def _extent(
    points: Sequence[tuple[float, float]],
) -> Box:
    """Bounding box (x0, x1, lat0, lat1) of the points, padded so nothing sits on the edge.

    The pad grows with the network, a tenth of its larger side at least: a flat half degree
    made a tester's earthquake sites, 0.8° × 0.55° of them, fill a quarter of the frame's
    width, and left 24 of 53 places without room for a name or a number.
    """
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
    side = max(lon1 - lon0, lat1 - lat0)
    # a compact network (a tester's within 0.02°) filled a sixth of a frame padded 0.05°
    least = _MIN_PAD_DEG if side < 1e-6 else min(_MIN_PAD_DEG, 0.25 * side)
    pad_lon = max(least, 0.08 * (lon1 - lon0), 0.1 * side)
    pad_lat = max(least, 0.08 * (lat1 - lat0), 0.1 * side)
    west, east = lon_window(lon0 - pad_lon, lon1 + pad_lon)
    return (
        max(west, lon0 - pad_lon),
        min(east, lon1 + pad_lon),
        max(-90.0, lat0 - pad_lat),
        min(90.0, lat1 + pad_lat),
    )


def _frame(
    box: Box,
) -> tuple[Box, float]:
    """Widen a very flat (or very tall) box so that the map is not a sliver.

    The box only grows, so whatever it held stays in the frame, poles included. Returns the
    box and the x scale (1 / cos of the mean latitude) that keeps shapes right.
    """
    lon0, lon1, lat0, lat1 = box
    aspect = 1.0 / max(0.2, math.cos(math.radians((lat0 + lat1) / 2)))
    width, height = (lon1 - lon0) / aspect, lat1 - lat0
    if height < _MIN_HEIGHT_RATIO * width:
        grow = (_MIN_HEIGHT_RATIO * width - height) / 2
        lat0, lat1 = _grow(lat0, lat1, grow, -90.0, 90.0)
    elif width < 1.4 * height:
        grow = (1.4 * height - width) / 2 * aspect
        lon0, lon1 = _grow(lon0, lon1, grow, *lon_window(lon0, lon1))
    return (lon0, lon1, lat0, lat1), aspect


def _rings_in(box: Box) -> list[Ring]:
    """The country rings that show in the frame, each moved by the turns that put it there."""
    _, _, lat0, lat1 = box
    shown: list[Ring] = []
    for ring in _world_rings():
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        if max(ys) < lat0 or min(ys) > lat1:
            continue
        for shift in turns_into(min(xs), max(xs), box[:2]):
            shown.append(ring if shift == 0 else [(x + shift, y) for x, y in ring])
    return shown


def _draw_layers(
    ax: Axes, layers: Sequence[MapLayer], west: float, box: Box, on_links: _OnLinks
) -> tuple[list[Artist], list[LineLabel]]:
    """The caller's extra lines (convoy routes and the like), one legend entry per layer.

    Returns the legend's entries and the lines' labels to place once the map is laid out
    (:mod:`supplyline.reports.map_line_labels`): written where the line's middle vertex
    was, before the layout, they sat on places' markers and names and on each other.
    A line's segment over a link (:attr:`MapPolyline.links`) lies on the link's drawn line
    (``on_links``: the links, and each one's offset across its bundle); such a line is
    grouped ``layer-<n>-line-<i>-<k>`` (k for its copies across the antimeridian).
    """
    legend: list[Artist] = []
    labels: list[LineLabel] = []
    for n, layer in enumerate(layers):
        style: LineStyle = "--" if layer.dashed else "-"
        look: dict[str, Any] = {
            "color": layer.color,
            "linewidth": layer.width_pt,
            "linestyle": style,
            "zorder": 4,
        }
        for i, line in enumerate(layer.lines):
            points = on_map(line.points, west)
            xs, ys = zip(*points, strict=True)
            asides = [
                aside_on(on_links[1][link[0]], on_links[0][link[0]], link[1], link[2])
                if link is not None and link[0] in on_links[1]
                else 0.0
                for link in line.links
            ]
            for k, shift in enumerate(turns_into(min(xs), max(xs), box[:2])):
                moved = [(x + shift, y) for x, y in points]
                if any(asides):
                    drawn = SidePolyline(moved, asides, **look)
                    drawn.set_gid(f"layer-{n}-line-{i}-{k}")
                    ax.add_line(drawn)
                else:
                    ax.plot([x for x, _ in moved], ys, **look)
                if layer.label_lines and line.label:
                    anchors = label_anchors(moved, line.label_segment)
                    labels.append(
                        LineLabel(text=line.label, color=layer.color, anchors=anchors, line=(n, i))
                    )
        legend.append(
            Line2D(
                [],
                [],
                color=layer.color,
                linewidth=layer.width_pt,
                linestyle=style,
                label=layer.name,
            )
        )
    return legend, labels


def _spots(scenario: Scenario, where: Where, box: Box) -> list[Spot]:
    """Every place drawn in the frame, once for each copy of it that shows."""
    lon0, lon1, lat0, lat1 = box
    spots: list[Spot] = []
    for loc in scenario.locations:
        x = where[loc.id][0]
        size = _KIND_MARKERS.get(loc.kind, ("o", "#333333", 6))[2]
        for shift in turns_into(x, x, box[:2]):
            if lon0 <= x + shift <= lon1 and lat0 <= loc.lat <= lat1:
                spots.append(Spot(location=loc, x=x + shift, lat=loc.lat, marker_pt=size))
    return spots


def _location_legend(scenario: Scenario) -> list[Artist]:
    """One legend entry per kind of location in the scenario, in the kinds' order."""
    kinds = {loc.kind for loc in scenario.locations}
    legend: list[Artist] = []
    for kind in sorted(kinds, key=list(LocationKind).index):
        marker, colour, size = _KIND_MARKERS.get(kind, ("o", "#333333", 6))
        label = kind.value.replace("_", " ")
        legend.append(
            Line2D(
                [],
                [],
                marker=marker,
                color=colour,
                linestyle="",
                markersize=size * 0.8,
                label=label,
            )
        )
    return legend


def _draw_locations(ax: Axes, spots: Sequence[Spot]) -> None:
    """Locations marked by kind where they are, or on the fan round a spot they share.

    Their names come last, once the layout is done (:mod:`supplyline.reports.map_labels`).
    """
    draw_fans(ax, spots)
    for i, spot in enumerate(spots):
        marker, colour, size = _KIND_MARKERS.get(spot.location.kind, ("o", "#333333", 6))
        (line,) = ax.plot(
            spot.x,
            spot.lat,
            marker=marker,
            color=colour,
            markersize=size,
            markeredgecolor="white",
            markeredgewidth=0.6,
            zorder=5,
            transform=marker_transform(ax, spot),
        )
        line.set_gid(f"{MARKER_GID}-{i}")


def theatre_box(scenario: Scenario) -> Box | None:
    """The area around the units' destinations, when it is a small part of the whole map.

    An operation often spans a continent from home base to theatre; the units then crowd
    in one corner of the network map, and a second map of their area shows them.
    """
    where = scenario.location_by_id
    spots = [where[u.destination] for u in scenario.units if u.destination in where]
    if not spots:
        return None
    west = western_edge(loc.lon for loc in scenario.locations)
    full, _ = _frame(_extent([(map_x(loc.lon, west), loc.lat) for loc in scenario.locations]))
    near, _ = _frame(_extent([(map_x(loc.lon, west), loc.lat) for loc in spots]))
    full_area = (full[1] - full[0]) * (full[3] - full[2])
    near_area = (near[1] - near[0]) * (near[3] - near[2])
    return near if near_area < 0.08 * full_area else None


def _draw_key(
    fig: Figure, numbered: Sequence[tuple[int, Location, str]], map_height_in: float
) -> None:
    """The numbered places, listed with their names (and notes) under the map.

    The figure grows by the key's height, so that the map keeps its own: a long key in a
    figure of fixed height left the map no room at all (constrained layout collapsed it).
    """
    entries = [
        f"{number}  {loc.name or loc.id}" + (f" ({note})" if note else "")
        for number, loc, note in numbered
    ]
    ncols = _key_columns(fig, entries)
    rows = math.ceil(len(entries) / ncols) + 2  # and the title, and a line's slack
    fig.set_figheight(map_height_in + rows * _KEY_LINE_PT / 72)
    fig.legend(
        handles=[Line2D([], [], linestyle="none") for _ in entries],
        labels=entries,
        loc="outside lower left",
        ncols=ncols,
        fontsize=7,
        frameon=False,
        handlelength=0,
        handletextpad=0,
        columnspacing=2.0,
        title="Numbered places",
        title_fontsize=8,
        alignment="left",
    )


_KEY_LINE_PT = 7 * 1.35
"""The height of a line of the key's 7 pt text, with matplotlib's legend spacing."""
_KEY_CHAR_PT = 7 * 0.6
"""The width of a character of the key's 7 pt text, at most (DejaVu Sans' widest are
about 0.6 em)."""


def _key_columns(fig: Figure, entries: Sequence[str]) -> int:
    """Columns for the key: up to three, as many as its longest entry lets fit the figure.

    Three fixed columns of a tester's crowded map ran off the right edge, cutting six
    names ("… beside Site 18 Hil"); the figure grows by the key's height instead.
    """
    wanted = 1 if len(entries) <= 3 else 3 if len(entries) > 12 else 2
    widest = max((len(e) for e in entries), default=0) * _KEY_CHAR_PT + 2.0 * 7  # spacing
    fits = int(fig.get_figwidth() * 72 // max(widest, 1.0))
    return max(1, min(wanted, fits))


def _drawn_map(
    scenario: Scenario, plan: Plan, layers: Sequence[MapLayer], zoom: Box | None, title: str
) -> tuple[Figure, Axes, list[Spot], list[LineLabel], dict[str, str]]:
    """The map with everything but its names and labels.

    Returns the figure, its map, the places it shows, the lines' labels to place, and
    the links' titles (:attr:`NetworkMap.titles`).
    """
    lines = [line.points for layer in layers for line in layer.lines]
    west = western_edge(
        itertools.chain((loc.lon for loc in scenario.locations), (p[0] for ps in lines for p in ps))
    )
    where: Where = {loc.id: (map_x(loc.lon, west), loc.lat) for loc in scenario.locations}
    points = list(where.values()) + [p for ps in lines for p in on_map(ps, west)]
    box, aspect = _frame(_extent(points) if zoom is None else zoom)
    span_x = (box[1] - box[0]) / aspect
    span_y = box[3] - box[2]
    map_width_in = 8.2  # the legend takes the rest of the 11 inches
    height_in = min(10.0, max(3.5, map_width_in * span_y / max(span_x, 1e-6) + 0.8))
    fig = Figure(figsize=(11.0, height_in), layout="constrained")
    ax = fig.subplots()
    ax.set_facecolor("#eaf2f8")
    ax.patch.set_gid("map-frame")
    if title:
        ax.set_title(title, fontsize=10, loc="left")
    ax.add_collection(
        PolyCollection(
            _rings_in(box), facecolors="#f7f5ee", edgecolors="#b8b8b8", linewidths=0.5, zorder=0
        )
    )
    links = draw_links(ax, scenario, plan, where, box)
    legend = links.legend
    on_links = ({lk.id: lk for lk in scenario.links}, links.offsets)
    layered, labels = _draw_layers(ax, layers, west, box, on_links)
    legend += layered
    legend += _location_legend(scenario)
    if box[0] < -180.0 or box[1] > 180.0:
        ax.xaxis.set_major_formatter(FuncFormatter(lon_label))
    ax.set_xlim(box[0], box[1])
    ax.set_ylim(box[2], box[3])
    # Held at the left of its cell: centred (the default), the map's box moves right of
    # where the constrained layout measured the latitude labels, which then made the
    # left margin too narrow and cut the axis title off (at x≈0.5 pt on the relief map).
    ax.set_aspect(aspect, anchor="W")
    ax.set_xlabel("longitude (°)", fontsize=8)
    ax.set_ylabel("latitude (°)", fontsize=8)
    ax.tick_params(labelsize=8)
    fig.legend(
        handles=legend,
        loc="outside right upper",
        fontsize=8,
        frameon=False,
        handler_map=LEGEND_HANDLERS,
    )
    spots = fan_out(fig, ax, _spots(scenario, where, box))  # at the laid-out map's scale
    _draw_locations(ax, spots)
    return fig, ax, spots, labels, links.titles


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkMap:
    """A drawn map, and what goes with it into the page.

    The lines to say under it (a layer's labels left off, counted), and the titles a mouse
    shows over its links.
    """

    figure: Figure
    notes: tuple[str, ...] = ()
    titles: Mapping[str, str] = field(default_factory=dict)
    """Each link line's group id in the figure (``link-<id>-<k>``) and its title, for
    :func:`supplyline.reports.markup.titled_groups` once the figure is SVG."""


def network_map_figure(
    scenario: Scenario,
    plan: Plan,
    layers: Sequence[MapLayer] = (),
    *,
    box: Box | None = None,
    title: str = "",
) -> Figure | None:
    """The figure of :func:`network_map`, without its notes."""
    drawn = network_map(scenario, plan, layers, box=box, title=title)
    return None if drawn is None else drawn.figure


def left_off_notes(
    layers: Sequence[MapLayer], labels: Sequence[LineLabel], drawn: Sequence[LineLabel]
) -> tuple[str, ...]:
    """Each layer's :attr:`~MapLayer.label_note` where some of its lines went unlabelled.

    >>> layer = MapLayer(name="c", label_note="{left_off} of {labels} left off")
    >>> a, b = (LineLabel(text="x", color="k", anchors=(), line=(0, i)) for i in (0, 1))
    >>> left_off_notes([layer], [a, b, b], [b])
    ('1 of 2 left off',)
    """
    notes = []
    for n, layer in enumerate(layers):
        lines = {label.line for label in labels if label.line[0] == n}
        shown = {label.line for label in drawn if label.line[0] == n}
        if lines - shown:
            notes.append(layer.label_note.format(left_off=len(lines - shown), labels=len(lines)))
    return tuple(notes)


@literal_text()
def network_map(
    scenario: Scenario,
    plan: Plan,
    layers: Sequence[MapLayer] = (),
    *,
    box: Box | None = None,
    title: str = "",
) -> NetworkMap | None:
    """The map of the network with planned flows; ``None`` if the scenario has no locations.

    Link width is 7 pt × its tonnes ÷ the busiest link's (the legend says how many tonnes
    7 pt is); a link that carries people and no tonnes is dashed, 4 pt × its people ÷ the
    most people on a link; a flow that would be drawn thinner than 0.5 pt
    (:data:`~supplyline.reports.map_links.HAIRLINE_PT`) is drawn that wide and pale, below
    scale; links that carry nothing are thin grey dots, so that what is *not* used shows too,
    and a closed link is marked in black (:mod:`~supplyline.reports.map_closures`).
    ``layers`` are drawn on top, each with its own legend entry. ``box`` (lon0, lon1,
    lat0, lat1) zooms in on an area, lon1 beyond 180° for one across the antimeridian;
    by default the map frames everything.

    Up to :data:`_MAX_LABELS` places in the frame are each named, numbered, or listed in
    the key as not marked beside the named place nearest it
    (:mod:`supplyline.reports.map_labels`), the numbers listed in a key under the map. The
    key takes room from the map, which may leave less for names: the names are placed
    again with the key drawn until no more place needs a number than the key lists.
    """
    if not scenario.locations:
        return None
    fig, ax, spots, labels, titles = _drawn_map(scenario, plan, layers, box, title)
    # laid out for the fans (map_fans), and nothing moved since
    placed_lines = place_line_labels(ax, laid_out(fig, again=False), labels, spots)
    lines = [text for _, text in placed_lines]
    notes = left_off_notes(layers, labels, [label for label, _ in placed_lines])
    if len(spots) > _MAX_LABELS:
        return NetworkMap(figure=fig, notes=notes, titles=titles)
    key: dict[str, int] = {}
    map_height_in = fig.get_figheight()  # the key adds its own height below the map
    drawn: tuple[tuple[int, Location, str], ...] = ()  # the key on the map while placing
    passes = len(spots) + 3  # each pass numbers more places, or notes one, or is the last
    for attempt in range(passes):
        # laid out for the fans (map_fans), and nothing moved since but on a key's pass
        placed = label_places(fig, ax, spots, numbers=key, lay_out=attempt > 0, avoid=lines)
        if placed.numbered == drawn or attempt == passes - 1:
            break
        key |= {loc.id: number for number, loc, _ in placed.numbered}
        for text in [t for t in ax.texts if str(t.get_gid()).startswith(PLACE_GIDS)]:
            text.remove()
        if drawn:
            fig.legends[-1].remove()
        # the notes of the numbers that found no room are known after placing: the next
        # pass has them in its key; a place new to the key goes in without its note yet
        drawn = tuple(sorted({*placed.numbered, *_key_entries(spots, key, placed)}))
        _draw_key(fig, drawn, map_height_in)
    # held where the names were measured: drawing the SVG lays nothing out again
    fig.set_layout_engine("none")
    return NetworkMap(figure=fig, notes=notes, titles=titles)


def _key_entries(
    spots: Sequence[Spot], key: dict[str, int], placed: Placed
) -> set[tuple[int, Location, str]]:
    """The key's entries for places numbered in an earlier pass and not in ``placed``."""
    places = {spot.location.id: spot.location for spot in spots}
    now = {loc.id for _, loc, _ in placed.numbered}
    return {(n, places[i], "") for i, n in key.items() if i in places and i not in now}

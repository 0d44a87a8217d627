"""The network map frames every place (poles, antimeridian), draws links short, shows all text."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection
from svg_text import text_boxes, view_box

from supplyline.domain import Plan, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.reports.figures import figure_to_svg
from supplyline.reports.longitudes import joined, lon_label
from supplyline.reports.network_map import _world_rings, network_map_figure
from supplyline.services.scenarios import assess_requirements, bundled_example

if TYPE_CHECKING:
    from tests.reports.conftest import Case

NEAR_NORTH_POLE = [(89.5 + 0.05 * i, -170.0 + 45.0 * i) for i in range(8)]
NEAR_SOUTH_POLE = [(-lat, lon) for lat, lon in NEAR_NORTH_POLE]
ACROSS_ANTIMERIDIAN = [
    (-17.8, 179.6),
    (-16.8, -179.7),
    (-16.5, -179.2),
    (-17.1, 179.9),
    (-16.2, 180.0),
    (-16.9, -180.0),
    (-17.5, 179.3),
    (-16.6, -179.5),
]
ROUND_THE_WORLD = [
    (89.99, 0.0),
    (90.0, 120.0),
    (-90.0, -45.0),
    (65.0, 180.0),
    (-16.8, -179.7),
    (52.0, 10.0),
    (-34.0, 151.0),
    (40.0, -74.0),
]

LONG_SOUTHERN_LABELS = [(-33.6 + 0.3 * (i % 4), 150.9 + 0.6 * (i // 4)) for i in range(8)]
"""Near Sydney, framed so that the latitudes read −34.25, −34.00 …: the widest tick labels."""


def _placed(case: Case, spots: Sequence[tuple[float, float]]) -> Scenario:
    """The tiny case's network, its eight locations moved to ``spots`` (lat, lon) in turn."""
    locations = tuple(
        dataclasses.replace(loc, lat=lat, lon=lon)
        for loc, (lat, lon) in zip(case.scenario.locations, spots, strict=True)
    )
    return dataclasses.replace(case.scenario, locations=locations)


def _map_axes(case: Case, spots: Sequence[tuple[float, float]]) -> Axes:
    fig = network_map_figure(_placed(case, spots), case.plan)
    assert fig is not None
    return fig.axes[0]


def _shows(ax: Axes, lat: float, lon: float) -> bool:
    """Whether the frame holds the place, at its longitude or one a whole turn away."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    return y0 <= lat <= y1 and any(x0 <= lon + k * 360.0 <= x1 for k in (-1, 0, 1))


def _line_steps(ax: Axes) -> list[float]:
    """The longitude step between consecutive points of every line drawn on the map."""
    lines = [line.get_xydata() for line in ax.lines]
    lines += [
        seg for c in ax.collections if isinstance(c, LineCollection) for seg in c.get_segments()
    ]
    return [abs(float(b[0] - a[0])) for xy in lines for a, b in itertools.pairwise(xy)]


@pytest.mark.parametrize(
    "spots",
    [NEAR_NORTH_POLE, NEAR_SOUTH_POLE, ACROSS_ANTIMERIDIAN, ROUND_THE_WORLD],
    ids=["north-pole", "south-pole", "antimeridian", "world"],
)
def test_map_frames_every_location(case: Case, spots: list[tuple[float, float]]) -> None:
    """Every location lies inside the map's frame, however close to a pole or to ±180°."""
    ax = _map_axes(case, spots)
    assert [spot for spot in spots if not _shows(ax, *spot)] == []


@pytest.mark.parametrize("spots", [NEAR_NORTH_POLE, NEAR_SOUTH_POLE], ids=["north", "south"])
def test_polar_frame_stays_on_the_globe(case: Case, spots: list[tuple[float, float]]) -> None:
    """A flat polar network is framed taller without running past the pole."""
    y0, y1 = _map_axes(case, spots).get_ylim()
    assert -90.0 <= y0 < y1 <= 90.0


def test_network_across_the_antimeridian_gets_a_small_frame(case: Case) -> None:
    """A network straddling ±180° is framed around itself, not as the whole world."""
    x0, x1 = _map_axes(case, ACROSS_ANTIMERIDIAN).get_xlim()
    assert x1 - x0 < 10.0
    assert x0 < 180.0 < x1


@pytest.mark.parametrize(
    "spots", [ACROSS_ANTIMERIDIAN, ROUND_THE_WORLD], ids=["antimeridian", "world"]
)
def test_links_are_drawn_the_short_way(case: Case, spots: list[tuple[float, float]]) -> None:
    """No link runs more than 180° of longitude: one across ±180° is not drawn round the world."""
    steps = _line_steps(_map_axes(case, spots))
    assert steps
    assert max(steps) <= 180.0


def test_link_across_the_antimeridian_shows_on_both_sides_of_a_world_map(case: Case) -> None:
    """On a map of the whole world, a link across ±180° shows at both edges of the frame."""
    ax = _map_axes(case, ROUND_THE_WORLD)
    ends = [x for line in ax.lines for x, _ in line.get_xydata() if len(line.get_xydata()) == 2]
    x0, x1 = ax.get_xlim()
    assert min(ends) < x0 < x1 < max(ends)


@pytest.mark.parametrize(
    "spots", [ACROSS_ANTIMERIDIAN, ROUND_THE_WORLD], ids=["antimeridian", "world"]
)
def test_country_outlines_have_no_stripes(case: Case, spots: list[tuple[float, float]]) -> None:
    """No country outline drawn on the map jumps across it (Russia, Fiji, Antarctica).

    Antarctica's edge along the South Pole is the bottom of the map, not a stripe.
    """
    ax = _map_axes(case, spots)
    (outlines,) = [c for c in ax.collections if isinstance(c, PolyCollection)]
    jumps = [
        abs(float(b[0] - a[0]))
        for path in outlines.get_paths()
        for a, b in itertools.pairwise(path.vertices)
        if not abs(a[1]) == abs(b[1]) == 90.0
    ]
    assert jumps
    assert max(jumps) <= 180.0


def test_joined_rings_close() -> None:
    """Every country ring, joined across ±180°, ends where it starts (Antarctica via the pole)."""
    assert all(ring[0] == ring[-1] for ring in _world_rings())


def test_ring_round_a_pole_is_closed_along_it() -> None:
    """A ring that goes once round the South Pole is closed along latitude -90°."""
    ring = [(-180.0, -80.0), (-60.0, -70.0), (60.0, -75.0), (180.0, -80.0), (-180.0, -80.0)]
    assert joined(ring)[-3:] == [(180.0, -90.0), (-180.0, -90.0), (-180.0, -80.0)]


@pytest.mark.parametrize(
    ("x", "label"),
    [(179.5, "179.5"), (180.0, "180"), (180.5, "\N{MINUS SIGN}179.5"), (-181.0, "179"), (0.0, "0")],
)
def test_longitude_ticks_read_as_longitudes(x: float, label: str) -> None:
    """A map past ±180° labels its ticks as longitudes in -180..180."""
    assert lon_label(x) == label


@pytest.fixture(scope="module")
def relief_planned() -> tuple[Scenario, Plan]:
    """The bundled relief operation and its plan (its map cut the latitude title off)."""
    assessed = assess_requirements(bundled_example("relief-operation"))
    scenario = assessed.opened.scenario
    return scenario, plan_movements(scenario, assessed.demand, PlanParams(explain_top=0))


def _texts_off_the_figure(svg: str, slack_pt: float = 0.5) -> list[str]:
    """The texts of an SVG figure that reach past its edges, measured as matplotlib drew them.

    The page shows only the viewBox, so what falls outside it is cut off.
    """
    width, height = view_box(svg)
    return [
        t.text
        for t in text_boxes(svg)
        if not (-slack_pt <= t.box[0] and t.box[2] <= width + slack_pt)
        or not (-slack_pt <= t.box[1] and t.box[3] <= height + slack_pt)
    ]


def test_relief_map_keeps_every_text_on_the_figure(relief_planned: tuple[Scenario, Plan]) -> None:
    """The relief map's axis titles, ticks, names and legend all lie within the figure."""
    fig = network_map_figure(*relief_planned)
    assert fig is not None
    svg = figure_to_svg(fig, "map")
    assert "latitude (°)" in svg
    assert _texts_off_the_figure(svg) == []


@pytest.mark.parametrize(
    "spots",
    [LONG_SOUTHERN_LABELS, NEAR_NORTH_POLE, NEAR_SOUTH_POLE, ACROSS_ANTIMERIDIAN, ROUND_THE_WORLD],
    ids=["long-southern-labels", "north-pole", "south-pole", "antimeridian", "world"],
)
def test_map_keeps_every_text_on_the_figure(case: Case, spots: list[tuple[float, float]]) -> None:
    """Whatever the extent, the left margin holds the latitude labels and their title."""
    fig = network_map_figure(_placed(case, spots), case.plan)
    assert fig is not None
    assert _texts_off_the_figure(figure_to_svg(fig, "map")) == []


def test_compact_network_fills_its_frame(case: Case) -> None:
    """Places within 0.02° fill most of the frame, not a 1 cm cluster in its middle."""
    spots = [(54.90 + 0.0025 * i, 25.00 + 0.02 * (i % 2)) for i in range(8)]
    ax = _map_axes(case, spots)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    lats = [lat for lat, _ in spots]
    lons = [lon for _, lon in spots]
    share = max((max(lons) - min(lons)) / (x1 - x0), (max(lats) - min(lats)) / (y1 - y0))
    assert share >= 0.5

"""Links that join the same two places are drawn side by side, each where it can be seen."""

from __future__ import annotations

import dataclasses
import math
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from svg_text import SVG

from supplyline.domain import Link, Mode, Movement
from supplyline.reports import render_plan_report
from supplyline.reports.figures import figure_to_svg
from supplyline.reports.map_bundles import GAP_PT, bundles, side_offsets, side_path
from supplyline.reports.network_map import network_map_figure

if TYPE_CHECKING:
    from tests.reports.conftest import Case

Vertices = list[tuple[float, float]]


def _road(i: str, a: str, b: str, mode: Mode = Mode.ROAD) -> Link:
    return Link(id=i, origin=a, destination=b, mode=mode, distance_km=120, transit_days=1)


def _moves(link: Link, tonnes: float) -> Movement:
    return Movement(
        link=link.id,
        origin=link.origin,
        destination=link.destination,
        mode=link.mode,
        commodity="fuel",
        departure_day=2,
        arrival_day=3,
        tonnes=tonnes,
    )


@pytest.fixture(scope="module")
def bundled(case: Case) -> Case:
    """The tiny case, with two more roads that each carry something.

    One beside the Mockava–Kaunas rail line, one back from Pabradė to Kaunas beside the
    road there.
    """
    beside_rail = _road("d6", "mockava", "kaunas")
    back = _road("d7", "pabrade", "kaunas")
    scenario = dataclasses.replace(case.scenario, links=(*case.scenario.links, beside_rail, back))
    plan = dataclasses.replace(
        case.plan, movements=(*case.plan.movements, _moves(beside_rail, 300.0), _moves(back, 90.0))
    )
    return dataclasses.replace(case, scenario=scenario, plan=plan)


def _paths(case: Case, box: tuple[float, float, float, float] | None = None) -> dict[str, Vertices]:
    """Each link's drawn path (its vertices in SVG points, y down), by link id."""
    fig = network_map_figure(case.scenario, case.plan, box=box)
    assert fig is not None
    root = ET.fromstring(figure_to_svg(fig, "map"))
    paths: dict[str, Vertices] = {}
    for group in root.iter(f"{SVG}g"):
        found = re.fullmatch(r"map-link-(.+)-0", group.attrib.get("id", ""))
        if found:
            numbers = [float(v) for v in re.findall(r"-?[\d.]+", group[0].attrib["d"])]
            paths[found[1]] = list(zip(numbers[0::2], numbers[1::2], strict=True))
    return paths


def _width(case: Case, link: str) -> float:
    fig = network_map_figure(case.scenario, case.plan)
    assert fig is not None
    svg = figure_to_svg(fig, "map")
    found = re.search(rf'<g id="map-link-{link}-0">\s*<path[^>]*stroke-width: ([\d.]+)', svg)
    assert found is not None
    return float(found[1])


def _aside(path: Vertices, start: tuple[float, float], end: tuple[float, float]) -> float:
    """How far the path runs from the straight line ``start``–``end``, signed by side."""
    (x0, y0), (x1, y1) = start, end
    length = math.dist(start, end)
    sides = [((x1 - x0) * (y0 - y) - (y1 - y0) * (x0 - x)) / length for x, y in path]
    return max(sides, key=abs)


def test_a_link_alone_is_drawn_straight(bundled: Case) -> None:
    """A link no other link shares its places with is a straight line between them."""
    assert len(_paths(bundled)["d1"]) == 2


def test_two_links_between_one_pair_run_apart_by_their_widths_and_a_gap(bundled: Case) -> None:
    """A road beside a rail line lies apart from it by their half widths and the gap."""
    paths = _paths(bundled)
    rail, road = paths["r2"], paths["d6"]
    start, end = rail[0], rail[-1]
    apart = abs(_aside(rail, start, end) - _aside(road, start, end))
    edges = (_width(bundled, "r2") + _width(bundled, "d6")) / 2
    assert apart == pytest.approx(edges + GAP_PT, abs=0.05)


def test_side_by_side_lines_still_meet_their_places(bundled: Case) -> None:
    """Each line of a bundle starts and ends on the two places, as the straight one did."""
    paths = _paths(bundled)
    rail, road = paths["r2"], paths["d6"]
    assert {rail[0], rail[-1]} == {road[0], road[-1]}


def test_a_road_each_way_is_drawn_on_both_sides(bundled: Case) -> None:
    """Kaunas to Pabradė and Pabradė back to Kaunas are two lines, one either side."""
    paths = _paths(bundled)
    there, back = paths["d3"], paths["d7"]
    start, end = there[0], there[-1]
    a, b = _aside(there, start, end), _aside(back, start, end)
    assert a * b < 0
    assert abs(a - b) >= (_width(bundled, "d3") + _width(bundled, "d7")) / 2 + GAP_PT - 0.05


def test_lines_stay_as_far_apart_at_any_zoom(bundled: Case) -> None:
    """The lines of a bundle are as many points apart on the close-up as on the whole map."""
    whole = _paths(bundled)
    near = _paths(bundled, box=(22.5, 26.5, 53.8, 56.2))

    def apart(paths: dict[str, Vertices]) -> float:
        rail = paths["r2"]
        return abs(_aside(rail, rail[0], rail[-1]) - _aside(paths["d6"], rail[0], rail[-1]))

    assert apart(near) == pytest.approx(apart(whole), abs=0.05)


def test_report_titles_each_link_of_a_bundle(bundled: Case) -> None:
    """A mouse over either line of a pair reads its link and load; the legend explains them."""
    html = render_plan_report(bundled.scenario, bundled.demand, bundled.plan)
    for link, carries in (("d6", "300 t planned"), ("r2", "t planned")):
        title = re.search(rf'<g id="map-link-{link}-0"><title>([^<]*)</title>', html)
        assert title is not None
        assert carries in title[1]
        assert "one of 2 links between these places, drawn side by side" in title[1]
    assert "links between the same two places: side by side" in html


def test_bundle_order_is_the_same_whichever_way_links_are_listed() -> None:
    """A pair's links lie across it in one order, by mode, then way, then id."""
    links = [_road("b", "y", "x"), _road("a", "x", "y", Mode.RAIL), _road("c", "x", "y")]
    order = [lk.id for lk in bundles(links)[("x", "y")]]
    assert order == [lk.id for lk in bundles(reversed(links))[("x", "y")]] == ["a", "c", "b"]


widths = st.lists(st.floats(min_value=0.5, max_value=7.0), min_size=1, max_size=6)


@given(widths)
def test_offsets_never_overlap_and_centre_the_bundle(ws: list[float]) -> None:
    """Neighbours' edges are the gap apart, and the bundle is as wide each side of the link."""
    at = side_offsets(ws)
    for i in range(len(ws) - 1):
        assert at[i + 1] - at[i] == pytest.approx((ws[i] + ws[i + 1]) / 2 + GAP_PT)
    assert at[0] - ws[0] / 2 == pytest.approx(-(at[-1] + ws[-1] / 2))


coordinate = st.floats(min_value=-500, max_value=500)


@given(coordinate, coordinate, coordinate, coordinate, st.floats(min_value=-10, max_value=10))
def test_side_path_keeps_its_ends_and_its_offset(
    x0: float, y0: float, x1: float, y1: float, offset: float
) -> None:
    """A line run aside starts and ends on its places, and runs no farther aside than asked."""
    start, end = np.array([x0, y0]), np.array([x1, y1])
    path = side_path(start, end, offset, 8.0)
    assert path[0] == pytest.approx(start)
    assert path[-1] == pytest.approx(end)
    length = math.dist(start, end)
    if length > 1e-6:
        along = (end - start) / length
        aside = (path - start) @ np.array([-along[1], along[0]])
        farthest = aside.max() if offset >= 0 else aside.min()
        assert farthest == pytest.approx(offset, abs=1e-6)
        assert np.abs(aside).max() == pytest.approx(abs(offset), abs=1e-6)

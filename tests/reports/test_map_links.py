"""The map's links are as wide as their tonnes, a below-scale flow a pale hairline."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

import pytest

from supplyline.reports.figures import figure_to_svg
from supplyline.reports.map_links import HAIRLINE_PT, link_tonnes
from supplyline.reports.network_map import network_map_figure

if TYPE_CHECKING:
    from tests.reports.conftest import Case

_LINK_STYLE = re.compile(r'<g id="map-link-([^"]+)-0">\s*<path[^>]*style="([^"]*)"')


def _styles(case: Case) -> dict[str, dict[str, str]]:
    """Each link's SVG style, read from the drawn map as a browser would read it."""
    fig = network_map_figure(case.scenario, case.plan)
    assert fig is not None
    svg = figure_to_svg(fig, "map")
    styles: dict[str, dict[str, str]] = {}
    for link, style in _LINK_STYLE.findall(svg):
        pairs = (part.split(":", 1) for part in style.split(";") if ":" in part)
        styles[link] = {k.strip(): v.strip() for k, v in pairs}
    return styles


def test_widths_above_the_hairline_are_in_the_ratio_of_tonnes(case: Case) -> None:
    """Two links drawn to scale are as many times wider as they carry more tonnes."""
    tonnes = link_tonnes(case.plan)
    styles = _styles(case)
    busiest = max(tonnes.values())
    scaled = [
        link
        for link, t in tonnes.items()
        if link in styles
        and 7.0 * t / busiest > HAIRLINE_PT
        and "stroke-dasharray" not in styles[link]
    ]
    assert len({tonnes[link] for link in scaled}) >= 2
    for a, b in itertools.combinations(scaled, 2):
        width_a = float(styles[a]["stroke-width"])
        width_b = float(styles[b]["stroke-width"])
        assert width_a / width_b == pytest.approx(tonnes[a] / tonnes[b], rel=1e-4)


def test_busiest_link_is_seven_points(case: Case) -> None:
    """The link with most tonnes is drawn 7 pt wide, as the legend and the docs say."""
    tonnes = link_tonnes(case.plan)
    busiest = max(tonnes, key=tonnes.__getitem__)
    assert float(_styles(case)[busiest]["stroke-width"]) == pytest.approx(7.0)


def test_below_scale_flow_is_a_pale_hairline(case: Case) -> None:
    """A flow too small to draw to scale is the hairline's width and paler than the rest."""
    tonnes = link_tonnes(case.plan)
    busiest = max(tonnes.values())
    styles = _styles(case)
    small = [k for k, t in tonnes.items() if 0 < 7.0 * t / busiest < HAIRLINE_PT]
    assert small, "the test case should have a below-scale flow"
    big = max(tonnes, key=tonnes.__getitem__)
    for link in small:
        assert float(styles[link]["stroke-width"]) == pytest.approx(HAIRLINE_PT)
        assert float(styles[link]["stroke-opacity"]) < float(styles[big]["stroke-opacity"])

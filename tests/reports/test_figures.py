"""The plots: user text drawn as typed, and a short horizon's stock still visible."""

from __future__ import annotations

import dataclasses
import logging
import warnings
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from supplyline.domain import Demand, Plan
from supplyline.reports import render_plan_report
from supplyline.reports.figures import figure_to_svg, literal_text, unit_supply_figure
from supplyline.reports.network_map import network_map_figure

if TYPE_CHECKING:
    from tests.reports.conftest import Case

ODD_NAME = "$a^2$ 東京 🚚 costs $5 & $10"
"""Dollar signs that mathtext would read as a formula, and glyphs DejaVu Sans lacks."""


def _renamed(case: Case) -> Case:
    """The tiny case with two places named oddly.

    The Kaunas railhead is named on the map; Pabradė, U1's destination, in U1's panel title.
    """
    locations = tuple(
        dataclasses.replace(loc, name=ODD_NAME) if loc.id in ("kaunas", "pabrade") else loc
        for loc in case.scenario.locations
    )
    return dataclasses.replace(
        case, scenario=dataclasses.replace(case.scenario, locations=locations)
    )


def _svg_texts(svg: str) -> list[str]:
    return [
        "".join(el.itertext()) for el in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")
    ]


@pytest.mark.parametrize("figure", ["map", "supply"])
def test_names_are_drawn_as_typed(case: Case, figure: str) -> None:
    """A name with dollar signs is one literal text in the SVG, not typeset as a formula."""
    odd = _renamed(case)
    fig = (
        network_map_figure(odd.scenario, odd.plan)
        if figure == "map"
        else unit_supply_figure(odd.scenario, odd.demand, odd.plan, ["U1"])
    )
    assert fig is not None
    assert any(ODD_NAME in text for text in _svg_texts(figure_to_svg(fig, figure)))


def test_every_figure_text_is_literal(case: Case) -> None:
    """Titles, labels, legends and tick labels (made when drawn) all have math parsing off."""
    fig = network_map_figure(case.scenario, case.plan)
    assert fig is not None
    figure_to_svg(fig, "map")
    texts = fig.findobj(Text)
    assert texts
    assert not any(text.get_parse_math() for text in texts)


def test_report_with_odd_names_logs_no_warning(
    case: Case, caplog: pytest.LogCaptureFixture
) -> None:
    """Neither mathtext nor missing glyphs put a WARNING on the user's terminal.

    (Python warnings would fail the test too: the suite turns them into errors.)
    """
    odd = _renamed(case)
    with caplog.at_level(logging.DEBUG):
        html = render_plan_report(odd.scenario, odd.demand, odd.plan)
    assert ODD_NAME.replace("&", "&amp;") in html
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_missing_glyph_goes_to_the_debug_log(caplog: pytest.LogCaptureFixture) -> None:
    """Matplotlib's missing-glyph warning is logged at debug level, not shown."""
    message = "Glyph 26481 (\\N{CJK UNIFIED IDEOGRAPH-6771}) missing from font(s) DejaVu Sans."
    with caplog.at_level(logging.DEBUG, logger="supplyline.reports.figures"), literal_text():
        warnings.warn(message, UserWarning, stacklevel=1)
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [(logging.DEBUG, message)]


def test_other_warnings_pass_through() -> None:
    """Any other warning raised while a figure is made still reaches the caller."""
    with pytest.warns(RuntimeWarning, match="something else"), literal_text():
        warnings.warn("something else", RuntimeWarning, stacklevel=1)


def test_literal_text_leaves_the_settings_as_they_were() -> None:
    """Outside the figures, matplotlib's math parsing is as the caller had it."""
    with literal_text():
        pass
    assert Figure().text(0, 0, "$x$").get_parse_math()


def _first_days(case: Case, days: int) -> tuple[Demand, Plan]:
    """The tiny case's demand and plan cut to their first ``days`` days."""
    d = case.demand
    demand = dataclasses.replace(
        d,
        horizon_days=days,
        consumption_t=d.consumption_t[:, :, :days],
        buildup_t=d.buildup_t[:, :, :days],
    )
    plan = dataclasses.replace(
        case.plan,
        horizon_days=days,
        movements=tuple(m for m in case.plan.movements if m.departure_day < days),
        stocks=tuple(s for s in case.plan.stocks if s.day < days),
        shortfalls=tuple(s for s in case.plan.shortfalls if s.day < days),
    )
    return demand, plan


@pytest.mark.parametrize(("days", "marked"), [(1, True), (3, True), (14, False)])
def test_short_horizon_marks_each_day(case: Case, days: int, marked: bool) -> None:
    """Over a few days each stock point has a marker (one point alone draws no line)."""
    demand, plan = _first_days(case, days)
    fig = unit_supply_figure(case.scenario, demand, plan, ["U2"])
    assert fig is not None
    stock_lines = [line for line in fig.axes[0].lines if line.get_label() in demand.commodity_ids]
    assert stock_lines
    assert all((line.get_marker() not in (None, "None", "")) is marked for line in stock_lines)

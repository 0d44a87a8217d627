"""The map marks closed links (all horizon, some days) and every link has a title."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

import pytest

from supplyline.reports import render_plan_report
from supplyline.reports.map_closures import CLOSED_COLOUR
from supplyline.reports.map_links import link_people, link_tonnes

if TYPE_CHECKING:
    from tests.reports.conftest import Case

_GROUP = re.compile(r'<g id="map-(link|closure)-([^"]+)-0">(<title>([^<]*)</title>)?')


def _with_outages(case: Case, outages: dict[str, frozenset[int]]) -> Case:
    links = tuple(
        dataclasses.replace(lk, outage_days=outages.get(lk.id, lk.outage_days))
        for lk in case.scenario.links
    )
    return dataclasses.replace(case, scenario=dataclasses.replace(case.scenario, links=links))


def _idle(case: Case) -> list[str]:
    used = link_tonnes(case.plan).keys() | link_people(case.plan).keys()
    return [lk.id for lk in case.scenario.links if lk.id not in used]


@pytest.fixture(scope="module")
def closed_case(case: Case) -> tuple[Case, str, str]:
    """The tiny case with an idle link closed all horizon and a busy one closed 3 days."""
    idle = _idle(case)[0]
    days = frozenset(range(case.scenario.horizon_days))
    return _with_outages(case, {idle: days, "r1": frozenset({8, 9, 10})}), idle, "r1"


@pytest.fixture(scope="module")
def closed_html(closed_case: tuple[Case, str, str]) -> str:
    """The report of :func:`closed_case`, its map section only."""
    case, _, _ = closed_case
    html = render_plan_report(case.scenario, case.demand, case.plan)
    return html[html.index('id="map"') :]


def _groups(html: str) -> dict[tuple[str, str], str | None]:
    return {(kind, link): title for kind, link, _, title in _GROUP.findall(html)}


def test_every_link_has_a_title_idle_ones_saying_they_carry_nothing(case: Case, html: str) -> None:
    """Each link of the map has a title; an idle link's says it carries nothing.

    Lone idle links were drawn as one collection with no title (39 of 45 had one).
    """
    groups = _groups(html[html.index('id="map"') :])
    links = {link for kind, link in groups if kind == "link"}
    assert links == {lk.id for lk in case.scenario.links}
    assert all(groups[("link", link)] for link in links)
    for link in _idle(case):
        assert "carries nothing planned" in str(groups[("link", link)])


def test_a_link_closed_all_horizon_is_red_dashes_and_says_so(
    closed_case: tuple[Case, str, str], closed_html: str
) -> None:
    """The idle link closed C+0–C+13 is drawn in black dash-dots, its title saying when."""
    _, idle, _ = closed_case
    title = _groups(closed_html)[("link", idle)]
    assert title is not None
    assert title.endswith("closed all horizon (C+0–C+13: nothing can depart on it)")
    path = re.search(rf'<g id="map-link-{idle}-0">.*?<path[^>]*style="([^"]*)"', closed_html, re.S)
    assert path is not None
    assert f"stroke: {CLOSED_COLOUR}" in path.group(1)
    assert "stroke-dasharray" in path.group(1)


def test_a_link_closed_some_days_has_red_dots_over_it(
    closed_case: tuple[Case, str, str], closed_html: str
) -> None:
    """The busy rail link closed C+8–C+10 keeps its line and gets black dots, titled too."""
    _, _, busy = closed_case
    groups = _groups(closed_html)
    words = "closed C+8–C+10 (3 of 14 days: nothing departs on it then)"
    assert str(groups[("link", busy)]).endswith(words)
    assert str(groups[("closure", busy)]).endswith(words)
    dots = re.search(
        rf'<g id="map-closure-{busy}-0">.*?<path[^>]*style="([^"]*)"', closed_html, re.S
    )
    assert dots is not None
    assert f"stroke: {CLOSED_COLOUR}" in dots.group(1)


def test_the_legend_and_caption_name_the_closures(closed_html: str) -> None:
    """Both kinds of closure have a legend entry; the caption says how closures are drawn."""
    assert "closed all horizon</text>" in closed_html
    assert "closed some days</text>" in closed_html
    assert "The mouse on any link shows what it carries" in closed_html


def test_a_map_with_no_closure_has_no_closure_legend(html: str) -> None:
    """The tiny case closes nothing: no closure entry, no closure line."""
    assert "closed all horizon" not in html
    assert "map-closure-" not in html

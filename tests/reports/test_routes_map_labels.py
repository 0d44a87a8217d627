"""The routes report labels its convoys on the map, with no label over another or a name.

Measured on the SVG maps the report inlines: each convoy label is a group
``<map>-line-label-N`` of one ``<text>`` a line, each place's name or number a group
``<map>-place-name-N`` / ``-place-number-N``; each has its white veil, whose box is what
it covers (:func:`svg_text.group_box`).
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from svg_text import SVG, group_box

from supplyline.reports.routes_report import write_routes_report
from supplyline.routing import RouterParams
from supplyline.routing.convoy import ConvoyParams
from supplyline.services.routing import RoutesRun, route_scenario_day
from supplyline.services.scenarios import bundled_example

_GROUP = re.compile(r"^(?P<map>[a-z]+)-(?P<kind>line-label|place-name|place-number)-\d+$")

Box = tuple[float, float, float, float]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[RoutesRun, str]:
    """The bilateral example's C+14 routes and their HTML report."""
    path = tmp_path_factory.mktemp("routes") / "routes.html"
    params = ConvoyParams(router=RouterParams(time_limit_s=5.0, max_iterations=300, seed=1))
    run = route_scenario_day(
        bundled_example("bilateral-exercise"),
        day=14,
        params=params,
        report=(path, write_routes_report),
    )
    return run, path.read_text(encoding="utf-8")


def _boxes(html: str) -> dict[str, dict[str, list[tuple[str, Box]]]]:
    """Each map's labels, names and numbers by kind: (words, box of the white veil behind)."""
    maps: dict[str, dict[str, list[tuple[str, Box]]]] = {}
    for svg in re.findall(r"<svg\b.*?</svg>", html, flags=re.S):
        for g in ET.fromstring(svg).iter(f"{SVG}g"):
            found = _GROUP.match(g.get("id", ""))
            if found:
                words = "\n".join("".join(t.itertext()) for t in g.iter(f"{SVG}text"))
                box = group_box(svg, found[0])  # the veil: what covers what is under it
                maps.setdefault(found["map"], {}).setdefault(found["kind"], []).append((words, box))
    return maps


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _first_legs(run: RoutesRun) -> dict[frozenset[str], set[str]]:
    """The trucks of each first leg out of a depot (a place repeated in a row is one stop)."""
    legs: dict[frozenset[str], set[str]] = {}
    for r in run.routes.routes:
        path = [x for i, x in enumerate(r.path) if i == 0 or x != r.path[i - 1]]
        legs.setdefault(frozenset(path[:2]), set()).add(r.truck)
    return legs


def test_the_units_area_labels_each_convoy_leg_once(report: tuple[RoutesRun, str]) -> None:
    """One label per first leg, naming its trucks and tonnes; the report drew none."""
    run, html = report
    labels = _boxes(html)["theatre"].get("line-label", [])
    legs = _first_legs(run)
    assert len(legs) < len(run.routes.routes)  # two trucks share a leg: a merged label
    assert len(labels) == len(legs)
    trucks = [r.truck for r in run.routes.routes]
    named = [
        {truck for truck in trucks if re.search(rf"^{re.escape(truck)} [\d.,]+ t$", words, re.M)}
        for words, _ in labels
    ]
    assert sorted(map(sorted, named)) == sorted(map(sorted, legs.values()))


def test_no_label_covers_another_or_a_name(report: tuple[RoutesRun, str]) -> None:
    """On every map, no two labels' veiled boxes overlap, nor a label and a name or number."""
    _, html = report
    maps = _boxes(html)
    assert {"map", "theatre"} <= maps.keys()
    for kinds in maps.values():
        labels = [box for _, box in kinds.get("line-label", [])]
        names = [box for kind in ("place-name", "place-number") for _, box in kinds.get(kind, [])]
        for a, b in itertools.combinations(labels, 2):
            assert not _overlap(a, b), (a, b)
        for a, b in itertools.product(labels, names):
            assert not _overlap(a, b), (a, b)


def _notes_by_map(html: str) -> dict[str, list[str]]:
    """The lines under each figure (``<p class="map-note">``), by its ids' prefix."""
    notes: dict[str, list[str]] = {}
    for svg, after in re.findall(
        r"(<svg\b.*?</svg>)((?:\s*<p class=\"map-note\">.*?</p>)*)", html, re.S
    ):
        prefix = re.search(r'id="([a-z]+)-', svg)
        if prefix:
            notes[prefix[1]] = re.findall(r'<p class="map-note">(.*?)</p>', after)
    return notes


def test_each_map_says_how_many_convoy_labels_it_left_off(report: tuple[RoutesRun, str]) -> None:
    """A map that drew fewer labels than convoy legs says how many it left off, of how many.

    The whole-network map labelled none and the page said nothing of it.
    """
    run, html = report
    legs = len(_first_legs(run))
    drawn = {m: len(kinds.get("line-label", [])) for m, kinds in _boxes(html).items()}
    notes = _notes_by_map(html)
    assert set(notes) >= {"map", "theatre"}
    assert any(
        drawn.get(m, 0) < legs for m in ("map", "theatre")
    )  # the claim is tried on this report
    for m in ("map", "theatre"):
        said = notes[m]
        left_off = legs - drawn.get(m, 0)
        expected = (
            [
                f"convoy labels left off where places crowd: {left_off} of {legs} "
                "(the trucks table lists every convoy)"
            ]
            if left_off
            else []
        )
        assert said == expected, m

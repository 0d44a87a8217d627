"""The reports' map and plots, as Chromium lays them out, draw what the plan holds.

Counted against the files the same command wrote beside the report (``network.geojson``,
``shortfalls.csv``, ``trucks.csv``), not against coordinates: how the map draws a link
may change, that each link with flow is drawn in its mode's colour may not.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_pages import LABEL_BOXES_JS, Figure, PageVisit, css_rgb
from browser_runs import PLAN_REPORTS, ROUTES_REPORTS, RUNS, Report

from supplyline.domain import Mode
from supplyline.reports import MapLayer
from supplyline.reports.figures import MODE_COLOURS

pytestmark = pytest.mark.browser

_REFERENCE_LINES = {css_rgb(c) for c in ("#555555", "#999999")}  # target, in place, required
_SHORT_DAY = css_rgb("#d62728")  # the red ticks under a panel's curves
_UNIT_PANELS_AT_MOST = 12  # write_plan_report's max_unit_panels


def _rows(path: Path) -> list[dict[str, str]]:
    """A CSV file's rows, its comment lines (``#``) and byte-order mark left out."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def _network(report: Report) -> list[dict[str, Any]]:
    """The properties of every feature of the plan's ``network.geojson``."""
    features = json.loads((report.out / "network.geojson").read_text(encoding="utf-8"))
    return [f["properties"] | {"geometry": f["geometry"]["type"]} for f in features["features"]]


def _panels(supply: Figure) -> dict[str, str]:
    """Each unit's panel of the days-of-supply figure: unit id → its axes' id."""
    return {m[1]: t.axes for t in supply.texts if (m := re.match(r"^(\S+) at ", t.text)) and t.axes}


@pytest.mark.parametrize("name", tuple(RUNS))
def test_every_figure_has_a_size_on_screen(opened: Callable[[str], PageVisit], name: str) -> None:
    """The map, the days of supply and the flows are laid out at least 1,020 px wide."""
    figures = opened(name).figures
    assert {"map", "supply", "flows"} <= {f.prefix for f in figures}
    for figure in figures:
        assert figure.width >= 1020, figure.prefix
        assert figure.height > 100, figure.prefix


@pytest.mark.parametrize("name", PLAN_REPORTS)
def test_the_map_draws_each_link_with_flow_in_its_modes_colour(
    opened: Callable[[str], PageVisit], reports: dict[str, Report], name: str
) -> None:
    """One drawn line (or more, never none) per link that carries tonnes or people."""
    links = [p for p in _network(reports[name]) if p["geometry"] == "LineString"]
    busy = {p["id"]: Mode(p["mode"]) for p in links if p["planned_t"] > 0 or p["planned_pax"] > 0}
    assert busy
    the_map = opened(name).figure("map")
    drawn: dict[str, set[str]] = {}
    for mark in the_map.marks:
        found = re.match(r"^map-link-(.+)-\d+$", mark.group)
        if found and mark.drawn:
            drawn.setdefault(found[1], set()).add(mark.stroke)
    assert set(drawn) == set(busy)
    for link, mode in busy.items():
        assert drawn[link] == {css_rgb(MODE_COLOURS[mode])}, link


@pytest.mark.parametrize("name", PLAN_REPORTS)
def test_the_map_marks_every_place(
    opened: Callable[[str], PageVisit], reports: dict[str, Report], name: str
) -> None:
    """Each place of the network has a marker of some size on the whole network's map."""
    places = [p for p in _network(reports[name]) if p["geometry"] == "Point"]
    markers = opened(name).figure("map").group_ids("place-marker")
    assert len(markers) == len(places)


@pytest.mark.parametrize("name", PLAN_REPORTS)
def test_each_unit_has_a_panel_with_its_curves(
    opened: Callable[[str], PageVisit], reports: dict[str, Report], name: str
) -> None:
    """One days-of-supply panel per unit, each with a curve drawn across its days."""
    units = {row["id"] for row in _rows(reports[name].scenario / "units.csv")}
    supply = opened(name).figure("supply")
    panels = _panels(supply)
    assert len(panels) == min(len(units), _UNIT_PANELS_AT_MOST)
    assert set(panels) <= units
    for unit, axes in panels.items():
        curves = [
            m
            for m in supply.marks
            if m.data
            and m.axes == axes
            and m.group.startswith("supply-line2d_")
            and m.stroke not in (*_REFERENCE_LINES, _SHORT_DAY, "none")
            and m.width > 0
        ]
        assert curves, unit


@pytest.mark.parametrize("name", PLAN_REPORTS)
def test_the_days_short_are_ticked_red_in_the_short_units_panels(
    opened: Callable[[str], PageVisit], reports: dict[str, Report], name: str
) -> None:
    """Every unit with a shortfall has red ticks on its panel; one without has none."""
    short = {row["unit"] for row in _rows(reports[name].out / "shortfalls.csv")}
    supply = opened(name).figure("supply")
    ticked = {
        unit
        for unit, axes in _panels(supply).items()
        if any(m.data and m.axes == axes and m.stroke == _SHORT_DAY for m in supply.marks)
    }
    assert ticked == short & set(_panels(supply))
    if name == "thin-road-plan":
        assert ticked == {"alder-bn", "birch-coy"}


@pytest.mark.parametrize("name", PLAN_REPORTS)
def test_the_flows_plot_has_bars_of_each_mode_that_moves(
    opened: Callable[[str], PageVisit], reports: dict[str, Report], name: str
) -> None:
    """Each mode that carries tonnes has bars of some height in its colour, and a key."""
    links = [p for p in _network(reports[name]) if p["geometry"] == "LineString"]
    modes = {Mode(p["mode"]) for p in links if p["planned_t"] > 0}
    flows = opened(name).figure("flows")
    for mode in modes:
        colour = css_rgb(MODE_COLOURS[mode])
        bars = [m for m in flows.marks if m.data and m.fill == colour and m.height > 0]
        assert bars, mode
    keyed = {t.text for t in flows.texts}
    assert {m.value.replace("_", " ") for m in modes} <= keyed
    people = any(p["planned_pax"] > 0 for p in links)
    assert ("people departing" in keyed) == people


@pytest.mark.parametrize("name", ROUTES_REPORTS)
def test_the_routes_map_draws_each_truck_and_labels_convoys(
    opened: Callable[[str], PageVisit], reports: dict[str, Report], name: str
) -> None:
    """The units' area map (else the whole map) draws one convoy line per truck, labelled."""
    trucks = _rows(reports[name].out / "trucks.csv")
    assert trucks
    seen = opened(name)
    prefixes = {f.prefix for f in seen.figures}
    figure = seen.figure("theatre" if "theatre" in prefixes else "map")
    convoy = css_rgb(MapLayer(name="convoys").color)
    lines = [m for m in figure.marks if m.data and m.stroke == convoy and m.fill == "none"]
    assert len(lines) == len(trucks)
    labels = [t for t in figure.texts if "line-label" in t.group and t.fill == convoy]
    assert labels


@pytest.mark.parametrize("name", tuple(RUNS))
def test_map_names_and_labels_do_not_overlap_as_the_browser_draws_them(
    page: Callable[[str], Any], name: str
) -> None:
    """No place name, number or convoy label covers another, nor leaves its figure.

    The map places them by matplotlib's DejaVu Sans metrics (docs/reports.md, *Limits*);
    this is the browser's own drawing of them.
    """
    driver = page(name)
    drawn = driver.execute_script(LABEL_BOXES_JS)
    assert any(f["labels"] for f in drawn)
    for figure in drawn:
        left, top, right, bottom = figure["figure"]
        labels = figure["labels"]
        for label in labels:
            x0, y0, x1, y1 = label["box"]
            inside = left <= x0 and x1 <= right and top <= y0 and y1 <= bottom
            assert inside, label
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                (a0, a1, a2, a3), (b0, b1, b2, b3) = a["box"], b["box"]
                crossed = a0 < b2 and b0 < a2 and a1 < b3 and b1 < a3
                assert a["group"] == b["group"] or not crossed, (a, b)

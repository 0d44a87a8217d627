"""Places at one spot are fanned out on the map: each marker shows, and each is identified.

Checked on what the figure draws (its markers, the fans' lines and dots, the names and
numbers and the key), not on pixels; the scenario is the bundled relief operation with
the shared warehouse and the waterworks moved onto Site 1's coordinates.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import ConnectionPatch
from matplotlib.text import Annotation
from matplotlib.transforms import Transform

from supplyline.domain import Location, LocationKind, Plan, PlanStatus, Scenario
from supplyline.io.network_geojson import network_geojson
from supplyline.planning import PlanParams, plan_movements
from supplyline.reports.map_fans import FAN_GID, SPOT_GID
from supplyline.reports.network_map import MARKER_GID, network_map_figure, theatre_box
from supplyline.services.scenarios import assess_requirements, bundled_example

MOVED = ("hub-wh", "waterworks")
ONTO = "site-stadium"


@pytest.fixture(scope="module")
def stacked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scenario, Plan]:
    """The relief operation with two places moved onto a third's coordinates, and its plan."""
    folder = tmp_path_factory.mktemp("stacked") / "relief"
    shutil.copytree(bundled_example("relief-operation"), folder)
    table = folder / "locations.csv"
    rows = table.read_text(encoding="utf-8").splitlines()
    (spot,) = [row.split(",")[4:6] for row in rows if row.startswith(f"{ONTO},")]
    for i, row in enumerate(rows):
        if row.split(",")[0] in MOVED:
            cells = row.split(",")
            cells[4:6] = spot
            rows[i] = ",".join(cells)
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assessed = assess_requirements(folder)
    scenario = assessed.opened.scenario
    return scenario, plan_movements(scenario, assessed.demand, PlanParams(explain_top=0))


def _points(ax: Axes, transform: Transform, xy: tuple[float, float]) -> tuple[float, float]:
    """Where ``xy`` under ``transform`` lands, in points from the figure's corner."""
    x, y = transform.transform(xy) * 72.0 / ax.figure.dpi
    return float(x), float(y)


def _markers(ax: Axes) -> list[Line2D]:
    return [ln for ln in ax.get_lines() if str(ln.get_gid()).startswith(f"{MARKER_GID}-")]


def _shown_names(fig: Figure, ax: Axes) -> set[str]:
    """The names on the map, and the names the key gives for the numbers on it."""
    named = {t.get_text() for t in ax.texts if str(t.get_gid()).startswith("place-name-")}
    numbers = {t.get_text() for t in ax.texts if str(t.get_gid()).startswith("place-number-")}
    for legend in fig.legends:
        for entry in legend.get_texts():
            number, _, name = entry.get_text().partition("  ")
            if number in numbers:
                named.add(name)
    return named


@pytest.mark.parametrize("zoom", [False, True], ids=["whole", "units-area"])
def test_three_places_at_one_spot_each_get_their_own_marker(
    stacked: tuple[Scenario, Plan], zoom: bool
) -> None:
    """Three markers around the spot, apart by their size, each with a line to it, one dot."""
    scenario, plan = stacked
    where = scenario.location_by_id[ONTO]
    fig = network_map_figure(scenario, plan, box=theatre_box(scenario) if zoom else None)
    assert fig is not None
    ax = fig.axes[0]
    spot = (where.lon, where.lat)
    here = [ln for ln in _markers(ax) if tuple(ln.get_xydata()[0]) == spot]  # true coordinates
    assert len(here) == 3
    drawn = [_points(ax, ln.get_transform(), spot) for ln in here]
    true = _points(ax, ax.transData, spot)
    for a, b in itertools.combinations(range(3), 2):
        apart = (here[a].get_markersize() + here[b].get_markersize()) / 2
        assert math.dist(drawn[a], drawn[b]) >= apart
    assert all(math.dist(d, true) > 0 for d in drawn)
    kinds = {(ln.get_marker(), ln.get_color()) for ln in here}
    assert len(kinds) == 3  # a unit area, a depot and a warehouse: three kinds to see
    fans = [
        p
        for p in ax.patches
        if isinstance(p, ConnectionPatch) and str(p.get_gid()).startswith(f"{FAN_GID}-")
    ]
    to_spot = [p for p in fans if tuple(p.xy1) == spot]
    assert len(to_spot) == 3
    dots = [ln for ln in ax.get_lines() if str(ln.get_gid()).startswith(f"{SPOT_GID}-")]
    assert [tuple(d.get_xydata()[0]) for d in dots].count(spot) == 1


@pytest.mark.parametrize("zoom", [False, True], ids=["whole", "units-area"])
def test_each_place_at_the_spot_is_named_or_numbered_at_its_own_marker(
    stacked: tuple[Scenario, Plan], zoom: bool
) -> None:
    """Each of the three is named, or numbered and listed in the key, at its own marker.

    A name or number hangs on its place's fanned marker, not on the shared spot.
    """
    scenario, plan = stacked
    fig = network_map_figure(scenario, plan, box=theatre_box(scenario) if zoom else None)
    assert fig is not None
    ax = fig.axes[0]
    places = [scenario.location_by_id[i] for i in (ONTO, *MOVED)]
    assert {loc.name for loc in places} <= _shown_names(fig, ax)
    where = scenario.location_by_id[ONTO]
    spot = (where.lon, where.lat)
    markers = {
        _points(ax, ln.get_transform(), spot)
        for ln in _markers(ax)
        if tuple(ln.get_xydata()[0]) == spot
    }
    anchors = {
        _points(ax, t.xycoords, spot)
        for t in ax.texts
        if isinstance(t, Annotation)
        and str(t.get_gid()).startswith("place-")
        and tuple(t.xy) == spot
        and isinstance(t.xycoords, Transform)
    }
    assert len(anchors) == 3
    assert anchors == markers


def test_the_geojson_keeps_the_true_coordinates(stacked: tuple[Scenario, Plan]) -> None:
    """The fan is the map's drawing only: network.geojson puts the three at the one spot."""
    scenario, plan = stacked
    points = {
        f["properties"]["id"]: tuple(f["geometry"]["coordinates"])
        for f in network_geojson(scenario, plan)["features"]
        if f["geometry"] is not None and f["geometry"]["type"] == "Point"
    }
    where = scenario.location_by_id[ONTO]
    assert {points[i] for i in (ONTO, *MOVED)} == {(where.lon, where.lat)}


def test_places_apart_are_not_fanned() -> None:
    """The bundled bilateral exercise's units' area has no two places at one spot: no fan."""
    assessed = assess_requirements(bundled_example("bilateral-exercise"))
    scenario = assessed.opened.scenario
    plan = plan_movements(scenario, assessed.demand, PlanParams(explain_top=0))
    box = theatre_box(scenario)
    fig = network_map_figure(scenario, plan, box=box)
    assert fig is not None
    ax = fig.axes[0]
    markers = _markers(ax)
    assert markers
    assert all(ln.get_transform() == ax.transData for ln in markers)
    assert not [p for p in ax.patches if str(p.get_gid()).startswith(f"{FAN_GID}-")]


def _crowd(places: list[tuple[tuple[float, float], LocationKind]]) -> Scenario:
    """Places at (lat, lon) of the given kinds; no links."""
    return Scenario(
        name="Crowd",
        start_date=dt.date(2026, 3, 1),
        horizon_days=3,
        locations=tuple(
            Location(id=f"p{i:02d}", name=f"P{i}", partner="P", kind=kind, lat=lat, lon=lon)
            for i, ((lat, lon), kind) in enumerate(places)
        ),
    )


@settings(max_examples=8, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.tuples(st.floats(40.0, 40.5), st.floats(20.0, 21.0)),
            st.sampled_from(list(LocationKind)),
            st.integers(1, 6),  # how many places at that spot
        ),
        min_size=1,
        max_size=8,
    )
)
def test_places_at_one_spot_never_hide_one_another(
    spots: list[tuple[tuple[float, float], LocationKind, int]],
) -> None:
    """Wherever several places share coordinates, their markers are apart by their size."""
    places = [(spot, kind) for spot, kind, n in spots for _ in range(n)]
    scenario = _crowd(places)
    plan = Plan(
        scenario="Crowd", start_date=dt.date(2026, 3, 1), horizon_days=3,
        status=PlanStatus.OPTIMAL, objective=0,
    )  # fmt: skip
    fig = network_map_figure(scenario, plan)
    assert fig is not None
    ax = fig.axes[0]
    by_spot: dict[tuple[float, float], list[Line2D]] = {}
    for ln in _markers(ax):
        x, y = ln.get_xydata()[0]
        by_spot.setdefault((float(x), float(y)), []).append(ln)
    assert sum(len(lines) for lines in by_spot.values()) == len(places)
    for spot, lines in by_spot.items():
        drawn = [_points(ax, ln.get_transform(), spot) for ln in lines]
        for a, b in itertools.combinations(range(len(lines)), 2):
            apart = (lines[a].get_markersize() + lines[b].get_markersize()) / 2
            assert math.dist(drawn[a], drawn[b]) >= apart - 1e-6

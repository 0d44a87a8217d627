"""People moved show in the report: a panel of their own, and dashed links on the map.

A tester's airbridge flew all 1,200 people of the exercise (its largest cost) and showed
as nothing on the tonnes-only plot and as a hairline on the map.
"""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D

from supplyline.domain import (
    Link,
    Location,
    LocationKind,
    Mode,
    Movement,
    Plan,
    PlanStatus,
    Scenario,
)
from supplyline.reports.figures import flows_by_mode_figure
from supplyline.reports.network_map import network_map_figure

START = dt.date(2026, 5, 1)


def _scenario() -> Scenario:
    """Home, a railhead and an airfield abroad: rail for cargo, air for people."""
    places = (
        ("home", LocationKind.GARRISON, 50.0, 10.0),
        ("rh", LocationKind.RAILHEAD, 50.0, 30.0),
        ("af", LocationKind.AIRFIELD, 50.5, 30.0),
    )
    links = (("rail", "home", "rh", Mode.RAIL), ("air", "home", "af", Mode.AIR))
    return Scenario(
        name="Air",
        start_date=START,
        horizon_days=6,
        locations=tuple(
            Location(id=i, name=i, partner="P", kind=kind, lat=lat, lon=lon)
            for i, kind, lat, lon in places
        ),
        links=tuple(
            Link(id=i, origin=a, destination=b, mode=mode, distance_km=1_500, transit_days=1)
            for i, a, b, mode in links
        ),
    )


def _move(link: str, mode: Mode, day: int, tonnes: float, pax: float) -> Movement:
    destination = "rh" if link == "rail" else "af"
    return Movement(
        link=link,
        origin="home",
        destination=destination,
        mode=mode,
        commodity="deploy:u1",
        departure_day=day,
        arrival_day=day + 1,
        tonnes=tonnes,
        pax=pax,
    )


def _plan(with_people: bool) -> Plan:
    """300 t by rail on C+1 and C+2; 700 and 500 people by air on C+2 and C+3 (or none)."""
    moves = [_move("rail", Mode.RAIL, 1, 300.0, 0.0), _move("rail", Mode.RAIL, 2, 300.0, 0.0)]
    if with_people:
        moves += [_move("air", Mode.AIR, 2, 0.0, 700.0), _move("air", Mode.AIR, 3, 0.0, 500.0)]
    return Plan(
        scenario="Air",
        start_date=START,
        horizon_days=6,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        movements=tuple(moves),
    )


def _bars(ax: Axes) -> dict[str, list[float]]:
    """Each mode's bar heights by day, read from the axes' bar containers."""
    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    return {str(c.get_label()): [p.get_height() for p in c.patches] for c in containers}


def test_people_get_their_own_panel_with_their_own_axis() -> None:
    """Two panels: tonnes by rail above, people by air below, each day as planned."""
    fig = flows_by_mode_figure(_plan(with_people=True))
    assert fig is not None
    tonnes_ax, people_ax = fig.axes
    assert (tonnes_ax.get_ylabel(), people_ax.get_ylabel()) == (
        "tonnes departing",
        "people departing",
    )
    assert _bars(tonnes_ax) == {"rail": [0.0, 300.0, 300.0, 0.0, 0.0, 0.0]}
    assert _bars(people_ax) == {"air": [0.0, 0.0, 700.0, 500.0, 0.0, 0.0]}


def test_a_plan_that_moves_no_people_has_no_people_panel() -> None:
    """Only the tonnes, as before."""
    fig = flows_by_mode_figure(_plan(with_people=False))
    assert fig is not None
    assert [ax.get_ylabel() for ax in fig.axes] == ["tonnes departing"]


def _link_lines(with_people: bool) -> tuple[list[Line2D], list[str]]:
    fig = network_map_figure(_scenario(), _plan(with_people))
    assert fig is not None
    ax = fig.axes[0]
    lines = [ln for ln in ax.get_lines() if len(ln.get_xydata()) == 2]  # links, not markers
    labels = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    return lines, labels


def test_an_airbridge_for_people_is_a_dashed_line_as_wide_as_its_people() -> None:
    """The link with most people is 4 pt wide and dashed; the legend says 1,200 make 4 pt."""
    lines, labels = _link_lines(with_people=True)
    dashed = [ln for ln in lines if ln.get_linestyle() != "-"]
    solid = [ln for ln in lines if ln.get_linestyle() == "-"]
    assert len(dashed) == 1
    assert dashed[0].get_linewidth() == pytest.approx(4.0)
    assert [ln.get_linewidth() for ln in solid] == [pytest.approx(7.0)]  # the rail's 600 t
    assert "air, people only (width ∝ people: 1,200 = 4 pt)" in labels


def test_without_people_no_line_is_dashed() -> None:
    """An idle air link stays a grey dotted line (with its title), not a dashed flow."""
    lines, labels = _link_lines(with_people=False)
    idle = [ln for ln in lines if ln.get_color() == "#9a9a9a"]
    assert [ln.get_linestyle() for ln in idle] == [":"]
    assert all(ln.get_linestyle() == "-" for ln in lines if ln not in idle)
    assert not any("people only" in label for label in labels)

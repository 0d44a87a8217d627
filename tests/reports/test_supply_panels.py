"""The days-of-supply panels: the day a unit is in place, and curves that coincide."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from supplyline.reports.figures import (
    IN_PLACE_LABEL,
    REQUIRED_LABEL,
    unit_supply_figure,
)

if TYPE_CHECKING:
    from tests.reports.conftest import Case


_FOOD = ("food", "fuel", "water")
"""The tiny case's commodities."""


def _panel(fig: Figure, unit: str) -> Axes:
    """The panel titled for ``unit``."""
    return next(ax for ax in fig.axes if ax.get_title(loc="left").startswith(f"{unit} at "))


def _vertical_at(ax: Axes, label: str) -> list[float]:
    """The x of each vertical line in ``ax`` labelled ``label``."""
    return [float(line.get_xdata()[0]) for line in ax.get_lines() if line.get_label() == label]


def test_dotted_line_is_the_closure_day(case: Case) -> None:
    """U1's dotted "in place" line stands on its closure day, not its required day.

    A tester's panel drew a unit in place on C+13, its required day, while its lift closed
    on C+21; the closure day is the plan's, as deployment.csv has it.
    """
    fig = unit_supply_figure(case.scenario, case.demand, case.plan, ["U1", "U2"])
    assert fig is not None
    (closure,) = (c for c in case.plan.closures if c.unit == "U1")
    assert closure.closure_day != closure.required_day
    ax = _panel(fig, "U1")
    assert _vertical_at(ax, IN_PLACE_LABEL) == [closure.closure_day]
    assert [ln.get_linestyle() for ln in ax.get_lines() if ln.get_label() == IN_PLACE_LABEL] == [
        ":"
    ]
    assert _vertical_at(ax, REQUIRED_LABEL) == [closure.required_day]


def test_the_legend_names_the_reference_lines(case: Case) -> None:
    """The legend says which vertical line is the day in place and which the required day."""
    fig = unit_supply_figure(case.scenario, case.demand, case.plan, ["U1", "U2"])
    assert fig is not None
    (legend,) = fig.legends
    labels = [t.get_text() for t in legend.get_texts()]
    assert {IN_PLACE_LABEL, REQUIRED_LABEL} <= set(labels)


def test_coinciding_curves_are_named_in_their_panel(case: Case) -> None:
    """U1 holding nothing of any commodity draws one line at 0: the panel names all three.

    As planned, U1 holds three days of food and of water each day (6 t and 24 t), fuel
    apart: the panel names those two.
    """
    empty = tuple(
        dataclasses.replace(level, tonnes=0.0) if level.unit == "U1" else level
        for level in case.plan.stocks
    )
    plan = dataclasses.replace(case.plan, stocks=empty)
    fig = unit_supply_figure(case.scenario, case.demand, plan, ["U1", "U2"])
    assert fig is not None
    u1 = [ln.get_label() for ln in _panel(fig, "U1").get_lines() if ln.get_label() in _FOOD]
    notes = [t.get_text() for t in _panel(fig, "U1").texts]
    assert notes == ["same line: " + ", ".join(u1)]
    assert len(u1) > 1
    as_planned = unit_supply_figure(case.scenario, case.demand, case.plan, ["U1"])
    assert as_planned is not None
    (note,) = (t.get_text() for t in _panel(as_planned, "U1").texts)
    assert note == "same line: food, water"  # 6 t and 24 t, three days of each; fuel apart

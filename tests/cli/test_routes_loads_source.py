"""The routes summary says what its loads were taken from: in plan mode, the road legs.

A tester read "(deliveries from the plan)" in plan mode's summary, where what the trucks
carry, and the summary counts, are the plan's road legs into the units' places, not its
deliveries (what units take from stock at their place).
"""

from __future__ import annotations

import datetime as dt

import pytest

from supplyline.cli.routes_cmds import _headline
from supplyline.domain.routes import Routes, RouteStatus, Stop, TruckRoute
from supplyline.reports.routes_report import routes_section


def _day(source: str, *, trucks: bool = True) -> Routes:
    """One truck bringing 2 t of water to u1, its loads taken from ``source``."""
    stop = Stop(unit="u1", location="far", trip=1, arrival_h=6.0, service_start_h=6.0,
                departure_h=6.5, load_t={"water": 2.0})  # fmt: skip
    truck = TruckRoute(truck="tk#1", fleet_group="tk", vehicle_type="bowser", depot="dep",
                       start_h=2.0, end_h=10.0, distance_km=300.0, cost=400.0,
                       payload_t=10.0, stops=(stop,))  # fmt: skip
    return Routes(scenario="s", day=0, date=dt.date(2026, 3, 1), status=RouteStatus.SOLVED,
                  routes=(truck,) if trucks else (), source=source, units=1)  # fmt: skip


PLAN_WORDS = "loads: the plan's road legs into the units' places"


@pytest.mark.parametrize("trucks", [True, False])
def test_plan_mode_headline_names_the_road_legs(trucks: bool) -> None:
    """A day with trucks and a quiet one alike: the road legs, never "deliveries"."""
    line = _headline(_day("plan", trucks=trucks))
    assert PLAN_WORDS in line
    assert "deliveries from the plan" not in line


def test_demand_mode_headline_names_the_requirements() -> None:
    """With --from-demand the loads are what the units require that day."""
    line = _headline(_day("demand"))
    assert "loads: what the units require that day (--from-demand)" in line


def test_the_report_intro_says_the_same_as_the_headline() -> None:
    """The routes report's convoy-routes intro names the road legs in the headline's words."""
    intro = routes_section(_day("plan")).intro
    assert PLAN_WORDS in intro
    assert "deliveries from the plan" not in intro

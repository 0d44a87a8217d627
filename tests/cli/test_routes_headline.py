"""The routes command's summary line: its tonnes add up as written.

A tester's 10.1 t day read "5.0 t delivered, 5.0 t unserved" (5.05 t each).
"""

from __future__ import annotations

import datetime as dt

import pytest
from rich.text import Text

from supplyline.cli.routes_cmds import _headline
from supplyline.domain.routes import (
    DrawnOnSite,
    Routes,
    RouteStatus,
    Stop,
    TruckRoute,
    Unserved,
    UnservedReason,
)


def _day(delivered: float, unserved: float, on_site: float = 0.0) -> Routes:
    """One truck bringing ``delivered`` t of water to u1; the rest unserved or drawn."""
    stop = Stop(unit="u1", location="far", trip=1, arrival_h=6.0, service_start_h=6.0,
                departure_h=6.5, load_t={"water": delivered})  # fmt: skip
    truck = TruckRoute(truck="tk#1", fleet_group="tk", vehicle_type="bowser", depot="dep",
                       start_h=2.0, end_h=10.0, distance_km=300.0, cost=400.0,
                       payload_t=10.0, stops=(stop,))  # fmt: skip
    lost = Unserved(unit="u1", location="far", load_t={"water": unserved},
                    reason=UnservedReason.TOO_LARGE, detail="")  # fmt: skip
    drawn = (DrawnOnSite(unit="u1", location="far", load_t={"water": on_site}),) if on_site else ()
    return Routes(scenario="s", day=0, date=dt.date(2026, 3, 1), status=RouteStatus.PARTIAL,
                  routes=(truck,), unserved=(lost,), on_site=drawn)  # fmt: skip


@pytest.mark.parametrize(
    ("routes", "said"),
    [
        (_day(5.05, 5.05), ("5.05 t delivered", "5.05 t unserved")),
        (_day(10.0, 2.0), ("10.0 t delivered", "2.0 t unserved")),
        (_day(10.0, 0.1), ("10.0 t delivered", "0.10 t unserved")),
        (_day(9.96, 0.02, 0.02), ("9.96 t", "0.020 t drawn on site", "0.020 t unserved")),
        (_day(10.0, 0.0), ("10.0 t delivered", " 0 t unserved")),
    ],
)
def test_the_summary_shows_the_decimals_that_make_its_tonnes_add_up(
    routes: Routes, said: tuple[str, ...]
) -> None:
    """5.05 + 5.05 t is written 5.05 + 5.05, not 5.0 + 5.0 of a 10.1 t day; 10 + 2 to one.

    Each figure takes the decimals of its own table (README, How figures read): a figure
    below 1 two significant digits (0.10, 0.020), as its table below the line shows it,
    whatever the line's other tonnes need (10.0 beside 0.10, not 10.00); exactly nothing 0.
    """
    line = Text.from_markup(_headline(routes)).plain
    for part in said:
        assert part in line

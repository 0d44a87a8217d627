"""A day with nothing for the trucks to do says so, and why, not '0 truck(s), 0.0 t'.

A convoy officer's quiet day (every camp's activity ``none`` on C+5) read "0 truck(s),
0.0 t delivered, 0.0 t unserved, 0 km, cost 0", which looks like a run that failed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from supplyline.cli.routes_cmds import _headline
from supplyline.domain import Mode
from supplyline.domain.routes import DrawnOnSite, Routes, RouteStatus, Unserved, UnservedReason
from supplyline.io.route_tables import nothing_to_deliver
from supplyline.reports.routes_report import routes_section

DAY = dt.date(2026, 3, 6)


def quiet(**kw: object) -> Routes:
    return Routes(scenario="camps", day=5, date=DAY, status=RouteStatus.SOLVED, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("routes", "why"),
    [
        (quiet(source="demand"), "no unit needs anything delivered that day"),
        (quiet(source="plan"), "the movement plan brings nothing by road into the units' places"),
        (
            quiet(on_site=(DrawnOnSite(unit="u1", location="s1", load_t={"water": 4.5}),)),
            "all the units need is at their places: 4.50 t drawn on site",
        ),
    ],
)
def test_a_quiet_day_says_nothing_to_deliver_and_why(routes: Routes, why: str) -> None:
    """No demand, the plan's no road legs, all drawn on site: each said in the CLI and report."""
    assert (nothing_to_deliver(routes) or "").startswith(why)
    headline = _headline(routes)
    assert "nothing to deliver on C+5 (2026-03-06): " + why in headline
    assert "0 truck(s)" not in headline
    assert routes_section(routes).intro.startswith(f"Nothing to deliver on C+5: {why}")


def test_a_day_with_a_load_left_out_is_not_quiet() -> None:
    """A load not delivered is work left undone, not nothing to do: the figures stay."""
    left = Unserved(
        unit="u1", location="s1", load_t={"fuel": 1.0}, reason=UnservedReason.NO_TRUCK_MAY_CARRY,
        detail="no truck in fleet.csv may carry fuel",
    )  # fmt: skip
    routes = quiet(unserved=(left,))
    assert nothing_to_deliver(routes) is None
    assert "0 truck(s)" in _headline(routes)


def test_a_day_all_landed_by_air_says_no_truck_as_a_day_with_trucks_does() -> None:
    """Goods landed by air at the unit's place: 'arrived by air (no truck)', as ever."""
    landed = DrawnOnSite(unit="u1", location="s1", load_t={"food": 0.2}, link="H-S", mode=Mode.AIR)
    headline = _headline(quiet(on_site=(landed,)))
    assert "all the units need is at their places: 0.20 t arrived by air (no truck)" in headline

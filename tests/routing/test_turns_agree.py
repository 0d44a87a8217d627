"""``reach`` and ``routes`` count a truck's turns to a unit in a day the same way.

Worked by hand: depot D 60 km from the unit at 40 km/h (1.5 h each way), 30 min stops:
3.5 h round trips, one 10 t truck available from 0 h. ``routes``' bound on the loads it
leaves out counted the receiving window from its opening, even before a truck could be
there: open 0–4 h it said "at most 2 trips a day" where PyVRP's routes bring one.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import LocationKind, Stock
from supplyline.io import write_scenario
from supplyline.routing.turns import window_turns

_register_commands()
runner = CliRunner()


def _folder(tmp_path: Path, open_h: float, close_h: float, hours: float, people: int) -> Path:
    """D with one 10 t truck (``hours`` drivers' hours), unit U 60 km away, 2 kg/person/day."""
    u = dataclasses.replace(unit("U", "L", open_h=open_h, close_h=close_h), personnel=people)
    s = scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("L", 0.5)],
        [u],
        [road("D", "L", 60.0)],
        [fleet("T", "D", count=1, payload_t=10.0, speed_kmh=40.0, hours=hours)],
    )
    s = dataclasses.replace(s, stocks=(Stock(location="D", commodity="food", initial_t=1e5),))
    folder = tmp_path / "sc"
    write_scenario(s, folder)
    return folder


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def _routes_day_one(folder: Path, out: Path) -> Path:
    """Route day 1 from the demand into ``out`` (a one-second search) and return ``out``."""
    routes = runner.invoke(
        app, ["routes", str(folder), "--day", "1", "--from-demand", "--time-limit", "1",
              "--out", str(out)],
    )  # fmt: skip
    assert routes.exit_code == 0, routes.output
    return out


@pytest.mark.parametrize(
    ("open_h", "close_h", "hours", "turns"),
    [
        (8.0, 9.0, 24.0, 1),  # leaves 6.5 h, unloads at 8 h; the next would start at 11.5 h
        (6.0, 18.0, 24.0, 4),  # services at 6, 9.5, 13 and 16.5 h
        (6.0, 18.0, 9.0, 2),  # drivers' hours: 2 × 3.5 h
        (0.0, 4.0, 24.0, 1),  # first at 1.5 h (not 0 h), the next would be at 5 h
        (20.0, 24.0, 24.0, 1),  # one at 23.5 h would be back at 25.5 h
    ],
)
def test_reach_counts_the_turns_routes_drives(
    tmp_path: Path, open_h: float, close_h: float, hours: float, turns: int
) -> None:
    """Reach's turns per truck are the loads the routes bring; the rest said at that bound.

    20,000 people × 2 kg = 40 t: four 10 t loads for one truck, more than any window admits.
    """
    folder = _folder(tmp_path, open_h, close_h, hours, 25_000)
    reach = runner.invoke(app, ["reach", str(folder), "--format", "csv"])
    assert reach.exit_code == 0, reach.output
    (row,) = _csv(reach.stdout)
    assert (row["round_trip_h"], row["turns_per_truck"]) == ("3.5", str(turns))
    out = _routes_day_one(folder, tmp_path / "out")
    stops = _csv((out / "routes.csv").read_text(encoding="utf-8-sig"))
    assert len(stops) == turns
    assert min(float(s["service_start_h"]) for s in stops) == max(1.5, open_h)
    (left,) = _csv((out / "unserved.csv").read_text(encoding="utf-8-sig"))
    assert left["reason"] == "too_large"
    assert f"can make at most {turns} trip{'s' if turns > 1 else ''} a day" in left["detail"]


def test_loads_a_window_admits_beside_the_truck_are_not_enough_trucks_no_more(
    tmp_path: Path,
) -> None:
    """Open 0–4 h, two 10 t loads (20 t), one truck: one turn, so too_large, not short trucks.

    Counted from the opening the bound was 2 trips, and the load left out was said to
    want for trucks, though no truck could bring it.
    """
    folder = _folder(tmp_path, 0.0, 4.0, 24.0, 10_000)
    out = _routes_day_one(folder, tmp_path / "out")
    assert len(_csv((out / "routes.csv").read_text(encoding="utf-8-sig"))) == 1
    (left,) = _csv((out / "unserved.csv").read_text(encoding="utf-8-sig"))
    assert (left["reason"], left["tonnes"]) == ("too_large", "10")
    assert "can make at most 1 trip a day within its receiving window 0-4 h" in left["detail"]


@given(
    out_h=st.floats(0.05, 12.0),
    back_h=st.floats(0.05, 12.0),
    service_h=st.floats(0.0, 2.0),
    open_h=st.floats(0.0, 23.5),
    length=st.floats(0.1, 24.0),
    hours=st.floats(1.0, 24.0),
)
def test_the_turns_are_the_earliest_schedule_that_keeps_every_rule(
    out_h: float, back_h: float, service_h: float, open_h: float, length: float, hours: float
) -> None:
    """Stepped trip by trip: serve at the earliest, keep window, day and drivers' hours.

    The k-th service (from 0) starts k round trips after the first, which is when the
    window opens or the truck can first be there; tolerances as the count's (1e-9).
    """
    close_h = min(24.0, open_h + length)
    g = fleet("T", "D", hours=hours)
    rt = out_h + back_h + service_h
    first = max(out_h, open_h)
    n = 0
    if first <= close_h + 1e-9 and first + service_h + back_h <= 24 + 1e-9:
        while (
            n * rt <= close_h - first + 1e-9 * rt
            and n * rt <= 24 - first - service_h - back_h + 1e-9 * rt
            and (n + 1) * rt <= hours + 1e-9 * rt
        ):
            n += 1
    assert window_turns(g, out_h, back_h, service_h, open_h, close_h) == n

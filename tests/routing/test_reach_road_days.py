"""The reach check judges road capacities day by day, on the roads open each day.

A tester's unit needing 15 t/day behind two roads of 10 t/day, road A closed C+0–C+1 and
road B closed C+2–C+3, read ok (the two roads were counted open together: 20 t/day),
while ``routes --day 0`` and ``--day 2`` each brought 10 t and left 5 t ``road_full``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import Link, LocationKind, Scenario, Stock
from supplyline.io import write_scenario
from supplyline.routing.reach import check_reach
from supplyline.routing.road_days import day_groups


def _road(link_id: str, a: str, b: str, km: float, cap: float, closed: range) -> Link:
    return dataclasses.replace(
        road(a, b, km), id=link_id, capacity_t_per_day=cap, outage_days=frozenset(closed)
    )


def _r4(a_closed: range = range(0, 2), b_closed: range = range(2, 4)) -> Scenario:
    """The tester's R4: depot D, site S, roads A (25 km) and B (30 km) of 10 t/day each."""
    s = scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.0, lat=0.2)],
        [unit("U", "S")],
        [_road("A", "D", "S", 25.0, 10.0, a_closed), _road("B", "D", "S", 30.0, 10.0, b_closed)],
        [fleet("tD", "D", count=20, payload_t=5.0, hours=12.0)],
    )
    return dataclasses.replace(
        s, horizon_days=4, stocks=(Stock(location="D", commodity="food", initial_t=1e5),)
    )


def test_roads_open_on_different_days_are_not_added_up() -> None:
    """R4: 15 t/day, 10 t/day open each day: flagged on C+0–C+1 first, C+2–C+3 short too."""
    (row,) = check_reach(_r4(), {"U": 15.0}, availability=1.0).rows
    assert not row.sustainable
    assert row.reason == (
        "needs 15.0 t/day; on C+0–C+1 the roads from D carry at most 10.0 t/day there "
        "(road D–S (link B: 10 t/day); closed then: road D–S (link A)); short on C+2–C+3 too"
    )


def test_only_the_days_short_are_named() -> None:
    """A closed C+0–C+1, B open throughout: short on C+0–C+1 only (20 t/day after)."""
    (row,) = check_reach(_r4(b_closed=range(0)), {"U": 15.0}, availability=1.0).rows
    assert row.reason.startswith("needs 15.0 t/day; on C+0–C+1 the roads from D carry at most")
    assert "too" not in row.reason


def test_a_short_day_without_demand_is_not_flagged() -> None:
    """A closed C+0–C+1 only: a unit with demand on C+2–C+3 only gets 20 t/day: ok."""
    s = _r4(b_closed=range(0))
    check = check_reach(s, {"U": 15.0}, availability=1.0, demand_days={"U": [2, 3]})
    assert check.flagged == ()


def test_what_fits_every_day_is_ok() -> None:
    """R4 at 10 t/day: each day's open road carries it."""
    assert check_reach(_r4(), {"U": 10.0}, availability=1.0).flagged == ()


def _two_sites() -> Scenario:
    """Units U1 at L1 and U2 at L2 behind junction J, reached from D by A or B (10 t/day)."""
    s = scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("J", 0.1), loc("L1", 0.2),
         loc("L2", 0.2, lat=0.1)],
        [unit("U1", "L1"), unit("U2", "L2")],
        [_road("A", "D", "J", 10.0, 10.0, range(0, 2)), _road("B", "D", "J", 12.0, 10.0,
         range(2, 4)), road("J", "L1", 10.0), road("J", "L2", 10.0)],
        [fleet("T", "D", count=10, payload_t=10.0)],
    )  # fmt: skip
    return dataclasses.replace(
        s, horizon_days=4, stocks=(Stock(location="D", commodity="food", initial_t=1e5),)
    )


def test_units_sharing_the_roads_open_that_day_are_added_up() -> None:
    """6 + 6 t/day: each fits one road alone, both not; the one named says the days."""
    check = check_reach(_two_sites(), {"U1": 6.0, "U2": 6.0}, availability=1.0)
    assert [r.unit for r in check.flagged] == ["U2"]
    assert check.flagged[0].reason == (
        "needs 6.0 t/day; on C+0–C+1 the roads from D carry at most 10.0 t/day there (road "
        "D–J (link B: 10 t/day); closed then: road D–J (link A)), shared with U1 (6.0 t/day): "
        "12.0 t/day in all"
    )


def test_units_with_demand_on_different_days_do_not_share() -> None:
    """U1 wants C+0–C+1, U2 C+2–C+3: never both on one day, so both fit."""
    days = {"U1": [0, 1], "U2": [2, 3]}
    check = check_reach(_two_sites(), {"U1": 6.0, "U2": 6.0}, availability=1.0, demand_days=days)
    assert check.flagged == ()


def test_no_outage_no_groups() -> None:
    """Roads open every day: one set of roads, nothing to judge day by day."""
    assert day_groups(_r4(range(0), range(0))) == []
    assert day_groups(_r4()) == [(0, 1), (2, 3)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cap_a=st.floats(1.0, 30.0),
    cap_b=st.floats(1.0, 30.0),
    shut_a=st.sets(st.integers(0, 3), max_size=3),
    shut_b=st.sets(st.integers(0, 3), max_size=3),
    need=st.floats(0.5, 50.0),
)
def test_flagged_exactly_when_some_day_is_short(
    cap_a: float, cap_b: float, shut_a: set[int], shut_b: set[int], need: float
) -> None:
    """Two parallel roads: the unit is flagged iff on some day their open capacity is short.

    A day with both closed is a cut-off day (flagged too, by the cut-off rule). Needs
    within 10 kg of a day's capacity are left out (tonnes counted in whole kilograms).
    """
    s = _r4()
    a, b = s.links
    s = dataclasses.replace(s, links=(
        dataclasses.replace(a, capacity_t_per_day=cap_a, outage_days=frozenset(shut_a)),
        dataclasses.replace(b, capacity_t_per_day=cap_b, outage_days=frozenset(shut_b)),
    ))  # fmt: skip
    open_t = [cap_a * (d not in shut_a) + cap_b * (d not in shut_b) for d in range(4)]
    assume(all(abs(t - need) > 1e-2 for t in open_t))
    (row,) = check_reach(s, {"U": need}, availability=1.0).rows
    assert row.sustainable == all(t > need for t in open_t)


def test_reach_says_the_tonnes_routes_leaves_road_full(tmp_path: Path) -> None:
    """Through the commands: R4 with 7,500 people × 2 kg = 15 t/day; routes on C+0 leaves 5 t."""
    s = _r4()
    s = dataclasses.replace(
        s, units=tuple(dataclasses.replace(u, personnel=7_500) for u in s.units)
    )
    folder = tmp_path / "sc"
    write_scenario(s, folder)
    done = subprocess.run([sys.executable, "-m", "supplyline", "reach", str(folder), "--format",
                           "csv"], capture_output=True, text=True, check=True)  # fmt: skip
    (row,) = csv.DictReader(io.StringIO(done.stdout.lstrip("\ufeff")))
    assert row["ok"] == "no"
    assert "on C+0–C+1 the roads from D carry at most 10.0 t/day" in row["reason"]
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "supplyline", "routes", str(folder), "--day", "0",
                    "--from-demand", "--time-limit", "1", "--out", str(out)],
                   capture_output=True, text=True, check=True)  # fmt: skip
    with (out / "unserved.csv").open(encoding="utf-8-sig") as fh:
        left = list(csv.DictReader(fh))
    # what reach says does not fit that day is what routes leaves off the road: 15 - 10 t
    assert {r["reason"] for r in left} == {"road_full"}
    assert abs(sum(float(r["tonnes"]) for r in left) - 5.0) < 1e-6

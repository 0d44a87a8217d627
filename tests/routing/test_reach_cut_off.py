"""The reach check says the days a unit's place is cut off by road, naming the roads.

A tester's unit whose only road was closed for the whole horizon was "ok" with a 1.7 h
round trip, while ``routes`` reported it ``road_closed`` every day.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import subprocess
import sys
from pathlib import Path

from routing_scenarios import star

from supplyline.domain import Scenario, Stock
from supplyline.io import write_scenario
from supplyline.routing.reach import check_reach, reach_rows


def _closed(s: Scenario, link_id: str, *days: int) -> Scenario:
    links = tuple(
        dataclasses.replace(lk, outage_days=frozenset(days)) if lk.id == link_id else lk
        for lk in s.links
    )
    return dataclasses.replace(s, links=links)


def _star() -> Scenario:
    """RH with trucks; U0 at L0 (road closed all 3 days), U1 at L1 (closed C+1), U2 open."""
    return _closed(_closed(star(3, 50.0), "RH-L0", 0, 1, 2), "RH-L1", 1)


def test_a_unit_cut_off_every_day_is_not_ok_and_the_road_is_named() -> None:
    """U0: cut off C+0–C+2, flagged, though its round trip (2.5 h) would be fine."""
    row = check_reach(_star(), {"U0": 1.0}, availability=1.0).rows[0]
    assert row.cut_off_days == (0, 1, 2)
    assert row.cut_off == "C+0–C+2: road RH–L0 (link RH-L0)"
    assert not row.sustainable
    assert row.reason == (
        "cut off by road on C+0–C+2, with demand on C+0–C+2 (roads closed: C+0–C+2: road "
        "RH–L0 (link RH-L0))"
    )


def test_a_unit_with_no_demand_cut_off_every_day_is_still_flagged() -> None:
    """No demand at all, but no truck can ever reach it: flagged on every day."""
    row = check_reach(_star(), {"U0": 0.0}, availability=1.0).rows[0]
    assert not row.sustainable
    assert row.reason.startswith("cut off by road on every day (C+0–C+2)")


def test_a_closure_on_a_day_without_demand_is_said_but_not_flagged() -> None:
    """U1 cut off on C+1 only, demand on C+0 and C+2: ok, with C+1 and the road given."""
    check = check_reach(_star(), {"U1": 2.0}, availability=1.0, demand_days={"U1": [0, 2]})
    row = check.rows[1]
    assert row.cut_off_days == (1,)
    assert row.sustainable
    assert reach_rows(check)[1]["cut_off"] == "C+1: road RH–L1 (link RH-L1)"


def test_a_closure_on_a_day_with_demand_is_flagged() -> None:
    """U1 has demand every day (the default for daily_t above 0): flagged for C+1."""
    row = check_reach(_star(), {"U1": 2.0}, availability=1.0).rows[1]
    assert not row.sustainable
    assert row.reason.startswith("cut off by road on C+1, with demand on C+1 (roads closed: C+1:")


def test_a_detour_open_that_day_means_not_cut_off() -> None:
    """RH–L1 closed on C+1 but L1–L2 and RH–L2 open: U1 is reached, never cut off."""
    s = _star()
    s = dataclasses.replace(
        s, links=(*s.links, dataclasses.replace(s.links[2], id="L1-L2", origin="L1"))
    )
    row = check_reach(s, {"U1": 2.0}, availability=1.0).rows[1]
    assert row.cut_off_days == ()
    assert row.sustainable


def test_reach_and_validate_on_a_folder_say_it(tmp_path: Path) -> None:
    """CLI: ``reach`` flags U0 (no, cut off C+0–C+2); ``validate`` warns that L0 gets nothing."""
    s = dataclasses.replace(
        _star(), stocks=(Stock(location="RH", commodity="food", initial_t=100.0),)
    )
    folder = tmp_path / "sc"
    write_scenario(s, folder)
    run = [sys.executable, "-m", "supplyline"]
    reach = subprocess.run([*run, "reach", str(folder), "--format", "csv"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    rows = {r["unit"]: r for r in csv.DictReader(io.StringIO(reach.stdout.lstrip("\ufeff")))}
    assert (rows["U0"]["ok"], rows["U0"]["cut_off"]) == ("no", "C+0–C+2: road RH–L0 (link RH-L0)")
    assert rows["U2"]["ok"] == "yes"
    check = subprocess.run([*run, "validate", str(folder)], capture_output=True, text=True,
                           check=True)  # fmt: skip
    assert "destination 'L0' cannot be supplied" in check.stderr + check.stdout
    assert "so not counted: RH-L0" in check.stderr + check.stdout


def test_a_road_closed_every_day_joins_nothing_in_reach() -> None:
    """U0's only road is closed all horizon: no road km over it, no round trip, one reason.

    A tester's reach check took a railhead 140 km away over such a road (by road: yes).
    """
    check = check_reach(_star(), {"U0": 1.0}, availability=1.0)
    row = reach_rows(check)[0]
    assert (row["road_km"], row["by_road"], row["round_trip_h"]) == (None, False, None)
    assert row["reason"].startswith("cut off by road on C+0–C+2")


def test_a_unit_at_a_railhead_needs_no_truck() -> None:
    """Its goods arrive where it is: ok, no depot, nothing cut off.

    A tester's rail-served unit was flagged "cut off by road" every day.
    """
    s = _star()
    at_head = dataclasses.replace(s.units[0], destination="RH")
    s = dataclasses.replace(s, units=(at_head, *s.units[1:]))
    row = check_reach(s, {"U0": 5.0}, availability=1.0).rows[0]
    assert (row.supply_point, row.road_km, row.depot, row.sustainable, row.reason) == (
        "RH",
        None,  # supplied on site: no road km (0.0 before, beside no truck)
        None,
        True,
        "",
    )
    assert row.cut_off_days == ()


def test_a_roadless_railhead_does_not_stand_in_for_a_road_closed_all_horizon() -> None:
    """A second railhead with no road at all is no nearer by estimate: U0 is cut off.

    A tester's units behind a road closed all horizon were given a railhead 961 km away
    by straight line.
    """
    s = _star()
    far = dataclasses.replace(s.locations[0], id="RH2", name="RH2", lon=5.0)
    s = dataclasses.replace(s, locations=(*s.locations, far))
    row = check_reach(s, {"U0": 1.0}, availability=1.0).rows[0]
    assert (row.supply_point, row.road_km, row.sustainable) == (None, None, False)
    assert row.reason.startswith("cut off by road on C+0–C+2, with demand on C+0–C+2")

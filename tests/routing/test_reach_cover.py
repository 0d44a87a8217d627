"""A unit's own stock covers a short closure of its road: the reach check does not flag it.

A first-time planner's template (``supplyline init``) was flagged "cut off by road on
C+13" for a one-day closure that its 3 days of supply cover, while its plan ran 0 t
short. A run of cut-off days is covered when the stock the unit can hold by then (its
``days_of_supply``, rebuilt at most a day for each day open; a unit in place starts with
its ``on_hand_days``, one that deploys with nothing) lasts through it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from routing_scenarios import star

from supplyline.cli.reach_flags import print_reach_flags
from supplyline.domain import Scenario
from supplyline.domain.routes import ReachRow
from supplyline.io import write_template
from supplyline.planning import plan_movements
from supplyline.reports.routes_report import reach_section
from supplyline.routing.reach import check_reach, cut_off_words
from supplyline.routing.reach_cover import cover_runs
from supplyline.services.routing import assess_reach, reach_for
from supplyline.services.scenarios import assess_requirements

HORIZON = 12


def _one(*closed: int, days_of_supply: float = 0.0, on_hand_days: float | None = None) -> Scenario:
    """U0 at L0, 50 km from RH's trucks, in place, its road closed on ``closed`` days."""
    s = star(1, 50.0)
    links = tuple(dataclasses.replace(lk, outage_days=frozenset(closed)) for lk in s.links)
    u = dataclasses.replace(s.units[0], days_of_supply=days_of_supply, on_hand_days=on_hand_days)
    return dataclasses.replace(s, horizon_days=HORIZON, links=links, units=(u,))


def _deploying(s: Scenario) -> Scenario:
    """The same unit, deploying from RH to its place: it starts holding nothing."""
    return dataclasses.replace(s, units=(dataclasses.replace(s.units[0], home="RH"),))


def _row(s: Scenario, demand: range = range(HORIZON), daily_t: float = 2.0) -> ReachRow:
    """U0's reach row, with demand on ``demand`` days."""
    return check_reach(s, {"U0": daily_t}, availability=1.0, demand_days={"U0": demand}).rows[0]


def test_the_init_template_is_ok_and_says_its_closure(tmp_path: Path) -> None:
    """``init``'s template: ok from stocks and from its plan, C+13 covered by 3 days."""
    folder = write_template(tmp_path / "my-operation")
    check = assess_reach(folder).check
    assert check.flagged == ()
    (row,) = check.rows
    assert row.cut_off_days == row.covered_days == (13,)
    assert row.cut_off.endswith("; C+13 covered by its 3 days of supply")
    assessed = assess_requirements(folder)
    scenario, demand = assessed.opened.scenario, assessed.demand
    planned = reach_for(scenario, demand, plan=plan_movements(scenario, demand))
    assert planned.flagged == ()
    assert planned.rows[0].covered_days == (13,)


def test_three_days_of_supply_cover_one_day_cut_off_mid_horizon() -> None:
    """days_of_supply 3, road closed C+5: ok; the day and what covers it are said."""
    row = _row(_deploying(_one(5, days_of_supply=3)))
    assert (row.sustainable, row.reason, row.covered_days) == (True, "", (5,))
    assert row.cut_off == "C+5: road RH–L0 (link RH-L0); C+5 covered by its 3 days of supply"
    assert cut_off_words(row) == f"cut off by road on days its stock covers: {row.cut_off}"


def test_one_day_of_supply_does_not_cover_two_days_cut_off() -> None:
    """days_of_supply 1, road closed C+5–C+6: flagged, the reason saying what it holds."""
    row = _row(_deploying(_one(5, 6, days_of_supply=1)))
    assert not row.sustainable
    assert row.covered_days == ()
    assert row.reason == (
        "cut off by road on C+5–C+6, with demand on C+5–C+6, more than its stock covers "
        "(C+5–C+6: 2 days, at most 1 day of supply held by then; days_of_supply 1, "
        "rebuilt at most one day for each day open; no movement plan: counted from "
        "units.csv's days_of_supply only, not what a plan stocks at L0 ahead (plan counts it)) "
        "(roads closed: C+5–C+6: road RH–L0 (link RH-L0))"
    )


def test_a_closure_from_c0_finds_a_deploying_unit_with_nothing() -> None:
    """Cut off C+0: a unit that deploys holds nothing yet, whatever its target."""
    row = _row(_deploying(_one(0, days_of_supply=3)))
    assert not row.sustainable
    assert row.reason.startswith(
        "cut off by road on C+0, with demand on C+0, more than its stock covers (C+0: 1 day, "
        "at most 0 days of supply held by then; days_of_supply 3, none on its first day: it "
        "deploys, and its stock comes by road, "
    )


def test_a_closure_from_c0_finds_a_unit_in_place_with_no_on_hand_with_nothing() -> None:
    """In place with on_hand_days 0 (days_of_supply 3): flagged for C+0."""
    row = _row(_one(0, days_of_supply=3, on_hand_days=0))
    assert not row.sustainable
    assert "on_hand_days 0 at the start" in row.reason


def test_what_a_unit_in_place_holds_at_the_start_covers_a_closure_from_c0() -> None:
    """In place with 2 days on hand: C+0–C+1 covered, in those words; C+0–C+2 is not."""
    row = _row(_one(0, 1, days_of_supply=3, on_hand_days=2))
    assert (row.sustainable, row.covered_days) == (True, (0, 1))
    assert row.cut_off.endswith("; C+0–C+1 covered by the 2 days of supply it holds at the start")
    assert not _row(_one(0, 1, 2, days_of_supply=3, on_hand_days=2)).sustainable


def test_two_closures_close_together_are_flagged() -> None:
    """days_of_supply 2: C+4–C+5 covered, but one open day rebuilds one day for C+7–C+8."""
    row = _row(_deploying(_one(4, 5, 7, 8, days_of_supply=2)))
    assert not row.sustainable
    assert row.covered_days == (4, 5)
    assert "C+7–C+8: 2 days, at most 1 day of supply held by then" in row.reason
    apart = _row(_deploying(_one(4, 5, 8, 9, days_of_supply=2)))  # two open days between
    assert (apart.sustainable, apart.covered_days) == (True, (4, 5, 8, 9))


def test_trucks_with_no_room_beyond_the_days_need_rebuild_nothing() -> None:
    """The unit's trucks carry exactly its need: nothing is built up, C+5 is flagged."""
    s = _deploying(_one(5, days_of_supply=3))
    full = _row(s).capacity_t_per_day
    row = _row(s, daily_t=full)
    assert not row.sustainable
    assert "not rebuilt: its trucks have no room beyond the day's need" in row.reason


def test_a_unit_cut_off_every_day_is_flagged_whatever_it_holds() -> None:
    """No truck ever reaches it: flagged, even where its stock would last its demand."""
    row = _row(_one(*range(HORIZON), days_of_supply=3), demand=range(2))
    assert not row.sustainable
    assert row.reason.startswith("cut off by road on every day")


def test_reach_says_the_covered_closure_in_every_format(tmp_path: Path) -> None:
    """CLI on the template: ``ok`` yes and the covered day in the table, CSV and JSON."""
    folder = write_template(tmp_path / "op")
    run = [sys.executable, "-m", "supplyline", "reach", str(folder)]
    table = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert "0 of 1 unit(s) flagged" in table
    assert "bn-1: cut off by road on days its stock covers: C+13" in table
    out = subprocess.run([*run, "--format", "csv"], capture_output=True, text=True, check=True)
    (row,) = csv.DictReader(io.StringIO(out.stdout))
    assert row["ok"] == "yes"
    assert row["cut_off"].endswith("C+13 covered by its 3 days of supply")
    out = subprocess.run([*run, "--format", "json"], capture_output=True, text=True, check=True)
    (item,) = json.loads(out.stdout)
    assert (item["ok"], item["reason"]) == (True, "")
    assert item["cut_off"] == row["cut_off"]


_DAYS = st.sets(st.integers(0, 19), max_size=20)
_HELD = st.floats(0, 6, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(cut=_DAYS, demand=_DAYS, low=_HELD, more=_HELD, start=_HELD, refill=st.floats(0, 1))
def test_more_days_of_supply_never_uncover_a_run(
    cut: set[int], demand: set[int], low: float, more: float, start: float, refill: float
) -> None:
    """A larger target covers every run a smaller one covers, and the same runs are judged."""
    small = cover_runs(cut, demand, target_days=low, start_days=start, refill=refill)
    large = cover_runs(cut, demand, target_days=low + more, start_days=start, refill=refill)
    assert [r.days for r in small] == [r.days for r in large]
    assert all(b.covered for a, b in zip(small, large, strict=True) if a.covered)


@settings(max_examples=300, deadline=None)
@given(cut=_DAYS, demand=_DAYS, target=_HELD, start=_HELD, refill=st.floats(0, 1))
def test_a_covered_run_is_no_longer_than_what_the_unit_can_hold(
    cut: set[int], demand: set[int], target: float, start: float, refill: float
) -> None:
    """Every cut-off day with demand is in one run; a covered one lasts at most the stock.

    At most ``days_of_supply``, or what it started with before any day open; the runs'
    days are exactly the cut-off days with demand.
    """
    runs = cover_runs(cut, demand, target_days=target, start_days=start, refill=refill)
    assert sorted(d for r in runs for d in r.days) == sorted(cut & demand)
    for r in runs:
        cap = start if r.from_start else target
        assert r.held_days <= cap + 1e-9
        assert r.covered == (len(r.days) <= r.held_days + 1e-9)


def test_plan_and_its_report_say_the_covered_closure_as_reach_does(tmp_path: Path) -> None:
    """``plan``'s reach check line and the report's notes: 0 flagged, bn-1's closure said."""
    folder = write_template(tmp_path / "op")
    check = assess_reach(folder).check
    text = io.StringIO()
    print_reach_flags(check, Console(file=text, width=400))
    said = f"bn-1 (ok): {cut_off_words(check.rows[0])}"
    assert text.getvalue().splitlines() == [
        "reach check: 0 of 1 unit(s) flagged",
        f"  {said}",
    ]
    assert reach_section(check).notes == (said,)

"""With a plan, a cut-off unit is judged on what the plan holds at its place by the day before.

A tester's al-inf-2, deploying to ua-3 whose road was closed C+15–C+16, was flagged "at
most 0 days of supply held by then" by ``plan``, while the plan stocked ua-3 on C+14 with
6 days of each good and ran 0 t short. Here U1 deploys from D to A (1 t of water a day
from C+4), the road D–A closed C+4–C+5: the plan stocks A's store with 3 t on C+3 (2 days
eaten, 1 day of supply built up); with A's ``storage_t`` 1.5 t it holds 1.5 t, and the
plan runs 0.5 t short on C+5.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain import Plan, PlanStatus, StockLevel
from supplyline.domain.reach_flags import FlagKind
from supplyline.domain.routes import ReachRow
from supplyline.planning import plan_movements
from supplyline.planning.arrival import demand_on_arrival
from supplyline.routing.reach_plan_cover import PlanStock, plan_held
from supplyline.services.routing import assess_reach, reach_for
from supplyline.services.scenarios import assess_requirements

FILES = {
    "scenario.yaml": """\
name: closed-road
start_date: 2026-03-01
horizon_days: 8
partners:
  - {id: p}
commodities:
  - {id: water, supply_class: water, priority: 1, volume_m3_per_t: 1.0, demand_unit: kg, \
per_person_per_day: 10}
solver: {time_limit_s: 5}
routing: {detour_factor: 1.3, service_minutes: 30}
""",
    "fleet.csv": """\
id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,cost_per_km,max_route_hours
T1,D,p,cargo,2,10,,60,100,1,8
""",
    "links.csv": """\
id,from,to,mode,distance_km,transit_days,capacity_t_per_day,bidirectional,outage_days
d-a,D,A,road,20,0,,true,4-5
""",
    "locations.csv": """\
id,partner,kind,lat,lon,storage_t
D,p,depot,50.0,10.0,
A,p,unit_area,50.0,10.2,{storage}
""",
    "stocks.csv": """\
location,commodity,initial_t,replenishment_t_per_day
D,water,100,10
""",
    "units.csv": """\
id,partner,home,destination,personnel,available_day,required_day,days_of_supply,receive_open_h,receive_close_h
U1,p,D,A,100,0,4,1,6,18
""",
}
"""U1 (100 people, 10 kg of water a head a day) deploys D→A by C+4; road D–A closed C+4–C+5."""

SHORT = (
    "C+4–C+5: holds 1.5 days of water at A by C+3 (the plan's stock: 1.50 t, its own and A's "
    "store, of the 2.00 t it eats on the days cut off), cut off 2 days: short"
)


def _folder(tmp_path: Path, storage: str = "") -> Path:
    """The scenario, with A's ``storage_t`` (empty: no limit)."""
    folder = tmp_path / "closed-road"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text.replace("{storage}", storage), encoding="utf-8")
    return folder


def _planned_row(folder: Path) -> ReachRow:
    """U1's reach row judged on its plan, as ``plan`` judges it."""
    assessed = assess_requirements(folder)
    scenario, demand = assessed.opened.scenario, assessed.demand
    on_arrival = demand_on_arrival(scenario, demand)
    plan = plan_movements(scenario, demand)
    (row,) = reach_for(scenario, on_arrival, plan=plan).rows
    return row


def test_the_plan_stocking_the_area_ahead_covers_a_two_day_closure(tmp_path: Path) -> None:
    """3 t at A by C+3 against 2 t eaten on C+4–C+5: not flagged, and what was counted said."""
    row = _planned_row(_folder(tmp_path))
    assert (row.sustainable, row.covered_days) == (True, (4, 5))
    assert row.cut_off == (
        "C+4–C+5: road D–A (link d-a); C+4–C+5 covered: holds 3 days of water at A by C+3 "
        "(the plan's stock), cut off 2 days: ok"
    )


def test_a_store_too_small_for_the_closure_is_flagged_with_its_figures(tmp_path: Path) -> None:
    """A's storage_t 1.5 t: the plan holds 1.5 t of the 2 t, and says so."""
    row = _planned_row(_folder(tmp_path, "1.5"))
    assert not row.sustainable
    assert row.covered_days == ()
    assert row.flagged_for == (FlagKind.CUT_OFF,)  # a stock matter, not its trucks
    assert row.reason == (
        f"cut off by road on C+4–C+5, with demand on C+4–C+5, more than its stock covers "
        f"({SHORT}) (roads closed: C+4–C+5: road D–A (link d-a))"
    )


def test_without_a_plan_the_reason_says_what_it_counted(tmp_path: Path) -> None:
    """``reach`` alone counts units.csv's days_of_supply, and says a plan's stock is not known."""
    (row,) = assess_reach(_folder(tmp_path)).check.rows
    assert not row.sustainable
    assert "(C+4–C+5: 2 days, at most 0 days of supply held by then; days_of_supply 1" in (
        row.reason
    )
    assert (
        "no movement plan: counted from units.csv's days_of_supply only, not what a plan "
        "stocks at A ahead (plan counts it)"
    ) in row.reason


def test_cli_reach_csv_and_report_say_the_same(tmp_path: Path) -> None:
    """``plan``'s reach check line, reach.csv's reason and the HTML report agree."""
    folder, out, report = _folder(tmp_path, "1.5"), tmp_path / "out", tmp_path / "r.html"
    run = [sys.executable, "-m", "supplyline", "plan", str(folder), "-o", str(out)]
    done = subprocess.run(
        [*run, "--report", str(report)], capture_output=True, text=True, check=True
    )
    with (out / "reach.csv").open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["ok"] == "no"
    assert SHORT in row["reason"]
    said = " ".join(done.stdout.split())  # the terminal wraps the line
    assert SHORT in said
    assert "reach check: 1 of 1 unit(s) flagged: 1 cut off by road beyond their stock" in said
    page = html.unescape(re.sub(r"<[^>]+>", "", report.read_text(encoding="utf-8")))
    assert SHORT in page  # the report's notes, names in <bdi>


def _plan(*levels: tuple[str | None, float]) -> Plan:
    """A plan holding water at A on C+1: (unit or None for the store, tonnes)."""
    return Plan(
        scenario="s",
        start_date=dt.date(2026, 1, 1),
        horizon_days=4,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        stocks=tuple(
            StockLevel(location="A", commodity="water", day=1, tonnes=t, unit=u) for u, t in levels
        ),
    )


EATEN = {"U": {"water": [1.0] * 4}, "V": {"water": [2.0] * 4}}
"""U eats 1 t of water a day, V 2 t."""


def test_units_at_one_place_share_its_store_by_what_their_own_stock_lacks() -> None:
    """Store 4 t; U lacks 1 t, V 3 t (of 2 days): both covered; with 3.9 t, neither."""
    levels = [("U", 1.0), ("V", 1.0)]
    for store, covered in ((4.0, True), (3.9, False)):
        stock = PlanStock(_plan(*levels, (None, store)), ["A"])
        for u in ("U", "V"):
            held = plan_held(stock, "A", u, ["U", "V"], 2, [2, 3], EATEN)
            assert held.covered is covered, (store, u)


@settings(max_examples=200, deadline=None)
@given(
    own=st.floats(0, 5),
    store=st.floats(0, 5),
    more=st.floats(0, 5),
    days=st.integers(1, 3),
)
def test_more_plan_stock_never_uncovers_a_run(
    own: float, store: float, more: float, days: int
) -> None:
    """Adding tonnes to the store never turns a covered run short, nor lowers its days."""
    run = list(range(2, 2 + days))
    eaten = {"U": {"water": [1.0] * 6}, "V": {"water": [1.0] * 6}}
    less = plan_held(
        PlanStock(_plan(("U", own), (None, store)), ["A"]), "A", "U", ["U", "V"], 2, run, eaten
    )
    fuller = plan_held(
        PlanStock(_plan(("U", own), (None, store + more)), ["A"]),
        "A", "U", ["U", "V"], 2, run, eaten,
    )  # fmt: skip
    assert fuller.held_days >= less.held_days - 1e-9
    assert fuller.covered or not less.covered

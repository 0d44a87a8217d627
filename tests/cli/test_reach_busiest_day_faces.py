"""``plan``'s reach line, its ``reach.csv``, its JSON and its report say the same busiest day.

A fictional two-unit operation (a tester's g7 cut down): u0 arrives on C+8 and the plan
brings it its consumption and four days' build-up that day; u1 arrives on C+4. Both are
at area1, and on C+8 the plan's road legs bring area1 209.8 t for the two of them.
dep0's trucks (18 t, one turn a day: 31 km each way at 40 km/h, 4 h of drivers' hours)
serve both. With 6 trucks, 108 t a day: C+8 does not fit (``routes --day 8`` leaves
101.78 t unserved). With 11, 198 t, it does not either (``routes --day 8`` left 13.52 t;
the check judged u0's 193.5 t of deliveries alone and read both ok). With 12, 216 t, it
fits, and ``routes`` leaves nothing on any day.
"""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()

SCENARIO_YAML = """\
name: Busiest day
start_date: 2025-06-01
horizon_days: 14
partners:
  - {id: home, name: Home Nation, currency: EUR}
  - {id: host, name: Host Nation, currency: EUR}
commodities:
  - {id: food, name: Rations, supply_class: food, priority: 1, demand_unit: kg,
     per_person_per_day: food.mil.ration_3mre_kg_ppd}
  - {id: water, name: Water, supply_class: water, priority: 1, demand_unit: L,
     kg_per_demand_unit: 1.0, per_person_per_day: water.mil.unit_sustaining_temperate_lppd}
  - {id: fuel, name: Diesel, supply_class: fuel, priority: 2, demand_unit: L,
     kg_per_demand_unit: 0.84, vehicle_fuel: true}
vehicle_classes:
  - {id: truck, name: Medium truck, km_per_day: 60,
     fuel_l_per_100km: fuel.medium_truck.payload_16t_l_per_100km}
solver: {time_limit_s: 60}
routing: {detour_factor: 1.3, service_minutes: 30}
"""
AGREEMENTS_YAML = """\
- id: mou-1
  name: Host support memorandum
  parties: [home, host]
  valid_from: 2025-05-15
  valid_to: 2025-07-31
  commodities: [water, fuel]
  services: [transport, handling]
  reimbursement_modes: [cash, replacement_in_kind]
  currency: EUR
  prices: {water: "4.50", fuel: "1450.00"}
"""
FILES = {
    "locations.csv": """\
id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days
home-base,home-base,home,garrison,52.400,16.900,,,0
dep0,dep0,host,depot,50.651,19.072,400,,0
rh,rh,host,railhead,50.500,19.500,,,0
area1,area1,host,unit_area,50.507,19.537,,,0
""",
    "links.csv": """\
id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,capacity_t_per_day,\
capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,outage_days
rail-rh,home-base,rh,rail,1435,420,3,,400,600,18,35,true,
rail-dep0,home-base,dep0,rail,1435,400,2,,1200,600,18,35,true,
road-rh-dep0,rh,dep0,road,,74,,300,50,,4,,true,
road-dep0-area1,dep0,area1,road,,31,,300,500,,4,,true,
""",
    "stocks.csv": """\
location,commodity,initial_t,replenishment_t_per_day,owner
home-base,food,224,9,home
dep0,food,146,9,host
home-base,water,296,52,home
home-base,fuel,62,37,home
dep0,fuel,48,11,host
""",
    "units.csv": """\
id,name,partner,home,destination,personnel,vehicles_truck,available_day,required_day,\
deployment_lift_t,activity,days_of_supply,receive_open_h,receive_close_h
u0,Unit 0,home,home-base,area1,1493,39,2,C+8,526,0:normal,4,6,18
u1,Unit 1,host,dep0,area1,608,55,1,C+4,133,0:normal,3,6,18
""",
}
FLEET = """\
id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,cost_per_km,\
max_route_hours
tr-dep0,dep0,host,rigid,{count},18,40,40,120,1.2,4
"""
TOO_MUCH = (
    "the plan's road legs bring 209.8 t to area1 on C+8 for its 2 units (u0, u1); the 6 "
    "trucks of dep0 can carry at most 108 t a day (6 × 1 turn × 18 t)"
)


def _said(text: str) -> str:
    """Text with tags dropped, entities read and every run of white space one space."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", text)))


def _plan_with(count: int, factory: pytest.TempPathFactory) -> Path:
    """The operation with dep0's ``count`` trucks, planned: ``out``, ``report.html``, stdout."""
    root = factory.mktemp(f"busiest-{count}")
    folder = root / "scenario"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(SCENARIO_YAML, encoding="utf-8")
    (folder / "agreements.yaml").write_text(AGREEMENTS_YAML, encoding="utf-8")
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "fleet.csv").write_text(FLEET.format(count=count), encoding="utf-8")
    args = ["plan", str(folder), "--explain", "0", "--out", str(root / "out")]
    args += ["--report", str(root / "report.html")]
    done = runner.invoke(app, args, env={"COLUMNS": "400"})
    assert done.exit_code == 0, done.output
    (root / "stdout.txt").write_text(done.stdout, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Planned with 6 trucks at dep0 (108 t a day)."""
    return _plan_with(6, tmp_path_factory)


@pytest.fixture(scope="module")
def twelve(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Planned with 12 trucks at dep0 (216 t a day)."""
    return _plan_with(12, tmp_path_factory)


@pytest.fixture(params=["six", "twelve"])
def planned(request: pytest.FixtureRequest) -> Path:
    """Either case."""
    root: Path = request.getfixturevalue(request.param)
    return root


def _reach_csv(root: Path) -> dict[str, dict[str, str]]:
    with (root / "out" / "reach.csv").open(encoding="utf-8-sig", newline="") as f:
        return {row["unit"]: row for row in csv.DictReader(f)}


def test_reach_csv_ends_with_area1s_busiest_road_day(planned: Path) -> None:
    """``busiest_day``, ``busiest_t``, ``busiest_capacity_t``, label, date last: area1's C+8.

    Both units share the place's day (not u0's 193.5 t of deliveries.csv alone), 209.8 t;
    the day as C+8 and 2025-06-09 too (the scenario starts on 2025-06-01).
    """
    with (planned / "out" / "reach.csv").open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert header[-6:] == [
        "arrives", "busiest_day", "busiest_t", "busiest_capacity_t", "busiest_label",
        "busiest_date",
    ]  # fmt: skip
    for row in _reach_csv(planned).values():
        assert (row["busiest_day"], row["busiest_label"]) == ("8", "C+8")
        assert row["busiest_date"] == "2025-06-09"
        assert float(row["busiest_t"]) == pytest.approx(209.8, abs=0.05)


def test_six_trucks_flag_area1s_day_in_every_face(six: Path) -> None:
    """With 6 trucks both units are ``no`` for C+8 in reach.csv, the reach line, the report."""
    planned = six
    rows = _reach_csv(planned)
    for unit in ("u0", "u1"):
        assert (rows[unit]["ok"], rows[unit]["reason"]) == ("no", TOO_MUCH)
        assert rows[unit]["busiest_capacity_t"] == "108"
    assert (rows["u0"]["daily_t"], rows["u0"]["capacity_t"]) == ("38.704735", "81")
    stdout = _said((planned / "stdout.txt").read_text(encoding="utf-8"))
    assert (
        "reach check: 2 of 2 unit(s) flagged: 2 beyond what their trucks can carry "
        f"u0: {TOO_MUCH} u1: {TOO_MUCH}"
    ) in stdout
    report = _said((planned / "report.html").read_text(encoding="utf-8"))
    assert TOO_MUCH in report
    assert "2 of 2 unit(s) flagged: 2 beyond what their trucks can carry" in report


def test_twelve_trucks_carry_area1s_busiest_day(twelve: Path) -> None:
    """With 12 trucks (216 t a day) both units are ok and no face flags area1's C+8."""
    planned = twelve
    rows = _reach_csv(planned)
    assert [(r["ok"], r["reason"]) for r in rows.values()] == [("yes", ""), ("yes", "")]
    assert [r["busiest_capacity_t"] for r in rows.values()] == ["216", "216"]
    for face in ("stdout.txt", "report.html"):
        assert "t to area1 on C+8" not in (planned / face).read_text(encoding="utf-8")


def test_plan_json_reach_section_matches_reach_csv(planned: Path) -> None:
    """``plan --format json``'s reach section says what reach.csv says, row for row."""
    folder = planned / "scenario"
    done = runner.invoke(app, ["plan", str(folder), "--explain", "0", "--format", "json"])
    assert done.exit_code == 0, done.output
    section = {r["unit"]: r for r in json.loads(done.stdout)["reach"]}
    for unit, row in _reach_csv(planned).items():
        got = section[unit]
        assert (got["ok"], got["reason"]) == (row["ok"] == "yes", row["reason"])
        assert (got["busiest_day"], got["busiest_t"], got["busiest_capacity_t"]) == (
            int(row["busiest_day"]),
            float(row["busiest_t"]),
            float(row["busiest_capacity_t"]),
        )

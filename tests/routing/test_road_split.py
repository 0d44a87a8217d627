"""A load larger than what a full road still carries is split: the part that fits goes.

A tester's unit short of 10 t, behind a 5 t/day road from a depot of idle 10 t trucks,
got nothing (``road_full … would need 10.000 t``) where the road carries 5 t a day: the
loads were truck-sized and came off whole. And where the other depot's truck had spent
its hours, the detail said "no other road open to it" beside that depot's open road.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from routing_scenarios import WATER_SCENARIO_YAML, fleet, loc, road, scenario, unit
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Link, LocationKind
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams

_register_commands()
PARAMS = ConvoyParams(router=RouterParams(time_limit_s=1, max_iterations=200, seed=3))

_P2 = {
    "scenario.yaml": WATER_SCENARIO_YAML,
    "fleet.csv": """id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,\
cost_per_km,max_route_hours
T1,D1,p,cargo,4,10,,60,100,1,10
T2,D2,p,cargo,1,10,,60,100,1,3
""",
    "links.csv": """id,from,to,mode,distance_km,transit_days,capacity_t_per_day,bidirectional,\
outage_days
d1-l1,D1,L1,road,8,0,5,true,
d2-l1,D2,L1,road,40,0,,true,
d2-l2,D2,L2,road,30,0,,true,
""",
    "locations.csv": """id,partner,kind,lat,lon
D1,p,depot,50.0,10.2
D2,p,depot,50.1,10.0
L1,p,unit_area,50.0,10.3
L2,p,unit_area,50.1,10.1
""",
    "stocks.csv": """location,commodity,initial_t,replenishment_t_per_day
D1,water,1000,100
D2,water,1000,100
""",
    "units.csv": """id,partner,home,destination,personnel,days_of_supply,receive_open_h,\
receive_close_h
U1,p,L1,L1,1000,0,6,18
U2,p,L2,L2,2000,0,6,18
""",
}
"""A tester's P2: U1 needs 10 t of water; D1 is 8 km away over a road of 5 t/day, with
four idle 10 t trucks; D2's only truck spends its 3 h on U2's 20 t."""


def _p2(folder: Path) -> Path:
    folder.mkdir()
    for name, text in _P2.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("mode", [[], ["--from-demand"]], ids=["plan", "demand"])
def test_a_5_t_road_brings_5_t_of_the_units_10_t(tmp_path: Path, mode: list[str]) -> None:
    """P2 through the CLI: 5 t of U1's 10 t delivered over D1–L1, the other 5 t road_full."""
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["routes", str(_p2(tmp_path / "P2")), "--day", "1", "--time-limit", "1", *mode,
         "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with (out / "routes.csv").open(encoding="utf-8-sig") as fh:
        to_u1 = sum(float(r["tonnes"]) for r in csv.DictReader(fh) if r.get("unit") == "U1")
    assert to_u1 == pytest.approx(5.0)
    with (out / "unserved.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["unit"], r["reason"], float(r["tonnes"])) for r in rows] == [
        ("U1", "road_full", pytest.approx(5.0))
    ]


def test_road_full_says_the_other_depots_trucks_have_no_hours_left(tmp_path: Path) -> None:
    """P2: D2's road to L1 is open but its one truck has no hours left, and the detail says so."""
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["routes", str(_p2(tmp_path / "P2")), "--day", "1", "--time-limit", "1",
              "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with (out / "unserved.csv").open(encoding="utf-8-sig") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["detail"].endswith(
        ": no truck was left to bring it another way (the trucks of D2 have no hours left; "
        "the trucks left have no other road open to it)"
    )


def _capped(a: str, b: str, km: float, capacity: float) -> Link:
    return dataclasses.replace(road(a, b, km), capacity_t_per_day=capacity)


def test_two_roads_with_3_t_left_each_carry_6_t_of_a_10_t_load() -> None:
    """D–S and M–S of 5 t/day, the plan taking 2 t of each: 3 t go each way, 4 t road_full.

    D–M is unlimited, so the part the direct road cannot carry goes round by M, and that
    road too takes only what it has left.
    """
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1), loc("M", 0.05, lat=0.05)]
    links = [_capped("D", "S", 14.0, 5.0), road("D", "M", 10.0), _capped("M", "S", 12.0, 5.0)]
    s = scenario(locs, [unit("US", "S")], links, [fleet("F", "D", count=2)])
    plan_t = {("D-S", "D", "S"): 2.0, ("M-S", "M", "S"): 2.0}
    routes = route_day(
        s,
        [DeliveryRequest(unit="US", location="S", load_t={"food": 10.0})],
        day=0,
        params=PARAMS,
        road_plan_t=plan_t,
    )
    loaded = {(r.link, r.origin, r.destination): r.tonnes for r in routes.road_loads}
    assert loaded[("D-S", "D", "S")] == pytest.approx(3.0)
    assert loaded[("M-S", "M", "S")] == pytest.approx(3.0)
    assert routes.delivered_t == pytest.approx(6.0)
    (lost,) = routes.unserved
    assert (lost.reason, lost.tonnes) == (UnservedReason.ROAD_FULL, pytest.approx(4.0))


def test_a_split_load_keeps_whole_kilograms() -> None:
    """A road of 2.0005 t/day: the part that goes is 2.000 t, whole kilograms."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1)]
    s = scenario(locs, [unit("US", "S")], [_capped("D", "S", 14.0, 2.0005)], [fleet("F", "D")])
    routes = route_day(
        s, [DeliveryRequest(unit="US", location="S", load_t={"food": 10.0})], day=0, params=PARAMS
    )
    assert routes.delivered_t == pytest.approx(2.0, abs=1e-9)
    assert routes.unserved_t == pytest.approx(8.0, abs=1e-9)

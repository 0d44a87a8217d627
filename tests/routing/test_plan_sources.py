"""Plan-mode truck-loads come from the depot the movement plan's own road legs start at.

A tester's plan fed U1 from D2 over D2→L1; the routes chose D1 by their rule (nearer),
sent its truck over a junction road of 10 t/day that D1's own unit U2 fills, and U1's
load came off it: only the road-full repair then gave it to D2. The plan's legs are now
traced back to their depots, and those depots' trucks carry the loads from the start.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from routing_scenarios import START, WATER_SCENARIO_YAML, fleet, loc, road, scenario, unit
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import LocationKind, Mode, Movement, Plan, PlanStatus
from supplyline.routing.depot_stock import allocate
from supplyline.routing.plan_sources import plan_sources
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.truck_fit import DepotReach

_register_commands()

_TESTER = {
    "scenario.yaml": WATER_SCENARIO_YAML,
    "fleet.csv": """\
id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,cost_per_km,max_route_hours
T1,D1,p,cargo,4,10,,60,100,1,8
T2,D2,p,cargo,4,10,,60,100,1,8
""",
    "links.csv": """\
id,from,to,mode,distance_km,transit_days,capacity_t_per_day,bidirectional,outage_days
d1j,D1,J,road,2,0,,true,
J-K,J,K,road,5,0,10,false,
kl1,K,L1,road,3,0,,false,
kl2,K,L2,road,3,0,,false,
l1d1,L1,D1,road,10,0,,false,
l2d1,L2,D1,road,10,0,,false,
d2l1,D2,L1,road,20,0,,true,
""",
    "locations.csv": """\
id,partner,kind,lat,lon
D1,p,depot,50.0,10.0
D2,p,depot,50.0,10.5
J,p,hub,50.0,10.05
K,p,hub,50.0,10.1
L1,p,unit_area,49.95,10.15
L2,p,unit_area,50.05,10.15
""",
    "stocks.csv": """\
location,commodity,initial_t,replenishment_t_per_day
D1,water,1000,100
D2,water,1000,100
""",
    "units.csv": """\
id,partner,home,destination,personnel,days_of_supply,receive_open_h,receive_close_h
U1,p,L1,L1,1000,0,6,18
U2,p,L2,L2,1000,0,6,18
""",
}
"""D1 is 20 km round trip from L1 over J→K (10 t/day), D2 40 km by its own road; U2 at L2
is reached only over J→K, so the plan fills J→K with U2's 10 t and feeds U1 from D2."""


def test_the_plans_depot_carries_the_load_with_no_repair(tmp_path: Path) -> None:
    """U1's 10 t go on D2's trucks in the first search: no road is overfilled, none repaired."""
    folder, out = tmp_path / "tester", tmp_path / "out"
    folder.mkdir()
    for name, text in _TESTER.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["routes", str(folder), "--day", "1", "--time-limit", "1", "--out", str(out),
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    saved = printed["summary"]
    assert saved["delivered_t"] == 10.0 + 10.0
    assert not [n for n in saved["notes"] if n.startswith("roads kept to their capacity")]
    by_depot = {r["depot"]: r["tonnes"] for r in printed["rows"] if r["kind"] == "truck"}
    assert by_depot == {"D1": 10.0, "D2": 10.0}
    over_jk = [x for x in saved["road_loads"] if x["link"] == "J-K"]
    assert [x["tonnes"] for x in over_jk] == [10.0]


def test_allocate_gives_the_traced_depot_first() -> None:
    """A load traced to the farther depot goes there, though the nearer one holds it too."""
    s = scenario(
        [loc("D1", 0.0, LocationKind.DEPOT), loc("D2", 0.2, LocationKind.DEPOT), loc("U", 0.1)],
        [unit("u1", "U")],
        [road("D1", "U", 5.0), road("D2", "U", 15.0)],
        [fleet("F1", "D1"), fleet("F2", "D2")],
    )
    req = DeliveryRequest(
        unit="u1", location="U", load_t={"fuel": 8.0}, sources_t={("D2", "fuel"): 6.0}
    )
    options = [[DepotReach("D1", 1.0), DepotReach("D2", 2.0)]]
    held = {("D1", "fuel"): 100.0, ("D2", "fuel"): 100.0}
    got = allocate(s, [req], options, held, 1)
    carried = {d: dict(r.load_t) for r, d in zip(got.requests, got.depots, strict=True)}
    assert carried == {"D2": {"fuel": 6.0}, "D1": {"fuel": 2.0}}
    assert all(not r.sources_t for r in got.requests)


def _leg(a: str, b: str, tonnes: float) -> Movement:
    return Movement(link=f"{a}-{b}", origin=a, destination=b, mode=Mode.ROAD, commodity="fuel",
                    departure_day=1, arrival_day=1, tonnes=tonnes)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    t1=st.integers(min_value=0, max_value=40),
    t2=st.integers(min_value=0, max_value=40),
    out=st.integers(min_value=1, max_value=60),
)
def test_legs_through_a_hub_are_traced_in_the_share_the_road_fed_it(
    t1: int, t2: int, out: int
) -> None:
    """A load through a hub is its feeding depots', in the share the roads fed the hub.

    D1 and D2 send t1 and t2 to hub H, which sends ``out`` on to U: U's load is the
    depots' in proportion t1 : t2, for the share ``min(1, (t1 + t2) / out)`` the roads fed
    (the rest left H's own stock, no depot's).
    """
    s = scenario(
        [loc("D1", 0.0, LocationKind.DEPOT), loc("D2", 0.2, LocationKind.DEPOT),
         loc("H", 0.1, LocationKind.TRANSSHIPMENT), loc("U", 0.3)],
        [unit("u1", "U")],
        [road("D1", "H", 5.0), road("D2", "H", 5.0), road("H", "U", 5.0)],
        [fleet("F1", "D1"), fleet("F2", "D2")],
    )  # fmt: skip
    legs = [_leg("D1", "H", t1), _leg("D2", "H", t2), _leg("H", "U", out)]
    plan = Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0,
                movements=tuple(m for m in legs if m.tonnes > 0))  # fmt: skip
    got = plan_sources(s, plan, 1, {("U", "fuel"): float(out)}).get(("U", "fuel"), {})
    fed = min(float(out), float(t1 + t2))
    expected = {d: fed * t / (t1 + t2) for d, t in (("D1", t1), ("D2", t2)) if t > 0}
    assert got == pytest.approx(expected)

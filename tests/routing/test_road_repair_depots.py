"""The road-full repair offers a load to the other depots that hold its goods.

A tester's two water depots each fed a unit over the other's long road in the plan; the
plan-mode routes sent both loads over a junction road of 10 t/day, took U1's off it, and
offered it to D1's trucks alone, whose way round did not fit their hours: 10 t
``road_full`` while D2's road to L1 and three of its trucks stood idle. Now the repair
tries the depots that still hold the goods, with their trucks and hours left.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from routing_scenarios import WATER_SCENARIO_YAML
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()

_FILES = {
    "scenario.yaml": WATER_SCENARIO_YAML,
    "fleet.csv": """\
id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,cost_per_km,max_route_hours
T1,D1,p,cargo,4,10,,60,100,1,4
T2,D2,p,cargo,4,10,,60,100,1,4
""",
    "links.csv": """\
id,from,to,mode,distance_km,transit_days,capacity_t_per_day,bidirectional,outage_days
d1j,D1,J,road,5,0,,false,
d2j,D2,J,road,5,0,,false,
J-K,J,K,road,5,0,10,false,
kl1,K,L1,road,5,0,,false,
kl2,K,L2,road,5,0,,false,
d1l2,D1,L2,road,100,0,10,false,
d2l1,D2,L1,road,100,0,10,false,
l1d1,L1,D1,road,15,0,,false,
l2d2,L2,D2,road,15,0,,false,
""",
    "locations.csv": """\
id,partner,kind,lat,lon
D1,p,depot,50.0,10.0
D2,p,depot,50.1,10.0
J,p,hub,50.05,10.1
K,p,hub,50.05,10.2
L1,p,unit_area,50.0,10.3
L2,p,unit_area,50.1,10.3
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
"""The tester's R2d: J→K 10 t/day, D1→L2 and D2→L1 100 km, trucks of 4 h at 60 km/h."""


def _routes(tmp_path: Path) -> tuple[dict[str, object], list[dict[str, str]]]:
    folder, out = tmp_path / "R2d", tmp_path / "out"
    folder.mkdir()
    for name, text in _FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["routes", str(folder), "--day", "1", "--time-limit", "1", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    saved = json.loads((out / "routes.json").read_text(encoding="utf-8"))
    with (out / "routes.csv").open(encoding="utf-8-sig") as fh:
        stops = list(csv.DictReader(fh))
    return saved, stops


def test_the_load_taken_off_the_full_road_goes_from_the_other_depot(tmp_path: Path) -> None:
    """Plan-mode routes of R2d deliver all 20 t, U1's 10 t from D2 (over D2→L1)."""
    saved, stops = _routes(tmp_path)
    assert saved["delivered_t"] == 20.0
    assert saved["unserved_t"] == 0.0
    to_u1 = [s for s in stops if s["unit"] == "U1"]
    assert {s["depot"] for s in to_u1} == {"D2"}
    assert sum(float(s["tonnes"]) for s in to_u1) == 10.0

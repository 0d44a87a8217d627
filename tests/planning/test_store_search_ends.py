"""A store's search for its least room ends on a tiny model, and says plainly where not.

Port P makes 10 t of food a day and keeps none; warehouse W holds 15 t; camp C none;
10,000 people at C from C+6 eat 20 t a day to C+10. The port's claim had read "+9 t …
(enough; a smaller figure may do as well: the search for it was cut short)": four
bisections (13, 7, 10, 9 t) on a 64-column model, one short of trying 8 t.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.domain import Bottleneck, ResourceKind
from supplyline.planning import plan_movements
from supplyline.planning import roomless_stores as stores
from supplyline.requirements.compute import compute_requirements
from supplyline.services.scenarios import open_scenario

FILES = {
    "scenario.yaml": """name: Storage claim
start_date: 2025-06-01
horizon_days: 11
partners:
  - {id: a, name: Alpha, currency: EUR}
commodities:
  - {id: food, name: Rations, supply_class: food, priority: 1, demand_unit: kg,
     per_person_per_day: 2.0}
""",
    "locations.csv": """id,name,partner,kind,lat,lon,handling_t_per_day,storage_t
P,Port,a,port,50.0,20.0,,0
W,Warehouse,a,warehouse,50.1,20.1,,15
C,Camp,a,unit_area,50.2,20.2,,0
""",
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\n"
        "r1,P,W,road,,50,1,,1000,,1.0,,true,\n"
        "r2,W,C,road,,50,1,,1000,,1.0,,true,\n"
    ),
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\nP,food,0,10,\n",
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,activity,days_of_supply,receive_open_h,receive_close_h\n"
        "u1,Relief,a,C,C,10000,6,C+6,0,0:normal,0,6,18\n"
    ),
}


def _port_claim(folder: Path) -> Bottleneck:
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    opened = open_scenario(folder)
    plan = plan_movements(opened.scenario, compute_requirements(opened.scenario, opened.factors))
    (claim,) = (b for b in plan.bottlenecks if b.kind is ResourceKind.STORAGE and b.resource == "P")
    return claim


def test_tiny_model_searches_to_the_least_room(tmp_path: Path) -> None:
    """The port's claim is the least round figure, 9 t (8 t is not enough), said plainly."""
    claim = _port_claim(tmp_path)
    assert claim.suggested_extra == 9.0
    assert "+9 t of storage at Port removes 25 t of shortfall" in claim.explanation
    assert "cut short" not in claim.explanation


def test_capped_search_says_what_it_knows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Capped at four tries, the claim says 9 t is enough and 7 t is not, no more."""
    monkeypatch.setattr(stores, "SMALL_STORE_COLS", 0)
    claim = _port_claim(tmp_path)
    assert claim.suggested_extra == 9.0
    assert (
        "+9 t of storage at Port (enough; 7 t is not; the figures between were not tried)"
        in claim.explanation
    )

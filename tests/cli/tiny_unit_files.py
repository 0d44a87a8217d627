"""A scenario of a one-person unit, as files: figures far below a tonne, to the gram.

A tester's unit of one person (2 kg of food and 2 L of water a day, 0.004 t) read 0.0 in
``reach``'s CSV; a commodity of 2 g a day read ``2e-06`` in the requirements files.
"""

from __future__ import annotations

from pathlib import Path

TINY_FILES = {
    "scenario.yaml": """\
name: tiny
start_date: 2026-03-01
horizon_days: 3
partners:
  - {id: p}
commodities:
  - {id: food, supply_class: food, priority: 1, demand_unit: kg, per_person_per_day: 2}
  - {id: water, supply_class: water, priority: 1, demand_unit: kg, per_person_per_day: 2}
  - {id: trace, supply_class: medical, priority: 2, demand_unit: kg, per_person_per_day: 0.002}
solver: {time_limit_s: 5}
routing: {detour_factor: 1.3, service_minutes: 30}
""",
    "fleet.csv": """\
id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,cost_per_km,\
max_route_hours
T,D,p,cargo,2,10,,60,100,1,10
""",
    "links.csv": """\
id,from,to,mode,distance_km,transit_days,capacity_t_per_day,bidirectional,outage_days
d-l,D,L,road,20,0,,true,
""",
    "locations.csv": """\
id,partner,kind,lat,lon
D,p,depot,50.0,10.0
L,p,unit_area,50.1,10.1
""",
    "stocks.csv": """\
location,commodity,initial_t,replenishment_t_per_day
D,food,100,10
D,water,100,10
D,trace,1,0.1
""",
    "units.csv": """\
id,partner,home,destination,personnel,days_of_supply,receive_open_h,receive_close_h
tiny,p,L,L,1,0,6,18
""",
}
"""Unit ``tiny``: 1 person, 2 kg of food, 2 kg of water and 2 g of trace a day."""

TINY_DAILY_T = 0.004002
"""The unit's daily demand in tonnes: 2 kg + 2 kg + 2 g."""


def write_tiny(folder: Path) -> Path:
    """The scenario's files in ``folder`` (made here); return it."""
    folder.mkdir(parents=True)
    for name, text in TINY_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder

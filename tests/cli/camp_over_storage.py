"""A scenario whose camp holds more than its storage_t: the plan warns of it (testers' case).

An analyst's camp U: its unit eats 2 t a day and holds 2 days of supply, the only rail
link in is closed C+3–C+4, so on C+3 the unit holds 8 t at U. With ``storage_t`` 5 the
plan warns (validate is quiet); with 0, validate warns too.
"""

from __future__ import annotations

from pathlib import Path

FILES = {
    "scenario.yaml": (
        "name: Camp over its storage (fictional)\nstart_date: 2025-06-01\nhorizon_days: 6\n"
        "partners:\n  - {id: home}\ncommodities:\n"
        "  - {id: food, name: food, supply_class: general, priority: 1, demand_unit: kg, "
        "per_person_per_day: 1}\n"
    ),
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\nc1,D,U,rail,1435,50,1,,10,,1,,false,3-4\n"
    ),
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,days_of_supply,on_hand_days\nu,u,home,U,U,2000,0,0,0,2,0\n"
    ),
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\nD,food,100,0,home\n",
}
STORAGE_WORDS = "the units' stock together with the store's at 'U' is more than its storage_t of"
"""What the plan's warning of the camp says, wherever it is said."""


def camp_folder(parent: Path, storage_t: str = "5") -> Path:
    """Write the camp's scenario folder under ``parent``, U's ``storage_t`` as given."""
    folder = parent / f"camp-{storage_t}"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "locations.csv").write_text(
        "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
        f"D,D,home,depot,50,10,,,0\nU,U,home,unit_area,50.2,10.5,,{storage_t},0\n",
        encoding="utf-8",
    )
    return folder

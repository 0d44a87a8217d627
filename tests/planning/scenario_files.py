"""Small scenarios written as files and read back as a user's are (testers' cases)."""

from __future__ import annotations

from pathlib import Path

from supplyline.domain import Demand, Scenario
from supplyline.services.scenarios import assess_requirements

LINKS = (
    "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,capacity_t_per_day,"
    "capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,outage_days\n"
)
LOCATIONS = "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
UNITS = (
    "id,name,partner,home,destination,personnel,available_day,required_day,"
    "deployment_lift_t,days_of_supply\n"
)
STOCKS = "location,commodity,initial_t,replenishment_t_per_day,owner\n"


def scenario_from_files(
    folder: Path,
    *,
    days: int,
    commodity: str,
    links: str,
    locations: str,
    units: str,
    stocks: str,
    units_header: str = UNITS,
) -> tuple[Scenario, Demand]:
    """Write a scenario's files (rows after each file's header) and read it as a user does.

    ``commodity`` is one YAML flow mapping, or several each on a line of its own after
    a line break and "  - ".
    """
    folder.mkdir()
    (folder / "scenario.yaml").write_text(
        f"name: {folder.name}\nstart_date: 2025-06-01\nhorizon_days: {days}\n"
        f"partners:\n  - {{id: home}}\ncommodities:\n  - {commodity}\n"
    )
    (folder / "links.csv").write_text(LINKS + links)
    (folder / "locations.csv").write_text(LOCATIONS + locations)
    (folder / "units.csv").write_text(units_header + units)
    (folder / "stocks.csv").write_text(STOCKS + stocks)
    result = assess_requirements(folder)
    return result.opened.scenario, result.demand

"""The small commented scenario that ``supplyline init DIR`` writes, and writing it.

The template is a working scenario (it validates), with a comment on every key of the
YAML files and ``#`` comment lines on top of every CSV file, which the loader skips.
"""

from __future__ import annotations

from pathlib import Path

from supplyline.errors import Issue, OutputError, ScenarioError
from supplyline.io.atomic import atomic_output_dir, check_not_over_other_files
from supplyline.io.destinations import FORCE_ARGUMENT, check_folder_target
from supplyline.path_errors import output_path, refuse_long_names

__all__ = ["TEMPLATE_FILES", "write_template"]

_SCENARIO_YAML = """\
# scenario.yaml: the operation's header. See docs/scenario-format.md for every key.
name: My operation                 # a short title
description: >-                    # free text (optional)
  A template written by `supplyline init`. Replace it with your operation.
start_date: 2025-06-01             # C+0, ISO date (YYYY-MM-DD)
horizon_days: 30                   # days planned: C+0 .. C+29

partners:                          # the organisations; currency is ISO 4217
  - {id: home, name: Home Nation, currency: EUR}
  - {id: host, name: Host Nation, currency: EUR}

commodities:                       # what is consumed or moved, counted in tonnes in plans
  - id: food
    name: Rations
    supply_class: food             # food water fuel spare_parts medical shelter
                                   # construction general personal
    priority: 1                    # 1 (most important) .. 9
    demand_unit: kg                # the unit the rates are in: kg, L or t
    per_person_per_day: food.mil.ration_3mre_kg_ppd   # a number or a planning-factor key
  - id: water
    name: Drinking and hygiene water
    supply_class: water
    priority: 1
    demand_unit: L
    kg_per_demand_unit: 1.0        # 1 L of water weighs 1 kg
    per_person_per_day: water.mil.unit_sustaining_temperate_lppd
  - id: fuel
    name: Diesel
    supply_class: fuel
    priority: 2
    demand_unit: L
    kg_per_demand_unit: 0.84       # diesel density, kg per litre
    vehicle_fuel: true             # consumed by the units' vehicles (see vehicle_classes)

vehicle_classes:                   # the units' own vehicles (units.csv: vehicles_<id> columns)
  - id: truck
    name: Medium truck
    fuel_l_per_100km: fuel.medium_truck.payload_16t_l_per_100km
    km_per_day: 60                 # at activity level "normal"

activity_levels:                   # multipliers added to none/low/normal/high/surge (optional)
  exercise: 1.8

planning_factors: {}               # overrides, e.g. {food.mil.ration_3mre_kg_ppd: 2.2}

solver: {time_limit_s: 60}         # movement-plan solver options (optional)
routing: {detour_factor: 1.3, service_minutes: 30}
"""

_LOCATIONS = """\
# locations.csv: one row per place. kind: depot port airfield railhead transshipment border
# hub warehouse unit_area garrison. Empty handling/storage = not limited. An optional column
# handling_pax_per_day bounds people a day (a border post). Lines starting with # are comments.
id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days
home-base,Home garrison,home,garrison,52.40,16.90,,,0
host-depot,Host depot,host,depot,50.10,19.90,400,5000,0
field-camp,Field camp,host,unit_area,50.30,20.40,300,800,0
"""

_LINKS = """\
# links.csv: one row per connection. mode: rail road air sea inland_water. gauge_mm for rail only.
# Give transit_days, or speed_km_per_day (transit = ceil(distance / speed)).
# outage_days: 3-5;10 or 2025-06-13..2025-06-15 (nothing departs). cost_per_t/_pax: a t, a person.
id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,outage_days
rail-1,home-base,host-depot,rail,1435,420,2,,1200,600,18.5,35,true,
road-1,host-depot,field-camp,road,,45,,300,500,,4.0,,true,12
"""

_UNITS = """\
# units.csv: one row per unit to deploy and sustain. Days are numbers (12) or C+12.
# activity like 0:normal;7:exercise. A unit already in place has home = destination.
id,name,partner,home,destination,personnel,vehicles_truck,available_day,required_day,deployment_lift_t,activity,days_of_supply,receive_open_h,receive_close_h
bn-1,1st Battalion,home,home-base,field-camp,450,40,0,C+6,900,0:normal;8:exercise;20:low,3,6,18
"""

_STOCKS = """\
# stocks.csv: stock at C+0 and daily replenishment by location and commodity (t, t/day).
# owner: the partner the goods belong to (empty: the location's partner).
location,commodity,initial_t,replenishment_t_per_day,owner
home-base,food,40,5,home
home-base,water,60,20,home
home-base,fuel,80,15,home
host-depot,water,200,30,host
host-depot,fuel,150,20,host
"""

_FLEET = """\
# fleet.csv: trucks at depots for last-mile convoy routing.
id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,cost_per_km,max_route_hours
host-trucks,host-depot,host,rigid 3-axle,6,18,40,50,120,1.2,9
"""

_AGREEMENTS = """\
# agreements.yaml: mutual-support agreements, a list. Prices per tonne, in the currency.
- id: mou-1
  name: Host support memorandum
  parties: [home, host]
  valid_from: 2025-05-15
  valid_to: 2025-07-31
  commodities: [water, fuel]
  services: [transport, handling]
  reimbursement_modes: [cash, replacement_in_kind]
  currency: EUR
  prices: {water: "4.50", fuel: "1450.00"}   # write money as text: it stays exact
  ceiling_total: "250000.00"
"""

TEMPLATE_FILES: dict[str, str] = {
    "scenario.yaml": _SCENARIO_YAML,
    "locations.csv": _LOCATIONS,
    "links.csv": _LINKS,
    "units.csv": _UNITS,
    "stocks.csv": _STOCKS,
    "fleet.csv": _FLEET,
    "agreements.yaml": _AGREEMENTS,
}
"""The template's files by name."""


def write_template(
    path: str | Path, *, force: bool = False, force_with: str = FORCE_ARGUMENT
) -> Path:
    """Write the commented template scenario into ``path``; return the folder.

    ``force_with`` is how the caller's user asks to write into a folder that is not empty,
    in the message: "pass force=True" from Python, "give --force" from ``init`` (it said
    "--force" to a caller of Python, and "or --force" alone to the command's user).

    Raises
    ------
    OutputError
        When ``path`` is a non-empty folder (unless ``force``) or a file, or its folder
        takes no new files (no permission), or the system will not look at it (a name past
        255 bytes), before anything is written: a destination refused as every command's
        ``--out`` is (exit 8), not an input error.
    ScenarioError
        When writing fails once begun (a full disk).
    """
    folder = Path(path)
    with output_path(path):  # a name past 255 bytes raised a bare OSError
        refuse_long_names(path)  # or made the folders before it
        _refuse_the_folder(path, force=force, force_with=force_with)
        check_folder_target(folder)  # no permission: in every command's words
        check_not_over_other_files(folder)  # --force over a plan's folder left half of each
    try:
        with atomic_output_dir(folder, replaces_scenario=True) as scratch:
            for name, text in TEMPLATE_FILES.items():
                (scratch / name).write_text(text, encoding="utf-8")
    except OSError as error:
        message = f"cannot write the template here: {error.strerror or error}"
        raise ScenarioError([Issue(file=str(path), message=message)]) from None
    return folder


def _refuse_the_folder(path: str | Path, *, force: bool, force_with: str) -> None:
    """Raise OutputError if ``path`` is a file, or a folder with files (unless ``force``)."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot write the template into {path}: it is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise OutputError(
            f"cannot write the template into {path}: the folder is not empty (choose a new "
            f"folder, or {force_with} to replace the template's files in it)"
        )

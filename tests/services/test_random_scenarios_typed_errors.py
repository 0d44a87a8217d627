"""Plan, reach and routes on small random scenario folders: a typed error or a result.

A tester's scenario without units crashed ``plan`` in the reach check (numpy refused an
empty float array where booleans were meant); these folders have 0..2 units and 0..3
road links, any of them one way or closed for a day, with or without trucks, so that
the empty cases (no unit, no road, no depot) are met together. A user's mistake is a
:class:`~supplyline.errors.SupplylineError`; anything else is a bug.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.errors import SupplylineError
from supplyline.routing.convoy import ConvoyParams
from supplyline.routing.solver import RouterParams
from supplyline.services.planning import plan_scenario
from supplyline.services.routing import assess_reach, route_scenario_day

PLACES = ("D", "R", "A", "B")
"""A depot, a railhead and two unit areas, 10 km apart on a line."""
HORIZON_DAYS = 4
QUICK = ConvoyParams(router=RouterParams(time_limit_s=0.05))
"""A short search: the routes' quality is not the point here."""

SCENARIO_YAML = f"""\
name: random
start_date: 2026-03-01
horizon_days: {HORIZON_DAYS}
partners:
  - {{id: p}}
commodities:
  - {{id: food, supply_class: food, priority: 1, demand_unit: kg, per_person_per_day: 2}}
solver: {{time_limit_s: 5}}
"""
LOCATIONS_CSV = "id,partner,kind,lat,lon\n" + "".join(
    f"{p},p,{kind},50.0,{10 + 0.14 * i:.2f}\n"
    for i, (p, kind) in enumerate(
        zip(PLACES, ("depot", "railhead", "unit_area", "unit_area"), strict=True)
    )
)


@st.composite
def scenario_files(draw: st.DrawFn) -> dict[str, str]:
    """The files of a small scenario: 0..2 units, 0..3 road links, trucks or none."""
    links = [
        "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,bidirectional,outage_days"
    ]
    for j in range(draw(st.integers(0, 3))):
        a, b = draw(st.lists(st.sampled_from(PLACES), min_size=2, max_size=2, unique=True))
        both = draw(st.sampled_from(["true", "false"]))
        outage = draw(st.sampled_from(["", "0", "1-2"]))
        links.append(
            f"k{j},{a},{b},road,10,0,{draw(st.sampled_from(['', '5', '100']))},{both},{outage}"
        )
    units = ["id,partner,home,destination,personnel,days_of_supply,receive_open_h,receive_close_h"]
    for u in range(draw(st.integers(0, 2))):
        home, destination = draw(st.sampled_from(PLACES)), draw(st.sampled_from(PLACES))
        units.append(f"u{u},p,{home},{destination},{draw(st.integers(1, 500))},0,6,18")
    files = {
        "scenario.yaml": SCENARIO_YAML,
        "locations.csv": LOCATIONS_CSV,
        "links.csv": "\n".join(links) + "\n",
        "units.csv": "\n".join(units) + "\n",
        "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day\nD,food,5,1\n",
    }
    if draw(st.booleans()):
        files["fleet.csv"] = (
            "id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,"
            "cost_per_km,max_route_hours\nT,D,p,cargo,1,10,,60,100,1,10\n"
        )
    return files


def _each_command(folder: Path) -> int | None:
    """plan, reach, routes from the plan and from the demand, as the CLI runs them.

    Returns the units the reach check counted.
    """
    plan_scenario(folder, folder / "plan")
    units = assess_reach(folder).check.units
    route_scenario_day(folder, day=1, params=QUICK)
    route_scenario_day(folder, day=0, from_demand=True, params=QUICK)
    return units


@settings(max_examples=20)
@given(files=scenario_files())
def test_commands_raise_nothing_but_typed_errors(files: dict[str, str]) -> None:
    """Every command ends with a result or a SupplylineError, never another exception."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "scenario"
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        try:
            units = _each_command(folder)
        except SupplylineError:
            return  # a user's mistake, said for a person: what the property allows
    assert units == files["units.csv"].count("\n") - 1

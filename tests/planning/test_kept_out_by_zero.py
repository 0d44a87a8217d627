"""A unit kept out by a capacity of 0 is said to have no way, not to be out of time.

An analyst's unit whose only link carries 0 people a day read "not in horizon" in the
closure table's "earliest (capacities aside)", as if time were to blame, while validate
warned that its people cannot get there at all.
"""

from __future__ import annotations

from pathlib import Path

from scenario_files import scenario_from_files

from supplyline.domain import Demand, Scenario, check_scenario
from supplyline.planning import plan_movements
from supplyline.planning.summary import closure_rows

FOOD = (
    "{id: food, name: food, supply_class: general, priority: 1, demand_unit: kg, "
    "per_person_per_day: 1}"
)


def _no_seats(tmp_path: Path, *, pax: str = "0", outage: str = "") -> tuple[Scenario, Demand]:
    """Unit w (100 people, 5 t) goes H to U by a rail link a day long of ``pax`` a day."""
    return scenario_from_files(
        tmp_path / "pax0",
        days=5,
        commodity=FOOD,
        links=(
            f"h,H,U,rail,1435,100,1,,10,{pax},1,1,false,{outage}\n"
            "d,D,U,rail,1435,50,1,,100,,1,,false,\n"
        ),
        locations=(
            "H,H,home,garrison,50,10,,,0\nD,D,home,depot,50.1,10,,,0\n"
            "U,U,home,unit_area,50.2,10.5,,,0\n"
        ),
        units="w,w,home,H,U,100,0,1,5,0\n",
        stocks="D,food,100,0,home\n",
    )


def test_a_capacity_of_0_is_said_as_no_way(tmp_path: Path) -> None:
    """The table says the people have no way, as validate's warning does; no day is made up."""
    scenario, demand = _no_seats(tmp_path)
    plan = plan_movements(scenario, demand)
    (closure,) = plan.closures
    assert (closure.earliest_day, closure.closure_day) == (None, None)
    (row,) = closure_rows(plan, scenario)
    assert (row["earliest"], row["closure"]) == ("never: no way for its people", "not closed")
    (warning,) = [f for f in check_scenario(scenario) if f.entity_id == "w"]
    assert "its people cannot get" in warning.message


def test_time_is_still_said_as_time(tmp_path: Path) -> None:
    """Seats on the link but the link closed throughout: "not in horizon", as before."""
    scenario, demand = _no_seats(tmp_path, pax="", outage="0-4")
    (row,) = closure_rows(plan_movements(scenario, demand), scenario)
    assert row["earliest"] == "not in horizon"

"""A shortfall that only a reopened closure and a raised handling of 0 remove is said so.

A depot D sends food over road a to a border yard Y and on over road b to a camp U, whose
company eats 10 t a day from C+0. Closing road a (an outage) and setting the yard's
handling to 0 each keep food out; where both do, the shortfall rows named only the
capacity, while the 60 t short on C+2–C+7 needed both.
"""

from __future__ import annotations

from pathlib import Path

from scenario_files import scenario_from_files

from supplyline.domain import Demand, Scenario
from supplyline.planning import plan_movements

FOOD = (
    "{id: food, name: Rations, supply_class: food, priority: 1, demand_unit: kg, "
    "per_person_per_day: 10}"
)
DAYS = 10


def _files(yard_t: str, closed: str, road_b_t: str, supply_t: str = "50") -> dict[str, str]:
    """The rows after each file's header: road a closed on ``closed``, Y handling ``yard_t``."""
    return {
        "links": (
            f"a,D,Y,road,,40,1,,100,,1,,true,{closed}\nb,Y,U,road,,40,1,,{road_b_t},,1,,true,\n"
        ),
        "locations": (
            "D,Depot,home,depot,50.0,20.0,,,0\n"
            f"Y,Border yard,home,border,50.0,20.5,{yard_t},,0\n"
            "U,Camp,home,unit_area,50.0,21.0,,,0\n"
        ),
        "units": "u1,1st Company,home,U,U,1000,0,0,0,0\n",
        "stocks": f"D,food,0,{supply_t},home\n",
    }


CASES = {
    "both": _files(yard_t="0", closed="0-5", road_b_t="100"),
}


def _scenario(folder: Path, rows: dict[str, str]) -> tuple[Scenario, Demand]:
    """The case's files written into ``folder`` and read back as a user's run does."""
    return scenario_from_files(folder, days=DAYS, commodity=FOOD, **rows)


def test_the_days_cut_off_by_both_name_the_closure_and_the_yard(tmp_path: Path) -> None:
    """C+2–C+7 need the road reopened and the yard raised: the cause says both, not "capacity".

    It had read "capacity: no Rations can reach Camp while every way there passes through a
    place that handles 0 t/day", and, once the supply was weighed, "with road link a
    reopened and whatever the transport capacities, … still short of 100 t", where the road
    reopened and the yard raised leave 20 t short.
    """
    scenario, demand = _scenario(tmp_path / "case", CASES["both"])
    plan = plan_movements(scenario, demand)
    causes = {s.day: s.cause for s in plan.shortfalls}
    for day in range(2, 8):
        assert causes[day].startswith(
            "the closure of road link a (closed C+0–C+5) and a place that handles 0 t/day "
            "(Border yard) together cut Camp off from Rations"
        ), causes[day]
    for day in (8, 9):  # the road is open again: the yard alone keeps the food out
        assert causes[day].startswith("capacity: "), causes[day]

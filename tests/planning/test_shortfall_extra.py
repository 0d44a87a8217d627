"""A claim whose extra also fills targets says the least extra that removes its shortfall.

A tester's border post (12 t/day) was offered "+28 t/day there removes 24 t of shortfall
(all of it) …; fills 150 t-days more of the units' days-of-supply targets": +28 is the
least that fills the targets as well, but +8 t/day removed all 24 t (handling 20: none
short; 19.9: 0.3 t). The claim now says both figures, and the files give the smaller.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from supplyline.domain import Bottleneck, Plan, PlanStatus
from supplyline.planning import PlanParams
from supplyline.planning.bottleneck_rows import bottleneck_table_rows
from supplyline.planning.round_figures import nice_below
from supplyline.services.planning import plan_scenario

_FILES = {
    "scenario.yaml": "name: border\nstart_date: 2026-01-01\nhorizon_days: 15\n"
    "partners:\n  - {id: a, name: A, currency: EUR}\ncommodities:\n"
    "  - {id: food, name: Food, supply_class: food, priority: 1, demand_unit: kg, "
    "per_person_per_day: 2}\n"
    "  - {id: water, name: Water, supply_class: water, priority: 5, demand_unit: kg, "
    "per_person_per_day: 8}\n",
    "links.csv": "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,cost_per_t,"
    "bidirectional,outage_days\nl1,D,X,road,40,1,100,1,true,\nl2,X,S,road,40,1,100,1,true,\n"
    "l3,S,C,road,40,1,100,1,true,5-7\n",
    "locations.csv": "id,name,partner,kind,lat,lon,handling_t_per_day,handling_pax_per_day,"
    "storage_t,dwell_days\nD,Depot,a,depot,50.0,20.0,,,,0\n"
    "X,Border,a,border,50.0,20.5,{handling},30,,0\nS,Store,a,warehouse,50.0,21.0,,,30,0\n"
    "C,Camp,a,unit_area,50.0,21.5,,,,0\n",
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\n"
    "D,food,1000,0,a\nD,water,1000,0,a\n",
    "units.csv": "id,name,partner,home,destination,personnel,available_day,required_day,"
    "deployment_lift_t,days_of_supply\nU,Camp unit,a,C,C,1000,0,0,0,3\n"
    "U2,Late unit,a,D,C,100,4,6,0,0\n",
}
"""The tester's scenario C: unit U (1,000 people, 10 t a day, 3 days of supply to hold) in
place at camp C, fed from depot D through the border post X (12 t/day, 30 people a day)
and store S, the road S–C closed C+5–C+7; unit U2 (100 people) deploys D→C from C+4,
required on C+6."""
_PARAMS = PlanParams(explain_time_s=120.0)
"""Time enough for every search, however loaded the machine."""


def _write(folder: Path, handling: float) -> Path:
    folder.mkdir()
    for name, text in _FILES.items():
        (folder / name).write_text(text.replace("{handling}", f"{handling:g}"), "utf-8")
    return folder


def _plan(folder: Path, out: Path | None = None) -> Plan:
    plan = plan_scenario(folder, out, params=_PARAMS).plan
    assert plan.status is PlanStatus.OPTIMAL
    return plan


def _border(plan: Plan) -> Bottleneck:
    return next(b for b in plan.bottlenecks if b.resource == "X" and b.extra_unit == "t/day")


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, Path]:
    """The border scenario planned, its files written."""
    root = tmp_path_factory.mktemp("border")
    out = root / "out"
    return _plan(_write(root / "scenario", 12), out), out


def test_the_claim_says_the_least_extra_for_the_shortfall_and_its_own(
    planned: tuple[Plan, Path],
) -> None:
    """+8 t/day removes the 24 t; +28 t/day also fills 150 t-days of the targets."""
    entry = _border(planned[0])
    assert (entry.suggested_extra, entry.shortfall_extra) == (28.0, 8.0)
    assert entry.shortfall_removed_t == pytest.approx(24.0)
    assert (
        "; +8 t/day there removes 24 t of shortfall (all of it): 24 t less water short at U; "
        "+28 t/day also fills 150 t-days more of the units' days-of-supply targets"
    ) in entry.explanation


def test_the_table_s_extra_says_the_shortfall_figure(planned: tuple[Plan, Path]) -> None:
    """The CLI's and the HTML report's table: "28 t/day on C+1–C+3 (8 for the shortfall alone)"."""
    rows = [r for r in bottleneck_table_rows(planned[0]) if r["resource"] == "X"]
    assert [r["extra"] for r in rows] == [
        "28 t/day on C+1–C+3 (8 for the shortfall alone)",
        "4 pax/day on C+5–C+7",
    ]


@pytest.mark.parametrize(("extra", "short"), [(8.0, False), (nice_below(8.0), True)])
def test_the_shortfall_figure_is_the_least_round_one_a_re_plan_confirms(
    tmp_path: Path, extra: float, short: bool
) -> None:
    """Handling 12 + 8 leaves nothing short; 12 plus the round figure below 8 leaves some."""
    plan = _plan(_write(tmp_path / "raised", 12 + extra))
    assert (plan.total_short_t > 1e-3) is short


def test_the_files_give_the_shortfall_figure_beside_the_claim_s(
    planned: tuple[Plan, Path],
) -> None:
    """bottlenecks.csv's and plan.json's ``shortfall_extra``: 8 beside ``suggested_extra`` 28."""
    out = planned[1]
    with (out / "bottlenecks.csv").open(encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["extra_unit"] == "t/day")
    assert (row["suggested_extra"], row["shortfall_extra"]) == ("28", "8")
    data = json.loads((out / "plan.json").read_text("utf-8"))
    border = next(b for b in data["bottlenecks"] if b["extra_unit"] == "t/day")
    assert (border["suggested_extra"], border["shortfall_extra"]) == (28.0, 8.0)


def test_a_claim_that_removes_no_shortfall_has_no_shortfall_figure(
    planned: tuple[Plan, Path],
) -> None:
    """The border's people handling cuts nothing short: no second figure, none in its words."""
    people = next(b for b in planned[0].bottlenecks if b.extra_unit == "pax/day")
    assert people.shortfall_removed_t == 0.0
    assert people.shortfall_extra is None
    assert "also" not in people.explanation

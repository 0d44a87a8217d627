"""Each outage window of a link is its own candidate, named with its days and measured apart.

A link closed C+0–C+2 and again C+5–C+6 was lifted whole and reported as one entry, "l1
on C+0–C+2, C+5–C+6", so a planner could not tell which window held the plan back. Each
claim here is checked against the plan re-made with exactly that window open.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from supplyline.domain import Bottleneck, Demand, Plan, ResourceKind, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.outage_windows import outage_windows, without_windows
from supplyline.planning.params import PlanParams
from supplyline.services.scenarios import assess_requirements

_FILES = {
    "scenario.yaml": "name: windows\nstart_date: 2025-06-01\nhorizon_days: 10\n"
    "partners:\n  - {id: A, name: Alpha}\ncommodities:\n  - id: food\n"
    "    supply_class: general\n    priority: 3\n    demand_unit: kg\n"
    "    per_person_per_day: 1\n",
    "locations.csv": "id,name,partner,kind,lat,lon\nH,H,A,garrison,50.0,10.0\n"
    "D,D,A,depot,50.0,10.5\nU,U,A,unit_area,50.0,12.0\n",
    "links.csv": "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,"
    "capacity_pax_per_day,cost_per_t,outage_days\n"
    "l1,H,U,rail,100,1,100,100,1,C+0-C+2;C+5-C+6\nl2,D,U,road,100,0,,,1,\n",
    "stocks.csv": "location,commodity,initial_t\nD,food,1000\n",
    "units.csv": "id,name,partner,home,destination,personnel,available_day,required_day,"
    "deployment_lift_t\nu1,u1,A,H,U,30,0,2,20\n{u2}",
}
"""Rail l1 (H→U, one day) is closed C+0–C+2 and C+5–C+6. Unit u1 (20 t, 30 people),
available C+0 and required C+2, leaves C+3: 2 days late (40 t-days), held by the first
window alone. Unit u2 (30 t, 30 people), where present, is available C+5 and required
C+6, leaves C+7: 2 days late (60 t-days), held by the second window alone."""
_U2 = "u2,u2,A,H,U,30,5,6,30\n"


def _scenario(tmp_path: Path, *, with_u2: bool) -> tuple[Scenario, Demand]:
    for name, text in _FILES.items():
        (tmp_path / name).write_text(text.replace("{u2}", _U2 if with_u2 else ""), "utf-8")
    result = assess_requirements(tmp_path)
    return result.opened.scenario, result.demand


def _outages(plan: Plan) -> list[Bottleneck]:
    return [b for b in plan.bottlenecks if b.kind is ResourceKind.OUTAGE]


def _late_t_days(plan: Plan) -> float:
    return sum(c.late_t_days for c in plan.closures)


def _replanned_with_open(scenario: Scenario, demand: Demand, name: str) -> Plan:
    """The plan made with exactly the window ``name`` open, the link's others kept."""
    (window,) = [w for w in outage_windows(scenario, scenario.horizon_days) if w.name == name]
    return plan_movements(without_windows(scenario, (window,)), demand)


def test_a_link_has_one_window_per_run_of_consecutive_closed_days(tmp_path: Path) -> None:
    """C+0–C+2 and C+5–C+6 are two windows; lifting one keeps the other's days closed."""
    scenario, _ = _scenario(tmp_path, with_u2=False)
    windows = outage_windows(scenario, scenario.horizon_days)
    assert [(w.name, w.days) for w in windows] == [
        ("l1 closed C+0–C+2", (0, 1, 2)),
        ("l1 closed C+5–C+6", (5, 6)),
    ]
    opened = without_windows(scenario, windows[:1])
    assert opened.links[0].outage_days == frozenset({5, 6})
    assert opened.links[1:] == scenario.links[1:]


def test_only_the_window_that_holds_the_plan_back_is_named(tmp_path: Path) -> None:
    """u1 alone: the first window costs 40 t-days, the second nothing; one entry, the first.

    Its gains are the plan's lateness less the plan re-made with C+0–C+2 open (C+5–C+6
    kept); re-made with C+5–C+6 open instead, the plan is as late as before.
    """
    scenario, demand = _scenario(tmp_path, with_u2=False)
    plan = plan_movements(scenario, demand)
    assert _late_t_days(plan) == pytest.approx(40.0)
    (entry,) = _outages(plan)
    assert entry.resource == "l1 closed C+0–C+2"
    assert entry.days == (0, 1, 2)
    first = _replanned_with_open(scenario, demand, "l1 closed C+0–C+2")
    assert entry.late_t_days_cut == pytest.approx(_late_t_days(plan) - _late_t_days(first))
    assert entry.late_t_days_cut == pytest.approx(40.0)
    second = _replanned_with_open(scenario, demand, "l1 closed C+5–C+6")
    assert _late_t_days(second) == pytest.approx(_late_t_days(plan))
    assert entry.explanation.startswith(
        "the closure of rail link l1 (H→U) on C+0–C+2 (closed again on C+5–C+6, kept) "
        "delays deployment: without it, the re-made plan sends deployment over it"
    )


def test_two_windows_that_each_hold_the_plan_back_are_two_entries(tmp_path: Path) -> None:
    """u1 and u2: each window makes one unit late, each entry claims its re-plan's cut.

    The larger gain first (C+5–C+6, 60 t-days, before C+0–C+2, 40); no joint entry, the
    two together gaining only in the tier (lateness) each already gains in alone.
    """
    scenario, demand = _scenario(tmp_path, with_u2=True)
    plan = plan_movements(scenario, demand)
    assert _late_t_days(plan) == pytest.approx(100.0)
    entries = _outages(plan)
    assert [b.resource for b in entries] == ["l1 closed C+5–C+6", "l1 closed C+0–C+2"]
    for entry in entries:
        replanned = _replanned_with_open(scenario, demand, entry.resource)
        cut = _late_t_days(plan) - _late_t_days(replanned)
        assert entry.late_t_days_cut == pytest.approx(cut)
    assert [b.late_t_days_cut for b in entries] == pytest.approx([60.0, 40.0])
    assert [b.late_pax_days_cut for b in entries] == pytest.approx([60.0, 60.0])


def test_the_windows_left_untried_are_named_with_their_days(tmp_path: Path) -> None:
    """With ``--explain 0`` no window is re-planned: the plan names each, once, in its notes."""
    scenario, demand = _scenario(tmp_path, with_u2=True)
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    assert _outages(plan) == []
    assert plan.stats.outages_untried == ("l1 closed C+0–C+2", "l1 closed C+5–C+6")
    note = plan.stats.outages_note
    assert note is not None
    assert "(--explain 0): l1 closed C+0–C+2, l1 closed C+5–C+6; what lifting them" in note
    assert note in plan.stats.notes


def test_a_link_closed_by_design_has_no_window(tmp_path: Path) -> None:
    """A link of capacity 0 carries nothing: its outage days are no window to re-plan."""
    scenario, _ = _scenario(tmp_path, with_u2=False)
    shut = replace(scenario.links[0], capacity_t_per_day=0.0, capacity_pax_per_day=0.0)
    scenario = replace(scenario, links=(shut, *scenario.links[1:]))
    assert outage_windows(scenario, scenario.horizon_days) == []


_ROUTE = {
    "scenario.yaml": "name: route\nstart_date: 2025-06-01\nhorizon_days: 12\n"
    "partners:\n  - {id: p, name: P}\ncommodities:\n  - id: food\n"
    "    supply_class: food\n    priority: 1\n    demand_unit: kg\n"
    "    per_person_per_day: 2\n",
    "locations.csv": "id,name,partner,kind,lat,lon\nA,A,p,garrison,50.0,20.0\n"
    "M,M,p,hub,50.1,20.1\nB,B,p,unit_area,50.2,20.2\n",
    "links.csv": "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,"
    "capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,outage_days\n"
    "r1,A,M,road,30,1,500,500,1.0,1.0,true,0-2;6\n"
    "r2,M,B,road,30,1,500,500,1.0,1.0,true,1-3;8\n",
    "stocks.csv": "location,commodity,initial_t\nB,food,100\n",
    "units.csv": "id,name,partner,home,destination,personnel,available_day,required_day,"
    "deployment_lift_t,days_of_supply\nu1,u1,p,A,B,100,0,2,100,0\n",
}
"""A re-checker's route A→M→B: r1 closed C+0–C+2 and C+6, r2 C+1–C+3 and C+8. Unit u1
(100 t, 100 people), required at B on C+2, arrives C+5: 3 days late, 300 t-days. No window
alone gains; C+0–C+2 and C+1–C+3 together close it on time, C+6 and C+8 add nothing."""


def test_a_joint_entry_names_only_the_windows_that_gain_together(tmp_path: Path) -> None:
    """The joint entry is r1 C+0–C+2 + r2 C+1–C+3, claiming their re-plan's gain exactly.

    Lifted with all four windows it had named C+6 and C+8 too, and said the re-made plan
    sent deployment "over them on those days", over which nothing moved.
    """
    for name, text in _ROUTE.items():
        (tmp_path / name).write_text(text, "utf-8")
    result = assess_requirements(tmp_path)
    scenario, demand = result.opened.scenario, result.demand
    plan = plan_movements(scenario, demand)
    assert _late_t_days(plan) == pytest.approx(300.0)
    (entry,) = _outages(plan)
    assert entry.resource == "r1 closed C+0–C+2 + r2 closed C+1–C+3"
    assert entry.days == (0, 1, 2, 3)
    names = entry.resource.split(" + ")
    lifted = [w for w in outage_windows(scenario, scenario.horizon_days) if w.name in names]
    replanned = plan_movements(without_windows(scenario, lifted), demand)
    assert entry.late_t_days_cut == pytest.approx(_late_t_days(plan) - _late_t_days(replanned))
    assert entry.late_t_days_cut == pytest.approx(300.0)
    assert entry.shadow_price == pytest.approx(plan.objective - replanned.objective)
    assert entry.explanation.startswith(
        "the closures of road link r1 (A→M, both ways) on C+0–C+2 and road link r2 "
        "(M→B, both ways) on C+1–C+3 together delay deployment: without them, the re-made "
        "plan sends deployment over them on those days and cuts the lift and people arriving "
        "late by 300 t-days and 300 person-days"
    )

"""An outage whose lifting improves the plan is a bottleneck entry; one that changes nothing is not.

A staff planner's rail outage on C+6–C+13 made three units late (591 t-days) and the
report blamed the airbridge and a yard that was full only because nothing could leave it;
without the outage the plan had 182 t-days late. Outages have no capacity row for a dual
to price, so the report re-plans without each (:mod:`supplyline.planning.outages`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from supplyline.domain import Bottleneck, Demand, Plan, ResourceKind, Scenario
from supplyline.io.plan_files import write_plan
from supplyline.io.plan_read import read_plan
from supplyline.planning import bottlenecks, plan_movements
from supplyline.planning.assemble import build_model, prepare
from supplyline.planning.bottleneck_rows import (
    bottleneck_note,
    bottleneck_table_rows,
    closure_table_rows,
)
from supplyline.planning.extract import Outcome
from supplyline.planning.highs import HighsSession
from supplyline.planning.objective_tiers import DEFAULT_ORDER
from supplyline.planning.outage_duals import cannot_gain, match_models
from supplyline.planning.outages import objective_gain
from supplyline.planning.params import PlanParams
from supplyline.services.scenarios import assess_requirements

_FILES = {
    "scenario.yaml": "name: outage\nstart_date: 2025-06-01\nhorizon_days: 8\n"
    "partners:\n  - {id: A, name: Alpha}\ncommodities:\n  - id: food\n"
    "    supply_class: general\n    priority: 3\n    demand_unit: kg\n"
    "    per_person_per_day: 1\n",
    "locations.csv": "id,name,partner,kind,lat,lon\nH,H,A,garrison,50.0,10.0\n"
    "D,D,A,depot,50.0,10.5\nU,U,A,unit_area,50.0,12.0\nX,X,A,depot,51.0,12.0\n",
    "links.csv": "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,"
    "capacity_pax_per_day,cost_per_t,outage_days\n"
    "l1,H,U,rail,100,1,100,100,1,{rail}\nl2,D,U,road,100,0,,,1,\nl3,D,X,road,50,0,,,1,C+1-C+4\n",
    "stocks.csv": "location,commodity,initial_t\nD,food,1000\n",
    "units.csv": "id,name,partner,home,destination,personnel,required_day,deployment_lift_t\n"
    "u1,u1,A,H,U,30,2,20\n",
}
"""Unit u1 (20 t, 30 people) goes from H to U by rail l1, one day, required on C+2; road
l3 to a depot X nothing needs is closed C+1–C+4."""


def _scenario(tmp_path: Path, rail_closed: str) -> tuple[Scenario, Demand]:
    for name, text in _FILES.items():
        (tmp_path / name).write_text(text.replace("{rail}", rail_closed), encoding="utf-8")
    result = assess_requirements(tmp_path)
    return result.opened.scenario, result.demand


def _opened(scenario: Scenario, link: str) -> Scenario:
    links = tuple(
        replace(x, outage_days=frozenset()) if x.id == link else x for x in scenario.links
    )
    return replace(scenario, links=links)


def _outages(plan: Plan) -> list[Bottleneck]:
    return [b for b in plan.bottlenecks if b.kind is ResourceKind.OUTAGE]


@pytest.mark.parametrize(("closed", "days_late"), [("C+0-C+2", 2), ("C+0-C+3", 3), ("C+0", 0)])
def test_a_closure_that_delays_a_unit_claims_what_the_replan_without_it_gains(
    tmp_path: Path, closed: str, days_late: int
) -> None:
    """Closed C+0 to C+N, u1 leaves C+N+1 and is N days late: the claim is the re-plan's cut.

    Closed on C+0 alone it leaves on C+1 and is on time: the closure is not said.
    """
    scenario, demand = _scenario(tmp_path, closed)
    plan = plan_movements(scenario, demand)
    (closure,) = plan.closures
    assert closure.days_late == days_late
    replanned = plan_movements(_opened(scenario, "l1"), demand)
    assert replanned.closures[0].days_late == 0
    outages = _outages(plan)
    if days_late == 0:
        assert outages == []
        return
    (entry,) = outages
    assert entry.resource == f"l1 closed C+0–C+{days_late}"
    assert entry.late_t_days_cut == pytest.approx(20.0 * days_late)
    assert entry.late_t_days_cut == pytest.approx(
        closure.late_t_days - replanned.closures[0].late_t_days
    )
    assert entry.late_pax_days_cut == pytest.approx(30.0 * days_late)
    last = f"C+{days_late}"
    assert entry.explanation.startswith(
        f"the closure of rail link l1 (H→U) on C+0–{last} delays deployment: without it, "
        "the re-made plan sends deployment over it on those days and cuts the lift and people "
        f"arriving late by {20 * days_late} t-days and {30 * days_late} person-days"
    )


def test_a_closure_on_a_link_nothing_needs_is_not_reported(tmp_path: Path) -> None:
    """Road l3 to depot X is closed C+1–C+4; nothing needs it: no entry names it."""
    plan = plan_movements(*_scenario(tmp_path, "C+0-C+2"))
    assert [b.resource for b in _outages(plan)] == ["l1 closed C+0–C+2"]
    assert all("l3" not in b.explanation for b in plan.bottlenecks)


@pytest.mark.parametrize(("link", "gains"), [("l3", False), ("l1", True)])
def test_the_plans_duals_prove_when_opening_a_link_cannot_gain(
    tmp_path: Path, link: str, gains: bool
) -> None:
    """Opening l3 adds nothing that prices in (no solve needed); opening l1 adds what gains."""
    scenario, demand = _scenario(tmp_path, "C+0-C+2")
    params = PlanParams()
    p = prepare(scenario, demand, params)
    m = build_model(p)
    session = HighsSession(m, params)
    session.solve()
    duals = session.duals()
    assert duals is not None
    m2 = build_model(prepare(_opened(scenario, link), demand, params))
    matched = match_models(m, m2)
    assert matched is not None
    assert bool((matched.col_at < 0).any()) is gains  # l3's open days lead nowhere needed
    assert cannot_gain(duals[0], m2, matched) is not gains


def _outcome(short_t: float, weighted: float, late: float = 0.0) -> Outcome:
    return Outcome(
        short_t=short_t,
        short_by={},
        late_days={},
        closure_day={},
        late_t_days=late,
        late_pax_days=0.0,
        transport_cost=0.0,
        short_weighted=weighted,
    )


def test_closures_gain_in_the_objectives_order_shortfall_by_priority_first() -> None:
    """2 t of a high priority removed outweigh 6 t of a low one, and any lateness cut.

    The objective weighs shortfall by priority: comparing raw tonnes put the lesser gain first.
    """
    base = _outcome(10.0, 50.0, late=900.0)
    low = objective_gain(_outcome(4.0, 44.0, late=0.0), base, DEFAULT_ORDER)  # 6 t, weighing 6
    high = objective_gain(_outcome(8.0, 30.0, late=900.0), base, DEFAULT_ORDER)  # 2 t, weighing 20
    assert high > low
    assert sorted([low, high], reverse=True) == [high, low]


def test_closures_rank_after_every_capacity_and_have_their_own_table(tmp_path: Path) -> None:
    """Rail l1 at 10 t/day binds and its closure C+0–C+2 delays u1: the capacity ranks 1st.

    The closure follows whatever it gains (its figure, the objective saved in all, is no
    rate to sort among shadow prices); people's tables show the capacities and the
    closures apart, every closure with its objective saved.
    """
    for name, text in _FILES.items():
        text = text.replace("{rail}", "C+0-C+2").replace(
            "l1,H,U,rail,100,1,100", "l1,H,U,rail,100,1,10"
        )
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = assess_requirements(tmp_path)
    plan = plan_movements(result.opened.scenario, result.demand)
    kinds = [b.kind for b in plan.bottlenecks]
    assert ResourceKind.OUTAGE in kinds
    assert kinds[0] is not ResourceKind.OUTAGE
    first = kinds.index(ResourceKind.OUTAGE)
    assert all(k is ResourceKind.OUTAGE for k in kinds[first:])
    assert [r["rank"] for r in bottleneck_table_rows(plan)] == list(range(1, first + 1))
    (closure,) = closure_table_rows(plan)
    assert closure["rank"] == first + 1
    assert closure["resource"] == "l1 closed C+0–C+2"
    assert closure["objective_saved"] == plan.bottlenecks[first].shadow_price > 0


def test_an_outage_the_measuring_time_left_untried_is_said_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No time to re-plan l1 or l3 open: the plan names their windows in its notes, plan.json too.

    A tester's ``--explain-time 0.001`` left a closure's only trace a line on stderr, and
    the plan said "no capacity limits the plan". The measuring gets no time at all here
    (its budget 0, its deadline passed before the first outage), not a short one.
    """
    monkeypatch.setattr(bottlenecks, "explain_budget", lambda *_: 0.0)
    scenario, demand = _scenario(tmp_path, "C+0-C+2")
    plan = plan_movements(scenario, demand)
    untried = ("l1 closed C+0–C+2", "l3 closed C+1–C+4")
    assert plan.stats.outages_untried == untried
    assert _outages(plan) == []
    note = plan.stats.outages_note
    assert note is not None
    assert "these closures were re-planned open: l1 closed C+0–C+2, l3 closed C+1–C+4;" in note
    assert note in plan.stats.notes
    assert bottleneck_note(plan, warned=False) != "no capacity limits the plan"
    write_plan(tmp_path / "out", scenario, plan)
    assert read_plan(tmp_path / "out" / "plan.json").stats.outages_untried == untried


_ROUTE = {
    "scenario.yaml": "name: route\nstart_date: 2025-06-01\nhorizon_days: 10\n"
    "partners:\n  - {id: A, name: Alpha}\ncommodities:\n  - id: food\n"
    "    supply_class: general\n    priority: 1\n    demand_unit: kg\n"
    "    per_person_per_day: 1\n",
    "locations.csv": "id,name,partner,kind,lat,lon\nH,H,A,depot,50.0,10.0\n"
    "M,M,A,hub,50.25,10.25\nU,U,A,unit_area,50.5,10.5\n",
    "links.csv": "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,"
    "capacity_pax_per_day,cost_per_t,outage_days\n"
    "r1,H,M,road,100,1,100,100,1,C+0-C+2\nr2,M,U,road,100,1,100,100,1,C+1-C+3\n",
    "stocks.csv": "location,commodity,initial_t\nU,food,100\n",
    "units.csv": "id,name,partner,home,destination,personnel,required_day,deployment_lift_t\n"
    "u1,u1,A,H,U,10,2,100\n",
}
"""Unit u1 (100 t, 10 people) goes H→M→U, a day each, required on C+2: r1 is closed
C+0–C+2, r2 C+1–C+3. Either open alone, the other still holds u1 to C+5 (3 days late);
both open, it arrives on C+2."""


def test_two_closures_on_one_route_are_named_together(tmp_path: Path) -> None:
    """Neither closure alone gains; lifted together they cut all 300 t-days: one entry says so.

    The plan had said "no capacity limits the plan" of a unit 3 days late.
    """
    for name, text in _ROUTE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = assess_requirements(tmp_path)
    plan = plan_movements(result.opened.scenario, result.demand)
    (closure,) = plan.closures
    assert closure.late_t_days == pytest.approx(300.0)
    (entry,) = _outages(plan)
    assert entry.resource == "r1 closed C+0–C+2 + r2 closed C+1–C+3"
    assert entry.late_t_days_cut == pytest.approx(300.0)
    assert entry.late_pax_days_cut == pytest.approx(30.0)
    assert entry.explanation.startswith(
        "the closures of road link r1 (H→M) on C+0–C+2 and road link r2 (M→U) on C+1–C+3 "
        "together delay deployment: without them, the re-made plan sends deployment over "
        "them on those days and cuts the lift and people arriving late by 300 t-days and 30 "
        "person-days"
    )
    assert bottleneck_note(plan, warned=False) is None

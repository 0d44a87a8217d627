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
from supplyline.planning import plan_movements
from supplyline.planning.assemble import build_model, prepare
from supplyline.planning.highs import HighsSession
from supplyline.planning.outage_duals import cannot_gain, match_models
from supplyline.planning.outages import rank_by_gains
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
    assert entry.resource == "l1"
    assert entry.late_t_days_cut == pytest.approx(20.0 * days_late)
    assert entry.late_t_days_cut == pytest.approx(
        closure.late_t_days - replanned.closures[0].late_t_days
    )
    assert entry.late_pax_days_cut == pytest.approx(30.0 * days_late)
    last = f"C+{days_late}"
    assert entry.explanation.startswith(
        f"the closure of rail link l1 (H→U) on C+0–{last} delays deployment: without it, "
        "the re-made plan sends deployment over it on those days and cuts the lift arriving "
        f"late by {20 * days_late} t-days"
    )


def test_a_closure_on_a_link_nothing_needs_is_not_reported(tmp_path: Path) -> None:
    """Road l3 to depot X is closed C+1–C+4; nothing needs it: no entry names it."""
    plan = plan_movements(*_scenario(tmp_path, "C+0-C+2"))
    assert [b.resource for b in _outages(plan)] == ["l1"]
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


def _entry(kind: ResourceKind, name: str, late: float | None, price: float) -> Bottleneck:
    measured = late is not None
    return Bottleneck(
        kind=kind,
        resource=name,
        days=(1,),
        shadow_price=price,
        shortfall_removed_t=0.0 if measured else None,
        late_t_days_cut=late,
        late_pax_days_cut=0.0 if measured else None,
        target_t_days_filled=0.0 if measured else None,
        transport_cost_saved=0.0 if measured else None,
    )


def test_an_outage_ranks_above_the_first_capacity_it_gains_more_than() -> None:
    """Below those the shadow prices put first that gain as much or more; above the rest."""
    ranked = [
        _entry(ResourceKind.LINK_TONNES, "a", 600.0, 9.0),
        _entry(ResourceKind.HANDLING, "b", 100.0, 8.0),
        _entry(ResourceKind.LINK_TONNES, "c", 900.0, 7.0),
        _entry(ResourceKind.HANDLING, "d", None, 6.0),
    ]
    small = _entry(ResourceKind.OUTAGE, "small", 50.0, 1.0)
    big = _entry(ResourceKind.OUTAGE, "big", 400.0, 1.0)
    order = [b.resource for b in rank_by_gains(ranked, (small, big))]
    assert order == ["a", "big", "b", "c", "small", "d"]

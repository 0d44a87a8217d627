"""What a bottleneck says more capacity buys must follow from the optimum, not from a tie.

Two optimal plans can close a unit on different days for the same lateness (the last
tonne sooner, others later). Measured by a tester: the bilateral example's spares supply
claimed "+6 t/day lets 2 units close 2 unit-days earlier", yet with the 6 t added the
optimum's lateness (and its closure days) stayed the same.
"""

from __future__ import annotations

from pathlib import Path

from supplyline.domain import Demand, ResourceKind, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.bottlenecks import _effect
from supplyline.planning.build import prepare
from supplyline.planning.extract import Outcome
from supplyline.planning.params import PlanParams
from supplyline.services.scenarios import assess_requirements


def _outcome(
    late_days: dict[int, int], late_t_days: float, closure: dict[int, int | None] | None = None
) -> Outcome:
    return Outcome(
        short_t=0.0,
        short_by={},
        late_days=late_days,
        closure_day=closure if closure is not None else dict.fromkeys(late_days, 20),
        late_t_days=late_t_days,
        late_pax_days=0.0,
        transport_cost=100.0,
    )


def test_closure_days_that_move_without_less_lateness_are_no_gain(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """Earlier closures are claimed only when less lift is late (tonne- or person-days)."""
    problem = prepare(*bilateral, PlanParams())
    base = _outcome({0: 3, 1: 2}, late_t_days=50.0)
    tie = _outcome({0: 1, 1: 2}, late_t_days=50.0)
    gain = _outcome({0: 1, 1: 2}, late_t_days=20.0)
    assert "earlier" not in _effect(problem, base, tie)[1]
    assert "close 2 day(s) earlier" in _effect(problem, base, gain)[1]


def test_a_unit_that_does_not_close_is_said_to_close_by_a_day_not_days_earlier(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """A tester read "close 4 day(s) earlier" for a unit that never closed in the horizon."""
    problem = prepare(*bilateral, PlanParams())
    base = _outcome({0: 3}, late_t_days=50.0, closure={0: None})
    gain = _outcome({0: 0}, late_t_days=0.0, closure={0: 12})
    effect = _effect(problem, base, gain)[1]
    unit = problem.scenario.units[0].id
    assert effect == f"lets {unit} close by C+12 (it does not close within the horizon now)"


def test_the_bilateral_supplies_claim_no_earlier_closure(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """The regression itself: no supply bottleneck of the example claims closures.

    And supplies binding on C+0 say the stock on hand, not "0 t/day".
    """
    plan = plan_movements(*bilateral)
    supplies = [b for b in plan.bottlenecks if b.kind is ResourceKind.SUPPLY]
    assert supplies
    for b in supplies:
        assert "earlier" not in b.explanation, b.explanation
        assert "(0 t/day)" not in b.explanation, b.explanation


_PAX_LINK_SCENARIO = {
    "scenario.yaml": "name: pax-link\nstart_date: 2025-06-01\nhorizon_days: 6\n"
    "partners:\n  - {id: A, name: Alpha}\ncommodities:\n  - id: food\n"
    "    supply_class: general\n    priority: 3\n    demand_unit: kg\n"
    "    per_person_per_day: 1000\n",
    "locations.csv": "id,name,partner,kind,lat,lon\nH,H,A,garrison,50.0,10.0\n"
    "D,D,A,depot,50.0,10.5\nU,U,A,unit_area,50.0,12.0\n",
    "links.csv": "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,"
    "capacity_pax_per_day,cost_per_t\nl1,H,U,road,100,1,100,10,1\nl2,D,H,road,100,0,,,1\n",
    "stocks.csv": "location,commodity,initial_t\nD,food,1000\n",
    "units.csv": "id,name,partner,home,destination,personnel,required_day,deployment_lift_t\n"
    "u1,u1,A,H,U,30,2,20\nu2,u2,A,U,U,10,,0\n",
}


def test_a_pax_capacity_limits_only_people(tmp_path: Path) -> None:
    """Food shares the link with the people but not its pax capacity (a tester's case)."""
    for name, text in _PAX_LINK_SCENARIO.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = assess_requirements(tmp_path)
    plan = plan_movements(result.opened.scenario, result.demand)
    pax = [b for b in plan.bottlenecks if b.kind is ResourceKind.LINK_PAX]
    assert pax, plan.bottlenecks
    assert "limits deployment on" in pax[0].explanation
    assert "food" not in pax[0].explanation

"""Goods that reach the camp of the unit that needs them are handed to it on arrival.

Held by the unit or kept in the camp's store, they cost the same, and the solver's
tie-break decided: an analyst's 10 t reaching a unit on C+4 showed as 4 t delivered that
day and 6 t in the place's store, handed over the days after.
"""

from __future__ import annotations

from pathlib import Path

from scenario_files import scenario_from_files

from supplyline.domain import Demand, Scenario
from supplyline.planning import plan_movements


def _behind_an_outage(tmp_path: Path) -> tuple[Scenario, Demand]:
    """A 3-day railway closed C+2–C+3 while goods are on it; the unit eats 4 t a day."""
    return scenario_from_files(
        tmp_path / "transit_outage",
        days=8,
        commodity=(
            "{id: food, name: food, supply_class: general, priority: 1, demand_unit: kg, "
            "per_person_per_day: 1}"
        ),
        links="r,D,U,rail,1435,300,3,,10,,1,,false,2-3\n",
        locations="D,D,home,depot,50,10,,,0\nU,U,home,unit_area,50.2,10.5,,,0\n",
        units="u,u,home,U,U,4000,0,0,0,0\n",
        stocks="D,food,100,0,home\n",
    )


def test_goods_reaching_the_camp_are_delivered_on_their_arrival_day(tmp_path: Path) -> None:
    """What arrives at U on a day is delivered to the unit that day, none kept in U's store."""
    plan = plan_movements(*_behind_an_outage(tmp_path))
    arrived: dict[int, float] = {}
    for m in plan.movements:
        if m.destination == "U":
            arrived[m.arrival_day] = arrived.get(m.arrival_day, 0.0) + m.tonnes
    delivered = {d.day: d.tonnes for d in plan.deliveries if d.unit == "u"}
    assert arrived  # the case is as told: goods do arrive
    for day, tonnes in arrived.items():
        assert delivered.get(day, 0.0) >= tonnes - 1e-6, (day, tonnes, delivered)
    assert not [s for s in plan.stocks if s.location == "U" and s.unit is None]


def test_the_handover_changes_no_total(tmp_path: Path) -> None:
    """Shortfall, tonnes delivered and moved are those of the equal-cost plans before."""
    plan = plan_movements(*_behind_an_outage(tmp_path))
    assert plan.total_short_t == 12.0  # C+0–C+2: nothing can arrive before C+3
    assert sum(d.tonnes for d in plan.deliveries) == 20.0
    assert sum(m.tonnes for m in plan.movements) == 20.0

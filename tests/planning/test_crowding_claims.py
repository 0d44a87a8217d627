"""An extra on hand that crowds its store is never offered where it makes the plan worse.

An adversarial tester's forward store (storage_t 33.3, 5.5 t of food on hand) was offered
"+380 t there saves 34.36 in transport cost": re-planned with 385.5 t on hand, the store
was full of food on every day, fuel went 1.63 t more short and the objective rose, where
+10 t removed 3.5 t of shortfall. More on hand takes room in its store, so the gain is
not monotone in the extra: the figure is looked for within the store's free room, and
beyond it only where what unlimited used does better. Since goods on hand in a full store
may leave it for good (``supplyline.planning.making_room``), +33 t does: more on hand than
``storage_t`` makes the store's room what is on hand, and the food sent on to the camp's
store leaves that room to fuel (8.21 t of fuel shortfall removed, where +10 t removed 3.5 t
of food's before).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from supplyline.domain import Scenario
from supplyline.io import load_scenario
from supplyline.io.factors import factors_for
from supplyline.planning import plan_movements
from supplyline.requirements import compute_requirements

FILES = {
    "scenario.yaml": (
        "name: full store\nstart_date: 2025-01-01\nhorizon_days: 10\npartners:\n"
        "  - {id: a, name: Alpha}\n  - {id: b, name: Beta}\ncommodities:\n"
        "  - {id: food, name: Food, supply_class: food, priority: 1, demand_unit: kg,"
        " per_person_per_day: 31.3}\n"
        "  - {id: fuel, name: Fuel, supply_class: fuel, priority: 3, demand_unit: kg,"
        " per_person_per_day: 57.3}\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
        "dep,Depot,a,depot,50.0,10.0,,10000,0\n"
        "fwd,Forward store,b,depot,50.0,10.5,,33.3,0\n"
        "camp,Camp,b,unit_area,50.0,11.0,,1000,0\n"
    ),
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\n"
        "a,dep,fwd,rail,1435,40,1,,100,100,1.3,1,true,3-9\n"
        "b,fwd,camp,road,,40,1,,9,100,1.7,1,true,\n"
    ),
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,days_of_supply\nu1,Unit 1,b,camp,camp,100,0,0,0,0\n"
    ),
    "stocks.csv": (
        "location,commodity,initial_t,replenishment_t_per_day,owner\n"
        "dep,fuel,1000,0,a\ndep,food,1000,0,a\nfwd,food,5.5,0,b\n"
    ),
}


def _with_food_on_hand(s: Scenario, tonnes: float) -> Scenario:
    stocks = tuple(
        dataclasses.replace(st, initial_t=tonnes) if st.location == "fwd" else st for st in s.stocks
    )
    return dataclasses.replace(s, stocks=stocks)


def test_an_extra_on_hand_is_said_only_where_the_re_plan_is_better(tmp_path: Path) -> None:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    scenario = load_scenario(tmp_path)
    demand = compute_requirements(scenario, factors_for(scenario.factor_overrides))
    plan = plan_movements(scenario, demand)
    (food,) = [b for b in plan.bottlenecks if b.resource == "fwd/food"]
    assert food.suggested_extra is not None, food.explanation
    again = plan_movements(_with_food_on_hand(scenario, 5.5 + food.suggested_extra), demand)
    assert again.objective < plan.objective, food.explanation
    assert again.total_short_t <= plan.total_short_t + 1e-6, food.explanation
    removed = plan.total_short_t - again.total_short_t
    assert food.shortfall_removed_t is not None, food.explanation
    assert removed >= food.shortfall_removed_t - 1e-6, food.explanation

"""An extra that changes which commodity is short, not how much, is a gain and said so.

The least-extra search counted tonnes short alone: a road that let priority-1 fuel
through in place of priority-5 spares kept the tonnes short and read "changes little on
its own" (and was raised with the next link to say anything), though the objective
weighs fuel short most.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from scenario_files import scenario_from_files

from supplyline.domain import Demand, Plan, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.extract import Outcome
from supplyline.planning.objective_tiers import DEFAULT_ORDER, Tier
from supplyline.planning.outcome_words import as_good, gain_tier


def _fuel_and_spares(folder: Path) -> tuple[Scenario, Demand]:
    """Fuel (priority 1) by road af of 5 t/day, spares (5) unlimited, both over mu of 10.

    The unit eats 10 t of each a day for 4 days: mu lets 10 t a day through, 5 of fuel
    (all af carries) and 5 of spares; 20 t of each short.
    """
    return scenario_from_files(
        folder,
        days=4,
        commodity="{id: fuel, supply_class: fuel, priority: 1, demand_unit: kg, "
        "per_person_per_day: 100}\n  - {id: spares, supply_class: spare_parts, priority: 5, "
        "demand_unit: kg, per_person_per_day: 100}",
        links="af,a,m,road,,40,0,,5,,1,,false,\nbs,b,m,road,,40,0,,,,1,,false,\n"
        "mu,m,unit,road,,40,0,,10,,1,,false,\n",
        locations="a,Fuel depot,home,depot,50.0,10.0,,,0\n"
        "b,Spares depot,home,depot,50.0,10.2,,,0\nm,Mid,home,depot,50.0,10.5,,0,0\n"
        "unit,Camp,home,unit_area,50.0,11.0,,0,0\n",
        units="u1,Unit 1,home,unit,unit,100,0,0,0,0\n",
        stocks="a,fuel,1000,0,home\nb,spares,1000,0,home\n",
    )


def _short_by_commodity(plan: Plan) -> Counter[str]:
    short: Counter[str] = Counter()
    for s in plan.shortfalls:
        short[s.commodity] += s.short_t
    return short


def test_an_extra_that_lets_fuel_through_in_place_of_spares_is_said_and_re_plans(
    tmp_path: Path,
) -> None:
    """Af +5 t/day: 20 t of fuel short removed, 20 t more of spares short, as re-planned."""
    scenario, demand = _fuel_and_spares(tmp_path / "prio")
    plan = plan_movements(scenario, demand)
    assert _short_by_commodity(plan) == pytest.approx({"fuel": 20.0, "spares": 20.0})
    (af,) = [b for b in plan.bottlenecks if b.resource.startswith("af ")]
    assert af.explanation.endswith(
        "; +5 t/day there removes 20 t of fuel shortfall, leaving 20 t more of spares short"
    )
    assert af.suggested_extra == 5.0
    assert af.shortfall_removed_t == 0.0  # the tonnes short in all do not change
    links = tuple(
        dataclasses.replace(x, capacity_t_per_day=5.0 + af.suggested_extra) if x.id == "af" else x
        for x in scenario.links
    )
    again = plan_movements(dataclasses.replace(scenario, links=links), demand)
    assert _short_by_commodity(again) == pytest.approx({"spares": 40.0})
    assert again.objective < plan.objective


def _outcome(fuel_t: float, spares_t: float) -> Outcome:
    """One unit short of fuel (weight 1) and spares (weight 5/9), nothing else changing."""
    return Outcome(
        short_t=fuel_t + spares_t,
        short_weighted=fuel_t + spares_t * 5 / 9,
        short_by={(0, 0): fuel_t, (0, 1): spares_t},
        late_days={},
        closure_day={},
        late_t_days=0.0,
        late_pax_days=0.0,
        transport_cost=100.0,
    )


@pytest.mark.parametrize("moved", [0.5, 5.0, 20.0])
def test_the_same_tonnes_short_of_a_lesser_commodity_are_a_gain_and_not_as_good_as_more(
    moved: float,
) -> None:
    """Moving tonnes from fuel to spares gains at the first tier; moving fewer is not as good."""
    base = _outcome(20.0, 20.0)
    goal = _outcome(20.0 - moved, 20.0 + moved)
    assert gain_tier(goal, base, DEFAULT_ORDER) is Tier.SHORTFALL
    assert as_good(goal, goal, Tier.SHORTFALL, base, DEFAULT_ORDER)
    fewer = _outcome(20.0 - moved / 2, 20.0 + moved / 2)
    assert not as_good(fewer, goal, Tier.SHORTFALL, base, DEFAULT_ORDER)

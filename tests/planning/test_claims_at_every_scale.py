"""A bottleneck's sentence says what its file figure says, whatever the scale of the goods.

A tester's 7-person team at the relief example's medical rate (0.02 kg a person a day)
read "+0.00004 t/day there moves shortfall onto commodities of lower priority" (there
were none) beside bottlenecks.csv's 0.00036 t removed, and a 3 g/day link "more there
changes nothing on its own" where +0.000004 t/day removed all 0.000024 t short: a flat
kilogram decided whether a re-solve removed shortfall or moved it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from scenario_files import scenario_from_files

from supplyline.domain import Bottleneck, Demand, Plan, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.outcome_words import tonnes_text


def _short_t(plan: Plan) -> float:
    return sum(s.short_t for s in plan.shortfalls)


def _medical_team(folder: Path, times: int = 1) -> tuple[Scenario, Demand]:
    """The tester's MED: 7 people eating food and medical, medical resupplied 0.0001 t/day.

    ``times`` multiplies the people, the food on hand and the medical resupply.
    """
    return scenario_from_files(
        folder,
        days=10,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 0.555}\n  - {id: medical, supply_class: medical, priority: 1, "
        "demand_unit: kg, per_person_per_day: 0.02}",
        links="r1,d,u,road,,20,1,,,,1,,true,\n",
        locations="d,Depot,home,depot,50.0,20.0,,,0\nu,Camp,home,unit_area,50.1,20.1,,,0\n",
        units=f"u1,Team,home,u,u,{7 * times},0,0,0,0\n",
        stocks=f"d,food,{100 * times},0,home\nd,medical,0,{0.0001 * times!r},home\n",
    )


def _three_gram_link(folder: Path) -> tuple[Scenario, Demand]:
    """The tester's E3: 7 people at 1 g of food a day each, over a link of 3 g a day."""
    return scenario_from_files(
        folder,
        days=6,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 0.001}",
        links="r1,d,u,road,,20,0,,0.000003,,1,,false,\n",
        locations="d,Depot,home,depot,50.0,20.0,,,0\nu,Camp,home,unit_area,50.1,20.1,,,0\n",
        units="u1,U1,home,u,u,7,0,0,0,0\n",
        stocks="d,food,1000000000,0,home\n",
    )


def _raised_supply(scenario: Scenario, top: Bottleneck) -> Scenario:
    """The bottleneck's supply raised by its extra every day."""
    assert top.suggested_extra is not None
    location, commodity = top.resource.split("/")
    stocks = tuple(
        dataclasses.replace(
            s, replenishment_t_per_day=s.replenishment_t_per_day + top.suggested_extra
        )
        if (s.location, s.commodity) == (location, commodity)
        else s
        for s in scenario.stocks
    )
    return dataclasses.replace(scenario, stocks=stocks)


def _raised_link(scenario: Scenario, top: Bottleneck) -> Scenario:
    """The bottleneck's link raised by its extra every day."""
    assert top.suggested_extra is not None
    links = tuple(
        dataclasses.replace(
            x, capacity_t_per_day=(x.capacity_t_per_day or 0.0) + top.suggested_extra
        )
        if top.resource.startswith(f"{x.id} ")
        else x
        for x in scenario.links
    )
    return dataclasses.replace(scenario, links=links)


@pytest.mark.parametrize(
    ("build", "raise_it"),
    [(_medical_team, _raised_supply), (_three_gram_link, _raised_link)],
    ids=["medical-team", "three-gram-link"],
)
def test_a_few_grams_removed_are_said_removed_as_the_file_and_a_re_plan_have_them(
    tmp_path: Path,
    build: Callable[[Path], tuple[Scenario, Demand]],
    raise_it: Callable[[Scenario, Bottleneck], Scenario],
) -> None:
    """The sentence's tonnes are the file's, and re-planning with the extra removes them."""
    scenario, demand = build(tmp_path / "tiny")
    plan = plan_movements(scenario, demand)
    top = plan.bottlenecks[0]
    again = plan_movements(raise_it(scenario, top), demand)
    removed = _short_t(plan) - _short_t(again)
    assert removed > 0
    assert top.shortfall_removed_t == pytest.approx(removed, abs=1e-6)
    assert f"removes {tonnes_text(removed)} t of shortfall" in top.explanation
    assert "lower priority" not in top.explanation
    assert "changes nothing" not in top.explanation


def _causes(plan: Plan) -> list[str]:
    """The plan's shortfall causes, each figure in them a ``#``."""
    return [re.sub(r"[0-9][0-9.,]*", "#", s.cause) for s in plan.shortfalls]


def test_a_team_of_seven_is_told_the_same_why_as_one_of_seven_thousand(tmp_path: Path) -> None:
    """The medical supply limits 7 people as it limits 7,000: a kilogram took 0.5 kg for none."""
    small = plan_movements(*_medical_team(tmp_path / "seven"))
    large = plan_movements(*_medical_team(tmp_path / "thousands", times=1000))
    assert any("the supply at Depot" in c for c in _causes(large))
    assert _causes(small) == _causes(large)


def _fuel_and_spares(folder: Path, scale: float) -> tuple[Scenario, Demand]:
    """Fuel (priority 1) by road af, spares (5) by road bs, both over mu; all × ``scale``.

    At scale 1 the unit eats 1 t of each a day for 4 days; mu lets 1 t a day through, af
    0.5 t of fuel: 2 t of each short. More af moves shortfall from fuel onto spares; more
    mu removes it.
    """
    return scenario_from_files(
        folder,
        days=4,
        commodity=f"{{id: fuel, supply_class: fuel, priority: 1, demand_unit: kg, "
        f"per_person_per_day: {10 * scale!r}}}\n  - {{id: spares, supply_class: spare_parts, "
        f"priority: 5, demand_unit: kg, per_person_per_day: {10 * scale!r}}}",
        links=f"af,a,m,road,,40,0,,{0.5 * scale!r},,1,,false,\nbs,b,m,road,,40,0,,,,1,,false,\n"
        f"mu,m,unit,road,,40,0,,{1.0 * scale!r},,1,,false,\n",
        locations="a,Fuel depot,home,depot,50.0,10.0,,,0\n"
        "b,Spares depot,home,depot,50.0,10.2,,,0\nm,Mid,home,depot,50.0,10.5,,0,0\n"
        "unit,Camp,home,unit_area,50.0,11.0,,0,0\n",
        units="u1,Unit 1,home,unit,unit,100,0,0,0,0\n",
        stocks=f"a,fuel,{1000 * scale!r},0,home\nb,spares,{1000 * scale!r},0,home\n",
    )


def _kind(explanation: str) -> tuple[str, str]:
    """What a claim says its extra does to the shortfall, and the goods it says are limited.

    Moves, removes, or nothing; the goods as "limits fuel and spares" names them.
    """
    limits = re.search(r"limits ([a-z ,]+?)(?: on |;)", explanation)
    goods = limits.group(1) if limits else ""
    if "more of spares short" in explanation or "lower priority" in explanation:
        return "moves", goods
    if "t of shortfall" in explanation:
        return "removes", goods
    return "nothing", goods


@pytest.fixture(scope="module")
def at_one(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """The claims' kinds at scale 1, which every scale must say.

    More af moves fuel's shortfall onto spares; more mu removes spares' (the road full of
    both limits the spares).
    """
    kinds = _kinds(tmp_path_factory.mktemp("one"), 1.0)
    assert kinds == {"af": ("moves", "fuel"), "mu": ("removes", "spares")}
    return kinds


def _kinds(folder: Path, scale: float) -> dict[str, tuple[str, str]]:
    scenario, demand = _fuel_and_spares(folder / f"x{scale:g}", scale)
    plan = plan_movements(scenario, demand)
    return {b.resource.split()[0]: _kind(b.explanation) for b in plan.bottlenecks}


@pytest.mark.parametrize("scale", [1e-4, 1e-3, 1e-2, 1e-1, 10.0, 1e2, 1e3])
def test_what_an_extra_is_said_to_do_does_not_change_with_the_scale_of_the_goods(
    tmp_path: Path, scale: float, at_one: dict[str, tuple[str, str]]
) -> None:
    """Demands, capacities and stocks × ``scale``: each claim's kind as at scale 1."""
    assert _kinds(tmp_path, scale) == at_one

"""Fair shares: a shortfall spread between units as shares of their demand (an option).

A relief planner's cut-off camps went 90 % short while the camps by the port got all
they needed: a tonne short weighs the same anywhere, so the plan falls short where that
costs least. Hand-solved: a depot of 4 t/day feeds camp A (2 t/day, a road costing 1 a
tonne) and camp B (6 t/day, a road costing 5), for 8 days: 32 t of 64 must go short.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from random_networks import scenarios
from scenario_files import scenario_from_files
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Demand, Scenario
from supplyline.planning import PlanParams, plan_movements, write_mps
from supplyline.planning.fair_share import BANDS, STEP

WATER = "{id: water, supply_class: water, priority: 1, demand_unit: kg, per_person_per_day: 1000}"
LOCATIONS = (
    "d,Depot,home,depot,50,10,,,0\na,Camp A,home,unit_area,50,10.1,,,0\n"
    "b,Camp B,home,unit_area,50,10.9,,,0\nc,Camp C,home,unit_area,50,11.5,,,0\n"
)
LINKS = "da,d,a,road,,10,0,,50,,1,,false,\ndb,d,b,road,,90,0,,50,,5,,false,\n"


def _camps(
    tmp_path: Path, name: str, units: str, commodity: str = WATER
) -> tuple[Scenario, Demand]:
    return scenario_from_files(
        tmp_path / name,
        days=8,
        commodity=commodity,
        links=LINKS,
        locations=LOCATIONS,
        units=units,
        stocks="d,water,0,4,\nd,food,0,4,\n" if "food" in commodity else "d,water,0,4,\n",
    )


def _short_by_unit(scenario: Scenario, demand: Demand, fair: bool) -> dict[str, float]:
    plan = plan_movements(scenario, demand, PlanParams(fair_share=fair, explain_top=0))
    assert plan.stats.fair_share is fair
    short: dict[str, float] = {}
    for s in plan.shortfalls:
        short[s.unit] = short.get(s.unit, 0.0) + s.short_t
    return {u: round(t, 6) for u, t in short.items()}


def test_the_shortfall_is_shared_in_proportion_to_demand(tmp_path: Path) -> None:
    scenario, demand = _camps(tmp_path, "ab", "ua,A,home,a,a,2,0,0,0,0\nub,B,home,b,b,6,0,0,0,0\n")
    assert _short_by_unit(scenario, demand, fair=False) == {"ub": 32.0}  # the dear road's
    assert _short_by_unit(scenario, demand, fair=True) == {"ua": 8.0, "ub": 24.0}  # half each


def test_sites_a_days_transit_apart_share_too(tmp_path: Path) -> None:
    """A tester's far site, a day's transit further, stayed 70 % short with fair shares.

    The far road takes a day: B gets nothing on C+0 (6 t short, unavoidable), then its
    share of what is left: 24 and 8 t short is 50 % each.
    """
    scenario, demand = scenario_from_files(
        tmp_path / "day-apart",
        days=8,
        commodity=WATER,
        links="da,d,a,road,,10,0,,50,,1,,false,\ndb,d,b,road,,90,1,,50,,5,,false,\n",
        locations=LOCATIONS,
        units="ua,A,home,a,a,2,0,0,0,0\nub,B,home,b,b,6,0,0,0,0\n",
        stocks="d,water,0,4,\n",
    )
    assert _short_by_unit(scenario, demand, fair=False) == {"ub": 34.0}  # 6 + 7 × 4
    short = _short_by_unit(scenario, demand, fair=True)
    assert short["ua"] / 16 == pytest.approx(short["ub"] / 48, abs=0.1)  # within a band
    assert short["ua"] + short["ub"] == pytest.approx(34.0)  # nothing wasted here


@pytest.mark.parametrize("priority", [1, 9])
def test_a_low_priority_shares_as_fairly_against_a_units_lateness(
    tmp_path: Path, priority: int
) -> None:
    """A tester's priority-9 food came apart (20 / 35.6 / 30 %) to spare a unit's lateness.

    A depot of 8 t/day feeds sites A and B (5 t/day each); a unit deploying 200 t to B
    shares B's 15 t/day road with B's food. Whatever the food's priority, the shares
    stay within a band: 25.6, 30 and 30 %.
    """
    scenario, demand = scenario_from_files(
        tmp_path / f"late-{priority}",
        days=20,
        commodity=f"{{id: food, supply_class: food, priority: {priority}, "
        "per_person_per_day: 1.0}",
        links="r-base-j,base,j,road,,20,0,,,500,1,,false,\nr-dep-j,depot,j,road,,20,0,,,,1,,false,\n"
        "r-j-B,j,B,road,,20,1,,15,500,1,,false,\nr-j-A,j,A,road,,20,0,,,,1,,false,\n",
        locations="depot,Depot,home,warehouse,40.0,25.0,,,0\n"
        "A,Site A,home,unit_area,40.1,25.1,,0,0\n"
        "B,Site B,home,unit_area,40.15,25.1,,0,0\nbase,Base,home,garrison,40.5,25.5,,,0\n"
        "j,Junction,home,hub,40.2,25.2,,,0\n",
        units="UA,Unit A,home,A,A,5000,0,0,0,0\nUB,Unit B,home,B,B,5000,0,0,0,0\n"
        "UD,Deploying D,home,base,B,1000,0,2,200,0\n",
        stocks="depot,food,0,8,\n",
    )
    plan = plan_movements(scenario, demand, PlanParams(fair_share=True, explain_top=0))
    short: dict[str, float] = {}
    for s in plan.shortfalls:
        short[s.unit] = short.get(s.unit, 0.0) + s.short_t
    consumed = dict(zip(demand.unit_ids, demand.consumption_t.sum(axis=(1, 2)), strict=True))
    shares = sorted(short[u] / consumed[u] for u in short)
    assert shares[-1] - shares[0] <= 0.1 + 1e-6


def test_a_cut_off_unit_does_not_change_the_others_shares(tmp_path: Path) -> None:
    """Camp C has no road: all its demand is short whatever the plan; A and B share as before."""
    scenario, demand = _camps(
        tmp_path,
        "abc",
        "ua,A,home,a,a,2,0,0,0,0\nub,B,home,b,b,6,0,0,0,0\nuc,C,home,c,c,1,0,0,0,0\n",
    )
    assert _short_by_unit(scenario, demand, fair=True) == {"ua": 8.0, "ub": 24.0, "uc": 8.0}


def test_a_higher_priority_is_never_short_to_share_a_lower_ones_shortfall(tmp_path: Path) -> None:
    """One 4 t/day road out of the depot: water (1) first, fairly split; food (2) all short.

    A and B each want 4 t/day of water and of food; the depot has 4 t/day of each.
    """
    scenario, demand = scenario_from_files(
        tmp_path / "priority",
        days=8,
        commodity=WATER + "\n  - {id: food, supply_class: food, priority: 2, demand_unit: kg, "
        "per_person_per_day: 1000}",
        links="dx,d,x,road,,10,0,,4,,1,,false,\nxa,x,a,road,,10,0,,50,,1,,false,\n"
        "xb,x,b,road,,10,0,,50,,1,,false,\n",
        locations=LOCATIONS + "x,Junction,home,transshipment,50,10.05,,,0\n",
        units="ua,A,home,a,a,4,0,0,0,0\nub,B,home,b,b,4,0,0,0,0\n",
        stocks="d,water,0,4,\nd,food,0,4,\n",
    )
    plan = plan_movements(scenario, demand, PlanParams(fair_share=True, explain_top=0))
    short: dict[tuple[str, str], float] = {}
    for s in plan.shortfalls:
        short[(s.unit, s.commodity)] = short.get((s.unit, s.commodity), 0.0) + s.short_t
    assert short[("ua", "food")] + short[("ub", "food")] == pytest.approx(64.0)
    assert short[("ua", "water")] == pytest.approx(16.0)
    assert short[("ub", "water")] == pytest.approx(16.0)


def _run(*args: str) -> object:
    _register_commands()
    return CliRunner().invoke(app, list(args))


def test_the_cli_and_the_scenario_ask_for_fair_shares(tmp_path: Path) -> None:
    _camps(tmp_path, "cli", "ua,A,home,a,a,2,0,0,0,0\nub,B,home,b,b,6,0,0,0,0\n")
    folder = tmp_path / "cli"
    out = tmp_path / "out"
    result: Any = _run("plan", str(folder), "--out", str(out), "--fair-share")
    assert result.exit_code == 0, result.output
    assert "simplex, fair shares:" in result.output
    assert json.loads((out / "plan.json").read_text())["stats"]["fair_share"] is True
    text = (folder / "scenario.yaml").read_text()
    (folder / "scenario.yaml").write_text(text + "solver:\n  fair_share: yes\n")
    again: Any = _run("plan", str(folder), "--out", str(tmp_path / "again"))
    assert again.exit_code == 0, again.output
    assert json.loads((tmp_path / "again" / "plan.json").read_text())["stats"]["fair_share"]
    off: Any = _run("plan", str(folder), "--out", str(tmp_path / "off"), "--no-fair-share")
    assert json.loads((tmp_path / "off" / "plan.json").read_text())["stats"]["fair_share"] is False
    assert off.exit_code == 0


def test_the_mps_file_names_the_share_bands(tmp_path: Path) -> None:
    scenario, demand = _camps(tmp_path, "mps", "ua,A,home,a,a,2,0,0,0,0\nub,B,home,b,b,6,0,0,0,0\n")
    model = write_mps(scenario, demand, tmp_path / "m.mps", PlanParams(fair_share=True))
    text = (tmp_path / "m.mps").read_text()
    assert model.cols["share"].size == 2 * BANDS
    assert "share|ub|water|b9" in text
    assert "fair|ua|water" in text


@settings(max_examples=15, deadline=None)
@given(scenarios())
def test_fair_shares_never_short_more_than_the_bands_allow(case: tuple[Scenario, Demand]) -> None:
    """At most (BANDS − 1) × STEP more tonnes short in all than without."""
    plain = plan_movements(*case, PlanParams(explain_top=0))
    fair = plan_movements(*case, PlanParams(explain_top=0, fair_share=True))
    assert fair.status == plain.status
    if plain.total_short_t > 1e-6:
        assert fair.total_short_t <= plain.total_short_t * (1 + (BANDS - 1) * STEP) + 1e-6

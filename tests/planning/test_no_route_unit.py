"""A unit whose destination no link reaches is said to have no route, and to be unplanned.

A tester's unit bound for an ``island`` with no links: ``validate`` said it cannot deploy,
but ``plan`` said "earliest: not in horizon" (as if a longer horizon would bring it) and
its headline "0 t short", 100 % met, though nothing is ever supplied to that unit: the
planner starts a unit's consumption on the day it can be there, so a unit that never can
has no needs in the demand. The headline now says it cannot deploy and that its needs are
not counted.
"""

from __future__ import annotations

import json
from pathlib import Path

from scenario_files import scenario_from_files
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Demand, Scenario
from supplyline.domain.deploy_ways import cannot_deploy
from supplyline.planning import plan_movements
from supplyline.planning.summary import closure_rows, headline
from supplyline.reports.summary import cannot_deploy_note

FOOD = (
    "{id: food, name: food, supply_class: general, priority: 1, demand_unit: kg, "
    "per_person_per_day: 1}"
)

_register_commands()
runner = CliRunner()


def _island(folder: Path) -> tuple[Scenario, Demand]:
    """Unit w (100 people, 5 t) bound from H for island I, which no link touches; v to U."""
    return scenario_from_files(
        folder,
        days=5,
        commodity=FOOD,
        links="h,H,U,rail,1435,100,1,,10,500,1,1,false,\nd,D,U,rail,1435,50,1,,100,,1,,false,\n",
        locations=(
            "H,H,home,garrison,50,10,,,0\nD,D,home,depot,50.1,10,,,0\n"
            "U,U,home,unit_area,50.2,10.5,,,0\nI,I,home,unit_area,40,10,,,0\n"
        ),
        units="w,w,home,H,I,100,0,1,5,0\nv,v,home,H,U,10,0,1,1,0\n",
        stocks="D,food,100,0,home\n",
    )


def test_no_route_is_said_in_the_closure_table(tmp_path: Path) -> None:
    """The table says "never: no route from 'H' to 'I'", not "not in horizon"."""
    scenario, demand = _island(tmp_path / "island")
    assert cannot_deploy(scenario) == {"w": "no route from 'H' to 'I'"}
    plan = plan_movements(scenario, demand)
    row = next(r for r in closure_rows(plan, scenario) if r["unit"] == "w")
    assert (row["earliest"], row["closure"], row["state"]) == (
        "never: no route from 'H' to 'I'",
        "not closed",
        "cannot deploy",
    )


def test_the_headline_says_the_unit_cannot_deploy_and_is_not_in_the_demand(
    tmp_path: Path,
) -> None:
    """Its needs are counted nowhere (no demand, so none short), and the headline says so."""
    scenario, demand = _island(tmp_path / "island")
    w = demand.unit_ids.index("w")
    assert float(demand.consumption_t[w].sum()) == 0.0  # the model's treatment, as said
    head = headline(plan_movements(scenario, demand), demand, scenario)
    assert head["units_cannot_deploy"] == ["w"]
    assert head["units_not_closed"] == 1
    assert "cannot deploy: w" in cannot_deploy_note(head["units_cannot_deploy"])
    assert "not in the demand" in cannot_deploy_note(["w"])
    assert cannot_deploy_note([]) == ""


def test_plan_says_it_in_table_and_json(tmp_path: Path) -> None:
    """The CLI's headline and its JSON both say it; the JSON's closure row says no route."""
    _island(tmp_path / "island")
    args = ["plan", str(tmp_path / "island"), "--explain", "0"]
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    said = " ".join(table.output.split())
    assert "of which 1 cannot deploy (w: no way to its destination" in said
    assert "counted neither in the demand nor as short" in said
    shown = runner.invoke(app, [*args, "--format", "json"])
    data = json.loads(shown.stdout)
    assert data["summary"]["units_cannot_deploy"] == ["w"]
    (row,) = [r for r in data["unit_closure"] if r["unit"] == "w"]
    assert row["earliest_note"] == "never: no route from 'H' to 'I'"
    assert row["earliest_label"] is None  # as deployment.csv's blank cell

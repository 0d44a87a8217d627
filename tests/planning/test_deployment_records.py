"""deployment.csv, plan.json and ``plan --format csv|json`` give a unit one record.

A tester's unit bound for a place no link reaches read ``state: cannot deploy`` and
``earliest_note: never: no route …`` on stdout only: deployment.csv and plan.json had
neither field, so in the files it looked like a unit merely not closed within the
horizon; stdout also listed the units latest first, the file in the plan's order.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path

from scenario_files import scenario_from_files
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Demand, Scenario
from supplyline.domain.deployment import DEPLOYMENT_FIELDS
from supplyline.io.plan_files import plan_to_dict, read_plan, write_plan
from supplyline.planning import plan_movements

_register_commands()
runner = CliRunner()

FOOD = (
    "{id: food, name: food, supply_class: general, priority: 1, demand_unit: kg, "
    "per_person_per_day: 1}"
)


def _scenario(folder: Path) -> tuple[Scenario, Demand]:
    """Units w (bound for island I, which no link touches), v (to U) and x (U, late)."""
    return scenario_from_files(
        folder,
        days=5,
        commodity=FOOD,
        links="h,H,U,rail,1435,100,1,,10,500,1,1,false,\nd,D,U,rail,1435,50,1,,100,,1,,false,\n",
        locations=(
            "H,H,home,garrison,50,10,,,0\nD,D,home,depot,50.1,10,,,0\n"
            "U,U,home,unit_area,50.2,10.5,,,0\nI,I,home,unit_area,40,10,,,0\n"
        ),
        units=("v,v,home,H,U,10,0,1,4,0\nw,w,home,H,I,100,0,1,5,0\nx,x,home,H,U,10,0,1,25,0\n"),
        stocks="D,food,100,0,home\n",
    )


def _stdout(folder: Path, out: Path, fmt: str) -> str:
    result = runner.invoke(
        app, ["plan", str(folder), "--out", str(out), "--explain", "0", "--format", fmt]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def _cells(value: object) -> str:
    """A JSON value as the CSV writes it: null blank, whole floats without their point."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_files_and_stdout_agree_field_for_field_and_in_order(tmp_path: Path) -> None:
    """The four give the same fields, in one order, with the cannot-deploy verdict."""
    _scenario(folder := tmp_path / "s")
    as_csv = _stdout(folder, tmp_path / "o1", "csv")
    as_json = json.loads(_stdout(folder, tmp_path / "o2", "json"))
    with (tmp_path / "o1" / "deployment.csv").open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        in_file = list(reader)
    assert tuple(reader.fieldnames or ()) == DEPLOYMENT_FIELDS
    plan_json = json.loads((tmp_path / "o1" / "plan.json").read_text(encoding="utf-8"))
    fields: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO(as_csv)):
        if row["section"] == "unit_closure":
            fields[row["item"]].append((row["field"], row["value"]))
    on_stdout = [dict(pairs) for _, pairs in sorted(fields.items(), key=lambda i: int(i[0]))]
    assert [list(r) for r in on_stdout] == [list(DEPLOYMENT_FIELDS)] * len(in_file)
    assert on_stdout == in_file
    for records in (plan_json["closures"], as_json["unit_closure"]):
        assert [list(r) for r in records] == [list(DEPLOYMENT_FIELDS)] * len(in_file)
        assert [{k: _cells(v) for k, v in r.items()} for r in records] == in_file
    w = next(r for r in in_file if r["unit"] == "w")
    assert (w["state"], w["earliest_note"], w["closure_day"]) == (
        "cannot deploy",
        "never: no route from 'H' to 'I'",
        "",
    )
    assert [r["unit"] for r in in_file] == ["v", "w", "x"]  # the plan's order


def test_plan_json_with_its_records_reads_back_equal(tmp_path: Path) -> None:
    """The records' labels, dates, partner and verdict are passed over in reading back."""
    scenario, demand = _scenario(tmp_path / "s")
    plan = plan_movements(scenario, demand)
    write_plan(tmp_path / "o", scenario, plan)
    data = json.loads((tmp_path / "o" / "plan.json").read_text(encoding="utf-8"))
    assert {c["unit"]: c["state"] for c in data["closures"]}["w"] == "cannot deploy"
    assert read_plan(tmp_path / "o") == plan
    assert plan_to_dict(read_plan(tmp_path / "o"), scenario) == {**data, "warnings": []}

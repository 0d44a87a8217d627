"""A unit that never arrives is said to never arrive by the reach check, in every face.

The ``init`` template with a second battalion that cannot be at its destination within
the horizon (available on C+28, two days' rail and a day's road from it; or bound for a
camp whose only road is closed throughout): its deployment reads "not closed within the
horizon" or "cannot deploy". The reach check had read it ``ok yes`` at 0 t/day, counted
it among its depot's units, and the report drew its days-of-supply target line.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.requirements.compute import compute_requirements
from supplyline.services.routing import reach_of
from supplyline.services.scenarios import open_scenario

_register_commands()
runner = CliRunner()

LATE = "bn-2,2nd Battalion,home,home-base,field-camp,450,40,28,C+29,900,0:normal,3,6,18"
"""Available on C+28: rail (2 days) and road (1) bring it no sooner than C+31."""
FAR = "bn-2,2nd Battalion,home,home-base,far-camp,450,40,0,C+6,900,0:normal,3,6,18"
"""Bound for far-camp, whose only road (road-2) is closed on every day of the horizon."""
NEVER = (
    "never arrives: its people cannot be at '{place}' within the horizon (C+0–C+29), "
    "so no daily resupply is needed or checked"
)


def _scenario(folder: Path, unit_row: str) -> Path:
    """The ``init`` template with ``unit_row`` added (and far-camp behind a closed road)."""
    done = runner.invoke(app, ["init", str(folder)])
    assert done.exit_code == 0, done.output
    with (folder / "units.csv").open("a", encoding="utf-8") as f:
        f.write(unit_row + "\n")
    if "far-camp" in unit_row:
        with (folder / "locations.csv").open("a", encoding="utf-8") as f:
            f.write("far-camp,Far camp,host,unit_area,50.35,20.50,300,800,0\n")
        with (folder / "links.csv").open("a", encoding="utf-8") as f:
            f.write("road-2,host-depot,far-camp,road,,30,,300,500,,4.0,,true,0-29\n")
    return folder


def _said(text: str) -> str:
    """Text with every run of white space as one space (a terminal may wrap a line)."""
    return re.sub(r"\s+", " ", text)


def _run(*args: str | Path) -> str:
    """A command's stdout, on a terminal wide enough for every column."""
    result = runner.invoke(app, [*map(str, args)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module", params=[("late", LATE, "field-camp"), ("far", FAR, "far-camp")])
def case(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, str]:
    """A scenario folder whose bn-2 never arrives, and the place it never reaches."""
    name, row, place = request.param
    return _scenario(tmp_path_factory.mktemp(name) / "op", row), place


@pytest.fixture(scope="module")
def planned(case: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``plan DIR --out OUT --report OUT/plan.html`` once per case: the folder written."""
    out = tmp_path_factory.mktemp("plan") / "out"
    _run("plan", case[0], "--explain", "0", "--out", out, "--report", out / "plan.html")
    return out


def test_reach_says_the_unit_never_arrives_not_ok(case: tuple[Path, str]) -> None:
    """``reach``: the ok cell reads "never arrives", the count and the unit's line say so."""
    folder, place = case
    shown = _run("reach", folder)
    # its row's last cell (wrapped onto the next line on a narrow terminal), not "yes"
    lines = shown.splitlines()
    at = next(i for i, line in enumerate(lines) if re.match(r"\W*bn-2\s", line))
    cell = _said(" ".join(lines[at : at + 2]))
    assert re.search(r"\bnever arrives\b", cell), shown
    assert not re.search(r"\byes\b", lines[at]), shown
    table = _said(shown)
    assert "0 of 2 unit(s) flagged; 1 never arrives (not checked)" in table
    assert f"bn-2: {NEVER.format(place=place)}" in table
    assert "bn-2 (ok)" not in table
    (data,) = [
        r for r in json.loads(_run("reach", folder, "--format", "json")) if r["unit"] == "bn-2"
    ]
    assert (data["ok"], data["arrives"], data["daily_t"]) == (None, False, 0.0)
    assert data["reason"] == NEVER.format(place=place)


def test_reach_csv_and_plan_json_say_it_never_arrives(
    case: tuple[Path, str], planned: Path
) -> None:
    """reach.csv: ok empty, arrives no, the reason the terminal gives; plan.json: not closed."""
    _, place = case
    with (planned / "reach.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {r["unit"]: r for r in csv.DictReader(f)}
    assert (rows["bn-2"]["ok"], rows["bn-2"]["arrives"]) == ("", "no")
    assert rows["bn-2"]["reason"] == NEVER.format(place=place)
    assert (rows["bn-1"]["ok"], rows["bn-1"]["arrives"]) == ("yes", "yes")
    plan = json.loads((planned / "plan.json").read_text(encoding="utf-8"))
    (closure,) = [c for c in plan["closures"] if c["unit"] == "bn-2"]
    assert (closure["closure_day"], closure["earliest_day"]) == (None, None)
    assert closure["state"] in {"not closed within the horizon", "cannot deploy"}


def test_plan_line_and_json_section_say_it_never_arrives(case: tuple[Path, str]) -> None:
    """``plan``'s reach line counts it apart; ``--format json``'s reach row says it."""
    folder, place = case
    shown = _said(_run("plan", folder, "--explain", "0"))
    assert ("reach check: 0 of 2 unit(s) flagged; 1 never arrives (not checked)") in shown
    assert f"bn-2: {NEVER.format(place=place)}" in shown
    assert "bn-2 (ok)" not in shown
    data = json.loads(_run("plan", folder, "--explain", "0", "--format", "json"))
    (row,) = [r for r in data["reach"] if r["unit"] == "bn-2"]
    assert (row["ok"], row["arrives"], row["depot_load_pct"]) == (None, False, None)


def test_a_unit_never_there_adds_nothing_to_its_depots_load(
    case: tuple[Path, str], tmp_path: Path
) -> None:
    """bn-1's depot load is the template's alone, even from demand given from bn-2's required day.

    A script's demand straight from the requirements (not moved to the arrival) gave bn-2
    12.02 t/day and doubled host-depot's load, 3.92 % to 7.71 %.
    """
    folder, _ = case
    alone = open_scenario(_scenario(tmp_path / "alone", ""))
    opened = open_scenario(folder)
    loads = []
    for o in (alone, opened):
        demand = compute_requirements(o.scenario, o.factors)
        rows = {r.unit: r for r in reach_of(o.scenario, demand, 0.75).rows}
        loads.append(rows["bn-1"].depot_load_pct)
    assert loads[1] == pytest.approx(loads[0])
    (never,) = [r for r in reach_of(opened.scenario, demand, 0.75).rows if r.unit == "bn-2"]
    assert (never.daily_t, never.depot_load_pct, never.arrives) == (0.0, None, False)


def test_report_leaves_it_out_of_the_days_of_supply_chart(planned: Path) -> None:
    """The chart has no bn-2 panel and says why (note, caption); the reach table says it."""
    html = (planned / "plan.html").read_text(encoding="utf-8")
    supply = html[html.index('id="supply"') : html.index('id="flows"')]
    assert "bn-2 at" not in supply
    assert "bn-1 at" in supply
    assert "never arrives at its destination within the horizon holds nothing" in supply
    assert "Not drawn: <bdi>bn-2</bdi>; it never arrives at its destination" in supply
    reach = html[html.index('id="reach-check"') :]
    assert "<td>never arrives</td>" in reach
    assert "1 never arrives (not checked)" in reach

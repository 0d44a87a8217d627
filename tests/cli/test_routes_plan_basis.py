"""``routes --plan`` judges a plan by what it depends on: another fleet needs no new plan.

plan.json recorded only the whole scenario's fingerprint, the truck fleet and routing
options among it, which the movement plan never reads: a planner who tried another fleet
with ``routes --plan`` was told the plan was of another scenario and to plan again. It
now records ``plan_basis_id`` too (the scenario less its fleet, agreements and routing
options) and is judged by that; a plan.json without it (written before) by the whole
fingerprint, as before. A unit, link or stock changed is refused as it was.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import run, scenario_folder
from test_routes_plan_fits import FILES

from supplyline.domain import plan_basis_id
from supplyline.io import load_scenario

OTHER_FLEET = FILES["fleet.csv"].replace("t4,store,a,4 t truck,3,4,", "t9,store,a,9 t truck,2,9,")
"""The camps' fleet of three 4 t trucks as two 9 t trucks, under another group id."""

OTHER_ROUTING = FILES["scenario.yaml"].replace(
    "routing: {detour_factor: 1.3, service_minutes: 30}",
    "routing: {detour_factor: 1.5, service_minutes: 20}",
)

CHANGED = {
    "unit-personnel": (
        "units.csv",
        FILES["units.csv"].replace(
            "coy-c,Company C,a,camp-c,camp-c,100", "coy-c,Company C,a,camp-c,camp-c,90"
        ),
    ),
    "link-capacity": (
        "links.csv",
        FILES["links.csv"].replace(
            "road-a,store,camp-a,road,30,0,40,", "road-a,store,camp-a,road,30,0,45,"
        ),
    ),
    "stock": ("stocks.csv", FILES["stocks.csv"].replace("store,food,20,3", "store,food,25,3")),
}
"""Edits of what the plan depends on: each must still be refused."""


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    """The camps planned once: the scenario folder, the plan folder and its plan.json."""
    root = tmp_path_factory.mktemp("basis")
    folder = scenario_folder(root / "camps", FILES)
    done = run("plan", folder, "--out", root / "plan", "--explain", "0")
    assert done.returncode == 0, done.stderr
    return folder, root / "plan", json.loads((root / "plan" / "plan.json").read_text("utf-8"))


def _with(folder: Path, where: Path, file: str, text: str) -> Path:
    """A copy of the scenario ``folder`` at ``where`` with ``file`` holding ``text``."""
    copy = shutil.copytree(folder, where)
    assert (copy / file).read_text(encoding="utf-8") != text, "the edit must change the file"
    (copy / file).write_text(text, encoding="utf-8")
    return copy


def _plan_json(where: Path, data: dict[str, Any]) -> Path:
    """``data`` written as the plan.json of a new plan folder ``where``."""
    where.mkdir(parents=True)
    (where / "plan.json").write_text(json.dumps(data), encoding="utf-8")
    return where


def _groups(out: Path) -> set[str]:
    """The fleet groups whose trucks drive the routes written into ``out``."""
    with (out / "routes.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["fleet_group"] for row in csv.DictReader(handle)}


def test_plan_json_records_the_basis_of_its_scenario(
    planned: tuple[Path, Path, dict[str, Any]],
) -> None:
    """``plan_basis_id`` is the scenario's :func:`plan_basis_id`, beside its ``scenario_id``."""
    folder, _plan, data = planned
    assert data["plan_basis_id"] == plan_basis_id(load_scenario(folder))
    assert data["plan_basis_id"] != data["scenario_id"]


def test_another_fleet_routes_from_the_plan_without_planning_again(
    planned: tuple[Path, Path, dict[str, Any]], tmp_path: Path
) -> None:
    """Exit 0; the new fleet's trucks drive, as they do with the plan solved again.

    Row for row as ``routes`` without ``--plan`` routes the changed scenario.
    """
    folder, plan, _data = planned
    other = _with(folder, tmp_path / "camps-t9", "fleet.csv", OTHER_FLEET)
    given = run("routes", other, "--day", "0", "--plan", plan, "--out", tmp_path / "given")
    solved = run("routes", other, "--day", "0", "--out", tmp_path / "solved")
    assert (given.returncode, solved.returncode) == (0, 0), given.stderr + solved.stderr
    assert _groups(tmp_path / "given") == {"t9"}
    routes = [(tmp_path / out / "routes.csv").read_text("utf-8") for out in ("given", "solved")]
    assert routes[0] == routes[1]


def test_other_routing_options_route_from_the_plan(
    planned: tuple[Path, Path, dict[str, Any]], tmp_path: Path
) -> None:
    """A detour factor and service time changed in scenario.yaml: exit 0, no new plan."""
    folder, plan, _data = planned
    other = _with(folder, tmp_path / "camps-detour", "scenario.yaml", OTHER_ROUTING)
    done = run("routes", other, "--day", "0", "--plan", plan, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("change", list(CHANGED))
def test_what_the_plan_depends_on_changed_is_still_refused(
    planned: tuple[Path, Path, dict[str, Any]], tmp_path: Path, change: str
) -> None:
    """A unit's people, a link's capacity or a stock changed: exit 2, the plan of other data."""
    folder, plan, data = planned
    other = _with(folder, tmp_path / "camps-now", *CHANGED[change])
    done = run("routes", other, "--day", "0", "--plan", plan, "--out", tmp_path / "out")
    said = "".join(done.stderr.split())
    assert done.returncode == 2, done.stderr
    assert not (tmp_path / "out").exists()
    made = f"the plan was made for scenario {data['scenario']!r} with other data"
    assert "".join(made.split()) in said


def test_a_plan_json_without_the_basis_is_judged_by_the_whole_fingerprint(
    planned: tuple[Path, Path, dict[str, Any]], tmp_path: Path
) -> None:
    """Written before ``plan_basis_id``: another fleet is refused as before, the same taken."""
    folder, _plan, data = planned
    old = _plan_json(tmp_path / "old", {k: v for k, v in data.items() if k != "plan_basis_id"})
    other = _with(folder, tmp_path / "camps-t9", "fleet.csv", OTHER_FLEET)
    refused = run("routes", other, "--day", "0", "--plan", old, "--out", tmp_path / "out")
    taken = run("routes", folder, "--day", "0", "--plan", old, "--out", tmp_path / "same")
    assert (refused.returncode, taken.returncode) == (2, 0), refused.stderr + taken.stderr
    said = "".join(refused.stderr.split())
    assert f"(fingerprint{data['scenario_id']}),notfor" in said
    assert not (tmp_path / "out").exists()

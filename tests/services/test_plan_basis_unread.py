"""What ``plan_basis_id`` leaves out, the plan never reads: its files come out the same.

``routes --plan`` and ``ledger propose`` take a plan whose ``plan_basis_id`` (the scenario
less :data:`~supplyline.domain.fingerprint.NOT_PLANNED`: the fleet, the agreements, the
routing options) is the scenario's, however those changed. That holds only while the
planner reads none of them: the bilateral example planned with each changed writes every
plan file byte for byte as before, but for plan.json's ``scenario_id`` and the solve's
timings, and ``reach.csv``, the router's check of the plan, which reads the fleet.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ledger_support import BILATERAL

from supplyline.domain import run_dependent_stats
from supplyline.domain.fingerprint import NOT_PLANNED
from supplyline.io.file_names import REACH_FILE
from supplyline.planning import PlanParams
from supplyline.services.planning import plan_scenario

PARAMS = PlanParams(explain_top=1)
"""One bottleneck measured: the report's re-plans are the planner's too."""


def _fewer_trucks(text: str) -> str:
    return text.replace("os-cargo,os-forward,ostravia,rigid 3-axle cargo,12,18,",
                        "os-cargo,os-forward,ostravia,rigid 3-axle cargo,3,9,")  # fmt: skip


def _higher_ceiling(text: str) -> str:
    return text.replace('ceiling_total: "1500000.00"', 'ceiling_total: "9500000.00"')


def _longer_detours(text: str) -> str:
    return text.replace("routing: {detour_factor: 1.35, service_minutes: 45}",
                        "routing: {detour_factor: 1.6, service_minutes: 20}")  # fmt: skip


EDITS: dict[str, tuple[str, Callable[[str], str]]] = {
    "fleet": ("fleet.csv", _fewer_trucks),
    "agreements": ("agreements.yaml", _higher_ceiling),
    "routing": ("scenario.yaml", _longer_detours),
}
"""One edit of each field the plan's basis leaves out, in the file that holds it."""


def _planned(folder: Path, out: Path) -> dict[str, Any]:
    """``folder`` planned into ``out``: each file's bytes, and plan.json's data.

    plan.json less its ``scenario_id`` and the solve's timings; ``plan_basis_id`` is kept:
    it must be the same too.
    """
    plan_scenario(folder, out, params=PARAMS)
    files: dict[str, Any] = {
        p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name != REACH_FILE
    }
    data = json.loads(files.pop("plan.json"))
    del data["scenario_id"]
    for timing in run_dependent_stats():
        data["stats"].pop(timing, None)
    files["plan.json"] = data
    return files


@pytest.fixture(scope="module")
def as_written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The bilateral example's plan files, as :func:`_planned` reads them."""
    return _planned(BILATERAL, tmp_path_factory.mktemp("base") / "plan")


def test_every_field_left_out_is_edited_here() -> None:
    """An edit for each of NOT_PLANNED: a field added to it is tested here too."""
    assert sorted(EDITS) == sorted(NOT_PLANNED)


@pytest.mark.parametrize("field", sorted(EDITS))
def test_a_scenario_edited_where_the_basis_leaves_out_plans_the_same(
    as_written: dict[str, Any], tmp_path: Path, field: str
) -> None:
    """The plan files of the edited example are the example's, ``plan_basis_id`` among them."""
    file, edit = EDITS[field]
    folder = shutil.copytree(BILATERAL, tmp_path / "edited")
    before = (folder / file).read_text(encoding="utf-8")
    assert edit(before) != before
    (folder / file).write_text(edit(before), encoding="utf-8")
    again = _planned(folder, tmp_path / "plan")
    assert sorted(again) == sorted(as_written)
    for name, content in as_written.items():
        assert again[name] == content, name

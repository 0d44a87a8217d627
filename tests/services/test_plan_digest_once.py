"""One ``plan`` run digests its plan once, and hands the identity to what carries it.

``plan_id`` is a digest of the whole plan (half a second on a 14,000-movement plan): a
``plan --out --report --mps`` run had computed it five times over (the model's tag,
plan.json, the report's tag, the match of earlier reports, the files' origin).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import supplyline.io.plan_files as plan_files
import supplyline.reports.plan_report as plan_report
import supplyline.services.planning as planning
from supplyline.domain import Plan
from supplyline.reports import write_plan_report_with_reach

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"


def _counted(calls: list[str], where: str, digest: Callable[[Plan], str]) -> Callable[[Plan], str]:
    def counting(plan: Plan) -> str:
        calls.append(where)
        return digest(plan)

    return counting


def test_a_plan_run_with_every_output_digests_its_plan_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """plan_id is called once, wherever it is looked up, for files, report and model alike."""
    calls: list[str] = []
    digest = plan_files.plan_id
    for module in (planning, plan_report, plan_files):  # each looks it up in its own globals
        monkeypatch.setattr(module, "plan_id", _counted(calls, module.__name__, digest))
    run = planning.plan_scenario(
        EXAMPLE,
        tmp_path / "out",
        report=(tmp_path / "plan.html", write_plan_report_with_reach),
        mps=tmp_path / "plan.mps",
    )
    assert calls == ["supplyline.services.planning"]
    identity = digest(run.plan)  # the one digest is the one every output carries
    assert f'content="{identity}"' in (tmp_path / "plan.html").read_text(encoding="utf-8")
    assert f'"plan_id": "{identity}"' in (tmp_path / "out" / "plan.json").read_text(
        encoding="utf-8"
    )
    assert f"supplyline-plan: {identity}" in (tmp_path / "plan.mps").read_text(encoding="utf-8")

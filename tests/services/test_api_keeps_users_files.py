"""The Python API replaces a file at a report or model path only if supplyline wrote it.

A developer's scratch script gave ``plan_scenario(report=("plan.html", …))``,
``plan_scenario(mps=…)`` and ``route_scenario_day(report=…)`` a path holding a
spreadsheet of their own: each replaced it without a word, where ``plan --report`` exits 8.
Now each refuses it before any work, with the CLI's check in the API's words, and keeps
it; ``force=True`` replaces it, as ``--force`` does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.errors import ArgumentError, OutputError
from supplyline.reports import write_plan_report_with_reach
from supplyline.reports.routes_report import write_routes_report
from supplyline.services.planning import plan_scenario
from supplyline.services.routing import route_scenario_day

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
MINE = "name,amount\nmy own notes,3\n"
FIX = "choose another path, or pass force=True to replace it"


def _plan_report(path: Path, force: bool) -> object:
    return plan_scenario(EXAMPLE, None, report=(path, write_plan_report_with_reach), force=force)


def _plan_model(path: Path, force: bool) -> object:
    return plan_scenario(EXAMPLE, None, mps=path, force=force)


def _routes_report(path: Path, force: bool) -> object:
    return route_scenario_day(
        EXAMPLE, day=14, from_demand=True, report=(path, write_routes_report), force=force
    )


CALLS = [
    pytest.param(_plan_report, "plan.html", "a report", id="plan_scenario-report"),
    pytest.param(_plan_model, "plan.mps", "an MPS model", id="plan_scenario-mps"),
    pytest.param(_routes_report, "routes.html", "a report", id="route_scenario_day-report"),
]


@pytest.mark.parametrize(("call", "name", "what"), CALLS)
def test_a_users_file_is_refused_and_kept(
    tmp_path: Path, call: object, name: str, what: str
) -> None:
    """OutputError naming the path and saying how to go on; the file as it was."""
    mine = tmp_path / name
    mine.write_text(MINE, encoding="utf-8")
    with pytest.raises(OutputError, match=f"is not {what} supplyline wrote") as raised:
        call(mine, False)  # type: ignore[operator]
    said = str(raised.value)
    assert said.startswith(f"cannot write {mine}: it exists")
    assert said.endswith(FIX)
    assert mine.read_text(encoding="utf-8") == MINE


@pytest.mark.parametrize(("call", "name", "what"), CALLS)
def test_force_replaces_it_and_a_rerun_replaces_its_own(
    tmp_path: Path, call: object, name: str, what: str
) -> None:
    """``force=True`` replaces the user's file; the file written is then replaced again."""
    mine = tmp_path / name
    mine.write_text(MINE, encoding="utf-8")
    call(mine, True)  # type: ignore[operator]
    first = mine.read_text(encoding="utf-8")
    assert first != MINE
    call(mine, False)  # type: ignore[operator]  # what supplyline wrote: no force needed
    assert "supplyline" in mine.read_text(encoding="utf-8")[:4096]


def test_force_must_be_a_bool(tmp_path: Path) -> None:
    """``force="no"`` would have replaced the file: an ArgumentError instead."""
    with pytest.raises(ArgumentError, match="force must be a bool"):
        plan_scenario(EXAMPLE, None, mps=tmp_path / "m.mps", force="no")  # type: ignore[arg-type]

"""The planning use-case's answers about the run: methods, no plan in time, fallback plans."""

from __future__ import annotations

import math
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import supplyline.planning.highs as highs_module
import supplyline.services.planning as planning_service
from supplyline.domain import Demand, Plan, PlanStatus, Scenario
from supplyline.errors import ArgumentError, OutputError, SolverError
from supplyline.planning import Method, PlanParams, highs_version
from supplyline.planning import hedge as hedge_module
from supplyline.planning.best_response import Responses
from supplyline.planning.highs import HighsSession, Solution
from supplyline.services.planning import available_methods, plan_scenario, why_unavailable
from supplyline.services.scenarios import (
    REQUIREMENTS_FILES,
    assess_requirements,
    check_requirements_outputs,
    export_requirements,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"


@pytest.fixture
def scenario_without_limit(tmp_path: Path) -> Path:
    """A copy of the bilateral exercise whose scenario.yaml sets no solver time limit."""
    folder = Path(shutil.copytree(EXAMPLE, tmp_path / "no-limit"))
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    assert "solver: {time_limit_s: 120}\n" in text
    (folder / "scenario.yaml").write_text(text.replace("solver: {time_limit_s: 120}\n", ""))
    return folder


def _params(method: str) -> PlanParams:
    return PlanParams(method=Method(method), explain_top=0)


def test_available_methods_are_what_highs_accepts() -> None:
    """A method is available exactly when HiGHS takes its options (no list kept by hand)."""
    import highspy

    from supplyline.planning.highs import new_highs

    h = new_highs()
    has_hipo = h.setOptionValue("solver", "hipo") == highspy.HighsStatus.kOk
    assert (Method.HIPO in available_methods()) is has_hipo
    assert {Method.AUTO, Method.SIMPLEX, Method.IPM} <= set(available_methods())
    assert why_unavailable(Method.SIMPLEX) is None


def test_a_missing_method_is_said_with_the_highs_version_and_what_it_has(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The message names HiGHS's version, the missing solver, and the methods there are."""
    monkeypatch.setattr(highs_module, "available_methods", lambda: (Method.AUTO, Method.IPM))
    why = why_unavailable(Method.HIPO)
    assert why == (
        f"this HiGHS build ({highs_version()}) has no HiPO solver; the methods it has: auto, ipm"
    )


def test_plan_scenario_refuses_a_missing_method_before_any_work(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A parameter's mistake (exit 2 in the CLI) is an ArgumentError, as from plan_movements.

    Raised before the scenario is even read; it was a ScenarioError from here alone.
    """
    monkeypatch.setattr(highs_module, "available_methods", lambda: (Method.SIMPLEX,))
    with pytest.raises(ArgumentError, match=r"method .pdlp.: this HiGHS build .* no PDLP solver"):
        plan_scenario(tmp_path / "no-such-scenario", tmp_path / "out", params=_params("pdlp"))
    assert list(tmp_path.iterdir()) == []


def _no_plan(seen: list[PlanParams]) -> Callable[..., Plan]:
    """A planner that records its parameters and finds no plan (as a 1 ms limit does)."""

    def plan(scenario: Scenario, demand: Demand, params: PlanParams, **_: Any) -> Plan:
        seen.append(params)
        return Plan(
            scenario=scenario.name,
            start_date=scenario.start_date,
            horizon_days=scenario.horizon_days,
            status=PlanStatus.NO_SOLUTION,
            objective=math.nan,
        )

    return plan


@pytest.mark.parametrize(
    ("given", "with_file_limit", "said"),
    [
        pytest.param(
            None,
            True,
            "no plan within the time limit of 120 s, from scenario.yaml's solver.time_limit_s "
            "(the solver had not reached a feasible plan when it stopped, nor a fallback plan); "
            "nothing written: "
            "raise solver.time_limit_s in scenario.yaml or remove it (no limit), or give this "
            "run a larger --time-limit",
            id="scenario.yaml",
        ),
        pytest.param(
            0.5,
            True,
            "no plan within the time limit of 0.5 s, from --time-limit (the solver had not "
            "reached a feasible plan when it stopped, nor a fallback plan); nothing written: "
            "raise --time-limit "
            "(without it, scenario.yaml's solver.time_limit_s of 120 s holds)",
            id="--time-limit over scenario.yaml",
        ),
        pytest.param(
            0.5,
            False,
            "no plan within the time limit of 0.5 s, from --time-limit (the solver had not "
            "reached a feasible plan when it stopped, nor a fallback plan); nothing written: "
            "raise --time-limit "
            "or leave it out (no limit)",
            id="--time-limit alone",
        ),
    ],
)
def test_no_plan_in_time_says_where_the_limit_came_from(
    given: float | None,
    with_file_limit: bool,
    said: str,
    scenario_without_limit: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Leaving out --time-limit does not help when scenario.yaml sets the limit: say so."""
    seen: list[PlanParams] = []
    monkeypatch.setattr(planning_service, "plan_movements", _no_plan(seen))
    folder = EXAMPLE if with_file_limit else scenario_without_limit
    with pytest.raises(SolverError) as raised:
        plan_scenario(folder, tmp_path / "out", time_limit_s=given)
    assert str(raised.value) == said
    assert seen[0].time_limit_s == (given or 120)
    assert not (tmp_path / "out").exists()


def _stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The solve stops without a plan (simulated), so the fallback plan is made."""
    real_solve = HighsSession.solve

    def stopped(self: HighsSession, **kw: bool) -> Solution:
        return replace(real_solve(self, **kw), status=PlanStatus.NO_SOLUTION, x=None)

    monkeypatch.setattr(HighsSession, "solve", stopped)


def test_a_fallback_plan_says_every_flow_took_its_best_response(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Time enough after the mix: each flow made its best response, and the run says so."""
    _stopped(monkeypatch)
    run = plan_scenario(EXAMPLE, tmp_path / "out", params=_params("auto"))
    assert run.plan.status is PlanStatus.FEASIBLE
    assert run.fallback is not None
    assert run.fallback.flows >= 2
    assert run.fallback.responded == run.fallback.flows


def test_a_fallback_plan_without_best_responses_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The limit came right after the mix: the run says no flow responded (not guessed)."""
    _stopped(monkeypatch)

    def none_in_time(model: Any, part: Any, start: Any, x: Any, **_: Any) -> Responses:
        return Responses(x=x, flows=len(start.flows), responded=0)

    monkeypatch.setattr(hedge_module, "best_responses", none_in_time)
    run = plan_scenario(EXAMPLE, tmp_path / "out", params=_params("auto"))
    assert run.plan.status is PlanStatus.FEASIBLE
    assert run.fallback is not None
    assert run.fallback.responded == 0


def test_an_optimal_plan_has_no_fallback(tmp_path: Path) -> None:
    """The solver's own plan: nothing to say about a fallback."""
    run = plan_scenario(EXAMPLE, tmp_path / "out", params=_params("auto"))
    assert run.plan.status is PlanStatus.OPTIMAL
    assert run.fallback is None


def test_requirements_files_are_the_ones_written(tmp_path: Path) -> None:
    """REQUIREMENTS_FILES (checked before the work, listed in --help) is what is written."""
    written = export_requirements(assess_requirements(EXAMPLE), tmp_path / "req")
    assert tuple(p.name for p in written) == REQUIREMENTS_FILES
    assert sorted(p.name for p in (tmp_path / "req").iterdir()) == sorted(REQUIREMENTS_FILES)


def test_requirements_may_not_go_into_the_scenario_folder(tmp_path: Path) -> None:
    """As for the plan and route files: the scenario folder itself is refused."""
    folder = Path(shutil.copytree(EXAMPLE, tmp_path / "scenario"))
    with pytest.raises(OutputError, match="into the scenario folder"):
        check_requirements_outputs(folder, folder)
    with pytest.raises(OutputError, match="into the scenario folder"):
        check_requirements_outputs(folder, folder / "sub" / "..")
    check_requirements_outputs(folder, tmp_path / "req")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scenario"]

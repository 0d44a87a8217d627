"""Every method falls back to a plan within its time limit, not only the simplex.

A tester's ``plan corS --method ipm --time-limit 0.3`` (and ``pdlp``, ``ipm-nocrossover``)
exited 6 with no plan, where the default method gave a ``feasible`` fallback: the
fallback mixes the flows' optima solved apart, which only the simplex path solved. The
solver is stopped here by HiGHS's own iteration limits (a real stop, whatever the
machine's speed), never by the wall clock.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Demand, PlanStatus, Scenario
from supplyline.planning import PlanParams, build, plan_movements
from supplyline.planning import highs as highs_module
from supplyline.planning import interrupt as interrupt_module
from supplyline.planning.best_response import Responses
from supplyline.planning.hedge import FallbackBeside
from supplyline.planning.highs import objective_scale
from supplyline.planning.model import LpModel
from supplyline.planning.params import Method
from supplyline.planning.partition import partition
from supplyline.planning.presence import presence_of

_register_commands()
runner = CliRunner()

OTHER_METHODS = [Method.IPM, Method.IPM_NO_CROSSOVER, Method.PDLP]


@pytest.fixture
def one_iteration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Interior point and PDLP stop after one iteration, without a plan.

    The flows apart, solved by HiGHS instances of their own, are not limited.
    """
    real = highs_module._method_options

    def limited(method: Method, num_cols: int) -> tuple[str, dict[str, str]]:
        name, options = real(method, num_cols)
        return name, {**options, "ipm_iteration_limit": "1", "pdlp_iteration_limit": "1"}

    monkeypatch.setattr(highs_module, "_method_options", limited)


@pytest.mark.usefixtures("one_iteration")
@pytest.mark.parametrize("threads", [None, 1])  # beside the solve, or before it
@pytest.mark.parametrize("method", OTHER_METHODS)
def test_a_method_stopped_without_a_plan_falls_back_to_the_flows_solved_apart(
    bilateral: tuple[Scenario, Demand], method: Method, threads: int | None
) -> None:
    """The fallback is as the simplex's: feasible, never below the optimum, every row kept."""
    optimal = plan_movements(*bilateral, PlanParams(explain_top=0))
    made: list[Responses] = []
    params = PlanParams(method=method, time_limit_s=600, threads=threads, explain_top=0)
    plan = plan_movements(*bilateral, params, on_fallback=made.append)
    assert plan.status is PlanStatus.FEASIBLE
    assert plan.stats.method == method.value
    assert len(made) == 1
    assert made[0].flows > 1
    assert plan.objective >= optimal.objective * (1 - 1e-9)
    assert plan.stats.max_violation < 1e-6  # the flows apart are simplex vertices
    assert plan.movements


@pytest.mark.usefixtures("one_iteration")
def test_without_the_flows_apart_a_stopped_method_has_no_plan(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """``block_start=False`` turns the flows apart off, and with them the fallback."""
    made: list[Responses] = []
    params = PlanParams(method=Method.PDLP, time_limit_s=600, block_start=False, explain_top=0)
    plan = plan_movements(*bilateral, params, on_fallback=made.append)
    assert plan.status is PlanStatus.NO_SOLUTION
    assert made == []


@pytest.mark.usefixtures("one_iteration")
def test_a_fallback_not_finished_in_time_is_said_so_not_taken(
    bilateral: tuple[Scenario, Demand], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unfinished fallback is said to be unfinished.

    ``--method ipm --time-limit 0.1`` said "taking the plan made beside the solve", then
    that there was no plan: the fallback had not finished either.
    """

    def unfinished(self: FallbackBeside) -> None:
        self.drop()  # its thread stopped, as when the limit comes first
        return None

    monkeypatch.setattr(FallbackBeside, "result", unfinished)
    said: list[str] = []
    params = PlanParams(method=Method.IPM, time_limit_s=600, explain_top=0)
    plan = plan_movements(*bilateral, params, progress=said.append)
    assert plan.status is PlanStatus.NO_SOLUTION
    waited = said.index(
        "no optimal plan within the time limit: waiting for the plan made beside the solve"
    )
    assert said[waited + 1] == "the fallback plan was not finished within the time limit either"


@pytest.mark.usefixtures("one_iteration")
@pytest.mark.parametrize("method", OTHER_METHODS)
def test_plan_writes_the_fallback_of_any_method_with_its_warning(
    bilateral_dir: Path, tmp_path: Path, method: Method
) -> None:
    out = tmp_path / "out"
    args = ["plan", str(bilateral_dir), "--out", str(out), "--method", method.value]
    result = runner.invoke(app, [*args, "--time-limit", "600", "--explain", "0"])
    assert result.exit_code == 0, result.output
    assert "plan feasible" in result.stdout
    assert "not proven the best plan" in " ".join(result.stdout.split())
    assert json.loads((out / "plan.json").read_text())["status"] == "feasible"


@pytest.mark.parametrize("method", OTHER_METHODS)
def test_a_tiny_time_limit_gives_a_plan_or_says_why_there_is_none(
    bilateral_dir: Path, tmp_path: Path, method: Method
) -> None:
    """Really timed: whichever comes of a millisecond, a plan (exit 0) or exit 6 in words."""
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "supplyline", "plan", str(bilateral_dir), "--out", str(out),
         "--method", method.value, "--time-limit", "0.001", "--explain", "0"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert proc.returncode in (0, 6), proc.stderr
    assert "Traceback" not in proc.stderr
    if proc.returncode == 6:
        assert "no plan within the time limit of 0.001 s" in proc.stderr
        assert not out.exists()
    else:
        status = json.loads((out / "plan.json").read_text())["status"]
        assert status in ("optimal", "feasible")


def _waiting_an_hour(bilateral: tuple[Scenario, Demand]) -> tuple[LpModel, FallbackBeside]:
    """The bilateral plan's fallback, due to begin an hour from now (half a long limit)."""
    problem, model = build(*bilateral)
    beside = FallbackBeside(
        model,
        partition(model),
        None,
        presence=presence_of(problem, model),
        scale=objective_scale(model.cost),
        threads=1,
        deadline=None,
        not_before=time.perf_counter() + 3600.0,
    )
    return model, beside


def test_a_fallback_dropped_before_it_begins_never_solves_anything(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """A solve that ends with its plan before half its limit leaves the cores to itself."""
    _, beside = _waiting_an_hour(bilateral)
    beside.drop()
    assert beside.result() is None
    assert not [t for t in threading.enumerate() if t.name == "fallback"]
    assert not interrupt_module._runs


def test_a_fallback_asked_for_before_its_time_begins_at_once(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """The solve ended without a plan early: its fallback is made now, not at half the limit."""
    model, beside = _waiting_an_hour(bilateral)
    made = beside.result()
    assert made is not None
    assert made.flows == len(partition(model).flows)

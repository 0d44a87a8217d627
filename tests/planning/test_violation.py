"""How far a plan is off its constraints: measured, recorded and said.

Simplex stops at a vertex (nothing off); PDLP stops within its tolerances, so a planner
is told by how much, measured on the plan rather than promised ("about a kilogram" was
85 kg on a tester's unit total).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csc_matrix

from supplyline.io.writer import write_scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.assemble import build_model, prepare
from supplyline.planning.examples import gauge_break
from supplyline.planning.highs import HighsSession, available_methods
from supplyline.planning.model import Block, LpModel, Violation
from supplyline.planning.params import Method


def _model() -> LpModel:
    """Rows 1 ≤ x0 + x1 ≤ 2 and x1 = 1; 0 ≤ x ≤ 3."""
    matrix = csc_matrix(np.array([[1.0, 1.0], [0.0, 1.0]]))
    empty: dict[str, Block] = {}
    return LpModel(
        cost=np.zeros(2),
        col_lower=np.zeros(2),
        col_upper=np.full(2, 3.0),
        row_lower=np.array([1.0, 1.0]),
        row_upper=np.array([2.0, 1.0]),
        matrix=matrix,
        offset=0.0,
        cols=empty,
        rows=empty,
    )


def test_violation_by_hand() -> None:
    """Rows above or below their range and columns outside their bounds all count."""
    model = _model()
    assert Violation.of(model, np.array([0.5, 1.0])) == Violation(0.0, 0.0)
    # x0 + x1 = 2.5 (0.5 over), x1 = 1.5 (0.5 over): largest 0.5, total 1.0
    assert Violation.of(model, np.array([1.0, 1.5])) == Violation(0.5, 1.0)
    # x0 = -0.25 (below its bound), x0 + x1 = 0.75 (0.25 under)
    assert Violation.of(model, np.array([-0.25, 1.0])) == Violation(0.25, 0.5)
    assert Violation.of(model, np.array([3.5, 1.0])).largest == 2.5  # the row: 4.5 > 2


def test_a_simplex_plan_is_on_its_constraints() -> None:
    scenario, demand = gauge_break()
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    assert plan.stats.max_violation <= 1e-9
    assert plan.stats.total_violation <= 1e-8


def test_highs_figures_agree_with_the_model_measured_on_its_own_x() -> None:
    """What HiGHS reports for an approximate method is what the model says of its x."""
    methods = available_methods()
    method = Method.PDLP if Method.PDLP in methods else Method.IPM_NO_CROSSOVER
    scenario, demand = gauge_break()
    params = PlanParams(method=method, explain_top=0)
    model = build_model(prepare(scenario, demand, params))
    sol = HighsSession(model, params).solve()
    assert sol.x is not None
    measured = Violation.of(model, sol.x)
    assert np.isclose(sol.violation.largest, measured.largest, rtol=1e-6, atol=1e-9)
    plan = plan_movements(scenario, demand, params)
    assert plan.stats.max_violation == sol.violation.largest
    assert plan.stats.total_violation == sol.violation.total


def test_the_cli_says_how_far_an_approximate_plan_is_off(tmp_path: Path) -> None:
    """The note gives the plan's own figures; plan.json records them."""
    method = Method.PDLP if Method.PDLP in available_methods() else Method.IPM_NO_CROSSOVER
    scenario, _ = gauge_break()
    folder = write_scenario(scenario, tmp_path / "gauge")
    out = tmp_path / "plan"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "supplyline",
            "plan",
            str(folder),
            "--out",
            str(out),
            "--method",
            method.value,
            "--explain",
            "0",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "400"},
    )
    assert done.returncode == 0, done.stderr
    stats = json.loads((out / "plan.json").read_text(encoding="utf-8"))["stats"]
    largest, total = stats["max_violation"], stats["total_violation"]
    assert 0.0 < largest <= total
    said = " ".join((done.stdout + done.stderr).split())
    assert f"off by {_kg(largest)} at most, {_kg(total)} summed over all of them" in said


def _kg(tonnes: float) -> str:
    kg = tonnes * 1000.0
    return f"{kg:,.0f} kg" if kg >= 10 else f"{kg:.2g} kg"

"""A supply floor whose short place-days lie in no part of it plans, and explains.

A tester's relief scenario (tests/cli/scenarios/quake-closures with a 30 t/day warehouse
and half a tonne of medical stores there) ended ``plan`` and ``routes`` in a numpy
casting error while the shortfalls on days nothing can arrive were explained:
``np.bincount`` gave int64 zeros for an empty selection and tonnes were taken from them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from supplyline.io import load_scenario
from supplyline.io.factors import factors_for
from supplyline.planning.params import PlanParams
from supplyline.planning.solve import plan_movements
from supplyline.planning.tallies import tonnes_by
from supplyline.requirements import compute_requirements

QUAKE = Path(__file__).resolve().parents[1] / "cli" / "scenarios" / "quake-closures"


def _tight_warehouse(folder: Path) -> Path:
    """The quake with wh-b handling 30 t/day (not 120) and 0.5 t of medical (not 2) there."""
    shutil.copytree(QUAKE, folder)
    for name, old, new in (
        ("locations.csv", "warehouse,37.25,28.70,120,", "warehouse,37.25,28.70,30,"),
        ("stocks.csv", "wh-b,medical,2,", "wh-b,medical,0.5,"),
    ):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{name} of the quake scenario changed"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def test_the_relief_scenario_plans_and_says_why_each_shortfall_falls(tmp_path: Path) -> None:
    scenario = load_scenario(_tight_warehouse(tmp_path / "quake"))
    demand = compute_requirements(scenario, factors_for(dict(scenario.factor_overrides)))
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    assert plan.status.value == "optimal"
    assert plan.shortfalls, "the scenario falls short: its causes are what crashed"
    early = [s for s in plan.shortfalls if s.cause.startswith("no ")]
    assert early, "some shortfall falls on days nothing can arrive, explained as such"


@given(
    st.lists(st.tuples(st.integers(0, 4), st.floats(-1e6, 1e6)), max_size=20),
    st.integers(5, 8),
)
def test_tonnes_by_is_float_and_sums_like_bincount(
    pairs: list[tuple[int, float]], size: int
) -> None:
    index = np.array([i for i, _ in pairs], dtype=np.int64)
    weights = np.array([w for _, w in pairs], dtype=np.float64)
    summed = tonnes_by(index, weights, size)
    assert summed.dtype == np.float64
    assert summed.shape == (size,)
    expected = np.zeros(size)
    np.add.at(expected, index, weights)
    np.testing.assert_allclose(summed, expected, rtol=1e-12, atol=1e-6)

"""The speed measures change how fast a plan is found, never which plan it is."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.assemble import build_model, prepare
from supplyline.planning.examples import gauge_break, one_link
from supplyline.planning.highs import COST_TARGET, HighsSession, objective_scale


@given(st.floats(min_value=1e-6, max_value=1e15, allow_nan=False))
def test_objective_scale_is_a_power_of_two_down_to_the_target(largest: float) -> None:
    """The scale is 2^-k, k ≥ 0, and brings the largest cost into (target/2, target]."""
    scale = objective_scale(np.array([0.0, largest, -largest / 3]))
    exponent = math.log2(scale)
    assert exponent == int(exponent)
    assert exponent <= 0
    assert largest * scale <= COST_TARGET
    assert scale == 1.0 or largest * scale > COST_TARGET / 2


@pytest.mark.parametrize("example", [gauge_break, lambda: one_link(capacity_t_per_day=5.0)])
def test_scaled_objective_gives_the_same_objective_and_bottlenecks(example) -> None:  # type: ignore[no-untyped-def]
    """Scaling the objective for HiGHS leaves the objective and the shadow prices as they are."""
    scaled = plan_movements(*example(), PlanParams(explain_top=0))
    plain = plan_movements(*example(), PlanParams(explain_top=0, scale_objective=False))
    assert scaled.objective == pytest.approx(plain.objective, rel=1e-9)
    assert [(b.resource, b.days) for b in scaled.bottlenecks] == [
        (b.resource, b.days) for b in plain.bottlenecks
    ]
    assert [b.shadow_price for b in scaled.bottlenecks] == pytest.approx(
        [b.shadow_price for b in plain.bottlenecks], rel=1e-6
    )


@pytest.mark.parametrize("limit", [0.0, -1.0, float("inf"), float("nan")])
def test_a_time_limit_must_be_positive_and_finite(limit: float) -> None:
    """An endless limit once became NaN seconds for HiGHS (a worse plan at once)."""
    with pytest.raises(ValueError, match="time_limit_s"):
        PlanParams(time_limit_s=limit)


def test_a_time_limit_set_after_a_solve_counts_from_now_not_from_the_first_run() -> None:
    """The limit of a re-solve adds what the earlier solves took.

    HiGHS compares ``time_limit`` with all the time its instance has run: a tester's
    bottleneck re-solves all stopped at once, ranks "not measured", with 14 s left.
    """
    scenario, demand = gauge_break()
    params = PlanParams(explain_top=0)
    session = HighsSession(build_model(prepare(scenario, demand, params)), params)
    session.solve()
    ran = session._h.getRunTime()
    assert ran > 0
    session.set_time_limit(2.5)
    assert session._h.getOptionValue("time_limit")[1] == pytest.approx(ran + 2.5)
    again = session.solve()  # nothing changed: the optimum again, not "time limit reached"
    assert again.status.value == "optimal"

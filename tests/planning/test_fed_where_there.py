"""The fallback plan feeds a deploying unit only where and when its people are there.

A tester's ``plan examples/bilateral-exercise --time-limit 0.4`` fell back to the flows'
own plans mixed, which fed wm-inf-1 320 t and wm-recce 164 t while none of their 620
people arrived, and said 0 t short. The fallback is forced here without the wall clock:
its deadline is already past, so the plan is the mix, settled (as under a tiny limit).
"""

from __future__ import annotations

import time
from dataclasses import replace

import highspy
import numpy as np
import pytest
from hypothesis import assume, given
from random_networks import SETTINGS, scenarios

from supplyline.domain import Demand, Scenario
from supplyline.planning import build
from supplyline.planning.assemble import Problem
from supplyline.planning.block_start import solve_blocks
from supplyline.planning.hedge import fallback_plan
from supplyline.planning.highs import new_highs, objective_scale, pass_lp
from supplyline.planning.model import LpModel, Violation
from supplyline.planning.partition import partition
from supplyline.planning.presence import fed_before_there, presence_of
from supplyline.planning.settle import UNITS_OWN

FloatArray = np.ndarray


def _fallback(
    case: tuple[Scenario, Demand], *, hurried: bool
) -> tuple[Problem, LpModel, FloatArray]:
    """The case's fallback plan: the mix settled (``hurried``), or after every best response."""
    problem, model = build(*case)
    part = partition(model)
    scale = objective_scale(model.cost)
    start = solve_blocks(model, part, scale=scale)
    assert start is not None
    made = fallback_plan(
        model,
        part,
        start,
        presence=presence_of(problem, model),
        scale=scale,
        threads=1,
        deadline=time.perf_counter() if hurried else None,
    )
    assert made is not None
    return problem, model, made.x


def _short_for_the_same_movements(model: LpModel, x: FloatArray) -> float:
    """The least shortfall the whole model allows with ``x``'s movements and deliveries.

    Every column but the units' own (short, held, gap, share) fixed at ``x``; HiGHS then
    counts what goes short, as the optimal model would for those movements.
    """
    own = np.zeros(model.num_cols, dtype=bool)
    for name in UNITS_OWN - {"deliver"}:
        block = model.cols.get(name)
        if block is not None:
            own[block.index] = True
    lower = np.where(own, model.col_lower, x)
    upper = np.where(own, model.col_upper, x)
    h = new_highs()
    pass_lp(h, replace(model, col_lower=lower, col_upper=upper))
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    values = np.asarray(h.getSolution().col_value)
    return float(values[model.cols["short"].index].sum())


def test_the_bilateral_mix_feeds_no_unit_before_its_people_arrive(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """Units the mix leaves at home are fed nothing, and what they need is short.

    The mix does leave some unit's people short of its first day of consumption (else this
    test would prove nothing); the plan keeps every row of the whole model, and its
    shortfall is what the model counts for its movements.
    """
    problem, model, x = _fallback(bilateral, hurried=True)
    presence = presence_of(problem, model)
    held_back = presence.first_days(x) > problem.demand.arrival_day
    assert np.any(held_back & (presence.flow >= 0))
    assert fed_before_there(model, presence, x) == pytest.approx(0.0, abs=1e-6)
    assert Violation.of(model, x).largest < 1e-6
    short = float(x[model.cols["short"].index].sum())
    assert short > 1.0  # the held-back units' needs
    assert short == pytest.approx(_short_for_the_same_movements(model, x), abs=1e-4)


def test_the_bilateral_fallback_given_time_still_reaches_the_optimum_short(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """With its best responses the fallback brings the units and feeds them: 0 t short."""
    problem, model, x = _fallback(bilateral, hurried=False)
    presence = presence_of(problem, model)
    assert fed_before_there(model, presence, x) == pytest.approx(0.0, abs=1e-6)
    assert float(x[model.cols["short"].index].sum()) == pytest.approx(0.0, abs=1e-6)


@SETTINGS
@given(scenarios())
def test_no_fallback_feeds_a_unit_before_it_is_there(case: tuple[Scenario, Demand]) -> None:
    """On random networks, hurried or not: nothing delivered early, every row kept.

    And the shortfall is the one the whole model counts for the plan's movements.
    """
    problem, model = build(*case)
    assume(len(partition(model).flows) >= 2)  # the planner solves a single flow whole
    for hurried in (True, False):
        problem, model, x = _fallback(case, hurried=hurried)
        presence = presence_of(problem, model)
        assert fed_before_there(model, presence, x) <= 1e-6
        assert Violation.of(model, x).largest < 1e-5
        short = float(x[model.cols["short"].index].sum())
        assert short == pytest.approx(_short_for_the_same_movements(model, x), abs=1e-4)

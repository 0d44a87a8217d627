"""The fallback plan made beside the solve when little time is left."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from supplyline.domain import Demand, PlanStatus, Scenario
from supplyline.planning import PlanParams, build, plan_movements
from supplyline.planning import fallback as fallback_module
from supplyline.planning import interrupt as interrupt_module
from supplyline.planning import solve as solve_module
from supplyline.planning.best_response import best_responses
from supplyline.planning.block_start import BlockStart, solve_blocks
from supplyline.planning.fallback import mixed_plan
from supplyline.planning.hedge import FallbackBeside, fallback_plan, worth_making_beside
from supplyline.planning.highs import HighsSession, Solution, objective_scale
from supplyline.planning.model import LpModel
from supplyline.planning.partition import Partition, partition
from supplyline.planning.presence import presence_of
from supplyline.planning.settle import settle_plan


def _flows_apart(case: tuple[Scenario, Demand]) -> tuple[LpModel, Partition, float, BlockStart]:
    """The bundled example's LP, its flows, its objective scale and its flows solved apart."""
    _, model = build(*case)
    part = partition(model)
    scale = objective_scale(model.cost)
    start = solve_blocks(model, part, scale=scale)
    assert start is not None
    return model, part, scale, start


def test_made_beside_only_when_little_time_is_left_and_a_core_is_free() -> None:
    assert worth_making_beside(255.0, 345.0, None)  # corridor-M, 600 s limit
    assert worth_making_beside(118.0, 482.0, None)  # corridor-M, flows alike started warm
    assert not worth_making_beside(9.0, 291.0, None)  # corridor-I, 300 s limit
    assert not worth_making_beside(255.0, 345.0, 1)  # the user gave one thread


def test_the_plan_made_beside_is_the_plan_made_after(bilateral: tuple[Scenario, Demand]) -> None:
    """Same mix, same best responses: the thread changes when, not what."""
    model, part, scale, start = _flows_apart(bilateral)
    presence = presence_of(*build(*bilateral))
    after = mixed_plan(model, part, start, presence=presence, scale=scale)
    assert after is not None
    after = best_responses(model, part, start, after, scale=scale).x
    beside = FallbackBeside(
        model, part, start, presence=presence, scale=scale, threads=None, deadline=None
    )
    made = beside.result()
    assert made is not None
    assert float(model.cost @ made.x) == pytest.approx(float(model.cost @ after), rel=1e-9)


def test_the_fallback_says_how_many_flows_took_their_best_response(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """Without a deadline every flow responds; past it none does, and the plan is the mix.

    The mix settled (:func:`~supplyline.planning.settle.settle_plan`), as every fallback:
    its units, always; its places only in time, and the plan says which.
    """
    model, part, scale, start = _flows_apart(bilateral)
    presence = presence_of(*build(*bilateral))
    unhurried = fallback_plan(
        model, part, start, presence=presence, scale=scale, threads=None, deadline=None
    )
    assert unhurried is not None
    assert unhurried.responded == unhurried.flows == len(start.flows)
    late = fallback_plan(
        model,
        part,
        start,
        presence=presence,
        scale=scale,
        threads=None,
        deadline=time.perf_counter(),
    )
    mixed = mixed_plan(model, part, start, presence=presence, scale=scale)
    assert late is not None
    assert mixed is not None
    assert (late.responded, late.flows) == (0, len(start.flows))
    assert np.array_equal(late.x, settle_plan(model, mixed).x)
    assert (unhurried.places_settled, late.places_settled) == (True, False)


def test_dropped_at_once_leaves_nothing_running_and_warns_of_nothing(
    bilateral: tuple[Scenario, Demand], caplog: pytest.LogCaptureFixture
) -> None:
    model, part, scale, start = _flows_apart(bilateral)
    with caplog.at_level(logging.WARNING):
        FallbackBeside(
            model,
            part,
            start,
            presence=presence_of(*build(*bilateral)),
            scale=scale,
            threads=None,
            deadline=None,
        ).drop()
    assert not interrupt_module._runs
    assert not [t for t in threading.enumerate() if t.name == "fallback"]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_plan_movements_drops_it_when_the_solve_is_optimal(
    bilateral: tuple[Scenario, Demand], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = plan_movements(*bilateral, PlanParams(explain_top=0, time_limit_s=600))
    made: list[FallbackBeside] = []

    class Counted(FallbackBeside):
        def drop(self) -> None:
            made.append(self)
            super().drop()

    monkeypatch.setattr(solve_module, "worth_making_beside", lambda *_: True)
    monkeypatch.setattr(solve_module, "FallbackBeside", Counted)
    hedged = plan_movements(*bilateral, PlanParams(explain_top=0, time_limit_s=600))
    assert len(made) == 1  # made beside the solve, then dropped
    assert hedged.status is PlanStatus.OPTIMAL
    assert hedged.objective == pytest.approx(plain.objective, rel=1e-9)
    assert not [t for t in threading.enumerate() if t.name == "fallback"]


def test_plan_movements_takes_it_when_the_solve_has_no_plan(
    bilateral: tuple[Scenario, Demand], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The solve stopped without a plan (simulated): the plan made beside it is the plan."""
    real = HighsSession.solve

    def stopped(self: HighsSession, **kw: bool) -> Solution:
        return replace(real(self, **kw), status=PlanStatus.NO_SOLUTION, x=None)

    monkeypatch.setattr(HighsSession, "solve", stopped)
    after = plan_movements(*bilateral, PlanParams(explain_top=0, time_limit_s=600))
    monkeypatch.setattr(solve_module, "worth_making_beside", lambda *_: True)
    beside = plan_movements(*bilateral, PlanParams(explain_top=0, time_limit_s=600))
    assert after.status is beside.status is PlanStatus.FEASIBLE
    assert beside.objective == pytest.approx(after.objective, rel=1e-9)
    assert np.isfinite(beside.objective)


def test_ctrl_c_during_the_solve_stops_the_plan_beside_too(
    bilateral: tuple[Scenario, Demand], monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_interrupt import ctrl_c_when

    monkeypatch.setattr(solve_module, "worth_making_beside", lambda *_: True)
    under_way = lambda: any(t.name == "fallback" for t in threading.enumerate())  # noqa: E731
    with ctrl_c_when(under_way), pytest.raises(KeyboardInterrupt):
        plan_movements(*bilateral, PlanParams(explain_top=0, time_limit_s=600))
    assert not interrupt_module._runs
    assert not [t for t in threading.enumerate() if t.name in ("fallback", "highs")]


@pytest.mark.parametrize("times", [1.0, 2.0**-20, 2.0**20])
def test_the_mix_does_not_depend_on_how_large_the_costs_are(
    bilateral: tuple[Scenario, Demand], times: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mix's gains are brought to a size HiGHS copes with, whatever the objective's.

    corridor-M's gains reached 7e9 and HiGHS's dual simplex stopped at once on them.
    """
    model, part, scale, start = _flows_apart(bilateral)
    presence = presence_of(*build(*bilateral))
    usual = mixed_plan(model, part, start, presence=presence, scale=scale)
    seen: list[float] = []
    mix = fallback_module._mix

    def watched(loads: Any, gains: Any, *rest: Any) -> Any:
        seen.append(float(np.abs(gains).max()))
        return mix(loads, gains, *rest)

    monkeypatch.setattr(fallback_module, "_mix", watched)
    other = mixed_plan(model, part, start, presence=presence, scale=scale * times)
    assert usual is not None
    assert other is not None
    assert float(model.cost @ other) == pytest.approx(float(model.cost @ usual), rel=1e-9)
    assert 0 < seen[0] <= fallback_module.MIX_COST_TARGET

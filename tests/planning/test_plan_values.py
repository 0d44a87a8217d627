"""Scenarios, demands and plans are values: they pickle, compare by content, read short.

A programmer's scenario could not go to a process pool (a mappingproxy does not pickle),
two runs of one plan were unequal with two ``plan_id``s (their seconds differed), and the
relief plan's repr ran to 531,141 characters.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import math
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain import (
    Bottleneck,
    Closure,
    Demand,
    Movement,
    Plan,
    PlanStatus,
    ResourceKind,
    Scenario,
    SolveStats,
    run_dependent_stats,
)
from supplyline.domain.network import Mode
from supplyline.io.plan_files import plan_id, plan_to_dict, read_plan, write_plan
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import one_link
from supplyline.planning.highs import HighsSession, Solution

QUICK = PlanParams(explain_top=0)


@pytest.mark.parametrize("example", ["bilateral", "relief"])
def test_a_pickled_scenario_is_equal_and_plans_the_same(
    example: str, request: pytest.FixtureRequest
) -> None:
    """Pickle and deepcopy give an equal scenario and demand, whose plan equals the original's."""
    scenario, demand = request.getfixturevalue(example)
    assert scenario.unit_by_id  # a cached index is not part of what is pickled
    back: Scenario = pickle.loads(pickle.dumps(scenario))
    back_demand: Demand = pickle.loads(pickle.dumps(demand))
    assert back == scenario == copy.deepcopy(scenario)
    assert back_demand == demand
    assert back.unit(scenario.units[0].id) == scenario.units[0]
    assert plan_movements(back, back_demand, QUICK) == plan_movements(scenario, demand, QUICK)


def test_plans_that_differ_only_in_their_timings_are_equal_with_one_id() -> None:
    """Equality and plan_id leave the seconds out; anything planned counts."""
    plan = plan_movements(*one_link(capacity_t_per_day=5.0))
    slower = dataclasses.replace(
        plan,
        stats=dataclasses.replace(plan.stats, **{name: 99.0 for name in run_dependent_stats()}),
    )
    assert slower == plan
    assert hash(slower) == hash(plan)
    assert plan_id(slower) == plan_id(plan)
    other = dataclasses.replace(plan, objective=plan.objective + 1.0)
    assert other != plan
    assert plan_id(other) != plan_id(plan)


def test_two_runs_of_one_plan_are_equal_and_read_back_equal(tmp_path: Path) -> None:
    """The same plan twice is one plan, and its plan.json reads back equal with the same id."""
    scenario, demand = one_link(capacity_t_per_day=5.0)
    first, second = plan_movements(scenario, demand), plan_movements(scenario, demand)
    assert first == second
    assert plan_id(first) == plan_id(second)
    write_plan(tmp_path / "out", scenario, first)
    back = read_plan(tmp_path / "out")
    assert back == first
    assert back.stats.solve_s == first.stats.solve_s  # timings are kept, only not compared
    assert plan_to_dict(back)["plan_id"] == plan_id(first)


def test_total_short_is_a_float_when_nothing_is_short() -> None:
    """It was the int 0 (a sum over no shortfalls)."""
    plan = dataclasses.replace(plan_movements(*one_link()), shortfalls=())
    assert isinstance(plan.total_short_t, float)
    assert plan.total_short_t == 0.0


def test_total_short_is_not_a_number_without_a_plan() -> None:
    """A newcomer's script was told 0.0 t short of a plan the time limit left empty."""
    plan = dataclasses.replace(plan_movements(*one_link()), status=PlanStatus.NO_SOLUTION)
    assert math.isnan(plan.total_short_t)


def test_the_reprs_are_short_and_say_what_they_are(relief: tuple[Scenario, Demand]) -> None:
    """Plan, Scenario and Demand name themselves and count their records."""
    scenario, demand = relief
    plan = plan_movements(scenario, demand, QUICK)
    assert repr(plan).startswith(f"Plan(scenario={scenario.name!r}, status=optimal, objective=")
    assert f"{len(plan.movements)} movements" in repr(plan)
    assert f"{len(scenario.units)} units" in repr(scenario)
    assert f"{len(demand.unit_ids)} units" in repr(demand)
    assert max(len(repr(plan)), len(repr(scenario)), len(repr(demand))) < 300


def test_a_plan_is_a_plan_after_pickling() -> None:
    """A plan goes through a process pool's pickle equal."""
    plan: Plan = plan_movements(*one_link(capacity_t_per_day=5.0))
    assert pickle.loads(pickle.dumps(plan)) == plan == copy.deepcopy(plan)


def _stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """HiGHS's answers replaced by "time limit, no plan yet" (no wall clock in the test)."""
    real = HighsSession.solve

    def stopped(self: HighsSession, **kw: bool) -> Solution:
        return dataclasses.replace(real(self, **kw), status=PlanStatus.NO_SOLUTION, x=None)

    monkeypatch.setattr(HighsSession, "solve", stopped)


@pytest.mark.parametrize(
    ("stopped", "block_start", "status"),
    [
        (False, True, PlanStatus.OPTIMAL),
        (True, True, PlanStatus.FEASIBLE),  # the fallback from the flows apart
        (True, False, PlanStatus.NO_SOLUTION),  # no flows apart: nothing to fall back to
    ],
)
def test_every_kind_of_plan_pickles_and_copies_to_an_equal_plan_of_one_hash(
    bilateral: tuple[Scenario, Demand],
    monkeypatch: pytest.MonkeyPatch,
    stopped: bool,
    block_start: bool,
    status: PlanStatus,
) -> None:
    """A tester's ``no_solution`` plan (objective NaN) was unequal to its pickled copy."""
    if stopped:
        _stopped(monkeypatch)
    params = PlanParams(explain_top=0, time_limit_s=600, block_start=block_start)
    plan = plan_movements(*bilateral, params)
    assert plan.status is status
    assert math.isnan(plan.objective) == (status is PlanStatus.NO_SOLUTION)
    for copied in (pickle.loads(pickle.dumps(plan)), copy.deepcopy(plan), copy.copy(plan)):
        assert copied == plan
        assert hash(copied) == hash(plan)
        assert plan_id(copied) == plan_id(plan)
    assert plan_movements(*bilateral, params) == plan  # the same plan again: one plan


_amounts = st.floats(allow_nan=True, allow_infinity=True, width=64)


@st.composite
def _plans(draw: st.DrawFn) -> Plan:
    """Small plans whose every float may be NaN (or infinite, or anything)."""
    day = st.integers(min_value=0, max_value=30)
    movements = draw(
        st.lists(
            st.builds(
                Movement,
                link=st.just("L"),
                origin=st.just("A"),
                destination=st.just("B"),
                mode=st.sampled_from(Mode),
                commodity=st.sampled_from(["food", "deploy:u1"]),
                departure_day=day,
                arrival_day=day,
                tonnes=_amounts,
                pax=_amounts,
            ),
            max_size=3,
        )
    )
    closures = draw(
        st.lists(
            st.builds(
                Closure,
                unit=st.just("u1"),
                required_day=day,
                closure_day=st.none() | day,
                lift_t=_amounts,
                pax=_amounts,
                moved_t=_amounts,
                moved_pax=_amounts,
                late_t_days=_amounts,
            ),
            max_size=2,
        )
    )
    bottlenecks = draw(
        st.lists(
            st.builds(
                Bottleneck,
                kind=st.sampled_from(ResourceKind),
                resource=st.just("L"),
                days=st.tuples(day),
                shadow_price=_amounts,
                capacity=st.none() | _amounts,
            ),
            max_size=2,
        )
    )
    stats = SolveStats(
        max_violation=draw(_amounts),
        total_violation=draw(_amounts),
        weights={"shortfall_per_t": draw(_amounts)},
    )
    return Plan(
        scenario="x",
        start_date=dt.date(2025, 1, 1),
        horizon_days=31,
        status=draw(st.sampled_from(PlanStatus)),
        objective=draw(_amounts),
        movements=tuple(movements),
        closures=tuple(closures),
        bottlenecks=tuple(bottlenecks),
        stats=stats,
    )


@given(plan=_plans())
@settings(max_examples=60, deadline=None)
def test_a_pickled_plan_is_equal_with_one_hash_whatever_nan_it_holds(plan: Plan) -> None:
    """Every NaN float counts as equal to a NaN: a copy equals its plan, and hashes alike."""
    back = pickle.loads(pickle.dumps(plan))
    assert back == plan
    assert hash(back) == hash(plan)
    assert copy.deepcopy(plan) == plan


@given(plan=_plans(), objective=_amounts)
@settings(max_examples=60, deadline=None)
def test_plans_of_another_objective_are_unequal_nan_or_not(plan: Plan, objective: float) -> None:
    """A NaN equals a NaN only: a number in its place is another plan, with another id."""
    other = dataclasses.replace(plan, objective=objective)
    same = objective == plan.objective or (math.isnan(objective) and math.isnan(plan.objective))
    assert (other == plan) == same
    assert (plan_id(other) == plan_id(plan)) == (
        same or not (math.isfinite(objective) or math.isfinite(plan.objective))
    )

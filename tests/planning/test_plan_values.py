"""Scenarios, demands and plans are values: they pickle, compare by content, read short.

A programmer's scenario could not go to a process pool (a mappingproxy does not pickle),
two runs of one plan were unequal with two ``plan_id``s (their seconds differed), and the
relief plan's repr ran to 531,141 characters.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from pathlib import Path

import pytest

from supplyline.domain import Demand, Plan, Scenario, run_dependent_stats
from supplyline.io.plan_files import plan_id, plan_to_dict, read_plan, write_plan
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import one_link

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
    import math

    from supplyline.domain import PlanStatus

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

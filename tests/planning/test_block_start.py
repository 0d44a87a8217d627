"""The block start: the LP's flows solved apart, joined into a basis for the whole."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from supplyline.domain import Demand, PlanStatus, Scenario
from supplyline.planning import PlanParams, build, plan_movements
from supplyline.planning.block_start import solve_blocks
from supplyline.planning.examples import gauge_break
from supplyline.planning.highs import HighsSession, Solution, objective_scale
from supplyline.planning.partition import SHARED, partition

CAPACITY_ROWS = {"link_t", "link_pax", "handle_in", "handle_out", "storage"}


def test_only_capacity_rows_are_shared_between_flows() -> None:
    """Balance, unit and target rows belong to one flow; every capacity row is shared."""
    _, model = build(*gauge_break())
    part = partition(model)
    for name, block in model.rows.items():
        if block.size == 0:
            continue
        owners = part.row_flow[block.start : block.start + block.size]
        assert bool(np.all(owners == SHARED)) == (name in CAPACITY_ROWS), name
    assert np.all(part.col_flow >= 0)


def test_each_column_touches_only_its_own_flows_rows_and_shared_rows() -> None:
    """The partition is a true block structure: no column reaches another flow's row."""
    _, model = build(*gauge_break())
    part = partition(model)
    coo = model.matrix.tocoo()
    row_owner = part.row_flow[coo.row]
    assert np.all((row_owner == SHARED) | (row_owner == part.col_flow[coo.col]))


def test_joined_basis_has_one_basic_variable_per_row(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """The flows' bases plus every shared row's slack make a square basis of the whole."""
    _, model = build(*bilateral)
    start = solve_blocks(model, partition(model), scale=objective_scale(model.cost))
    assert start is not None
    basic = [s for s in start.col_status + start.row_status if s.name == "kBasic"]
    assert len(basic) == model.num_rows


def test_bundled_example_plans_the_same_with_and_without_the_block_start(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """Same objective (to HiGHS's tolerances) and shortfall; the start's time is apart."""
    warm = plan_movements(*bilateral, PlanParams(explain_top=0))
    cold = plan_movements(*bilateral, PlanParams(explain_top=0, block_start=False))
    # the flows apart all started cold: a different path (flows alike start from one
    # another by default), the same optimum
    apart = plan_movements(*bilateral, PlanParams(explain_top=0, alike_start=False))
    for other in (cold, apart):
        assert warm.objective == pytest.approx(other.objective, rel=1e-8)
        assert warm.total_short_t == pytest.approx(other.total_short_t, abs=1e-6)
    assert 0 < warm.stats.start_s <= warm.stats.solve_s
    assert cold.stats.start_s == 0


def test_flows_solved_by_interior_point_give_the_same_plan(
    bilateral: tuple[Scenario, Demand], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large flows go to interior point with crossover: still a basis, still the optimum."""
    from supplyline.planning import block_start

    cold = plan_movements(*bilateral, PlanParams(explain_top=0, block_start=False))
    monkeypatch.setattr(block_start, "IPM_PIECE_ROWS", 0)  # every flow counts as large
    _, model = build(*bilateral)
    start = solve_blocks(model, partition(model), scale=objective_scale(model.cost))
    assert start is not None
    basic = [s for s in start.col_status + start.row_status if s.name == "kBasic"]
    assert len(basic) == model.num_rows
    warm = plan_movements(*bilateral, PlanParams(explain_top=0))
    assert warm.objective == pytest.approx(cold.objective, rel=1e-8)


def test_blocks_out_of_time_give_no_start_and_no_error(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """With no time left the pieces are not solved: no start (a cold solve follows)."""
    _, model = build(*bilateral)
    start = solve_blocks(
        model, partition(model), scale=objective_scale(model.cost), time_limit_s=1e-9
    )
    assert start is None


def test_a_tiny_time_limit_ends_with_a_status_not_an_error(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """The user's limit covers the start too: the plan says how far it got."""
    plan = plan_movements(*bilateral, PlanParams(time_limit_s=1e-3, explain_top=0))
    assert plan.status.value in {"optimal", "feasible", "no_solution"}


def test_a_solve_stopped_without_a_plan_falls_back_to_the_flows_mixed(
    bilateral: tuple[Scenario, Demand], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The time limit ends the repair with no plan: the planner mixes the flows' own plans.

    The stop is simulated (HiGHS's answer replaced by "time limit, no solution"), so the
    test does not depend on how fast the machine is.
    """
    optimal = plan_movements(*bilateral, PlanParams(explain_top=0))
    real_solve = HighsSession.solve

    def stopped(self: HighsSession, **kw: bool) -> Solution:
        sol = real_solve(self, **kw)
        return replace(
            sol, status=PlanStatus.NO_SOLUTION, model_status="Time limit reached", x=None
        )

    monkeypatch.setattr(HighsSession, "solve", stopped)
    plan = plan_movements(*bilateral, PlanParams(explain_top=0, time_limit_s=600))
    assert plan.status is PlanStatus.FEASIBLE
    assert plan.objective >= optimal.objective * (1 - 1e-9)
    assert plan.movements  # a plan that moves things, not the do-nothing plan
    assert plan.bottlenecks == ()  # no duals without an optimum

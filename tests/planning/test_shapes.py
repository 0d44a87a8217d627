"""Flows of the same shape start from one another's basis, to the same optimum."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from supplyline.domain import Demand, Scenario, Stock
from supplyline.planning import build
from supplyline.planning.block_start import flow_parts, solve_pieces
from supplyline.planning.examples import gauge_break
from supplyline.planning.highs import objective_scale
from supplyline.planning.partition import partition
from supplyline.planning.shapes import _tuple_numbers, same_shapes


def _groups(scenario: Scenario, demand: Demand) -> tuple[tuple[int, ...], ...]:
    _, model = build(scenario, demand)
    return same_shapes(model, flow_parts(partition(model))).groups


def test_goods_from_the_same_depots_to_the_same_units_are_alike() -> None:
    """Fuel and food both come from H to the one unit: one shape, fuel leads."""
    assert _groups(*gauge_break()) == ((0, 1),)


def test_goods_from_different_depots_are_not_alike() -> None:
    """Food stocked at the railhead instead: its LP has other supply columns."""
    scenario, demand = gauge_break()
    moved = replace(
        scenario,
        stocks=(
            Stock(location="H", commodity="fuel", replenishment_t_per_day=1000.0),
            Stock(location="R", commodity="food", replenishment_t_per_day=1000.0),
        ),
    )
    assert _groups(moved, demand) == ((0,), (1,))


@pytest.mark.parametrize("example", ["bilateral", "relief"])
def test_followers_reach_each_flows_own_optimum(
    example: str, request: pytest.FixtureRequest
) -> None:
    """Each piece's optimum is the same whether it starts cold or from a like flow's basis."""
    _, model = build(*request.getfixturevalue(example))
    jobs = flow_parts(partition(model))
    shapes = same_shapes(model, jobs)
    assert any(len(group) > 1 for group in shapes.groups), "some flows are alike"
    scale = objective_scale(model.cost)
    apart = solve_pieces(model, jobs, scale=scale)
    alike = solve_pieces(model, jobs, scale=scale, alike=True)
    for (cols, _), cold, warm in zip(jobs, apart, alike, strict=True):
        assert cold.x is not None
        assert warm.x is not None
        assert model.cost[cols] @ warm.x == pytest.approx(model.cost[cols] @ cold.x, rel=1e-9)


def test_nearly_alike_goods_pivot_less_from_a_leaders_basis(
    relief: tuple[Scenario, Demand],
) -> None:
    """Relief's goods differ in where they are stocked, yet one's basis starts the others.

    Iterations, not seconds: the count is the same on any machine. (A cold piece's
    count is of the LP left after presolve, so a warm one is not always below it: on the
    bilateral example's small flows it is not.)
    """
    _, model = build(*relief)
    jobs = flow_parts(partition(model))
    shapes = same_shapes(model, jobs)
    followers = [j for group in shapes.groups for j in group[1:]]
    scale = objective_scale(model.cost)
    apart = solve_pieces(model, jobs, scale=scale)
    alike = solve_pieces(model, jobs, scale=scale, alike=True)
    assert sum(alike[j].iterations for j in followers) < sum(apart[j].iterations for j in followers)


def test_a_carried_basis_has_one_basic_variable_per_row(bilateral: tuple[Scenario, Demand]) -> None:
    """Whatever only the follower has, the basis it gets is square (HiGHS needs that)."""
    _, model = build(*bilateral)
    jobs = flow_parts(partition(model))
    shapes = same_shapes(model, jobs)
    pieces = solve_pieces(model, jobs, scale=objective_scale(model.cost))
    for group in shapes.groups:
        lead = pieces[group[0]]
        assert lead.col_status is not None
        assert lead.row_status is not None
        for j in group[1:]:
            cols, rows = shapes.carry(group[0], j, lead.col_status, lead.row_status)
            assert (len(cols), len(rows)) == (len(jobs[j][0]), len(jobs[j][1]))
            assert sum(s.name == "kBasic" for s in cols + rows) == len(rows)


@given(
    st.integers(min_value=1, max_value=3).flatmap(
        lambda n_attrs: st.tuples(
            st.integers(min_value=1, max_value=40).flatmap(
                lambda size: st.lists(
                    arrays(
                        np.int64,
                        size,
                        elements=st.sampled_from([-1, 0, 1, 7, 2**40, 2**61, -(2**50)]),
                    ),
                    min_size=n_attrs,
                    max_size=n_attrs,
                )
            )
        )
    )
)
def test_tuple_numbers_are_equal_exactly_when_the_tuples_are(
    drawn: tuple[list[np.ndarray],],
) -> None:
    """Small ranges are numbered by position, huge ones densely: either way, one to one."""
    (attrs,) = drawn
    size = len(attrs[0])
    numbers = _tuple_numbers(attrs, size)
    tuples = list(zip(*(a.tolist() for a in attrs), strict=True))
    for i in range(size):
        for j in range(size):
            assert (numbers[i] == numbers[j]) == (tuples[i] == tuples[j])

"""Demand is a value: read-only arrays, equality by content, checked fields, pickles."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from supplyline.domain import Demand
from supplyline.errors import ArgumentError


@st.composite
def demands(draw: st.DrawFn) -> Demand:
    """Small demands with any non-negative tonnes."""
    n_u, n_c, n_d = draw(st.integers(0, 3)), draw(st.integers(0, 3)), draw(st.integers(1, 5))
    tonnes = hnp.arrays(np.float64, (n_u, n_c, n_d), elements=st.floats(0, 1e6))
    return Demand(
        start_date=dt.date(2026, 1, 1),
        horizon_days=n_d,
        unit_ids=tuple(f"u{i}" for i in range(n_u)),
        commodity_ids=tuple(f"c{i}" for i in range(n_c)),
        consumption_t=draw(tonnes),
        buildup_t=draw(tonnes),
        arrival_day=draw(hnp.arrays(np.int64, (n_u,), elements=st.integers(0, n_d))),
    )


@given(demands())
def test_a_demand_equals_its_deep_copy_and_its_pickle(demand: Demand) -> None:
    """Equality compares the arrays' content (it raised numpy's 'truth value is ambiguous')."""
    assert demand == copy.deepcopy(demand)
    back = pickle.loads(pickle.dumps(demand))
    assert back == demand
    assert not back.consumption_t.flags.writeable  # numpy's pickles come back writable


@given(demands(), st.floats(0.5, 10))
def test_a_demand_differs_when_one_cell_does(demand: Demand, extra: float) -> None:
    """One cell more in the build-up makes another demand."""
    assume(demand.buildup_t.size > 0)
    changed = demand.buildup_t.copy()
    changed.flat[0] += extra
    assert dataclasses.replace(demand, buildup_t=changed) != demand


def test_a_demand_is_not_hashable() -> None:
    """As its docstring says: a hash would read every cell."""
    demand = _demand()
    with pytest.raises(TypeError, match="unhashable"):
        hash(demand)


def test_the_arrays_are_read_only_and_the_callers_stay_writable() -> None:
    """``d.consumption_t[:] = 0`` changed the next plan; the caller's array stays its own."""
    mine = np.ones((1, 1, 2))
    demand = _demand(consumption_t=mine)
    with pytest.raises(ValueError, match="read-only"):
        demand.consumption_t[:] = 0
    mine[:] = 5
    assert mine.flags.writeable
    assert demand.consumption_t.sum() == 2.0


def test_lists_and_int_arrays_are_taken_as_floats() -> None:
    """``dataclasses.replace(d, consumption_t=[...])`` failed with 'list' has no 'shape'."""
    demand = dataclasses.replace(_demand(), consumption_t=[[[1, 2]]])
    assert demand.consumption_t.dtype == np.float64
    assert demand == _demand(consumption_t=np.array([[[1.0, 2.0]]]))


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"consumption_t": np.ones((2, 1, 2))}, r"consumption_t has shape \(2, 1, 2\), expected"),
        ({"buildup_t": "lots"}, "buildup_t must be an array of numbers, not of <U4"),
        ({"consumption_t": [[[1, 2], [3]]]}, "consumption_t must be an array of numbers"),
        ({"arrival_day": [0.5]}, "arrival_day must be an array of whole numbers"),
        ({"arrival_day": [0, 1]}, "arrival_day has shape"),
        ({"unit_ids": "u"}, "unit_ids must be a list of str"),
        ({"horizon_days": 2.5}, "horizon_days"),
    ],
)
def test_a_wrong_field_is_an_argument_error_naming_it(change: dict[str, Any], says: str) -> None:
    """Wrong shapes and kinds are the project's ArgumentError, saying which field."""
    with pytest.raises(ArgumentError, match=says):
        dataclasses.replace(_demand(), **change)


def test_the_repr_is_short_and_says_what_it_is() -> None:
    """It counts units and commodities instead of printing the arrays."""
    assert repr(_demand()) == (
        "Demand(start_date=2026-01-01, horizon_days=2, 1 units, 1 commodities, total_t=2)"
    )


def _demand(**changes: Any) -> Demand:
    fields: dict[str, Any] = {
        "start_date": dt.date(2026, 1, 1),
        "horizon_days": 2,
        "unit_ids": ("u",),
        "commodity_ids": ("c",),
        "consumption_t": np.ones((1, 1, 2)),
        "buildup_t": np.zeros((1, 1, 2)),
        "arrival_day": np.zeros(1, dtype=np.int64),
    }
    return Demand(**(fields | changes))

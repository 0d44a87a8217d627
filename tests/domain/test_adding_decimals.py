"""A summary's parts are written to as many decimals as make them add up.

A routes summary said "5.0 t delivered, 5.0 t unserved" of a 10.1 t day: 5.05 t each,
rounded apart to one decimal.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain.rounding import adding_decimals

_TONNES = st.integers(min_value=0, max_value=10**9).map(lambda g: g / 10**6)
"""Tonnes to the gram, up to 1,000 t."""


@pytest.mark.parametrize(
    ("parts", "decimals"),
    [([5.05, 5.05], 2), ([10.0, 0.1], 1), ([9.96, 0.04], 2), ([0.0, 0.0], 1), ([1.0004], 1)],
)
def test_the_fewest_decimals_that_add_up(parts: list[float], decimals: int) -> None:
    """Hand-checked: 5.05 + 5.05 needs two; 10 + 0.1 one; 0.04 must not read 0.0."""
    assert adding_decimals(parts) == decimals


@given(st.lists(_TONNES, min_size=1, max_size=4))
def test_written_parts_add_up_to_their_total_written(parts: list[float]) -> None:
    """At the decimals chosen below the kilogram's three, the parts written add up."""
    k = adding_decimals(parts)
    assert 1 <= k <= 3
    if k < 3:
        written = sum(Decimal(f"{p:.{k}f}") for p in parts)
        assert written == Decimal(f"{sum(parts):.{k}f}")
        assert all(Decimal(f"{p:.{k}f}") != 0 for p in parts if p > 0)

"""A bottleneck's extra is the least round one: the ladder of round figures."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from supplyline.planning.resources import nice_below, nice_ceil


@given(st.floats(min_value=1e-6, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_no_round_figure_lies_between_one_and_the_rung_below_it(value: float) -> None:
    """``nice_below`` is the next round figure down: every figure between rounds up past it."""
    rung = nice_ceil(value)
    below = nice_below(rung)
    assert below < rung
    assert nice_ceil(below) == below
    assert nice_ceil(below + (rung - below) / 2) == rung
    assert nice_ceil(below * (1 + 1e-6)) == rung

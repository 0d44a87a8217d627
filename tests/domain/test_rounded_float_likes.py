"""Any real number rounds as the Python float it is, numpy's too.

``rounded`` built ``Decimal(repr(x))``, and numpy's ``repr`` is ``'np.float64(1.5)'``:
a tester's ``routes --day 12`` ended in ``decimal.InvalidOperation`` when a depot's
figures came from the road matrix. Anything that is not a real number is a bug, said as
a TypeError naming its type.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain.rounding import apportioned, rounded, summed_figures

FIGURES = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
DECIMALS = st.integers(min_value=0, max_value=6)


@given(FIGURES, DECIMALS)
def test_numpy_float64_rounds_as_the_float(value: float, decimals: int) -> None:
    """``np.float64(x)`` rounds to what ``x`` does."""
    assert rounded(np.float64(value), decimals) == rounded(value, decimals)


@given(FIGURES, DECIMALS)
def test_numpy_float32_rounds_as_the_float_it_is(value: float, decimals: int) -> None:
    """``np.float32(x)`` rounds to what the float of its value does."""
    single = np.float32(value)
    assert rounded(single, decimals) == rounded(float(single), decimals)


@given(st.integers(min_value=-(10**9), max_value=10**9), DECIMALS)
def test_an_int_rounds_as_its_float(value: int, decimals: int) -> None:
    """``3`` and ``np.int64(3)`` round to what ``3.0`` does: a whole number."""
    assert rounded(value, decimals) == rounded(float(value), decimals)
    assert rounded(np.int64(value), decimals) == rounded(float(value), decimals)
    assert rounded(value, decimals) == Decimal(value)


@given(st.lists(FIGURES, min_size=1, max_size=4), DECIMALS)
def test_summed_figures_of_numpy_parts_are_those_of_floats(parts: list[float], k: int) -> None:
    """Parts and total given as numpy's numbers read as the floats do, adding up alike."""
    total = sum(parts)
    as_numpy = [np.float64(p) for p in parts]
    assert summed_figures(as_numpy, np.float64(total), k) == summed_figures(parts, total, k)
    whole = rounded(total, k)
    assert apportioned(as_numpy, whole, k) == apportioned(parts, whole, k)


@pytest.mark.parametrize("value", ["1.5", Decimal("1.5"), None, True])
def test_a_figure_that_is_not_a_real_number_is_a_type_error(value: object) -> None:
    """A text, a Decimal, None or a bool given as a figure is a bug: its type is named."""
    with pytest.raises(TypeError, match=f"not {type(value).__name__}"):
        rounded(value, 1)  # type: ignore[arg-type]

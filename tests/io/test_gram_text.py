"""One spelling of a number in every result CSV: to the gram, plain decimals, no exponent.

Python's ``csv`` writes a float as its ``repr``: a tester's requirements files read
``2e-06`` and ``2.8e-05`` beside the plan's ``0.000002``.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from supplyline.io.csv_out import csv_cell
from supplyline.types import gram_text, to_gram

PLAIN_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]{0,5}[1-9])?")
"""An optional minus, whole digits without leading zeros, at most 6 decimals, none trailing."""

WIDE = st.one_of(
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
    st.floats(min_value=-1e-3, max_value=1e-3, allow_nan=False),  # grams and less
    st.integers(-(10**15), 10**15).map(lambda g: g / 1e6),  # whole grams
)


@given(WIDE)
@example(-0.0)
@example(-4e-7)
@example(5e-7)
@example(2e-6)
@example(1e15)
@example(-999_999_999.9999995)
def test_a_figure_is_plain_decimals_that_read_back_to_the_gram(value: float) -> None:
    """No exponent, no thousands separator, no ``-0``; it reads back as ``to_gram``."""
    text = gram_text(value)
    assert PLAIN_DECIMAL.fullmatch(text), text
    assert not re.fullmatch(r"-0(\.0*)?", text)
    assert float(text) == to_gram(value)
    assert Decimal(text) == Decimal(text).quantize(Decimal("0.000001"))  # to the gram


@pytest.mark.parametrize(
    ("value", "cell"),
    [(2e-06, "0.000002"), (2.8e-05, "0.000028"), (3.0, "3"), (-0.0, "0"), (float("nan"), "")],
)
def test_every_result_csv_cell_spells_a_float_so(value: float, cell: str) -> None:
    """``csv_cell``, which every result CSV goes through, gives ``gram_text``."""
    assert csv_cell(value) == cell

"""``parse_float`` answers a plain number in range before wording its hint, as it did after.

The hint (``a number from 0 to 1,000,000 t/day``) was worded for every cell, though only a
bad one shows it: 7,000 times in a 500-place corridor's load. The replaced code is kept
here as the reference: same value, or the same message, for any cell.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain.field_ranges import range_hint
from supplyline.io._cells import (
    BadValue,
    _number_from_text,
    _plain_float,
    parse_float,
    show,
)


def ref_parse_float(
    value: Any, *, lo: float = 0.0, hi: float, unit: str = "", above_lo: bool = False
) -> float:
    """The replaced ``parse_float``: the hint first, then the number."""
    hint = range_hint(lo, hi, unit, above_lo=above_lo)
    if isinstance(value, bool):
        raise BadValue(f"{str(value).lower()} is not a number ({hint})")
    if isinstance(value, float) and math.isnan(value):
        number = value
    elif isinstance(value, int | float):
        number = float(value) if abs(value) < 1e308 else (math.inf if value > 0 else -math.inf)
    elif isinstance(value, str):
        try:
            number = _plain_float(value)
        except ValueError:
            number = _number_from_text(value, hint)
    else:
        raise BadValue(f"{show(value)} is not a number ({hint})")
    if lo < number < hi or (number == hi) or (number == lo and not above_lo):
        return number + 0.0
    if math.isnan(number):
        raise BadValue(f"{show(value)} is not a number ({hint})")
    if number > hi:
        raise BadValue(f"{show(value)} is too large ({hint})")
    what = "negative" if number < 0 else ("zero" if number == 0 else "too small")
    raise BadValue(f"{show(value)} is {what} ({hint})")


def _outcome(parse: Any, value: Any, **bounds: Any) -> tuple[Any, str]:
    """The parsed value (with its sign, to tell -0.0) and ``""``, or the BadValue message."""
    try:
        got = parse(value, **bounds)
    except BadValue as bad:
        return None, str(bad)
    return (got, math.copysign(1.0, got)), ""


cells = st.one_of(
    st.floats().map(repr),
    st.floats().map(str),
    st.integers(-(10**7), 10**7).map(str),
    st.from_regex(r"\s*[-+]?[0-9_.,eE١８lt ]{0,8}\s*", fullmatch=True),
    st.sampled_from(["0", "-0", "-0.0", "0.0", "1e6", "1000000", "nan", "inf", "-inf", "1_0"]),
    st.text(max_size=6),
    st.floats(),
    st.integers(),
    st.booleans(),
    st.none(),
)


@settings(max_examples=500, deadline=None)
@given(
    cells,
    st.sampled_from([(0.0, 1e6), (-90.0, 90.0), (0.0, 168.0), (1.0, 40_000.0)]),
    st.sampled_from(["", "t/day", "degrees"]),
    st.booleans(),
)
def test_the_value_or_the_message_is_the_replaced_codes(
    value: Any, bounds: tuple[float, float], unit: str, above_lo: bool
) -> None:
    """Any cell, any range: the same number (and sign), or the same words."""
    lo, hi = bounds
    kw = {"lo": lo, "hi": hi, "unit": unit, "above_lo": above_lo}
    assert _outcome(parse_float, value, **kw) == _outcome(ref_parse_float, value, **kw)

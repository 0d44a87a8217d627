"""Parts of a table rounded to whole kilograms add up by row, by key and in all.

A relief truck of 8,000 kg (2,497.5 kg of food, 5,412.5 kg of water) was written
8.001 t beside its 8.0 t payload when each commodity was rounded across the loads.
"""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain.rounding import apportion_rows

KEYS = ("food", "water", "medical")
cells = st.floats(min_value=0, max_value=20_000, allow_nan=False).map(lambda x: round(x, 3))
tables = st.lists(st.dictionaries(st.sampled_from(KEYS), cells), max_size=12)


def _near(whole: int, exact: float) -> bool:
    """``whole`` is ``exact`` rounded down or up (to within float noise)."""
    return math.floor(exact + 1e-6) - 1e-9 <= whole + 1e-9 and whole <= math.ceil(exact - 1e-6)


@given(tables)
def test_rows_keys_and_the_whole_are_each_rounded_down_or_up(rows: list[dict[str, float]]) -> None:
    """Each part, row total and key total is its exact value rounded down or up; all add up."""
    out = apportion_rows(rows)
    assert [set(r) for r in out] == [set(r) for r in rows]
    assert sum(sum(r.values()) for r in out) == round(sum(sum(r.values()) for r in rows))
    for got, want in zip(out, rows, strict=True):
        assert all(_near(got[k], want[k]) for k in want)
        assert _near(sum(got.values()), sum(want.values()))
    for k in KEYS:
        assert _near(sum(r.get(k, 0) for r in out), sum(r.get(k, 0.0) for r in rows))


@given(tables, st.integers(0, 60_000))
def test_a_row_within_a_whole_bound_is_written_within_it(
    rows: list[dict[str, float]], bound: int
) -> None:
    """A row whose exact parts sum to at most a whole bound (a payload in kg) stays at most it."""
    out = apportion_rows(rows)
    for got, want in zip(out, rows, strict=True):
        if sum(want.values()) <= bound:
            assert sum(got.values()) <= bound


def test_the_testers_8_t_load_is_written_8_t() -> None:
    """2,497.5 kg of food, 5,412.5 of water and 90 of medical stores: 8,000 kg, not 8,001."""
    (row,) = apportion_rows([{"food": 2497.5, "water": 5412.5, "medical": 90.0}])
    assert sum(row.values()) == 8000

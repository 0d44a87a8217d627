"""The assembler numbers row keys exactly as ``np.unique`` would, only faster."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from supplyline.planning.model import _number


@given(st.lists(st.integers(min_value=-5, max_value=10**12), max_size=200))
def test_numbering_matches_numpy_unique(values: list[int]) -> None:
    """Dense, sparse and negative keys: the same distinct keys and positions as np.unique."""
    keys = np.array(values, dtype=np.int64)
    uniq, inverse = _number(keys)
    want_uniq, want_inverse = np.unique(keys, return_inverse=True)
    assert uniq.tolist() == want_uniq.tolist()
    assert inverse.tolist() == want_inverse.tolist()


@given(st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=300))
def test_dense_keys_are_numbered_like_numpy_unique(values: list[int]) -> None:
    """The linear-time path (small non-negative keys) agrees with sorting."""
    keys = np.array(values, dtype=np.int64)
    uniq, inverse = _number(keys)
    assert uniq.tolist() == np.unique(keys).tolist()
    assert np.array_equal(uniq[inverse], keys)

"""The assembler's row numbering and matrix layout against numpy's and scipy's own.

Rows are numbered as ``np.unique`` would, only faster; the matrix laid out column by
column is the one scipy converts from the same triplets.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from scipy.sparse import csc_matrix

from supplyline.domain import Demand, Scenario
from supplyline.planning import PlanParams
from supplyline.planning.assemble import build_model, prepare
from supplyline.planning.model import Assembler, FloatArray, IntArray, _number

KEYS = st.lists(st.integers(min_value=-5, max_value=10**12), max_size=200)


@given(st.lists(KEYS, min_size=1, max_size=4), st.integers(min_value=0, max_value=1000))
def test_numbering_matches_numpy_unique(parts: list[list[int]], first: int) -> None:
    """Dense, sparse and negative keys, in several arrays: np.unique's rows, from ``first``."""
    keys = [np.array(values, dtype=np.int64) for values in parts]
    uniq, rows = _number(keys, first=first)
    want_uniq, want_inverse = np.unique(np.concatenate(keys), return_inverse=True)
    assert uniq.tolist() == want_uniq.tolist()
    assert (
        np.concatenate([np.empty(0, np.int64), *rows]).tolist() == (want_inverse + first).tolist()
    )


@given(st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=300))
def test_dense_keys_are_numbered_like_numpy_unique(values: list[int]) -> None:
    """The linear-time path (small non-negative keys) agrees with sorting."""
    keys = np.array(values, dtype=np.int64)
    uniq, rows = _number([keys], first=0)
    assert uniq.tolist() == np.unique(keys).tolist()
    assert np.array_equal(uniq[next(rows)], keys)


ENTRY = st.tuples(
    st.sampled_from(["balance", "link"]),
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, 40)), max_size=12),
    st.sampled_from([1.0, -1.0, 2.5, 0.0]),
)


@given(st.lists(st.integers(1, 12), min_size=1, max_size=3), st.lists(ENTRY, max_size=8))
def test_matrix_matches_triplets(block_sizes: list[int], calls: list[tuple]) -> None:  # type: ignore[type-arg]
    """Entries placed column by column give scipy's matrix from the same triplets."""
    asm = Assembler()
    n_cols = 0
    for b, size in enumerate(block_sizes):
        asm.add_columns(f"block{b}", {"t": np.zeros(size, dtype=np.int64)}, cost=1.0)
        n_cols += size
    seen: set[tuple[str, int, int]] = set()
    triplets: dict[str, list[tuple[int, int, float]]] = {}
    for block, pairs, value in calls:
        by_col: dict[int, int] = {}
        for col, key in pairs:  # one entry per column per call, per (row, column) overall
            if col < n_cols and (block, key, col) not in seen:
                by_col.setdefault(col, key)
        cols = np.array(list(by_col), dtype=np.int64)
        keys = np.array(list(by_col.values()), dtype=np.int64)
        seen.update((block, int(k), int(c)) for k, c in zip(keys, cols, strict=True))
        asm.add_entries(block, keys, cols, value)
        if value != 0.0:
            triplets.setdefault(block, []).extend(
                (int(k), int(c), value) for k, c in zip(keys, cols, strict=True)
            )

    def decode(_: str, keys: IntArray) -> tuple[dict[str, IntArray], FloatArray, FloatArray]:
        return {"key": keys}, np.zeros(len(keys)), np.zeros(len(keys))

    model = asm.finish(decode)
    rows: list[int] = []
    entry_cols: list[int] = []
    vals: list[float] = []
    n_rows = 0
    for block in model.rows:  # the row blocks in the order they first received entries
        block_keys = np.array([k for k, _, _ in triplets[block]], dtype=np.int64)
        uniq, inverse = np.unique(block_keys, return_inverse=True)
        assert model.rows[block]["key"].tolist() == uniq.tolist()
        rows.extend((inverse + n_rows).tolist())
        entry_cols.extend(c for _, c, _ in triplets[block])
        vals.extend(v for _, _, v in triplets[block])
        n_rows += len(uniq)
    want = csc_matrix((vals, (rows, entry_cols)), shape=(n_rows, n_cols))
    assert model.matrix.shape == want.shape
    assert (model.matrix != want).nnz == 0
    assert model.matrix.nnz == want.nnz


def test_the_built_matrix_has_each_columns_rows_in_order(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """Rows ascend within every column, as in scipy's canonical layout.

    HiGHS pivots (and picks among tied optima) by that order: plans stay as they were.
    """
    model = build_model(prepare(*bilateral, PlanParams()))
    matrix = model.matrix
    starts = matrix.indptr[:-1].repeat(np.diff(matrix.indptr))
    after_first = np.arange(matrix.nnz) > starts  # every entry but a column's first
    steps = np.diff(matrix.indices.astype(np.int64), prepend=-1)
    assert (steps[after_first] > 0).all()

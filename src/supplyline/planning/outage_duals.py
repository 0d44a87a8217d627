"""A model with more columns, started from a plan: its basis carried over, its duals priced.

Opening a link on its outage days adds arc columns (and the rows only they enter) to the
model and changes nothing else, where no unit's arrival, and so no demand, moves with it.
The plan stays optimal in the larger model if every new column prices out: its reduced
cost under the plan's row duals (0 on the new rows) is not negative. Then re-planning
without the outage can gain nothing, and its solve is spared: on the bilateral example a
rail closure on C+20 took 1.5 s to re-plan for nothing, past the example's 5 s target.

Where some new column does price in, the re-plan starts from the plan's basis (the new
columns at 0, the new rows' slacks basic): a few dual simplex pivots, where a cold solve
of the staff planner's scenario took 1 to 2.5 s. Anything else that differs between the
models (a row's or a column's bounds or cost, a column of the plan's missing) and neither
holds: the caller solves cold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplyline.planning.model import Block, IntArray, LpModel

__all__ = ["Matched", "cannot_gain", "match_models"]

FloatArray = npt.NDArray[np.float64]

REDUCED_COST_TOL = 1e-7
"""A reduced cost counts as negative below this times the size of the terms that make it
(the column's cost and its rows' duals): HiGHS's own dual feasibility tolerance."""


def _keys(old: Block, new: Block) -> tuple[IntArray, IntArray] | None:
    """The entries of ``old`` and ``new`` as one integer each (their attributes combined).

    None where the blocks' attributes differ, or the combined keys would not fit an int64.
    """
    if set(old.attrs) != set(new.attrs):
        return None
    k_old = np.zeros(old.size, dtype=np.int64)
    k_new = np.zeros(new.size, dtype=np.int64)
    span = 1
    for name in sorted(old.attrs):
        a, b = old[name].astype(np.int64), new[name].astype(np.int64)
        low = min(int(a.min(initial=0)), int(b.min(initial=0)))  # -1: none (a supply's owner)
        a, b = a - low, b - low
        size = int(max(a.max(initial=0), b.max(initial=0))) + 1
        span *= size
        if span >= 2**62:
            return None
        k_old = k_old * size + a
        k_new = k_new * size + b
    return k_old, k_new


def _matched(
    old_blocks: dict[str, Block], new_blocks: dict[str, Block], n_new: int
) -> tuple[IntArray, int, int] | None:
    """For each of the new model's entries, the old one with the same key (-1: none).

    Returns the map, the old entries' count matched, and how many the old model had; None
    where an old block is missing or a key repeats.
    """
    at = np.full(n_new, -1, dtype=np.int64)
    matched = 0
    total = 0
    for name, old in old_blocks.items():
        total += old.size
        new = new_blocks.get(name)
        if new is None:
            if old.size:
                return None
            continue
        keys = _keys(old, new)
        if keys is None:
            return None
        k_old, k_new = keys
        order = np.argsort(k_old, kind="stable")
        sorted_old = k_old[order]
        if len(sorted_old) > 1 and (np.diff(sorted_old) == 0).any():
            return None
        pos = np.searchsorted(sorted_old, k_new)
        pos = np.minimum(pos, max(len(sorted_old) - 1, 0))
        hit = (sorted_old[pos] == k_new) if len(sorted_old) else np.zeros(new.size, dtype=bool)
        at[new.start + np.flatnonzero(hit)] = old.start + order[pos[hit]]
        matched += int(hit.sum())
    return at, matched, total


@dataclass(frozen=True, slots=True)
class Matched:
    """Each column and row of a larger model mapped to the same one of the plan's (-1: new)."""

    col_at: IntArray
    row_at: IntArray


def match_models(m: LpModel, m2: LpModel) -> Matched | None:
    """``m2``'s columns and rows mapped to ``m``'s by what each stands for.

    None unless ``m2`` holds every column and row of ``m`` with the same cost and bounds,
    its new rows allow 0 and hold none of the old columns: then ``m``'s plan, with 0 on
    the new columns, is a plan of ``m2``, and ``m``'s basis, with the new columns at 0 and
    the new rows' slacks basic, a basis of it to start from.
    """
    cols = _matched(dict(m.cols), dict(m2.cols), m2.num_cols)
    rows = _matched(dict(m.rows), dict(m2.rows), m2.num_rows)
    if cols is None or rows is None:
        return None
    col_at, col_hits, n_cols = cols
    row_at, row_hits, n_rows = rows
    if col_hits != n_cols or row_hits != n_rows:
        return None  # a column or row of the plan's model is not in the new one
    old_c, new_c = col_at[col_at >= 0], np.flatnonzero(col_at >= 0)
    old_r, new_r = row_at[row_at >= 0], np.flatnonzero(row_at >= 0)
    same = (
        np.array_equal(m.cost[old_c], m2.cost[new_c])
        and np.array_equal(m.col_lower[old_c], m2.col_lower[new_c])
        and np.array_equal(m.col_upper[old_c], m2.col_upper[new_c])
        and np.array_equal(m.row_lower[old_r], m2.row_lower[new_r])
        and np.array_equal(m.row_upper[old_r], m2.row_upper[new_r])
        and m.offset == m2.offset
    )
    if not same:
        return None
    fresh_r = np.flatnonzero(row_at < 0)
    fresh_c = np.flatnonzero(col_at < 0)
    if ((m2.row_lower[fresh_r] > 0) | (m2.row_upper[fresh_r] < 0)).any():
        return None  # a new row that 0 does not satisfy
    if (m2.col_lower[fresh_c] != 0).any():
        return None  # a new column that cannot start at 0, its lower bound
    if m2.matrix[:, new_c].tocsr()[fresh_r, :].nnz:
        return None  # a new row an old column enters: the plan may not satisfy it
    return Matched(col_at=col_at, row_at=row_at)


def cannot_gain(row_duals: FloatArray, m2: LpModel, matched: Matched) -> bool:
    """Whether the plan (``row_duals`` its duals) is proven optimal in ``m2`` too.

    The plan, with 0 on the new columns, is feasible in ``m2`` (:func:`match_models`);
    ``row_duals``, with 0 on the new rows, stay dual feasible if no new column's reduced
    cost is negative: ``m2`` can do no better.
    """
    fresh = np.flatnonzero(matched.col_at < 0)
    if not len(fresh):
        return True
    kept = matched.row_at >= 0
    y = np.zeros(m2.num_rows)
    y[kept] = row_duals[matched.row_at[kept]]
    a = m2.matrix[:, fresh]
    reduced = m2.cost[fresh] - a.T @ y
    size = np.abs(m2.cost[fresh]) + abs(a).T @ np.abs(y) + 1.0
    return bool((reduced >= -REDUCED_COST_TOL * size).all())

"""The LP in matrix form, with the index of what every column and row stands for.

The builder (:mod:`supplyline.planning.assemble`) emits columns in *blocks* (all arc flows,
all stocks, …) as numpy arrays, together with the matrix entries they put into row
blocks keyed by integers (a balance row is keyed by flow, location and day). The
:class:`Assembler` here numbers the rows that actually received an entry and produces
one CSC matrix: no Python loop over rows or columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csc_matrix

__all__ = ["Assembler", "Block", "LpModel", "Violation"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
NumberArray = npt.NDArray[np.floating[Any] | np.integer[Any]]
RowDecoder = Callable[[str, IntArray], tuple[Mapping[str, IntArray], FloatArray, FloatArray]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A run of columns (or rows) ``start .. start + size`` and what each one stands for.

    ``attrs`` holds one integer array per attribute (``f`` flow, ``v`` location, ``a`` arc,
    ``t`` day, ``u`` demand unit, ``k`` commodity), each of length ``size``.
    """

    name: str
    start: int
    size: int
    attrs: Mapping[str, IntArray]

    def __getitem__(self, attr: str) -> IntArray:
        return self.attrs[attr]

    @property
    def index(self) -> IntArray:
        """The column (or row) numbers of this block."""
        return np.arange(self.start, self.start + self.size, dtype=np.int64)


@dataclass(frozen=True, slots=True, kw_only=True)
class LpModel:
    """``min c·x + offset`` s.t. ``row_lower ≤ A x ≤ row_upper``, ``col_lower ≤ x ≤ col_upper``.

    Its ``repr`` gives its size and blocks, not its arrays (a dataclass's printed every
    one: megabytes for a large scenario).
    """

    cost: FloatArray
    col_lower: FloatArray
    col_upper: FloatArray
    row_lower: FloatArray
    row_upper: FloatArray
    matrix: csc_matrix
    offset: float
    cols: Mapping[str, Block]
    rows: Mapping[str, Block]

    def __repr__(self) -> str:
        return (
            f"LpModel({self.num_cols:,} columns, {self.num_rows:,} rows, "
            f"{self.num_nonzeros:,} nonzeros; column blocks {', '.join(self.cols)}; "
            f"row blocks {', '.join(self.rows)})"
        )

    @property
    def num_cols(self) -> int:
        """Number of columns (variables)."""
        return len(self.cost)

    @property
    def num_rows(self) -> int:
        """Number of rows (constraints)."""
        return len(self.row_lower)

    @property
    def num_nonzeros(self) -> int:
        """Number of stored matrix entries."""
        return int(self.matrix.nnz)


def _checked(value: FloatArray | float, size: int) -> FloatArray | float:
    """``value`` as a float, or a float array of ``size`` (checked)."""
    if np.ndim(value) == 0:
        return float(value)
    out: FloatArray = np.asarray(value, dtype=np.float64)
    if out.shape != (size,):
        raise ValueError(f"{out.shape} values for {size} columns")
    return out


def _joined(parts: Sequence[tuple[int, FloatArray | float]], size: int) -> FloatArray:
    """One array of ``size`` from the blocks' values in order, each ``(block size, values)``.

    A scalar fills its block's run in place: no array of it is made only to be copied.
    """
    out = np.empty(size)
    start = 0
    for n, value in parts:
        out[start : start + n] = value
        start += n
    return out


def _number(
    keys: Sequence[IntArray], first: int, dtype: type[np.signedinteger[Any]] = np.int64
) -> tuple[IntArray, Iterator[npt.NDArray[np.signedinteger[Any]]]]:
    """Sorted distinct keys of all arrays, and each array's keys as row numbers from ``first``.

    Row numbers come as ``dtype``: the matrix's index type, so that they go into its
    indices without a cast.

    Row keys are dense (flow × location × day and the like), so a marker array over
    their range numbers them in linear time; sorting, as ``np.unique`` does, was the
    largest part of the build. Sparse or negative keys fall back to sorting.
    """
    sizes = [len(k) for k in keys]
    total = sum(sizes)
    if total == 0:
        return np.empty(0, dtype=np.int64), (np.empty(0, dtype=np.int64) for _ in keys)
    low = min(int(k.min()) for k in keys if len(k))
    high = max(int(k.max()) for k in keys if len(k))
    if low < 0 or high > 8 * total + 1_000_000:
        uniq, inverse = np.unique(np.concatenate(keys), return_inverse=True)
        rows = np.split(inverse.astype(dtype) + first, np.cumsum(sizes)[:-1])
        return uniq, iter(rows)
    present = np.zeros(high + 1, dtype=bool)
    for k in keys:
        present[k] = True
    position = np.cumsum(present, dtype=dtype)
    position += first - 1
    return np.flatnonzero(present).astype(np.int64), (position[k] for k in keys)


def _index_type(largest: int) -> type[np.signedinteger[Any]]:
    """32-bit integers where they suffice (half the memory to fill), else 64-bit."""
    return np.int32 if largest < 2**31 - 1 else np.int64


@dataclass(slots=True)
class _Entries:
    """The entries one call of :meth:`Assembler.add_entries` put into a row block."""

    keys: IntArray
    cols: IntArray | slice
    """The columns, or a slice where they are consecutive and ascending (a whole block's
    columns, as most entries are): the matrix is then filled through the slice, not
    through the column numbers one by one, and no array of them is kept."""
    value: NumberArray | float


def _as_run(cols: IntArray) -> slice | None:
    """``cols`` as ``slice(first, last + 1)`` if they are ``first, first + 1, …, last``."""
    n = len(cols)
    if n == 0 or int(cols[-1]) - int(cols[0]) != n - 1:
        return None
    if n > 1 and not bool((np.diff(cols) == 1).all()):
        return None
    return slice(int(cols[0]), int(cols[0]) + n)


class Assembler:
    """Collects column blocks and their entries, then numbers rows and builds the matrix.

    Each (row, column) pair receives at most one entry, and no entry is zero: the builder's
    blocks guarantee it (an arc never ends where it starts), so the matrix is laid out
    column by column directly, without scipy's conversion from triplets and its search
    for duplicates.
    """

    def __init__(self) -> None:
        self._n_cols = 0
        self._cols: dict[str, Block] = {}
        self._cost: list[tuple[int, FloatArray | float]] = []
        self._upper: list[tuple[int, FloatArray | float]] = []
        self._parts: dict[str, list[_Entries]] = {}
        self.offset = 0.0

    def add_columns(
        self,
        name: str,
        attrs: Mapping[str, IntArray],
        *,
        cost: FloatArray | float,
        upper: FloatArray | float = np.inf,
    ) -> Block:
        """Append a block of columns (lower bound 0) and return it."""
        size = len(next(iter(attrs.values())))
        block = Block(name=name, start=self._n_cols, size=size, attrs=dict(attrs))
        self._cols[name] = block
        self._n_cols += size
        self._cost.append((size, _checked(cost, size)))
        self._upper.append((size, _checked(upper, size)))
        return block

    def add_entries(
        self, row_block: str, keys: IntArray, cols: IntArray, value: NumberArray | float
    ) -> None:
        """Add ``value`` at (row keyed ``keys`` in ``row_block``, column ``cols``).

        ``cols`` must be distinct within a call (each is one column's entry).
        """
        keys, cols = np.asarray(keys, dtype=np.int64), np.asarray(cols)
        if np.ndim(value) == 0:
            if float(value) == 0.0:
                return
        else:  # a zero is no entry
            value = np.asarray(value)  # any numbers: small integers (±1) take less memory
            nonzero = value != 0
            if not nonzero.all():
                keys, cols, value = keys[nonzero], cols[nonzero], value[nonzero]
        run = _as_run(cols)
        entries = _Entries(keys=keys, cols=cols if run is None else run, value=value)
        self._parts.setdefault(row_block, []).append(entries)

    def finish(self, decode: RowDecoder) -> LpModel:
        """Number the rows that received entries, block by block, and build the model.

        ``decode(name, keys)`` turns the sorted distinct keys of a row block into the
        rows' attributes and their lower and upper bounds.

        The entries go straight to their places in the CSC arrays (a counting sort by
        column, one call at a time): in a fresh process, first touches of new memory were
        most of the build, and triplet arrays plus scipy's conversion doubled it. For the
        same reason the assembler lets go of each row block's entries once they are placed
        (it is empty afterwards): what the model needs next reuses their memory.
        """
        n_cols = self._n_cols
        parts, self._parts = self._parts, {}
        nnz = sum(len(e.keys) for entries in parts.values() for e in entries)
        index_type = _index_type(max(n_cols, nnz))  # a row has an entry: rows ≤ entries
        indptr = np.zeros(n_cols + 1, dtype=index_type)
        per_col = indptr[1:]
        for entries in parts.values():
            for e in entries:
                per_col[e.cols] += 1
        np.cumsum(per_col, out=per_col)
        next_slot = indptr[:-1].copy()
        indices = np.empty(nnz, dtype=index_type)
        data = np.empty(nnz, dtype=np.float64)
        rows: dict[str, Block] = {}
        lower: list[FloatArray] = []
        upper: list[FloatArray] = []
        n_rows = 0
        for name in list(parts):
            entries = parts.pop(name)
            uniq, row_of = _number([e.keys for e in entries], first=n_rows, dtype=index_type)
            attrs, lo, up = decode(name, uniq)
            size = len(uniq)
            if any(len(v) != size for v in attrs.values()) or len(lo) != size:
                raise ValueError(f"row block {name}: attributes do not match its {size} rows")
            rows[name] = Block(name=name, start=n_rows, size=size, attrs=dict(attrs))
            for e, row in zip(entries, row_of, strict=True):
                slot = next_slot[e.cols]  # a view where the columns are a slice
                indices[slot] = row
                data[slot] = e.value
                slot += 1  # the columns of one call are distinct: no slot is taken twice
                if not isinstance(e.cols, slice):
                    next_slot[e.cols] = slot
            entries.clear()  # placed: their memory is free for what comes next
            lower.append(lo)
            upper.append(up)
            n_rows += size
        cost, upper_bounds = self._cost, self._upper
        self._cost, self._upper = [], []
        return LpModel(
            cost=_joined(cost, n_cols),
            col_lower=np.zeros(n_cols),
            col_upper=_joined(upper_bounds, n_cols),
            row_lower=np.concatenate(lower) if lower else np.empty(0),
            row_upper=np.concatenate(upper) if upper else np.empty(0),
            matrix=csc_matrix((data, indices, indptr), shape=(n_rows, n_cols)),
            offset=self.offset,
            cols=self._cols,
            rows=rows,
        )


@dataclass(frozen=True, slots=True)
class Violation:
    """How far a solution is off its model's rows and bounds, in their units (t or people).

    Nothing at a simplex vertex; interior point without crossover and PDLP stop within
    their tolerances, so a balance may be off by a kilogram on one day and the sums over
    the horizon by more (measured on the relief example with PDLP: 2.4 kg at most, 0.48 t
    summed over 2,694 rows).
    """

    largest: float = 0.0
    total: float = 0.0

    @classmethod
    def of(cls, model: LpModel, x: FloatArray) -> Violation:
        """Measured on ``x`` (for plans HiGHS did not make, such as the fallback's)."""
        activity = model.matrix @ x
        off = np.concatenate(
            [
                np.maximum(model.row_lower - activity, 0.0),
                np.maximum(activity - model.row_upper, 0.0),
                np.maximum(model.col_lower - x, 0.0),
                np.maximum(x - model.col_upper, 0.0),
            ]
        )
        return cls(largest=float(off.max(initial=0.0)), total=float(off.sum()))

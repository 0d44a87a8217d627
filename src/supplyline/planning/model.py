"""The LP in matrix form, with the index of what every column and row stands for.

The builder (:mod:`supplyline.planning.build`) emits columns in *blocks* (all arc flows,
all stocks, …) as numpy arrays, together with the matrix entries they put into row
blocks keyed by integers (a balance row is keyed by flow, location and day). The
:class:`Assembler` here numbers the rows that actually received an entry and produces
one CSC matrix: no Python loop over rows or columns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csc_matrix

__all__ = ["Assembler", "Block", "LpModel"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
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
    """``min c·x + offset`` s.t. ``row_lower ≤ A x ≤ row_upper``, ``col_lower ≤ x ≤ col_upper``."""

    cost: FloatArray
    col_lower: FloatArray
    col_upper: FloatArray
    row_lower: FloatArray
    row_upper: FloatArray
    matrix: csc_matrix
    offset: float
    cols: Mapping[str, Block]
    rows: Mapping[str, Block]

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


@dataclass(slots=True)
class _RowPart:
    keys: list[IntArray] = field(default_factory=list)
    cols: list[IntArray] = field(default_factory=list)
    vals: list[FloatArray] = field(default_factory=list)


def _filled(value: FloatArray | float, size: int) -> FloatArray:
    """``value`` as a float array of ``size`` (a scalar repeated, an array as it is)."""
    if np.ndim(value) == 0:
        return np.full(size, float(value))
    out: FloatArray = np.asarray(value, dtype=np.float64)
    if out.shape != (size,):
        raise ValueError(f"{out.shape} values for {size} columns")
    return out


def _number(keys: IntArray) -> tuple[IntArray, IntArray]:
    """Sorted distinct keys and each key's position among them (``np.unique``'s answer).

    Row keys are dense (flow × location × day and the like), so a marker array over
    their range numbers them in linear time; sorting, as ``np.unique`` does, was the
    largest part of the build. Sparse or negative keys fall back to sorting.
    """
    if len(keys) == 0:
        return keys.copy(), keys.copy()
    low, high = int(keys.min()), int(keys.max())
    if low < 0 or high > 8 * len(keys) + 1_000_000:
        uniq, inverse = np.unique(keys, return_inverse=True)
        return uniq, inverse.astype(np.int64)
    present = np.zeros(high + 1, dtype=bool)
    present[keys] = True
    position = np.cumsum(present, dtype=np.int64) - 1
    return np.flatnonzero(present).astype(np.int64), position[keys]


def _index_type(largest: int) -> type[np.signedinteger[Any]]:
    """32-bit integers where they suffice (half the memory to fill), else 64-bit."""
    return np.int32 if largest < 2**31 - 1 else np.int64


class Assembler:
    """Collects column blocks and their entries, then numbers rows and builds the matrix."""

    def __init__(self) -> None:
        self._n_cols = 0
        self._cols: dict[str, Block] = {}
        self._cost: list[FloatArray] = []
        self._upper: list[FloatArray] = []
        self._parts: dict[str, _RowPart] = {}
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
        self._cost.append(_filled(cost, size))
        self._upper.append(_filled(upper, size))
        return block

    def add_entries(
        self, row_block: str, keys: IntArray, cols: IntArray, value: FloatArray | float
    ) -> None:
        """Add ``value`` at (row keyed ``keys`` in ``row_block``, column ``cols``).

        Columns are kept as 32-bit integers while the model has fewer than 2^31 of them:
        in a fresh process most of the build's time went to first touches of new memory.
        """
        part = self._parts.setdefault(row_block, _RowPart())
        part.keys.append(np.asarray(keys, dtype=np.int64))
        part.cols.append(np.asarray(cols, dtype=_index_type(self._n_cols)))
        part.vals.append(np.broadcast_to(np.asarray(value, dtype=np.float64), len(keys)))

    def finish(self, decode: RowDecoder) -> LpModel:
        """Number the rows that received entries, block by block, and build the model.

        ``decode(name, keys)`` turns the sorted distinct keys of a row block into the
        rows' attributes and their lower and upper bounds.
        """
        rows: dict[str, Block] = {}
        lower: list[FloatArray] = []
        upper: list[FloatArray] = []
        n_cols = self._n_cols
        nnz = sum(len(k) for part in self._parts.values() for k in part.keys)
        index_type = _index_type(max(n_cols, nnz))  # a row has an entry: rows ≤ entries
        # one array each for the entries' rows, columns and values, filled in place: the
        # memory a fresh process has to touch for the first time is most of the build
        entry_rows = np.empty(nnz, dtype=index_type)
        entry_cols = np.empty(nnz, dtype=index_type)
        entry_vals = np.empty(nnz, dtype=np.float64)
        at = n_rows = 0
        for name, part in self._parts.items():
            uniq, row_of = _number(np.concatenate(part.keys))
            attrs, lo, up = decode(name, uniq)
            size = len(uniq)
            if any(len(v) != size for v in attrs.values()) or len(lo) != size:
                raise ValueError(f"row block {name}: attributes do not match its {size} rows")
            rows[name] = Block(name=name, start=n_rows, size=size, attrs=dict(attrs))
            end = at + len(row_of)
            np.add(row_of, n_rows, out=entry_rows[at:end], casting="unsafe")
            for cols, vals in zip(part.cols, part.vals, strict=True):
                entry_cols[at : at + len(cols)] = cols
                entry_vals[at : at + len(cols)] = vals
                at += len(cols)
            lower.append(lo)
            upper.append(up)
            n_rows += size
        # scipy's COO to CSC conversion (a counting sort in C) measured faster than laying
        # the entries out column by column with numpy (corridor-S: 1.7 against 2.4-2.6 ms)
        matrix = csc_matrix((entry_vals, (entry_rows, entry_cols)), shape=(n_rows, n_cols))
        matrix.sum_duplicates()
        matrix.eliminate_zeros()
        return LpModel(
            cost=np.concatenate(self._cost) if self._cost else np.empty(0),
            col_lower=np.zeros(n_cols),
            col_upper=np.concatenate(self._upper) if self._upper else np.empty(0),
            row_lower=np.concatenate(lower) if lower else np.empty(0),
            row_upper=np.concatenate(upper) if upper else np.empty(0),
            matrix=matrix,
            offset=self.offset,
            cols=self._cols,
            rows=rows,
        )

"""``requirements_daily.csv``: every non-zero unit × commodity × day, written in blocks.

Why not row by row through :func:`~supplyline.io.csv_out.write_csv`: a tester's
8.56 M daily rows took 1 min 50 s that way, nearly all of it spent making a dictionary
per row and formatting it cell by cell. Here a block of units at a time becomes one
matrix of bytes, a row per line: the text cells (ids, days, dates) are encoded once per
distinct value and the amounts are spelt digit by digit with numpy, each cell with a mask
of the bytes it uses; the masked bytes, read row after row, are the block's lines, written
with one call. Memory is bounded by the block, not by the table.

The bytes are those the row-by-row writer gives (a test compares them): the byte-order
mark, CR LF, text cells quoted as every result CSV quotes them
(:mod:`supplyline.io.csv_quoting`), and each amount as every
result CSV writes a float, :func:`~supplyline.types.gram_text`: for a whole number of
grams ``n`` below 10**15, the decimal ``n / 10**6`` without its trailing zeros (nor its
point, when whole), never with an exponent (``repr``, written before, gave ``2e-06``
below 0.0001 t, where the plan's files read ``0.000002``). Rounding: numpy's ``rint(x * 1e6)``
agrees with Python's ``round(x, 6)``, which rounds the exact value of ``x``, except where
the product, itself rounded, is exactly half a gram (701.2484515 t is a little less than
its decimal, but ``x * 1e6`` rounds to 701248451.5, which ``rint`` takes to even).
Rounding is monotone and a half-gram is a float below 2**52 grams, so a product short of
one cannot be carried past it: those products alone are in doubt. They, and larger or
non-finite amounts, are spelt by ``gram_text(x)`` itself.

Consumption and build-up add up to the total to the gram: the total and the consumption
are each rounded, and the build-up written is what is left of the total, in whole grams
(:func:`~supplyline.domain.rounding.gram_parts`; rounded alone, 2 of the bilateral
example's 23,669 rows were a gram off). The same rounding decides the grams here, with
the doubtful half-grams, and amounts beyond exact float grams, left to ``gram_parts``.
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from supplyline.domain import Demand
from supplyline.domain.rounding import gram_parts
from supplyline.io.csv_out import csv_cell
from supplyline.io.csv_quoting import csv_line, quoted_cell
from supplyline.types import GRAM_DECIMALS, day_label, iso_date

__all__ = ["DAILY_COLUMNS", "gram_texts", "write_daily_csv"]

FloatArray = npt.NDArray[np.float64]
Bytes = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.bool_]

DAILY_COLUMNS = (
    "unit",
    "commodity",
    "day",
    "label",
    "date",
    "consumption_t",
    "buildup_t",
    "total_t",
    "to_deliver_t",
)
"""The columns of ``requirements_daily.csv``, in order."""

BLOCK_CELLS = 100_000
"""Unit × commodity × day cells per block: some 75 MiB at the peak, whatever the table's size."""

_SCALE = 10.0**GRAM_DECIMALS
_INT_DIGITS = 9
"""Whole tonnes spelt by numpy: below 10**9 t, a gram count below 10**15."""
_SPELT_BELOW = 10.0 ** (_INT_DIGITS + GRAM_DECIMALS)
_GRAMS_PER_T = 10**GRAM_DECIMALS
_WIDTH = 1 + _INT_DIGITS + 1 + GRAM_DECIMALS
"""Sign, whole tonnes, point, decimals: the widest amount spelt by numpy."""


def _text_matrix(texts: Sequence[bytes]) -> tuple[Bytes, Mask]:
    """Texts as the rows of a byte matrix, with the mask of the bytes each one uses."""
    width = max(map(len, texts), default=0)
    chars = np.frombuffer(b"".join(t.ljust(width, b" ") for t in texts), dtype=np.uint8)
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    keep: Mask = np.arange(width) < lengths[:, None]
    return chars.reshape(len(texts), width), keep


def _constant(text: str, rows: int) -> tuple[Bytes, Mask]:
    chars = np.frombuffer(text.encode(), dtype=np.uint8)
    return np.broadcast_to(chars, (rows, chars.size)), np.ones((rows, chars.size), dtype=bool)


def _amounts(values: FloatArray) -> tuple[Bytes, Mask]:
    """Each amount as ``gram_text(v)``, a row of bytes each (see the module docstring)."""
    flat = np.ascontiguousarray(values, dtype=np.float64).reshape(-1)
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = flat * _SCALE
        grams = np.rint(scaled)
        half = scaled - np.floor(scaled) == 0.5  # maybe carried there: see the docstring
        size = np.abs(grams)
        own = (size < _SPELT_BELOW) & ~half
    count = np.where(own, size, 0).astype(np.int64)
    tonnes = (count // _GRAMS_PER_T).astype(np.uint32)
    grams_left = (count % _GRAMS_PER_T).astype(np.uint32)
    whole, grams_part = tonnes.copy(), grams_left.copy()
    n = flat.size
    chars = np.empty((n, _WIDTH), dtype=np.uint8)
    chars[:, 0] = ord("-")
    chars[:, _INT_DIGITS + 1] = ord(".")
    for column in range(_INT_DIGITS, 0, -1):  # whole tonnes, last digit first
        chars[:, column] = whole % 10 + ord("0")
        whole //= 10
    for column in range(_WIDTH - 1, _INT_DIGITS + 1, -1):  # then the decimals
        chars[:, column] = grams_part % 10 + ord("0")
        grams_part //= 10
    # whole digits from the first non-zero one (a units digit always: 0.5), decimals to
    # the last non-zero one, and the point only before one (3.0 is "3", as gram_text)
    whole_digits = 1 + sum((tonnes >= 10**k).astype(np.int8) for k in range(1, _INT_DIGITS))
    zeros = sum((grams_left % 10**k == 0).astype(np.int8) for k in range(1, GRAM_DECIMALS + 1))
    decimals = GRAM_DECIMALS - zeros
    keep = np.empty((n, _WIDTH), dtype=bool)
    keep[:, 0] = (grams < 0) & own
    keep[:, 1 : _INT_DIGITS + 1] = np.arange(_INT_DIGITS, 0, -1) <= whole_digits[:, None]
    keep[:, _INT_DIGITS + 1] = decimals > 0
    keep[:, _INT_DIGITS + 2 :] = np.arange(1, GRAM_DECIMALS + 1) <= decimals[:, None]
    others = np.flatnonzero(~own)
    if others.size:
        spelt, spelt_keep = _text_matrix(
            # as the row writer writes them: bare when finite, however many digits
            [quoted_cell(csv_cell(float(v))).encode() for v in flat[others].tolist()]
        )
        extra = max(0, spelt.shape[1] - chars.shape[1])
        chars = np.pad(chars, ((0, 0), (0, extra)), constant_values=ord(" "))
        keep = np.pad(keep, ((0, 0), (0, extra)))
        chars[others] = ord(" ")
        keep[others] = False
        chars[others, : spelt.shape[1]] = spelt
        keep[others, : spelt.shape[1]] = spelt_keep
    return chars, keep


def _buildup_left(used: FloatArray, taken: FloatArray) -> FloatArray:
    """What is left of the total to the gram once the consumption is: the build-up written.

    ``gram_parts(used, taken)[1]`` for each pair, in numpy where the grams are exact (the
    total and the consumption within :data:`_SPELT_BELOW` and not at a doubtful
    half-gram), by ``gram_parts`` itself elsewhere.
    """
    total = used + taken
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = np.stack([used, total]) * _SCALE
        grams = np.rint(scaled)
        exact = (np.abs(grams) < _SPELT_BELOW) & (scaled - np.floor(scaled) != 0.5)
    left: FloatArray = np.asarray((grams[1] - grams[0]) / _SCALE, dtype=np.float64)
    for i in np.flatnonzero(~exact.all(axis=0)).tolist():
        left[i] = gram_parts(float(used[i]), float(taken[i]))[1]
    return left


def gram_texts(values: FloatArray) -> list[str]:
    """``[quoted_cell(csv_cell(v)) for v in values]``: the cells ``requirements_daily.csv`` writes.

    Quoted only beyond 15 significant digits, which a spreadsheet would not keep.

    >>> gram_texts(np.array([6.299999999999998, -1e-9, 0.0078125, -42.0, 5e-5, 2e-6]))
    ['6.3', '0', '0.007812', '-42', '0.00005', '0.000002']
    """
    chars, keep = _amounts(np.asarray(values, dtype=np.float64))
    return [row[used].tobytes().decode() for row, used in zip(chars, keep, strict=True)]


def _csv_line(cells: Sequence[object]) -> str:
    """Cells as every result CSV writes them: the date bare, the ids quoted.

    :func:`~supplyline.io.csv_out.csv_cell`, then :func:`~supplyline.io.csv_quoting.csv_line`.
    """
    return csv_line([csv_cell(c) for c in cells])


def _unit_blocks(demand: Demand) -> list[tuple[int, int]]:
    n_u, n_c, n_d = demand.consumption_t.shape
    per_block = max(1, BLOCK_CELLS // max(1, n_c * n_d))
    return [(start, min(start + per_block, n_u)) for start in range(0, n_u, per_block)]


def write_daily_csv(
    path: Path,
    demand: Demand,
    deliver: FloatArray | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write ``requirements_daily.csv`` to ``path``; return the number of rows written.

    A row per non-zero unit × commodity × day, in unit, commodity, day order, amounts to
    the gram; ``to_deliver_t`` blank without ``deliver``. ``progress(units_done,
    units)`` is called after each block of units.

    >>> import datetime, tempfile
    >>> d = Demand(start_date=datetime.date(2025, 3, 1), horizon_days=2, unit_ids=("u",),
    ...            commodity_ids=("water",), consumption_t=np.array([[[0.0, 1.5]]]),
    ...            buildup_t=np.zeros((1, 1, 2)), arrival_day=np.array([1]))
    >>> with tempfile.TemporaryDirectory() as tmp:  # removed again, with the file
    ...     path = Path(tmp) / "daily.csv"
    ...     write_daily_csv(path, d), path.read_bytes().splitlines()[1]
    (1, b'"u","water",1,"C+1",2025-03-02,1.5,0,1.5,')
    """
    n_u, n_c, n_d = demand.consumption_t.shape
    days = _text_matrix(
        [
            _csv_line(
                [d, day_label(d), iso_date(demand.start_date + dt.timedelta(days=d)), ""]
            ).encode()  # '3,"C+3",2025-03-04,' with the comma before the amounts
            for d in range(n_d)
        ]
    )
    rows = 0
    with path.open("wb") as handle:
        handle.write(codecs.BOM_UTF8 + (",".join(DAILY_COLUMNS) + "\r\n").encode())
        for start, stop in _unit_blocks(demand):
            consumption = demand.consumption_t[start:stop]
            buildup = demand.buildup_t[start:stop]
            mask = (consumption != 0) | (buildup != 0)
            u_idx, c_idx, d_idx = np.nonzero(mask)
            count = u_idx.size
            leads = _text_matrix(
                [
                    _csv_line([unit, commodity, ""]).encode()  # '"u1","water",'
                    for unit in demand.unit_ids[start:stop]
                    for commodity in demand.commodity_ids
                ]
            )
            lead = u_idx * n_c + c_idx
            used, taken = consumption[mask], buildup[mask]
            comma, end = _constant(",", count), _constant("\r\n", count)
            parts = [
                (leads[0][lead], leads[1][lead]),
                (days[0][d_idx], days[1][d_idx]),
                _amounts(used),
                comma,
                _amounts(_buildup_left(used, taken)),
                comma,
                _amounts(used + taken),
                comma,
            ]
            if deliver is not None:
                parts.append(_amounts(deliver[start:stop][mask]))
            parts.append(end)
            chars = np.concatenate([p[0] for p in parts], axis=1)
            keep = np.concatenate([p[1] for p in parts], axis=1)
            handle.write(chars[keep].tobytes())
            rows += count
            if progress is not None:
                progress(stop, n_u)
    return rows

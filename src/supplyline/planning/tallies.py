"""Tonnes summed by index, always as floats.

``np.bincount`` with float weights gives int64 zeros when the index is empty, and taking
tonnes from those in place then fails: a tester's relief scenario, whose only short
place-days lay in no part of the supply's floor, ended ``plan`` and ``routes`` in a
casting error. Every sum of tonnes that later work adds to or takes from goes through
:func:`tonnes_by`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["tonnes_by"]

FloatArray = npt.NDArray[np.float64]


def tonnes_by(index: npt.NDArray[np.integer], weights: npt.ArrayLike, size: int) -> FloatArray:
    """``weights`` summed into ``size`` bins by ``index``: ``np.bincount``, but float64 always.

    >>> tonnes_by(np.array([], dtype=np.int64), np.array([]), 3)
    array([0., 0., 0.])
    >>> tonnes_by(np.array([0, 2, 0]), np.array([1.5, 2.0, 0.5]), 3)
    array([2., 0., 2.])
    """
    summed = np.bincount(index, weights=np.asarray(weights, dtype=np.float64), minlength=size)
    return np.asarray(summed, dtype=np.float64)

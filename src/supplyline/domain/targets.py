"""How a unit's days-of-supply target turns into build-up, day by day.

The target is ``days_of_supply`` days of the unit's mean consumption over the days ahead;
the build-up is its change: all of it on the day the unit starts to hold stock, then its
rise before a busier phase and its fall (at most what the unit eats that day: it cannot
hand stock back) before a quieter one. The requirements work it out from each unit's
required day; the planner again from the day a late unit can first be in place.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["buildup_from", "held_from", "mean_ahead"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def mean_ahead(x: FloatArray, dos: FloatArray) -> FloatArray:
    """``x[s, k, d]`` averaged over the ``ceil(dos[s])`` days from each day on.

    Fewer days near the horizon's end; as running sums.
    """
    n_s, n_k, n_d = x.shape
    cum = np.concatenate([np.zeros((n_s, n_k, 1)), np.cumsum(x, axis=2)], axis=2)
    day = np.arange(n_d)[None, :]
    span = np.minimum(np.ceil(dos).astype(np.int64)[:, None], n_d - day)  # [s, d], ≥ 1
    ahead = np.take_along_axis(cum, np.broadcast_to((day + span)[:, None, :], x.shape), 2)
    mean: FloatArray = (ahead - cum[:, :, :n_d]) / span[:, None, :]
    return mean


def buildup_from(consumption: FloatArray, dos: FloatArray, first_day: IntArray) -> FloatArray:
    """The build-up of units that eat ``consumption`` and hold ``dos`` days of it from a day.

    ``[unit, commodity, day]``, held from ``first_day`` on: the requirements' targets
    (worked out there from presence and activity) for a unit that arrives on another day
    than its required one.

    A unit required on C+4 that could be in place on C+6 only, with its activity falling
    on C+6, kept the 2 t food target its required day had led to (its target cannot fall
    faster than it eats from C+4), where a unit required on C+6 had none.

    >>> eaten = np.array([[[0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0]]])  # from C+3
    >>> buildup_from(eaten, np.array([2.0]), np.array([3]))[0, 0].tolist()
    [0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0]
    """
    target: FloatArray = dos[:, None, None] * mean_ahead(consumption, dos)
    return held_from(target, consumption, first_day)


def held_from(target: FloatArray, eaten: FloatArray, first_day: IntArray) -> FloatArray:
    """The build-up of ``target`` held from ``first_day`` on.

    Nothing before, all of it on that day, then its changes, falling no faster than
    ``eaten``.
    """
    target *= (np.arange(target.shape[2])[None, :] >= first_day[:, None])[:, None, :]
    return _changes(_falling_no_faster_than_eaten(target, eaten))


def _falling_no_faster_than_eaten(target: FloatArray, eaten: FloatArray) -> FloatArray:
    """``target`` that falls by at most what the unit eats each day.

    ``T'(d) = max(T(d), T'(d−1) − eaten(d))``. A unit cannot hand stock back: a tester's
    fuel target fell by 1.26 t into a quiet phase where the unit ate 0.63 t a day, and
    the day's requirement read −0.63 t. As running maxima of ``T + cumulative eaten``.
    """
    eaten_so_far = np.cumsum(eaten, axis=-1)
    kept: FloatArray = target + eaten_so_far
    np.maximum.accumulate(kept, axis=-1, out=kept)
    kept -= eaten_so_far
    return kept


def _changes(target: FloatArray) -> FloatArray:
    """Day-to-day changes of ``target`` along its last axis, the first day's from zero.

    A change within rounding of the running sums (a constant rate) is no change, so that
    a unit at a steady rate has its whole target on its arrival day and nothing after.
    """
    change: FloatArray = np.empty_like(target)
    change[..., 0] = target[..., 0]
    later, before = change[..., 1:], target[..., :-1]
    np.subtract(target[..., 1:], before, out=later)
    later[np.abs(later) <= 1e-9 * np.abs(before)] = 0.0
    return change

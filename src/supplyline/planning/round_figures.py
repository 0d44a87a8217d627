"""Round figures a planner would say: the ladder a bottleneck's extra capacity is offered on.

Split from :mod:`supplyline.planning.resources`: the measuring searches (``measure``,
``shortfall_extra``, ``roomless_stores``) bisect on this ladder, so that "+120 t/day" is
offered where 117.3 t/day would do, and never a figure above the one that was enough.
"""

from __future__ import annotations

import math

__all__ = ["nice_below", "nice_ceil", "nice_midpoint"]


def nice_ceil(value: float) -> float:
    """Round up to a figure a planner would say: whole from 1, two significant digits.

    Below 1 too: "+1 t/day" was offered where 0.2 t/day did as well, five times a
    tester's link.

    >>> nice_ceil(117.3), nice_ceil(3.2), nice_ceil(1234.0), nice_ceil(0.2), nice_ceil(0.0123)
    (120.0, 4.0, 1300.0, 0.2, 0.013)
    """
    if value <= 0:
        return 0.0
    step = 10 ** (math.floor(math.log10(value)) - 1)
    if value > 1:
        step = max(1.0, step)
    return float(round(math.ceil(value / step - 1e-9) * step, 12))


def nice_below(value: float) -> float:
    """The largest figure :func:`nice_ceil` can give that is below ``value`` (0 if none).

    The next rung down the ladder of round figures, where a bisection's midpoint rounds
    up onto the figure it came from: between 98 and 110 the midpoint 104 rounds to 110,
    and a tester's yard was offered +110 t/day where +100 did as well.

    >>> nice_below(110.0), nice_below(100.0), nice_below(1.0), nice_below(0.2), nice_below(2.0)
    (100.0, 99.0, 0.99, 0.19, 1.0)
    """
    under = value * (1 - 1e-9)
    if under <= 0:
        return 0.0
    step = 10 ** (math.floor(math.log10(under)) - 1)
    if under > 1:
        step = max(1.0, step)
    return nice_ceil(nice_ceil(under) - step)


def nice_midpoint(lo: float, hi: float) -> float | None:
    """The round figure a bisection between ``lo`` (too little) and ``hi`` tries next.

    The midpoint rounded up (:func:`nice_ceil`), or the rung below ``hi`` where it rounds
    up onto ``hi`` (:func:`nice_below`); None when no round figure is left above ``lo``:
    the search is over, and ``hi`` the least.

    >>> nice_midpoint(98.0, 110.0), nice_midpoint(99.0, 100.0), nice_midpoint(0.0, 8.0)
    (100.0, None, 4.0)
    """
    mid = nice_ceil((lo + hi) / 2)
    if mid >= hi:
        mid = nice_below(hi)
    return mid if mid > lo else None

"""Whole numbers that add up: amounts rounded (to the kilogram) so that their sum is kept.

Both the convoy router (splitting a delivery into truck-loads) and the route files
(writing every part of a day's routes to the kilogram) need it, and neither may import
the other, so it lives here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["apportion"]


def apportion(total: int, exact: Sequence[float]) -> list[int]:
    """Whole numbers near ``exact`` that add up to ``total`` (largest remainders).

    Each part is its exact value rounded down, and the parts with the largest remainders
    get one more until the sum is ``total`` (one less from the smallest, if the floors
    overshoot). With ``total`` the exact sum rounded, every part is its exact value
    rounded down or up: 13 truck-loads of 7.8447 t of a 101.981 t delivery are 7.844 and
    7.845 t in kilograms, adding up to 101.981, not 13 × 7.845 = 101.985.

    >>> parts = apportion(101_981, [101_981 / 13] * 13)
    >>> parts.count(7845), parts.count(7844), sum(parts), apportion(10, [3.4] * 3)
    (9, 4, 101981, [4, 3, 3])
    """
    if not exact:
        return []
    floors = [math.floor(x) for x in exact]
    left = total - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: floors[i] - exact[i])  # largest first
    step = 1 if left > 0 else -1
    if step < 0:
        order.reverse()
    for k in range(abs(left)):
        floors[order[k % len(order)]] += step
    return floors

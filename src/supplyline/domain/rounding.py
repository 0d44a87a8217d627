"""Whole numbers that add up: amounts rounded (to the kilogram) so that their sum is kept.

Both the convoy router (splitting a delivery into truck-loads) and the route files
(writing every part of a day's routes to the kilogram) need it, and neither may import
the other, so it lives here; and the requirements' writers, whose two parts and their
total are written side by side, each to the gram (:func:`gram_parts`); and the faces'
one-line summaries, whose parts are written to as many decimals as make them add up
(:func:`adding_decimals`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from supplyline.types import GRAM_DECIMALS, to_gram

__all__ = ["adding_decimals", "apportion", "gram_parts"]

GRAMS_PER_T = 10**GRAM_DECIMALS


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


def gram_parts(first: float, second: float) -> tuple[float, float, float]:
    """``first``, ``second`` and their sum to the gram, the two adding up to the third.

    The sum and ``first`` are each rounded to the gram (:func:`~supplyline.types.to_gram`)
    and ``second`` is what is left, in whole grams: rounded alone, two of the bilateral
    example's 23,669 daily requirements read 0.834322 + 0.602566 t of a 1.436887 t total.
    ``second`` is then within a gram of its own rounding. Exact as decimals below
    10**9 t; a NaN or an infinity is rounded alone.

    >>> from supplyline.types import to_gram
    >>> to_gram(0.8343216), to_gram(0.6025656), to_gram(0.8343216 + 0.6025656)
    (0.834322, 0.602566, 1.436887)
    >>> gram_parts(0.8343216, 0.6025656)
    (0.834322, 0.602565, 1.436887)
    """
    total = first + second
    if not (math.isfinite(first) and math.isfinite(total)):
        return to_gram(first), to_gram(second), to_gram(total)
    grams_total = round(to_gram(total) * GRAMS_PER_T)
    grams_first = round(to_gram(first) * GRAMS_PER_T)
    return to_gram(first), to_gram((grams_total - grams_first) / GRAMS_PER_T), to_gram(total)


def adding_decimals(parts: Sequence[float], least: int = 1, most: int = 3) -> int:
    """The fewest decimals, ``least`` to ``most``, at which ``parts`` add up as written.

    Each part written to that many decimals, their sum is their total written so, and
    no part above zero reads zero. A routes summary said "5.0 t delivered, 5.0 t
    unserved" of a 10.1 t day (5.05 t each). As a report table's columns of one quantity
    share one number of decimals (``Table.alike``), so do the figures of one sentence.

    >>> adding_decimals([5.05, 5.05]), adding_decimals([10.0, 0.1]), adding_decimals([9.96, 0.04])
    (2, 1, 2)
    """
    finite = [p for p in parts if math.isfinite(p)]
    for k in range(least, most + 1):
        written = [Decimal(f"{p:.{k}f}") for p in finite]
        if sum(written) == Decimal(f"{sum(finite):.{k}f}") and all(
            w != 0 or p == 0 for w, p in zip(written, finite, strict=True)
        ):
            return k
    return max(least, most)

"""Transit days a link's speed gives: the exact ceiling of its distance over its speed.

Counted on the decimals the file wrote, not on their binary floats, so that a whole
quotient is that many days (a float division gave a tester's 122.4 km at 40.8 km/day
4 days in transit, not 3).
"""

from __future__ import annotations

import math
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction

__all__ = ["days_said", "exact_ceil_ratio"]


def exact_ceil_ratio(
    numerator: float, denominator: float, written: tuple[str | None, str | None] = (None, None)
) -> int:
    """⌈numerator ÷ denominator⌉ of the two numbers as written, not of their binary floats.

    A float division rounds: a tester's 122.4 km at 40.8 km/day came out 3.0000000000000004
    and took 4 days in transit, not 3 (141 of a sweep's one-decimal pairs whose quotient
    is whole got a day more). ``written`` holds the cells' texts where known: past 17
    digits a float is no longer what the file said (``100.00000000000000001`` km at 100
    km/day is more than a day); without them, ``repr`` of a float is the shortest decimal
    that reads back as it, which is what a file of fewer digits said.

    >>> exact_ceil_ratio(122.4, 40.8), exact_ceil_ratio(4.2, 0.6), exact_ceil_ratio(10.0, 3.0)
    (3, 7, 4)
    >>> exact_ceil_ratio(100.0, 100.0, ("100.00000000000000001", "1e2"))
    2
    """
    pairs = zip((numerator, denominator), written, strict=True)
    top, bottom = (_as_written(value, text) for value, text in pairs)
    return math.ceil(top / bottom)


def _as_written(value: float, text: str | None) -> Fraction:
    """``value`` exactly as the cell ``text`` wrote it, if it is a plain decimal of it."""
    if text is not None:
        try:
            exact = Decimal(text.strip())
        except InvalidOperation:
            exact = None
        if exact is not None and exact.is_finite() and float(exact) == value:
            return Fraction(exact)
    return Fraction(repr(value))


def days_said(days: int) -> str:
    """450 days, 4.5e+14 days, or "forever" past what a float holds (a subnormal speed)."""
    if days > sys.float_info.max:
        return "forever"
    return f"{days:,} days" if days < 10**9 else f"{float(days):.2g} days"

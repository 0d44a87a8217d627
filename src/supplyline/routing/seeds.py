"""The router's seed: its range, the one rule that refuses one outside it, and derived seeds.

Why a module of its own: the CLI's ``--seed`` holds to the same range as ``RouterParams``
and the rule lives here, below both, without the routing problem's NumPy in every
command's start (as :mod:`supplyline.routing.search_stop`). ``RouterParams(seed=-1)`` was
taken, the plan solved, then PyVRP failed with a bare TypeError, while the CLI refused -1.
"""

from __future__ import annotations

from numbers import Integral

__all__ = ["MAX_SEED", "derived_seed", "seed_problem"]

MAX_SEED = 2**32 - 1
"""PyVRP's seed is an unsigned 32-bit number."""

SEED_RANGE = f"a whole number from 0 to {MAX_SEED:,}"
"""What a seed must be, in the words of the CLI's ``--seed`` and of ``RouterParams``."""


def seed_problem(seed: object) -> str | None:
    """What is wrong with ``seed`` as the router's seed, in words; None when it is right.

    >>> seed_problem(0), seed_problem(MAX_SEED), seed_problem(-1)
    (None, None, 'is out of range: give a seed, a whole number from 0 to 4,294,967,295')
    """
    if isinstance(seed, bool) or not isinstance(seed, Integral):
        return f"must be {SEED_RANGE}, not {type(seed).__name__}"
    if not 0 <= int(seed) <= MAX_SEED:
        return f"is out of range: give a seed, {SEED_RANGE}"
    return None


def derived_seed(seed: int, offset: int) -> int:
    """``seed + offset`` within the seed's range (wrapping round), for a search's other tries.

    A portfolio worker's ``seed + k * 7919`` went past the range from a seed near its top.

    >>> derived_seed(MAX_SEED, 1), derived_seed(7, 3)
    (0, 10)
    """
    return (seed + offset) % (MAX_SEED + 1)

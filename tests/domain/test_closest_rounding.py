"""Of the roundings of a table that add up, the plan's tables show the closest.

A tester's steppe plan read road 8,455 t and rail 2,617 t for 8,454.36 and 2,617.60 t
(total 11,422.41): both add up to 11,422, but 8,454 and 2,618 are each the nearest.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from supplyline.domain.circulation import cheapest_circulation
from supplyline.domain.rounding import apportioned, rounded, summed_within

GRAMS = st.integers(min_value=0, max_value=10**9)
DECIMALS = st.integers(min_value=0, max_value=3)
ROWS = st.lists(st.tuples(GRAMS, GRAMS), min_size=1, max_size=6)


def _columns(rows: list[tuple[int, int]]) -> tuple[list[float], list[float]]:
    """Parts and wholes in tonnes from grams of part and rest, each ending in its total."""
    part_g = [p for p, _ in rows]
    whole_g = [p + rest for p, rest in rows]
    return (
        [g / 10**6 for g in [*part_g, sum(part_g)]],
        [g / 10**6 for g in [*whole_g, sum(whole_g)]],
    )


def _distance(said: list[Decimal], exact: list[float]) -> Decimal:
    """How far the shown figures are from the exact ones, in all."""
    return sum((abs(s - Decimal(repr(e))) for s, e in zip(said, exact, strict=False)), Decimal(0))


def test_the_steppe_modes_read_each_to_its_nearest() -> None:
    """Road 8,454.36 reads 8,454 and rail 2,617.60 reads 2,618, adding up to 11,422."""
    parts, wholes = summed_within(
        [5550.0, 2600.0, 350.0, 8500.0], [8454.36, 2617.6, 350.45, 11422.41], 0
    )
    assert [str(d) for d in wholes] == ["8454", "2618", "350", "11422"]
    assert [str(d) for d in parts] == ["5550", "2600", "350", "8500"]


@given(ROWS, DECIMALS)
def test_nearest_rounding_is_kept_where_it_adds_up(
    rows: list[tuple[int, int]], decimals: int
) -> None:
    """Where every cell rounded to its nearest adds up to the totals, that is what shows."""
    parts, wholes = _columns(rows)
    near_p = [rounded(v, decimals) for v in parts]
    near_w = [rounded(v, decimals) for v in wholes]
    assume(sum(near_p[:-1]) == near_p[-1] and sum(near_w[:-1]) == near_w[-1])
    assert summed_within(parts, wholes, decimals) == (near_p, near_w)


@given(st.lists(GRAMS, min_size=1, max_size=8), DECIMALS)
def test_one_column_is_the_largest_remainders(grams: list[int], decimals: int) -> None:
    """With no part (nor with parts all of their wholes), wholes are largest remainders."""
    wholes = [g / 10**6 for g in [*grams, sum(grams)]]
    said = apportioned(wholes[:-1], rounded(wholes[-1], decimals), decimals)
    assert said is not None
    expected = [*said, rounded(wholes[-1], decimals)]
    assert summed_within([0.0] * len(wholes), wholes, decimals)[1] == expected
    assert summed_within(wholes, wholes, decimals) == (expected, expected)


@given(st.lists(st.tuples(GRAMS, GRAMS), min_size=1, max_size=3), DECIMALS)
def test_no_rounding_that_adds_up_is_closer(rows: list[tuple[int, int]], decimals: int) -> None:
    """No rounding of the parts and rests that adds up is closer to the exact figures.

    Every such rounding keeps each part within its whole, and all of it where it is.
    """
    parts, wholes = _columns(rows)
    said_p, said_w = summed_within(parts, wholes, decimals)
    best = _distance(said_p[:-1], parts) + _distance(said_w[:-1], wholes)
    step = Decimal(1).scaleb(-decimals)
    n = len(rows)
    low_p = [Decimal(repr(v)).quantize(step, rounding="ROUND_FLOOR") for v in parts[:n]]
    rests = [Decimal(repr(w)) - Decimal(repr(p)) for p, w in zip(parts, wholes, strict=False)]
    low_r = [r.quantize(step, rounding="ROUND_FLOOR") for r in rests[:n]]
    for ups in itertools.product((0, 1), repeat=2 * n):
        p = [low_p[i] + step * ups[i] for i in range(n)]
        w = [p[i] + low_r[i] + step * ups[n + i] for i in range(n)]
        if any(
            abs(x - Decimal(repr(e))) >= step
            for x, e in zip([*p, *w], [*parts[:n], *wholes[:n]], strict=True)
        ):
            continue  # not a rounding down or up of every shown cell
        if any(ups[n + i] and rests[i] == low_r[i] for i in range(n)):
            continue  # a part that is all of its whole reads all of it
        if sum(p) != said_p[-1] or sum(w) != said_w[-1]:
            continue
        assert best <= _distance(p, parts) + _distance(w, wholes)


def test_the_cheapest_circulation_takes_the_cheaper_way() -> None:
    """Three units over two ways: the cheap one (room for two) full, the dear one the rest."""
    edges = [(0, 1, 0, 2, 1), (0, 1, 0, 5, 4), (1, 0, 3, 3, 0)]
    assert cheapest_circulation(2, edges) == [2, 1, 3]


def test_a_negative_cost_edge_is_used_as_far_as_the_bounds_allow() -> None:
    """A way that pays to be used is used to its upper bound, within the circulation."""
    edges = [(0, 1, 0, 4, -3), (1, 0, 0, 3, 0)]
    assert cheapest_circulation(2, edges) == [3, 3]

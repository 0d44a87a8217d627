"""Totals read as they round alone, parts add up to them as read, few decimals.

Raising the decimals until each figure rounded alone added up, a synthetic corridor's plan
said "38,321.0396 t": the parts are rounded to add up to the rounded total instead
(largest remainders), each its exact value rounded down or up.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain.rounding import (
    rounded,
    said_delivery,
    summed_columns,
    summed_figures,
    summed_within,
)

GRAMS = st.integers(min_value=0, max_value=10**10)
DECIMALS = st.integers(min_value=0, max_value=3)


def _exact(grams: int) -> Decimal:
    return Decimal(grams) / 10**6


def _near(said: Decimal, grams: int, decimals: int) -> bool:
    """Whether ``said`` is the exact figure rounded down or up to ``decimals``."""
    return abs(said - _exact(grams)) < Decimal(1).scaleb(-decimals)


@given(st.lists(GRAMS, min_size=1, max_size=8), DECIMALS)
def test_parts_add_up_to_the_total_as_it_rounds_alone(grams: list[int], decimals: int) -> None:
    """The total reads as alone; the parts, each rounded down or up, add up to it."""
    parts = [g / 10**6 for g in grams]
    total = sum(grams) / 10**6
    *said, whole = summed_figures(parts, total, decimals)
    assert whole == rounded(total, decimals)
    assert sum(said) == whole
    assert all(_near(s, g, decimals) for s, g in zip(said, grams, strict=True))
    assert all(
        s == _exact(g) for s, g in zip(said, grams, strict=True) if g % 10 ** (6 - decimals) == 0
    )


@given(
    st.lists(st.tuples(GRAMS, GRAMS), min_size=1, max_size=7),
    DECIMALS,
)
def test_parts_within_wholes_add_up_and_stay_within(
    rows: list[tuple[int, int]], decimals: int
) -> None:
    """Both columns add up to totals as they round alone; no part reads above its whole."""
    part_g = [p for p, _ in rows]
    whole_g = [p + rest for p, rest in rows]
    parts = [g / 10**6 for g in [*part_g, sum(part_g)]]
    wholes = [g / 10**6 for g in [*whole_g, sum(whole_g)]]
    said_p, said_w = summed_within(parts, wholes, decimals)
    assert said_p[-1] == rounded(parts[-1], decimals)
    assert said_w[-1] == rounded(wholes[-1], decimals)
    assert sum(said_p[:-1]) == said_p[-1]
    assert sum(said_w[:-1]) == said_w[-1]
    for p, w, pg, wg in zip(said_p, said_w, part_g, whole_g, strict=False):
        assert p <= w
        assert _near(p, pg, decimals)
        assert _near(w, wg, decimals)
        if pg == wg:  # all of it reads all of it
            assert p == w


def test_a_corridor_total_reads_whole_beside_whole_parts() -> None:
    """Tonnes by mode of a synthetic corridor: whole, adding up, none off by a tonne."""
    tonnes = [32655.677657, 5452.079148, 150.191, 130.359704]
    total = 38388.307509
    said = summed_columns({"tonnes": [*tonnes, total]}, {"tonnes": 0})["tonnes"]
    assert [str(s) for s in said] == ["32656", "5452", "150", "130", "38388"]


@given(GRAMS, GRAMS, st.integers(min_value=1, max_value=10**9), DECIMALS)
def test_the_headline_adds_up_with_short_as_the_shortfall_table_says_it(
    delivered_g: int, short_g: int, unstocked_g: int, decimals: int
) -> None:
    """Short and to deliver read as they round alone; delivered and build-up fill the rest."""
    values = [g / 10**6 for g in (delivered_g, short_g, unstocked_g)]
    to_deliver = (delivered_g + short_g + unstocked_g) / 10**6
    delivered, short, unstocked, whole = said_delivery(*values, to_deliver, decimals)
    assert short == rounded(values[1], decimals)  # the shortfalls' "all" row, the card
    assert whole == rounded(to_deliver, decimals)
    assert delivered + short + unstocked == whole
    assert _near(delivered, delivered_g, decimals)
    assert _near(unstocked, unstocked_g, decimals)

"""A balance's receivable less its payable reads as its net, each figure rounded down or up.

A tester's balance read ``1,001`` receivable and ``200`` payable beside a net of ``800``
(1,000.60, 200.40 and 800.20, each rounded alone).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain.rounding import half_up, said_difference

CENTS = st.integers(min_value=0, max_value=10**18 - 1).map(lambda c: Decimal(c).scaleb(-2))
"""Amounts to the cent up to the ledger's largest (9,999,999,999,999,999.99)."""


def _down_or_up(said: Decimal, exact: Decimal) -> bool:
    return (
        exact.quantize(said, rounding=ROUND_FLOOR)
        <= said
        <= exact.quantize(said, rounding=ROUND_CEILING)
    )


def test_the_testers_balance_reads_as_a_difference() -> None:
    """1,000.60 less 200.40 is 800.20: read 1,000 less 200 is 800 (it read 1,001 less 200)."""
    assert said_difference(Decimal("1000.60"), Decimal("200.40"), (0, 0, 0)) == (
        Decimal(1000),
        Decimal(200),
        Decimal(800),
    )


@settings(deadline=None)  # a loaded machine is no failure
@given(CENTS, CENTS)
def test_whole_figures_always_differ_by_the_net_read_alone(first: Decimal, second: Decimal) -> None:
    """Shown whole, first less second is the net rounded alone; each its own down or up."""
    a, b, net = said_difference(first, second, (0, 0, 0))
    assert (a - b, net) == (net, half_up(first - second, 0))
    assert _down_or_up(a, first)
    assert _down_or_up(b, second)


@settings(deadline=None)  # a loaded machine is no failure
@given(CENTS, CENTS)
def test_figures_that_round_alone_to_a_difference_are_kept(first: Decimal, second: Decimal) -> None:
    """Where each rounded alone already reads as the net, nothing is moved."""
    alone = (half_up(first, 0), half_up(second, 0))
    a, b, net = said_difference(first, second, (0, 0, 0))
    if alone[0] - alone[1] == net:
        assert (a, b) == alone


def test_a_part_to_the_cent_stays_exact() -> None:
    """Below 100 a figure reads to the cent, exactly; the whole one takes the rounding."""
    assert said_difference(Decimal("150.50"), Decimal("20.25"), (0, 2, 0)) == (
        Decimal(150),
        Decimal("20.25"),
        Decimal(130),
    )

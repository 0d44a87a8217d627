"""A reach sentence built in pieces reads its tonnes to one count of decimals (README)."""

from __future__ import annotations

import pytest

from supplyline.routing.stranded_goods import _Figures


def test_a_sentences_figures_take_one_count_of_decimals() -> None:
    """'bring it 6 t' beside 'holds 2.50 t' read two rules: now '6.00' and '2.50'."""
    fig = _Figures()
    text = fig.said(f"bring it {fig(6.0)} t: D holds {fig(2.5)} t ({fig(3.5)} t short)")
    assert text == "bring it 6.00 t: D holds 2.50 t (3.50 t short)"


@pytest.mark.parametrize(
    ("less", "more", "expected"),
    [
        (1.0, 2.0, "holds 1 t, less than the 2 t"),
        (5.0, 5.004, "holds 5.000 t, less than the 5.004 t"),
        (287.2035, 287.2046, "holds 287.204 t, less than the 287.205 t"),
    ],
)
def test_a_less_than_pair_never_reads_equal(less: float, more: float, expected: str) -> None:
    """Where the sentence's decimals would read them alike, kilograms tell them apart."""
    fig = _Figures()
    a, b = fig.apart(less, more)
    assert fig.said(f"holds {a} t, less than the {b} t") == expected


def test_exactly_nothing_reads_0() -> None:
    """A figure that is 0 reads '0', whatever the sentence's decimals."""
    fig = _Figures()
    assert fig.said(f"{fig(0.0)} t of {fig(2.5)} t") == "0 t of 2.50 t"

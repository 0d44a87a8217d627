"""An agreement built in Python refuses what agreements.yaml and the ledger refuse, alike.

``Agreement(...)`` took two prices of fuel in EUR (``price_of`` then took whichever came
first; the ledger's import refused it in words of its own), and a price or ceiling finer
than the ledger keeps (``950.12345`` per tonne, ``10.001`` EUR), refused only by
``validate`` or the import.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import Agreement, Price
from supplyline.errors import ArgumentError


def _agreement(*prices: Price, **more: Decimal) -> Agreement:
    return Agreement(
        id="wm-os-1",
        name="MLSA",
        parties=("westmark", "ostravia"),
        valid_from=dt.date(2025, 1, 1),
        valid_to=dt.date(2025, 12, 31),
        commodities=frozenset({"fuel", "food"}),
        prices=prices,
        **more,
    )


def _fuel(per_t: str, currency: str = "EUR") -> Price:
    return Price(commodity="fuel", currency=currency, per_t=Decimal(per_t))


def test_two_prices_of_one_commodity_in_one_currency_are_refused() -> None:
    """Said as agreements.yaml says it at the price's line, after the agreement and field."""
    with pytest.raises(ArgumentError) as caught:
        _agreement(_fuel("1450.00"), _fuel("1500.00"))
    assert str(caught.value) == (
        "agreement 'wm-os-1': prices: price of 'fuel': a second price in EUR "
        "(one price per commodity and currency)"
    )


def test_replacing_the_prices_is_checked_too() -> None:
    """``dataclasses.replace`` cannot add a second EUR price of fuel either."""
    with pytest.raises(ArgumentError, match="a second price in EUR"):
        dataclasses.replace(_agreement(_fuel("1450.00")), prices=(_fuel("1"), _fuel("2")))


def test_one_price_per_currency_is_taken() -> None:
    """Fuel in EUR and in USD is one price per key: built, each kept."""
    agreement = _agreement(_fuel("1450.00"), _fuel("1600.00", "USD"))
    assert [p.currency for p in agreement.prices] == ["EUR", "USD"]


def test_a_price_finer_than_the_ledger_keeps_is_refused() -> None:
    """950.12345 per tonne: the words ``validate`` gave, now the price's own."""
    with pytest.raises(ArgumentError) as caught:
        _fuel("950.12345")
    assert str(caught.value) == ("price of 'fuel': 950.12345 has more decimal places than 0.0001")


@pytest.mark.parametrize("name", ["ceiling_per_order", "ceiling_total"])
def test_a_ceiling_below_the_cent_is_refused(name: str) -> None:
    """10.001 EUR: refused as it is built, naming the agreement and the field."""
    with pytest.raises(ArgumentError) as caught:
        _agreement(**{name: Decimal("10.001")})
    assert str(caught.value) == (
        f"agreement 'wm-os-1': {name}: 10.001 has more decimal places than 0.01"
    )


@given(
    amounts=st.lists(
        st.tuples(st.sampled_from(["fuel", "food"]), st.sampled_from(["EUR", "USD", "JPY"])),
        max_size=5,
    )
)
def test_an_agreement_is_built_exactly_when_each_key_is_priced_once(
    amounts: list[tuple[str, str]],
) -> None:
    """Any price list: built when no (commodity, currency) repeats, else refused."""
    prices = [Price(commodity=c, currency=cur, per_t=Decimal(1)) for c, cur in amounts]
    if len(set(amounts)) == len(amounts):
        assert _agreement(*prices).prices == tuple(prices)
    else:
        with pytest.raises(ArgumentError, match="one price per commodity and currency"):
            _agreement(*prices)


@given(
    digits=st.integers(min_value=0, max_value=10**12),
    places=st.integers(min_value=0, max_value=7),
)
def test_a_price_is_built_exactly_when_it_has_at_most_four_decimals(
    digits: int, places: int
) -> None:
    """Any per-tonne figure: kept as given to 0.0001, else refused in validate's words."""
    per_t = Decimal(digits).scaleb(-places)
    if per_t == per_t.quantize(Decimal("0.0001")):
        assert _fuel(str(per_t)).per_t == per_t
    else:
        with pytest.raises(ArgumentError, match=r"has more decimal places than 0\.0001$"):
            _fuel(str(per_t))

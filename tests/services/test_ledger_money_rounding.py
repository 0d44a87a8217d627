"""Money the ledger computes is rounded half up to the cent, and old ledgers still verify.

0.375 t at 3.80 was worth 1.42 (half to even) where an invoice says 1.43. The values
already stored are not recomputed: ``verify`` replays what the events recorded.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ledger_support import DEU, NLD

from supplyline.domain.amounts import round_money, value_of
from supplyline.services.ledger import Ledger
from supplyline.services.ledger import intake as intake_module

QUANTITIES = st.integers(min_value=0, max_value=10**12)  # in kilograms (0.001 t)
PRICES = st.integers(min_value=0, max_value=10**12)  # in 1/10,000 of the currency


def _half_up_cents(kilograms: int, price_units: int) -> int:
    """The oracle, in integers: the product is in units of 1e-7; a cent is 100,000 of them."""
    return (kilograms * price_units + 50_000) // 100_000


@given(QUANTITIES, PRICES)
def test_value_of_rounds_half_up_to_the_cent(kilograms: int, price_units: int) -> None:
    """For every quantity to the kg and price to 0.0001, the value is the half-up cents."""
    value = value_of(Decimal(kilograms).scaleb(-3), Decimal(price_units).scaleb(-4))
    assert value == Decimal(_half_up_cents(kilograms, price_units)).scaleb(-2)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_a_half_cent_rounds_away_from_zero(mills: int) -> None:
    """An amount to the mill that ends in 5 goes to the cent away from zero (-1.425 → -1.43)."""
    amount = Decimal(mills).scaleb(-3)
    cents = (abs(mills) + 5) // 10
    assert round_money(amount) == Decimal(cents if mills >= 0 else -cents).scaleb(-2)


@pytest.mark.parametrize(
    ("quantity", "price", "value"),
    [
        ("0.375", "3.80", "1.43"),
        ("0.125", "3.40", "0.43"),
        ("0.125", "3.80", "0.48"),
        ("1", "2.5", "2.50"),
    ],
)
def test_an_orders_value_and_default_bill_round_half_up(
    nld_deu: Ledger, quantity: str, price: str, value: str
) -> None:
    """A service order's value, and the bill that defaults to the value received, round up."""
    order = nld_deu.request(
        NLD, agreement_id="NLD-DEU-1", item="transport", quantity=Decimal(quantity),
        unit_price=Decimal(price),
    )  # fmt: skip
    nld_deu.accept(DEU, order.id)
    nld_deu.issue(DEU, order.id, Decimal(quantity))
    nld_deu.receive(NLD, order.id)
    billed = nld_deu.bill(DEU, order.id)
    assert (order.value, billed.billed_amount) == (Decimal(value), Decimal(value))


def test_a_ledger_valued_half_to_even_still_verifies(
    nld_deu: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An order stored as 1.42 (the old rounding) verifies: the events' value is replayed."""
    monkeypatch.setattr(
        intake_module,
        "round_money",
        lambda amount: amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN),
    )
    old = nld_deu.request(
        NLD, agreement_id="NLD-DEU-1", item="transport", quantity=Decimal("0.375"),
        unit_price=Decimal("3.80"),
    )  # fmt: skip
    monkeypatch.undo()
    nld_deu.accept(DEU, old.id)
    report = nld_deu.verify()
    assert (old.value, report.ok, nld_deu.order(NLD, old.id).value) == (
        Decimal("1.42"),
        True,
        Decimal("1.42"),
    )

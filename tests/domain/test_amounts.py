"""Records that hold money, prices or quantities refuse what the ledger could not store.

``Price(per_t=Decimal("1e30"))`` was taken, then failed in the database at the end of an
import (PostgreSQL) or was stored beyond its column (SQLite). The bound is the ledger's
columns' own (``domain.amounts``), so a record is refused when it is built.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import Agreement, Price, ReimbursementMode
from supplyline.domain.amounts import (
    AMOUNT_DIGITS,
    MONEY_DECIMALS,
    QUANTITY_DECIMALS,
    UNIT_PRICE_DECIMALS,
    amount_problem,
    check_amount,
    largest_amount,
)
from supplyline.errors import ArgumentError
from supplyline.services.ledger import (
    DraftOrder,
    ItemKind,
    LineKind,
    OrderLine,
    OrderRequest,
    OrderStatus,
    SupportOrder,
)

DECIMALS = [MONEY_DECIMALS, QUANTITY_DECIMALS, UNIT_PRICE_DECIMALS]
AT = dt.datetime(2025, 8, 1, tzinfo=dt.UTC)


def _agreement(**changes: Any) -> Agreement:
    fields: dict[str, Any] = {
        "id": "A",
        "name": "A",
        "parties": ("NLD", "DEU"),
        "valid_from": dt.date(2025, 1, 1),
        "valid_to": dt.date(2025, 12, 31),
        "commodities": frozenset({"fuel"}),
        **changes,
    }
    return Agreement(**fields)


def _order(**changes: Any) -> SupportOrder:
    zero = D(0)
    fields: dict[str, Any] = {
        "id": 1,
        "agreement_id": "A",
        "provider": "DEU",
        "receiver": "NLD",
        "item": "fuel",
        "item_kind": ItemKind.COMMODITY,
        "quantity": D("10"),
        "unit_price": D("950.50"),
        "currency": "EUR",
        "value": D("9505.00"),
        "mode": ReimbursementMode.CASH,
        "needed_on": dt.date(2025, 8, 1),
        "status": OrderStatus.REQUESTED,
        "version": 1,
        "issued_qty": zero,
        "received_qty": zero,
        "billed_amount": zero,
        "billed_qty": zero,
        "due_on": None,
        "settled_amount": zero,
        "settled_qty": zero,
        "requested_by": "jan",
        "note": "",
        "created_at": AT,
        "updated_at": AT,
        **changes,
    }
    return SupportOrder(**fields)


@pytest.mark.parametrize("decimals", DECIMALS)
def test_the_largest_amount_has_the_columns_digits(decimals: int) -> None:
    """18 digits in all, ``decimals`` of them after the point: NUMERIC(18, decimals)."""
    most = largest_amount(decimals)
    assert len(most.as_tuple().digits) == AMOUNT_DIGITS
    assert most.as_tuple().exponent == -decimals
    assert set(str(most).replace(".", "")) == {"9"}


@given(
    digits=st.integers(min_value=0, max_value=10**20),
    places=st.integers(0, 6),
    decimals=st.sampled_from(DECIMALS),
)
def test_check_amount_refuses_exactly_what_is_above_the_bound(
    digits: int, places: int, decimals: int
) -> None:
    """Above the bound (either sign) is an ArgumentError; anything up to it passes."""
    for value in (D(digits).scaleb(-places), -D(digits).scaleb(-places)):
        if abs(value) > largest_amount(decimals):
            with pytest.raises(ArgumentError, match="is above the largest the ledger stores"):
                check_amount(value, "x", decimals)
        else:
            check_amount(value, "x", decimals)
        too_fine = value != value.quantize(D(1).scaleb(-decimals))
        problem = amount_problem(value, decimals)
        assert (problem is None) == (abs(value) <= largest_amount(decimals) and not too_fine)


def test_a_price_above_the_bound_is_refused_when_built() -> None:
    """The largest unit price is taken; 1/100 of a cent more is not."""
    most = largest_amount(UNIT_PRICE_DECIMALS)
    assert Price(commodity="fuel", currency="EUR", per_t=most).per_t == most
    with pytest.raises(ArgumentError) as caught:
        Price(commodity="fuel", currency="EUR", per_t=most + D("0.0001"))
    assert str(caught.value) == (
        "price per_t(=100000000000000.0000) is above the largest the ledger stores "
        "(99,999,999,999,999.9999)"
    )


def test_a_price_as_text_or_int_is_bounded_too() -> None:
    """The forms check_fields takes (text, an int) meet the same bound."""
    with pytest.raises(ArgumentError, match="above the largest"):
        Price(commodity="fuel", currency="EUR", per_t="1e20")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="above the largest"):
        Price(commodity="fuel", currency="EUR", per_t=10**15)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["ceiling_per_order", "ceiling_total"])
def test_an_agreements_ceilings_are_bounded(name: str) -> None:
    """A ceiling is money: up to 9,999,999,999,999,999.99."""
    most = largest_amount(MONEY_DECIMALS)
    assert getattr(_agreement(**{name: most}), name) == most
    with pytest.raises(ArgumentError, match=rf"^{name}\(=1E\+16\) is above the largest"):
        _agreement(**{name: D("1e16")})


def test_an_agreements_currency_is_three_letters() -> None:
    """A currency of "EURO" was taken, then refused by PostgreSQL's three-character column."""
    with pytest.raises(ArgumentError, match="must be a 3-letter ISO 4217 code"):
        _agreement(currency="EURO")


@pytest.mark.parametrize(
    ("name", "decimals"),
    [
        ("quantity", QUANTITY_DECIMALS),
        ("received_qty", QUANTITY_DECIMALS),
        ("unit_price", UNIT_PRICE_DECIMALS),
        ("value", MONEY_DECIMALS),
        ("billed_amount", MONEY_DECIMALS),
        ("settled_amount", MONEY_DECIMALS),
    ],
)
def test_a_support_order_is_bounded_as_its_columns(name: str, decimals: int) -> None:
    """Each of an order's amounts meets its own column's bound."""
    most = largest_amount(decimals)
    assert getattr(_order(**{name: most}), name) == most
    with pytest.raises(ArgumentError, match=rf"^{name}\(=.*\) is above the largest"):
        _order(**{name: most * 10})


def test_an_order_line_is_bounded() -> None:
    """A line's quantity and amount: as the order's."""
    line = {"id": 1, "kind": LineKind.BILL, "at": AT, "partner": "DEU", "user": "hans"}
    with pytest.raises(ArgumentError, match="amount"):
        OrderLine(**line, amount=D("1e16"))
    with pytest.raises(ArgumentError, match="quantity"):
        OrderLine(**line, quantity=D("1e15"))
    assert OrderLine(**line, amount=largest_amount(MONEY_DECIMALS)).amount is not None


def test_a_draft_and_a_request_are_bounded() -> None:
    """What a plan drafts and what a script requests: refused when built, not at the ledger."""
    draft: dict[str, Any] = {
        "provider": "DEU",
        "receiver": "NLD",
        "item": "fuel",
        "quantity": D("1"),
        "needed_on": dt.date(2025, 8, 1),
        "agreement_id": "A",
        "units": ("nl-bn",),
        "first_day": 0,
        "last_day": 0,
    }
    with pytest.raises(ArgumentError, match="value"):
        DraftOrder(**draft, value=D("1e16"))
    with pytest.raises(ArgumentError, match="quantity"):
        OrderRequest(agreement_id="A", item="fuel", quantity=D("1e15"))
    with pytest.raises(ArgumentError, match="unit_price"):
        OrderRequest(agreement_id="A", item="transport", quantity=D("1"), unit_price=D("1e14"))
    assert OrderRequest(agreement_id="A", item="fuel", quantity="40").quantity == D("40")  # type: ignore[arg-type]


_LINE: dict[str, Any] = {"id": 1, "kind": LineKind.BILL, "at": AT, "partner": "DEU", "user": "h"}
_DRAFT: dict[str, Any] = {
    "provider": "DEU",
    "receiver": "NLD",
    "item": "fuel",
    "quantity": D("1"),
    "needed_on": dt.date(2025, 8, 1),
    "agreement_id": "A",
    "units": ("nl-bn",),
    "first_day": 0,
    "last_day": 0,
}
_BUILDERS: dict[str, Any] = {
    "OrderLine.amount": lambda v: OrderLine(**_LINE, amount=v),
    "OrderLine.quantity": lambda v: OrderLine(**_LINE, quantity=v),
    "DraftOrder.quantity": lambda v: DraftOrder(**{**_DRAFT, "quantity": v}),
    "DraftOrder.value": lambda v: DraftOrder(**_DRAFT, value=v),
    "SupportOrder.value": lambda v: _order(value=v),
    "SupportOrder.quantity": lambda v: _order(quantity=v),
    "OrderRequest.quantity": lambda v: OrderRequest(agreement_id="A", item="fuel", quantity=v),
}


@pytest.mark.parametrize("where", sorted(_BUILDERS))
@pytest.mark.parametrize("value", [1e30, "1e30", 10**20])
def test_a_huge_amount_of_any_form_is_refused_naming_the_field(where: str, value: Any) -> None:
    """A float, text or int beyond the bound: ArgumentError naming the field, not AttributeError.

    ``OrderLine(amount=1e30)``, ``DraftOrder(quantity=1e30)`` and ``SupportOrder(value=1e30)``
    failed with 'float' object has no attribute 'is_finite'.
    """
    field = where.split(".")[1]
    with pytest.raises(ArgumentError, match=rf"^{field}\(=.*\) is above the largest"):
        _BUILDERS[where](value)


@pytest.mark.parametrize("where", sorted(_BUILDERS))
@pytest.mark.parametrize(("value", "taken"), [(1.5, D("1.5")), ("2.25", D("2.25")), (3, D(3))])
def test_every_record_takes_an_amount_as_a_decimal(where: str, value: Any, taken: D) -> None:
    """The records that hold amounts convert as Price, Agreement and OrderRequest do."""
    record = _BUILDERS[where](value)
    held = getattr(record, where.split(".")[1])
    assert (type(held), held) == (D, taken)


@pytest.mark.parametrize("where", sorted(_BUILDERS))
def test_a_record_refuses_what_is_not_an_amount(where: str) -> None:
    """Not a number at all (a list): ArgumentError naming the field."""
    field = where.split(".")[1]
    with pytest.raises(ArgumentError, match=rf"^{field}\(=\[1\]\) must be an exact amount"):
        _BUILDERS[where]([1])

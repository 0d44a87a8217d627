"""The ledger's arguments: a typed ArgumentError naming the argument, before any transaction.

An API tester's round (2026-11-29): ``Actor(partner="")`` raised a plain ValueError,
``request(quantity=40)`` and ``request(mode="cash")`` an AttributeError, a date as text
and ``order(actor, "x")`` a bare TypeError, ``open_ledger(123)`` an AttributeError, and
``accept(..., expected_version="1")`` a ConflictError saying "at version 1, you expected 1".
The forms a script naturally has are taken: an int, a float or text for an amount, an
enum's value, a numpy integer for an id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from ledger_support import DEU, NLD, make_agreement

from supplyline.domain import ReimbursementMode
from supplyline.errors import ArgumentError, SupplylineError
from supplyline.services.ledger import Actor, Ledger, OrderStatus, open_ledger

AGREEMENT = "NLD-DEU-1"
Call = Callable[[Ledger], object]


def _args() -> dict[str, Any]:
    return {"agreement_id": AGREEMENT, "item": "fuel", "quantity": Decimal(4)}


def _request(**changes: Any) -> Call:
    args = {**_args(), **changes}
    return lambda ledger: ledger.request(NLD, **args)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: Actor(partner="", user="x"), id="empty-partner"),
        pytest.param(lambda: Actor(partner="NLD", user=" "), id="blank-user"),
        pytest.param(lambda: Actor(partner=None, user="x"), id="partner-None"),
        pytest.param(lambda: open_ledger(123), id="ledger-url-int"),
        pytest.param(lambda: Actor(partner="a,b", user="x"), id="partner-not-an-id"),
        pytest.param(lambda: Actor(partner=" NLD ", user="x"), id="partner-spaces"),
        pytest.param(lambda: Actor(partner="NLD", user="u\x00"), id="user-control-char"),
        pytest.param(lambda: Actor(partner="NLD", user="u\n"), id="user-line-break"),
        pytest.param(lambda: Actor(partner="NLD", user="u" * 101), id="user-past-its-column"),
    ],
)
def test_an_actor_or_url_of_the_wrong_kind_is_an_argument_error(make: Callable[[], Any]) -> None:
    with pytest.raises(ArgumentError) as caught:
        make()
    assert isinstance(caught.value, SupplylineError)


@pytest.mark.parametrize(
    ("call", "named"),
    [
        pytest.param(_request(quantity="forty"), "quantity", id="quantity-text"),
        pytest.param(_request(quantity=None), "quantity", id="quantity-None"),
        pytest.param(_request(quantity=True), "quantity", id="quantity-bool"),
        pytest.param(_request(mode="barter"), "mode", id="mode-bogus"),
        pytest.param(_request(needed_on="2025-13-01"), "needed_on", id="date-text-impossible"),
        pytest.param(_request(needed_on=dt.datetime(2025, 8, 1, 10)), "needed_on", id="datetime"),
        pytest.param(_request(unit_price=[1]), "unit_price", id="price-list"),
        pytest.param(_request(agreement_id=None), "agreement_id", id="agreement-None"),
        pytest.param(_request(note=5), "note", id="note-int"),
        pytest.param(lambda ledger: ledger.request(None, **_args()), "actor", id="actor-None"),
        pytest.param(lambda ledger: ledger.add_agreement(NLD, AGREEMENT), "agreement", id="id"),
        pytest.param(lambda ledger: ledger.agreements(None), "actor", id="agreements-None"),
        pytest.param(lambda ledger: ledger.orders(None), "actor", id="orders-None"),
        pytest.param(lambda ledger: ledger.orders(NLD, status="bogus"), "status", id="status"),
        pytest.param(lambda ledger: ledger.balances(NLD, counterparty=5), "counterparty", id="cp"),
        pytest.param(lambda ledger: ledger.order(NLD, "x"), "order_id", id="order-id-text"),
        pytest.param(lambda ledger: ledger.order(NLD, 1.0), "order_id", id="order-id-float"),
        pytest.param(lambda ledger: ledger.accept(DEU, "1"), "order_id", id="accept-id-text"),
        pytest.param(
            lambda ledger: ledger.accept(DEU, 1, expected_version="1"),
            "expected_version",
            id="version-text",
        ),
        pytest.param(lambda ledger: ledger.issue(DEU, 1, [4]), "quantity", id="issue-list"),
        pytest.param(
            lambda ledger: ledger.receive(NLD, 1, condition="wet"), "condition", id="cond"
        ),
        pytest.param(lambda ledger: ledger.bill(DEU, 1, due_on="soon"), "due_on", id="due-text"),
        pytest.param(lambda ledger: ledger.settle(NLD, 1, amount="lots"), "amount", id="settle"),
        pytest.param(
            lambda ledger: ledger.cancel(NLD, 1, idempotency_key=7), "idempotency_key", id="key"
        ),
        pytest.param(
            lambda ledger: ledger.cancel(NLD, 1, idempotency_key=""), "idempotency_key", id="key-''"
        ),
        pytest.param(
            lambda ledger: ledger.request(NLD, **_args(), idempotency_key="k" * 201),
            r"idempotency_key\(='k+…'\) is 201 characters long: an idempotency key is 1 to 200",
            id="key-201",
        ),
        pytest.param(lambda ledger: ledger.balances(None), "actor", id="balances-None"),
        pytest.param(lambda ledger: ledger.statement(None), "actor", id="statement-None"),
        pytest.param(lambda ledger: ledger.orders(NLD, with_lines="no"), "with_lines", id="flag"),
    ],
)
def test_a_wrong_argument_is_named_before_anything_is_written(
    nld_deu: Ledger, call: Call, named: str
) -> None:
    nld_deu.request(NLD, **_args())  # order 1, requested
    before = len(nld_deu.events(NLD))
    with pytest.raises(ArgumentError, match=named):
        call(nld_deu)
    assert len(nld_deu.events(NLD)) == before
    assert [o.status for o in nld_deu.orders(NLD)] == [OrderStatus.REQUESTED]


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (40, Decimal(40)),
        (40.5, Decimal("40.5")),
        ("40", Decimal(40)),
        (np.float64(4), Decimal(4)),
        (np.int32(7), Decimal(7)),
    ],
)
def test_an_amount_is_taken_from_an_int_a_float_or_text(
    nld_deu: Ledger, quantity: object, expected: Decimal
) -> None:
    order = nld_deu.request(NLD, agreement_id=AGREEMENT, item="fuel", quantity=quantity)  # type: ignore[arg-type]
    assert order.quantity == expected


def test_a_mode_is_taken_from_its_value_and_an_id_from_a_numpy_integer(nld_deu: Ledger) -> None:
    order = nld_deu.request(NLD, **_args(), mode="replacement_in_kind")  # type: ignore[arg-type]
    assert order.mode is ReimbursementMode.REPLACEMENT_IN_KIND
    accepted = nld_deu.accept(DEU, np.int64(order.id), expected_version=np.int64(order.version))  # type: ignore[arg-type]
    assert accepted.status is OrderStatus.ACCEPTED
    assert nld_deu.order(NLD, np.int64(order.id)).id == order.id  # type: ignore[arg-type]
    assert [o.id for o in nld_deu.orders(NLD, status="accepted")] == [order.id]  # type: ignore[arg-type]
    assert nld_deu.verify().ok


def test_the_same_request_as_text_or_as_decimal_is_one_idempotent_request(
    nld_deu: Ledger,
) -> None:
    """The key's request is compared as taken: "4" and Decimal(4) are the same request."""
    first = nld_deu.request(NLD, **_args(), idempotency_key="k1")
    again = nld_deu.request(
        NLD,
        agreement_id=AGREEMENT,
        item="fuel",
        quantity="4",  # type: ignore[arg-type]
        idempotency_key="k1",
    )
    assert again.id == first.id
    assert len(nld_deu.orders(NLD)) == 1


_AG2 = make_agreement("NLD-DEU-2")


@pytest.mark.parametrize(
    ("agreements", "named"),
    [
        pytest.param([_AG2, None], r"agreements\[1\] must be an Agreement", id="list-with-None"),
        pytest.param([_AG2, "NLD-DEU-3"], r"agreements\[1\]", id="list-with-an-id"),
        pytest.param(_AG2, "agreements must be a list", id="one-agreement"),
        pytest.param(None, "agreements must be a list", id="None"),
        pytest.param("NLD-DEU-2", "agreements must be a list", id="text"),
    ],
)
def test_an_import_is_checked_whole_before_any_agreement_is_stored(
    nld_deu: Ledger, agreements: object, named: str
) -> None:
    """A tester's ``[agreement, None]`` stored the agreement, then failed (half an import)."""
    before = len(nld_deu.events(NLD))
    with pytest.raises(ArgumentError, match=named):
        nld_deu.import_agreements(NLD, agreements)  # type: ignore[arg-type]
    assert [a.id for a in nld_deu.agreements(NLD)] == [AGREEMENT]
    assert len(nld_deu.events(NLD)) == before


def test_an_import_from_a_generator_is_taken(nld_deu: Ledger) -> None:
    result = nld_deu.import_agreements(NLD, (a for a in [_AG2]))
    assert result.added == ("NLD-DEU-2",)


def test_an_empty_database_url_is_refused_and_nothing_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``open_ledger("")`` fell back on the default and made ./supplyline.db quietly."""
    monkeypatch.chdir(tmp_path)
    for url in ("", "  "):
        with pytest.raises(ArgumentError, match="the database URL is empty"):
            open_ledger(url)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("clock", "named"),
    [
        pytest.param(5, "clock must be a function", id="int"),
        pytest.param(lambda: dt.datetime(2025, 6, 1), "timezone-aware", id="naive"),
        pytest.param(lambda: "2025-06-01", "must return a datetime", id="text"),
    ],
)
def test_a_bad_clock_is_refused_when_the_ledger_is_opened(
    tmp_path: Path, clock: object, named: str
) -> None:
    """``clock=5`` and a naive clock failed only at the first write (bare TypeError/ValueError)."""
    with pytest.raises(ArgumentError, match=named):
        open_ledger(f"sqlite:///{tmp_path / 'l.db'}", clock=clock)  # type: ignore[arg-type]


def test_a_clock_that_turns_naive_later_is_an_argument_error(tmp_path: Path) -> None:
    readings = iter([dt.datetime(2025, 6, 1, tzinfo=dt.UTC), dt.datetime(2025, 6, 2)])
    ledger = open_ledger(f"sqlite:///{tmp_path / 'l.db'}", clock=lambda: next(readings))
    with pytest.raises(ArgumentError, match="timezone-aware"):
        ledger.add_agreement(NLD, make_agreement())
    ledger.db.dispose()

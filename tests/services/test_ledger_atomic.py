"""Writes of several rows are all-or-nothing, and say which item failed.

An import or a batch of requests that fails half-way leaves the ledger exactly as it was.
A tester's import of two agreements, the second with a price to 5 decimals, kept the first
and failed with the database's message about the second. Each test runs on SQLite and on
PostgreSQL; the database errors nobody foresaw are made by a trigger that refuses a row.
"""

from __future__ import annotations

import dataclasses
import uuid
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_support import DEU, NLD, make_agreement
from sqlalchemy import select

from supplyline.domain import Agreement, Price
from supplyline.domain.amounts import (
    AMOUNT_DIGITS,
    MONEY_DECIMALS,
    UNIT_PRICE_DECIMALS,
    largest_amount,
)
from supplyline.errors import ArgumentError, ConflictError, StorageError
from supplyline.services.db.tables import Base
from supplyline.services.db.types import DecimalType
from supplyline.services.ledger import Ledger, LedgerRuleError, OrderRequest, OrderStatus


def _everything(ledger: Ledger) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every ledger table, in a stable order: the ledger's whole state."""
    with ledger.db.engine.connect() as conn:
        return {
            table.name: sorted(
                (tuple(row) for row in conn.execute(select(table))), key=lambda r: repr(r)
            )
            for table in Base.metadata.sorted_tables
        }


def _refuse(ledger: Ledger, table: str, condition: str) -> None:
    """Make the database itself refuse the rows of ``table`` that meet ``condition``."""
    name = f"refuse_{table}"
    with ledger.db.engine.begin() as conn:
        if ledger.db.is_postgres:
            conn.exec_driver_sql(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$"
            )
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW "
                f"WHEN ({condition}) EXECUTE FUNCTION {name}()"
            )
        else:
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name} BEFORE INSERT ON {table} WHEN {condition} "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )


def _with_price(agreement: Agreement, per_t: D) -> Agreement:
    return dataclasses.replace(
        agreement, prices=(Price(commodity="fuel", currency="EUR", per_t=per_t),)
    )


# -- importing agreements --------------------------------------------------------------------


def test_one_id_twice_with_other_terms_imports_nothing(ledger: Ledger) -> None:
    """The same id with other terms later in the same import is a conflict, before any write."""
    before = _everything(ledger)
    other = dataclasses.replace(make_agreement("A-1"), name="other terms")
    with pytest.raises(ConflictError, match=r"^agreement 'A-1': given twice with different terms"):
        ledger.import_agreements(NLD, [make_agreement("A-1"), make_agreement("A-2"), other])
    assert _everything(ledger) == before


def test_one_id_twice_with_the_same_terms_is_imported_and_listed_once(ledger: Ledger) -> None:
    """The same agreement twice in one call: one event, listed as added once (not unchanged too)."""
    result = ledger.import_agreements(NLD, [make_agreement("A-1"), make_agreement("A-1")])
    assert (result.added, result.unchanged) == (("A-1",), ())
    again = ledger.import_agreements(NLD, [make_agreement("A-1"), make_agreement("A-1")])
    assert (again.added, again.unchanged) == ((), ("A-1",))
    assert ledger.verify().events == 1


def test_a_conflict_with_a_stored_agreement_keeps_none_of_the_import(nld_deu: Ledger) -> None:
    """The second agreement conflicts with one already stored: the first is not kept either."""
    before = _everything(nld_deu)
    changed = dataclasses.replace(make_agreement(), name="new terms")
    with pytest.raises(ConflictError) as caught:
        nld_deu.import_agreements(NLD, [make_agreement("A-1"), changed])
    assert str(caught.value).startswith(  # named once, not "agreement 'x': agreement 'x' is"
        "agreement 'NLD-DEU-1' is already in the ledger with different terms"
    )
    assert str(caught.value).endswith("nothing was imported")
    assert _everything(nld_deu) == before


def test_a_database_error_half_way_imports_nothing(ledger: Ledger) -> None:
    """The database refuses the third agreement: a StorageError naming it, nothing kept."""
    _refuse(ledger, "ledger_agreement", "NEW.id = 'boom'")
    before = _everything(ledger)
    batch = [make_agreement("A-1"), make_agreement("A-2"), make_agreement("boom")]
    with pytest.raises(StorageError) as caught:
        ledger.import_agreements(NLD, batch)
    message = str(caught.value)
    assert message.startswith("agreement 'boom': database error:")
    assert "refused by the test" in message
    assert message.endswith("nothing was imported")
    assert _everything(ledger) == before
    result = ledger.import_agreements(NLD, batch[:2])  # the ledger goes on as before
    assert result.added == ("A-1", "A-2")
    assert ledger.verify().ok


def test_an_import_is_one_event_per_agreement_and_again_a_no_op(ledger: Ledger) -> None:
    """All stored in one transaction still audits each agreement; a second import adds none."""
    batch = [make_agreement("A-1"), make_agreement("A-2"), make_agreement("X", ("DEU", "FRA"))]
    first = ledger.import_agreements(NLD, batch)
    again = ledger.import_agreements(NLD, batch)
    assert (first.added, first.skipped) == (("A-1", "A-2"), ("X",))
    assert (again.added, again.unchanged) == ((), ("A-1", "A-2"))
    assert [(e.kind, e.agreement_id) for e in ledger.events(NLD)] == [
        ("agreement", "A-1"),
        ("agreement", "A-2"),
    ]
    assert ledger.verify().ok


def test_the_largest_amounts_are_stored_and_read_back_exactly(ledger: Ledger) -> None:
    """The bound the records and checks use is the columns' own: the largest values fit."""
    most = _with_price(
        make_agreement("A-1", ceiling_total=largest_amount(MONEY_DECIMALS)),
        largest_amount(UNIT_PRICE_DECIMALS),
    )
    ledger.import_agreements(NLD, [most])
    [back] = ledger.agreements(NLD)
    assert back == most


def test_every_amount_column_has_the_records_bound() -> None:
    """The tables take their digits from the one constant the records are checked against."""
    columns = [
        (table.name, column.name, column.type.precision)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, DecimalType)
    ]
    assert len(columns) == 14
    assert {precision for _t, _c, precision in columns} == {AMOUNT_DIGITS}


_places = st.integers(min_value=0, max_value=6)
_prices = st.builds(
    lambda digits, places: D(digits).scaleb(-places),
    st.integers(min_value=0, max_value=10**14 - 1),  # within the bound: the records say so
    _places,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(prices=st.lists(_prices, min_size=1, max_size=4))
def test_an_import_stores_every_agreement_or_none(ledger: Ledger, prices: list[D]) -> None:
    """Whatever the prices' digits, an agreement is imported exactly, or refused as it is built.

    A price finer than 0.0001 is the ``Price``'s own error (it was the import's
    LedgerRuleError, after the record had been taken): nothing reaches the ledger.
    """
    tag = uuid.uuid4().hex[:8]
    storable = all(p == p.quantize(D("0.0001")) for p in prices)
    before = _everything(ledger)
    if storable:
        batch = [_with_price(make_agreement(f"{tag}-{i}"), p) for i, p in enumerate(prices)]
        ledger.import_agreements(NLD, batch)
        stored = {a.id: a for a in ledger.agreements(NLD)}
        assert [stored[a.id].prices[0].per_t for a in batch] == prices
    else:
        with pytest.raises(ArgumentError, match=r"has more decimal places than 0\.0001$"):
            [_with_price(make_agreement(f"{tag}-{i}"), p) for i, p in enumerate(prices)]
        assert _everything(ledger) == before


# -- adding one agreement --------------------------------------------------------------------


# -- a batch of requests (and a plan's drafts) -----------------------------------------------


def _fuel(quantity: str, **more: Any) -> OrderRequest:
    return OrderRequest(agreement_id="A-1", item="fuel", quantity=D(quantity), **more)


def test_a_request_over_the_ceiling_makes_no_order_and_imports_nothing(ledger: Ledger) -> None:
    """Three requests, the third over the total ceiling: no order, no agreement, it is named."""
    before = _everything(ledger)
    agreement = make_agreement("A-1", ceiling_total=D("20000"))  # fuel is 950.50 per tonne
    with pytest.raises(LedgerRuleError) as caught:
        ledger.request_all(NLD, [_fuel("5"), _fuel("5"), _fuel("12")], agreements=[agreement])
    assert str(caught.value).startswith(
        "the request for fuel from DEU by NLD under agreement A-1: order value 11,406.00 EUR"
    )
    assert str(caught.value).endswith("nothing was stored (no agreement imported, no order made)")
    assert _everything(ledger) == before


def test_an_agreement_of_a_batch_it_cannot_store_says_nothing_was_stored(ledger: Ledger) -> None:
    """``request_all`` (``propose --submit``) ends every refusal the same way.

    An agreement it could not store said "nothing was imported", a request that failed
    "nothing was stored (no agreement imported, no order made)".
    """
    other = dataclasses.replace(make_agreement("A-1"), name="other terms")
    with pytest.raises(ConflictError) as caught:
        ledger.request_all(NLD, [_fuel("5")], agreements=[make_agreement("A-1"), other])
    assert str(caught.value) == (
        "agreement 'A-1': given twice with different terms; give the new terms a new id; "
        "nothing was stored (no agreement imported, no order made)"
    )


def test_a_database_error_on_a_request_makes_no_order(nld_deu: Ledger) -> None:
    """The database refuses the second order: neither is kept, and the error names it."""
    _refuse(nld_deu, "ledger_order", "NEW.note = 'boom'")
    before = _everything(nld_deu)
    batch = [
        OrderRequest(agreement_id="NLD-DEU-1", item="fuel", quantity=D("1")),
        OrderRequest(agreement_id="NLD-DEU-1", item="water", quantity=D("2"), note="boom"),
    ]
    words = "the request for water by NLD under agreement NLD-DEU-1: database"  # in the ledger
    with pytest.raises(StorageError, match=f"^{words}"):
        nld_deu.request_all(NLD, batch)
    assert _everything(nld_deu) == before


def test_a_batch_of_requests_is_made_once_with_keys(ledger: Ledger) -> None:
    """A batch retried with the same keys makes its orders once, each audited as a request."""
    batch = [_fuel("1", idempotency_key="k1"), _fuel("2", idempotency_key="k2")]
    imported, made = ledger.request_all(NLD, batch, agreements=[make_agreement("A-1")])
    again_imported, again = ledger.request_all(NLD, batch, agreements=[make_agreement("A-1")])
    assert imported.added == ("A-1",)
    assert again_imported.unchanged == ("A-1",)
    assert [o.id for o in again] == [o.id for o in made]
    assert [(o.quantity, o.status) for o in ledger.orders(DEU)] == [
        (D("1.000"), OrderStatus.REQUESTED),
        (D("2.000"), OrderStatus.REQUESTED),
    ]
    assert [e.kind for e in ledger.events(NLD)] == ["agreement", "request", "request"]
    assert ledger.verify().ok


def test_a_request_that_is_not_one_is_refused_before_any_write(ledger: Ledger) -> None:
    """A dict where an OrderRequest goes is an ArgumentError naming its place."""
    before = _everything(ledger)
    with pytest.raises(TypeError, match=r"requests\[1\] must be an OrderRequest"):
        ledger.request_all(NLD, [_fuel("1"), {"item": "fuel"}], agreements=[make_agreement("A-1")])  # type: ignore[list-item]
    assert _everything(ledger) == before

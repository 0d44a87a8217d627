"""An agreement or idempotency row edited in SQL is refused by the write that reads it.

A price raised in ``ledger_price`` was billed by the next request (9,505.00 EUR/t for the
agreement's 950.50) and that request's event sealed it; a key's row pointed at another
order replayed that order. Each case edits one cell, then the write that relies on it
is refused (:class:`TamperedLedgerError`, naming the table, the column and the event)
and leaves the ledger as it was.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest
from ledger_support import DEU, NLD, make_agreement
from sqlalchemy import text

from supplyline.errors import ConflictError
from supplyline.services.ledger import Ledger, OrderRequest, TamperedLedgerError
from supplyline.services.ledger import service as write_service

Act = Callable[[Ledger], Any]


@pytest.fixture
def agreed(ledger: Ledger) -> Ledger:
    """A ledger to bill: events 1–5, an agreement and order 1 received.

    Event 1 the agreement (key ``ag-1``), event 2 order 1 (key ``r-1``), event 3 its
    acceptance, event 4 its issue of 4 t, event 5 its receipt.
    """
    ledger.add_agreement(
        NLD, make_agreement(ceiling_per_order=D("1000000")), idempotency_key="ag-1"
    )
    one = ledger.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"), idempotency_key="r-1"
    )
    ledger.accept(DEU, one.id)
    ledger.issue(DEU, one.id, D("4"))
    ledger.receive(NLD, one.id)
    return ledger


def _sql(ledger: Ledger, statement: str) -> None:
    with ledger.db.engine.begin() as conn:
        conn.execute(text(statement))


def _stored(ledger: Ledger) -> tuple[Any, ...]:
    """The events, the chain head, the orders and the keys: all a write could change."""
    with ledger.db.engine.connect() as conn:
        return tuple(
            tuple(tuple(r) for r in conn.execute(text(q)))
            for q in (
                "SELECT seq, hash FROM ledger_event ORDER BY seq",
                "SELECT seq, hash FROM ledger_chain_head",
                "SELECT id, status, version, value FROM ledger_order ORDER BY id",
                "SELECT partner, key FROM ledger_idempotency ORDER BY partner, key",
            )
        )


def _request(ledger: Ledger) -> Any:
    return ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"))


def _submit(ledger: Ledger) -> Any:
    """What ``propose --submit`` does: a batch of requests, in one transaction."""
    wanted = OrderRequest(agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"))
    return ledger.request_all(NLD, [wanted])


def _import_again(ledger: Ledger) -> Any:
    return ledger.add_agreement(NLD, make_agreement(ceiling_per_order=D("1000000")))


_PRICE = (
    "agreement NLD-DEU-1's price of fuel in EUR's per_t is 9,505.00 in the table but 950.50 "
    "by its events (event 1; table ledger_price, column per_t)"
)

TAMPERED: list[tuple[str, Act, str]] = [
    ("UPDATE ledger_price SET per_t = 9505 WHERE commodity = 'fuel'", _request, _PRICE),
    ("UPDATE ledger_price SET per_t = 9505 WHERE commodity = 'fuel'", _submit, _PRICE),
    ("UPDATE ledger_price SET per_t = 9505 WHERE commodity = 'fuel'", _import_again, _PRICE),
    (
        "UPDATE ledger_price SET currency = 'USD' WHERE commodity = 'fuel'",
        _request,
        "agreement NLD-DEU-1's price of fuel in USD is in the table but no event made it",
    ),
    (
        "UPDATE ledger_agreement SET currency = 'USD'",
        _request,
        "agreement NLD-DEU-1's currency is USD in the table but EUR by its events "
        "(event 1; table ledger_agreement, column currency)",
    ),
    (
        "UPDATE ledger_agreement SET party_b = 'FRA'",
        _request,
        "agreement NLD-DEU-1's party_b is FRA in the table but DEU by its events (event 1; "
        "table ledger_agreement, column party_b)",
    ),
    (
        "UPDATE ledger_agreement SET ceiling_per_order = NULL",
        _request,
        "agreement NLD-DEU-1's ceiling_per_order is empty in the table but 1,000,000.00 by its "
        "events (event 1; table ledger_agreement, column ceiling_per_order)",
    ),
    (
        "UPDATE ledger_idempotency SET order_id = 2 WHERE key = 'r-1'",
        lambda lg: lg.request(
            NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"), idempotency_key="r-1"
        ),
        "NLD's idempotency key 'r-1''s order_id is 2 in the table but 1 by its events "
        "(event 2; table ledger_idempotency, column order_id)",
    ),
    (
        "UPDATE ledger_idempotency SET event_seq = 3 WHERE key = 'r-1'",
        lambda lg: lg.request(
            NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"), idempotency_key="r-1"
        ),
        "NLD's idempotency key 'r-1' names event 3 in table ledger_idempotency, column "
        "event_seq, but it was not made under 'r-1'",
    ),
    (
        "DELETE FROM ledger_idempotency WHERE key = 'ag-1'",
        lambda lg: lg.add_agreement(NLD, make_agreement("NLD-DEU-2"), idempotency_key="ag-1"),
        "NLD's idempotency key 'ag-1' is missing from table ledger_idempotency, but event 1 "
        "(agreement) was made under it",
    ),
]


@pytest.mark.parametrize(("edit", "act", "words"), TAMPERED)
def test_a_write_on_edited_terms_or_keys_is_refused_and_writes_nothing(
    agreed: Ledger, edit: str, act: Act, words: str
) -> None:
    """The write names the table, the column and the event, and leaves the ledger as it was."""
    _sql(agreed, edit)
    before = _stored(agreed)
    with pytest.raises(TamperedLedgerError, match="the ledger was changed outside supplyline") as e:
        act(agreed)
    assert words in str(e.value)
    assert _stored(agreed) == before


def test_an_edited_request_hash_is_tampering_not_a_different_request(agreed: Ledger) -> None:
    """A retry whose key row's hash was edited is refused as tampering, not as a reuse."""
    _sql(agreed, "UPDATE ledger_idempotency SET request_hash = 'x' WHERE key = 'r-1'")
    with pytest.raises(TamperedLedgerError, match="column request_hash") as raised:
        agreed.request(
            NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"), idempotency_key="r-1"
        )
    assert not isinstance(raised.value, ConflictError)


def test_untouched_terms_and_keys_let_the_writes_go_on(agreed: Ledger) -> None:
    """No edit: a retry replays its order, a new key and the bill are written as before."""
    again = agreed.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"), idempotency_key="r-1"
    )
    new = agreed.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"), idempotency_key="r-2"
    )
    billed = agreed.bill(DEU, 1)
    assert (again.id, new.id, new.value, billed.billed_amount) == (
        1,
        2,
        D("950.50"),
        D("3802.00"),
    )
    assert agreed.verify().ok


def test_a_note_quoting_a_deleted_key_is_not_taken_for_its_record(agreed: Ledger) -> None:
    """Only an event made under the key counts: a note with its text does not refuse it."""
    agreed.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"), note='"key":"n-1",')
    made = agreed.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"), idempotency_key="n-1"
    )
    assert made.id == 3


def test_verify_names_the_edited_price_with_its_event(agreed: Ledger) -> None:
    """``verify`` says the same cell, and the event that set it."""
    _sql(agreed, "UPDATE ledger_price SET per_t = 9505 WHERE commodity = 'fuel'")
    report = str(agreed.verify())
    assert "agreement NLD-DEU-1's price of fuel in EUR: per_t is '9505" in report
    assert "(set by event 1, agreement)" in report


def test_the_cli_refuses_a_request_at_an_edited_price_with_exit_9(
    agreed: Ledger, db_url: str
) -> None:
    """``ledger request`` under a raised price is the tampered ledger's exit 9, in words."""
    _sql(agreed, "UPDATE ledger_price SET per_t = 9505 WHERE commodity = 'fuel'")
    command = [sys.executable, "-m", "supplyline", "ledger", "request", "--as", "NLD"]
    args = ["--agreement", "NLD-DEU-1", "--item", "fuel", "--quantity", "1", "--db", db_url]
    done = subprocess.run([*command, *args], capture_output=True, text=True, check=False)
    assert done.returncode == 9, done.stderr
    assert _PRICE in done.stderr.replace("\n", " ")


def test_an_in_kind_bill_reads_the_agreements_period_as_its_event_gave_it(
    ledger: Ledger,
) -> None:
    """A due date past the agreement's end, made room for in SQL, is refused as tampering."""
    ledger.add_agreement(NLD, make_agreement(valid_to=dt.date(2030, 12, 31)))
    one = ledger.request(
        NLD, agreement_id="NLD-DEU-1", item="water", quantity=D("2"), mode="replacement_in_kind"
    )
    ledger.accept(DEU, one.id)
    ledger.issue(DEU, one.id, D("2"))
    ledger.receive(NLD, one.id)
    _sql(ledger, "UPDATE ledger_agreement SET valid_to = '2040-12-31'")
    with pytest.raises(TamperedLedgerError, match="valid_to is 2040-12-31 in the table"):
        ledger.bill(DEU, one.id, due_on=dt.date(2035, 1, 31))


def test_verify_names_a_request_priced_from_an_edited_then_restored_price(
    agreed: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A request made (as before this check) at a raised price is named once it is put back."""
    _sql(agreed, "UPDATE ledger_price SET per_t = 9505 WHERE commodity = 'fuel'")
    monkeypatch.setattr(write_service, "check_agreement", lambda _session, _id: None)
    _request(agreed)  # event 6, as the code before wrote it
    _sql(agreed, "UPDATE ledger_price SET per_t = 950.5 WHERE commodity = 'fuel'")
    report = agreed.verify()
    assert (report.ok, report.bad_seq) == (False, 6)
    assert (
        "event 6 (request) priced order 2's fuel at 9,505.00 EUR/t, but agreement NLD-DEU-1's "
        "price is 950.50 by its events (event 1, agreement)"
    ) in str(report)

"""A table edited in SQL is refused by the next write, and caught by verify once carried.

A tester raised order 1's ``billed_amount`` to 99,999 in SQL; the next ``settle`` took the
inflated amount, copied it into its event's ``after``, and ``verify`` then called the
ledger intact. Each case here edits one stored total, status, version or line, then:
the transition that would read it is refused (:class:`TamperedLedgerError`, nothing
written); and, written the way the code before did (the check turned off), ``verify``
names the event that carried the edit.
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

from supplyline.services.ledger import Ledger, OrderRequest, TamperedLedgerError
from supplyline.services.ledger import writing as write_path

Act = Callable[[Ledger], Any]


def _five_orders(ledger: Ledger) -> None:
    """Events 1–20: an agreement and five orders, each in a state some transition reads.

    Order 1 (cash, events 2–7) billed 42,772.50 and settled 10,000.00; order 2 (event 8)
    requested; order 3 (events 9–11) 2 of 4 t issued (line 5); order 4 (events 12–15)
    received 1 t; order 5 (in kind, events 16–20) billed 2 t.
    """
    ledger.add_agreement(NLD, make_agreement(ceiling_total=D("10000000")))
    one = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("45"))
    ledger.accept(DEU, one.id)
    ledger.issue(DEU, one.id, D("45"))
    ledger.receive(NLD, one.id)
    ledger.bill(DEU, one.id)
    ledger.settle(NLD, one.id, amount=D("10000"))
    ledger.request(NLD, agreement_id="NLD-DEU-1", item="water", quantity=D("2"))
    three = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"))
    ledger.accept(DEU, three.id)
    ledger.issue(DEU, three.id, D("2"))
    four = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"))
    ledger.accept(DEU, four.id)
    ledger.issue(DEU, four.id, D("1"))
    ledger.receive(NLD, four.id)
    five = ledger.request(
        NLD, agreement_id="NLD-DEU-1", item="water", quantity=D("2"), mode="replacement_in_kind"
    )
    ledger.accept(DEU, five.id)
    ledger.issue(DEU, five.id, D("2"))
    ledger.receive(NLD, five.id)
    ledger.bill(DEU, five.id, due_on=dt.date(2030, 1, 31))


@pytest.fixture
def five(ledger: Ledger) -> Ledger:
    """A ledger holding :func:`_five_orders`, 20 events."""
    _five_orders(ledger)
    return ledger


def _sql(ledger: Ledger, statement: str) -> None:
    with ledger.db.engine.begin() as conn:
        conn.execute(text(statement))


def _stored(ledger: Ledger) -> tuple[Any, ...]:
    """Everything a write changes: the events, the chain head, the orders and their lines."""
    with ledger.db.engine.connect() as conn:
        return tuple(
            tuple(tuple(r) for r in conn.execute(text(q)))
            for q in (
                "SELECT seq, hash FROM ledger_event ORDER BY seq",
                "SELECT seq, hash FROM ledger_chain_head",
                "SELECT id, status, version, issued_qty, received_qty, billed_amount, "
                "billed_qty, settled_amount, settled_qty FROM ledger_order ORDER BY id",
                "SELECT id, order_id, quantity, amount FROM ledger_order_line ORDER BY id",
            )
        )


def _request(ledger: Ledger) -> Any:
    return ledger.request(NLD, agreement_id="NLD-DEU-1", item="water", quantity=D("1"))


def _submit(ledger: Ledger) -> Any:
    """What ``propose --submit`` does: a batch of requests, in one transaction."""
    wanted = OrderRequest(agreement_id="NLD-DEU-1", item="water", quantity=D("1"))
    return ledger.request_all(NLD, [wanted])


TAMPERED: list[tuple[str, Act, str]] = [
    (
        "UPDATE ledger_order SET billed_amount=99999 WHERE id=1",
        lambda lg: lg.settle(NLD, 1),
        "order 1's billed_amount is 99,999.00 in the table but 42,772.50 by its events (event 6)",
    ),
    (
        "UPDATE ledger_order SET settled_amount=20000 WHERE id=1",
        lambda lg: lg.settle(NLD, 1, amount=D("1")),
        "order 1's settled_amount is 20,000.00 in the table but 10,000.00 by its events (event 7)",
    ),
    (
        "UPDATE ledger_order SET version=9 WHERE id=2",
        lambda lg: lg.accept(DEU, 2),
        "order 2's version is 9 in the table but 1 by its events (event 8)",
    ),
    (
        "UPDATE ledger_order SET version=9 WHERE id=2",
        lambda lg: lg.reject(DEU, 2),
        "order 2's version is 9",
    ),
    (
        "UPDATE ledger_order SET status='accepted' WHERE id=2",
        lambda lg: lg.issue(DEU, 2, D("1")),
        "order 2's status is accepted in the table but requested by its events (event 8)",
    ),
    (
        "UPDATE ledger_order SET status='accepted' WHERE id=2",
        lambda lg: lg.cancel(NLD, 2),
        "order 2's status is accepted",
    ),
    (
        "UPDATE ledger_order SET issued_qty=0 WHERE id=3",
        lambda lg: lg.issue(DEU, 3, D("4")),
        "order 3's issued_qty is 0.000 in the table but 2.000 by its events (event 11)",
    ),
    (
        "UPDATE ledger_order_line SET quantity=4 WHERE id=5",
        lambda lg: lg.receive(NLD, 3),
        "order 3's line 5 (issue)'s quantity is 4.000 in the table but 2.000 by its events "
        "(event 11)",
    ),
    (
        "UPDATE ledger_order SET received_qty=100 WHERE id=4",
        lambda lg: lg.bill(DEU, 4),
        "order 4's received_qty is 100.000 in the table but 1.000 by its events (event 15)",
    ),
    (
        "UPDATE ledger_order SET billed_qty=50 WHERE id=5",
        lambda lg: lg.settle(NLD, 5),
        "order 5's billed_qty is 50.000 in the table but 2.000 by its events (event 20)",
    ),
    (
        "UPDATE ledger_order SET status='cancelled' WHERE id=1",
        _request,
        "order 1's status is cancelled in the table but neither rejected nor cancelled by its "
        "events (event 2, request)",
    ),
    (
        "UPDATE ledger_order SET value=1 WHERE id=2",
        _submit,
        "order 2's value is 1.00 in the table but 24.50 by its events (event 8, request)",
    ),
    (
        "DELETE FROM ledger_order WHERE id=2",
        _request,
        "order 2 (made by event 8, request) is missing from agreement NLD-DEU-1's orders",
    ),
]


@pytest.mark.parametrize(("edit", "act", "words"), TAMPERED)
def test_a_write_on_an_edited_order_is_refused_and_writes_nothing(
    five: Ledger, edit: str, act: Act, words: str
) -> None:
    """The transition names the edited cell and the event, and leaves the ledger as it was."""
    _sql(five, edit)
    before = _stored(five)
    with pytest.raises(TamperedLedgerError, match="the ledger was changed outside supplyline") as e:
        act(five)
    assert words in str(e.value)
    assert _stored(five) == before


def test_the_cli_refuses_an_edited_order_with_exit_9(five: Ledger, db_url: str) -> None:
    """``ledger settle`` on an inflated bill is the damaged ledger's exit 9, in words."""
    _sql(five, "UPDATE ledger_order SET billed_amount=99999 WHERE id=1")
    # a process of its own: the command's database is left for the exit to close
    command = [sys.executable, "-m", "supplyline", "ledger", "settle", "1", "--as", "NLD"]
    done = subprocess.run([*command, "--db", db_url], capture_output=True, text=True, check=False)
    assert done.returncode == 9, done.stderr
    assert "order 1's billed_amount is 99,999.00 in the table but 42,772.50" in done.stderr
    assert "run `supplyline ledger verify`" in done.stderr


LAUNDERED: list[tuple[str, Act, str]] = [
    (
        "UPDATE ledger_order SET billed_amount=99999 WHERE id=1",
        lambda lg: lg.settle(NLD, 1),
        "event 21 (settle) brings order 1's settled_amount to 99,999.00, above the 42,772.50 "
        "billed",
    ),
    (
        "UPDATE ledger_order SET settled_amount=20000 WHERE id=1",
        lambda lg: lg.settle(NLD, 1, amount=D("1")),
        "event 21 (settle) recorded order 1's settled_amount as 20,001.00, but its events make "
        "it 10,001.00",
    ),
    (
        "UPDATE ledger_order SET version=9 WHERE id=2",
        lambda lg: lg.accept(DEU, 2),
        "event 21 (accept) recorded order 2's version as 10, but its events make it 2",
    ),
    (
        "UPDATE ledger_order SET status='accepted' WHERE id=2",
        lambda lg: lg.issue(DEU, 2, D("1")),
        "event 21 (issue) acts on order 2 while its events have it requested (by event 8",
    ),
    (
        "UPDATE ledger_order SET issued_qty=0 WHERE id=3",
        lambda lg: lg.issue(DEU, 3, D("4")),
        "event 21 (issue) brings order 3's issued_qty to 6.000, above the 4.000 ordered",
    ),
    (
        "UPDATE ledger_order_line SET quantity=4 WHERE id=5",
        lambda lg: lg.receive(NLD, 3),
        "event 21 (receive) brings issue 5 of order 3 to 4.000 received, above the 2.000 issued",
    ),
    (
        "UPDATE ledger_order SET received_qty=100 WHERE id=4",
        lambda lg: lg.bill(DEU, 4),
        "event 21 (bill) brings order 4's billed_amount to 95,050.00, above the 950.50 received",
    ),
    (
        "UPDATE ledger_order SET billed_qty=50 WHERE id=5",
        lambda lg: lg.settle(NLD, 5),
        "event 21 (settle) brings order 5's settled_qty to 50.000, above the 2.000 billed",
    ),
]


@pytest.mark.parametrize(("edit", "act", "words"), LAUNDERED)
def test_verify_names_the_event_that_carried_an_edit(
    five: Ledger, monkeypatch: pytest.MonkeyPatch, edit: str, act: Act, words: str
) -> None:
    """Written as the code before wrote it (no check), the edit is caught at its event."""
    _sql(five, edit)
    with monkeypatch.context() as old_code:
        old_code.setattr(write_path, "check_order", lambda _session, _order_id: None)
        act(five)
    report = five.verify()
    assert not report.ok
    assert report.bad_seq == 21, report
    assert any(words in f for f in report.findings), report.findings


def test_the_testers_settled_edit_is_named_in_the_table_too(
    five: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the carried edit, the row is held to the history, not to the last ``after``."""
    _sql(five, "UPDATE ledger_order SET settled_amount=20000 WHERE id=1")
    with monkeypatch.context() as old_code:
        old_code.setattr(write_path, "check_order", lambda _session, _order_id: None)
        five.settle(NLD, 1, amount=D("1"))
    assert (
        "order 1: settled_amount is '20001.00' in the table but '10001.00' by the events "
        "(set by event 21, settle)"
    ) in five.verify().findings


def test_a_write_after_an_edit_is_undone_goes_on(five: Ledger) -> None:
    """The check refuses what differs, nothing else: an edit put back lets the write pass."""
    _sql(five, "UPDATE ledger_order SET billed_amount=99999 WHERE id=1")
    with pytest.raises(TamperedLedgerError):
        five.settle(NLD, 1)
    _sql(five, "UPDATE ledger_order SET billed_amount=42772.50 WHERE id=1")
    assert five.settle(NLD, 1).settled_amount == D("42772.50")
    assert five.verify().ok

"""The audit chain: every transition logged, and any edit, deletion or reordering detected."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from ledger_support import DEU, NLD, make_agreement
from sqlalchemy import text

from supplyline.errors import DamagedDataError
from supplyline.services.ledger import Ledger
from supplyline.services.ledger.audit import canonical


def _history(ledger: Ledger) -> int:
    """Two orders through several transitions; returns the number of events (1 + 9)."""
    first = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"))
    ledger.accept(DEU, first.id)
    ledger.issue(DEU, first.id, D("4"))
    ledger.receive(NLD, first.id)
    ledger.bill(DEU, first.id)
    ledger.settle(NLD, first.id)
    second = ledger.request(NLD, agreement_id="NLD-DEU-1", item="water", quantity=D("2"))
    ledger.accept(DEU, second.id)
    ledger.cancel(NLD, second.id)
    return 10


def _sql(ledger: Ledger, statement: str, **params: object) -> None:
    with ledger.db.engine.begin() as conn:
        conn.execute(text(statement), params)


def test_an_untouched_chain_verifies(nld_deu: Ledger) -> None:
    """A ledger used only through its API verifies, counting every event."""
    events = _history(nld_deu)
    report = nld_deu.verify()
    assert (report.ok, report.events, report.head_seq) == (True, events, events)


def test_each_event_names_actor_and_time(nld_deu: Ledger) -> None:
    """Events carry the acting partner and user and a UTC time."""
    _history(nld_deu)
    accept = next(e for e in nld_deu.events(DEU) if e.kind == "accept")
    assert (accept.partner, accept.user, accept.at.endswith("+00:00")) == ("DEU", "hans", True)


def test_an_edited_payload_is_named(nld_deu: Ledger) -> None:
    """Changing the quantity inside one event's payload makes verify name that event."""
    _history(nld_deu)
    with nld_deu.db.engine.connect() as conn:
        payload = conn.execute(text("SELECT payload FROM ledger_event WHERE seq = 4")).scalar_one()
    data = json.loads(payload)
    data["quantity"] = "40.000"
    _sql(nld_deu, "UPDATE ledger_event SET payload = :p WHERE seq = 4", p=canonical(data))
    report = nld_deu.verify()
    assert (report.ok, report.bad_seq) == (False, 4)
    assert "was edited" in str(report)


def test_an_edited_actor_is_named(nld_deu: Ledger) -> None:
    """Claiming another user did it breaks that event's hash."""
    _history(nld_deu)
    _sql(nld_deu, "UPDATE ledger_event SET user_name = 'mallory' WHERE seq = 6")
    assert nld_deu.verify().bad_seq == 6


def test_a_deleted_event_is_named(nld_deu: Ledger) -> None:
    """Deleting an event from the middle names the missing one."""
    _history(nld_deu)
    _sql(nld_deu, "DELETE FROM ledger_event WHERE seq = 5")
    report = nld_deu.verify()
    assert (report.ok, report.bad_seq) == (False, 5)
    assert report.problem == (
        "an event numbered 6 comes after event 4, where 5 was expected: event 5 was deleted, "
        "or this event was inserted or renumbered"
    )


def test_an_inserted_event_is_named_as_found(nld_deu: Ledger) -> None:
    """An event copied in as number seq + 1000 is said as found, not as a missing one.

    A tester's copy of event 5 as 1005 after the last (10) read "event 11 is missing".
    """
    events = _history(nld_deu)
    columns = "at, partner, user_name, kind, agreement_id, order_id, payload, prev_hash, hash"
    _sql(
        nld_deu,
        f"INSERT INTO ledger_event (seq, {columns}) "
        f"SELECT seq + 1000, {columns} FROM ledger_event WHERE seq = 5",
    )
    report = nld_deu.verify()
    assert (report.ok, report.bad_seq) == (False, events + 1)
    assert report.problem == (
        f"an event numbered 1005 comes after event {events}, where {events + 1} was expected: "
        f"it was inserted or renumbered (the chain head names event {events} as the last one "
        "written)"
    )


def test_a_deleted_tail_is_detected(nld_deu: Ledger) -> None:
    """Deleting the last events is caught by the chain head."""
    events = _history(nld_deu)
    _sql(nld_deu, "DELETE FROM ledger_event WHERE seq >= :s", s=events - 1)
    report = nld_deu.verify()
    assert (report.ok, report.bad_seq) == (False, events - 1)


def test_swapped_events_are_named(nld_deu: Ledger) -> None:
    """Swapping the positions of two events breaks the chain at the first of them."""
    _history(nld_deu)
    _sql(nld_deu, "UPDATE ledger_event SET seq = -1 WHERE seq = 3")
    _sql(nld_deu, "UPDATE ledger_event SET seq = 3 WHERE seq = 4")
    _sql(nld_deu, "UPDATE ledger_event SET seq = 4 WHERE seq = -1")
    report = nld_deu.verify()
    assert (report.ok, report.bad_seq) == (False, 3)


def test_an_edited_order_row_is_detected(nld_deu: Ledger) -> None:
    """Rewriting an order's totals outside the ledger disagrees with its last event."""
    _history(nld_deu)
    _sql(nld_deu, "UPDATE ledger_order SET settled_amount = '0.00' WHERE id = 1")
    report = nld_deu.verify()
    assert (report.ok, report.bad_seq, "order 1" in report.problem) == (False, 7, True)


def test_a_rehashed_forgery_still_breaks_the_next_link(nld_deu: Ledger) -> None:
    """Recomputing the edited event's own hash does not help: the next event disagrees."""
    from supplyline.services.ledger.audit import event_hash

    _history(nld_deu)
    with nld_deu.db.engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM ledger_event WHERE seq = 2")).mappings().one()
    forged = canonical({**json.loads(row["payload"]), "note": "forged"})
    digest = event_hash(
        seq=2,
        at=row["at"],
        partner=row["partner"],
        user=row["user_name"],
        kind=row["kind"],
        agreement_id=row["agreement_id"],
        order_id=row["order_id"],
        payload=forged,
        prev_hash=row["prev_hash"],
    )
    _sql(
        nld_deu, "UPDATE ledger_event SET payload = :p, hash = :h WHERE seq = 2", p=forged, h=digest
    )
    report = nld_deu.verify()
    assert (report.ok, report.bad_seq) == (False, 3)


@pytest.mark.parametrize("partner", ["NLD", "DEU"])
def test_events_show_a_partner_only_its_own(nld_deu: Ledger, partner: str) -> None:
    """Both parties see the same events of their shared agreement and orders."""
    _history(nld_deu)
    from supplyline.services.ledger import Actor

    seen = nld_deu.events(Actor(partner=partner, user="x"))
    assert len(seen) == 10


def test_a_deleted_chain_head_is_tampering_not_a_database_error(nld_deu: Ledger) -> None:
    """Without its chain head row verify says so (exit 1); it failed with NoResultFound (7)."""
    _history(nld_deu)
    _sql(nld_deu, "DELETE FROM ledger_chain_head")
    report = nld_deu.verify()
    assert (report.ok, report.findings) == (
        False,
        ("the chain head (row 1 of ledger_chain_head) is missing: it was deleted",),
    )


@pytest.mark.parametrize("write", ["request", "accept", "add_agreement"])
def test_a_write_without_the_chain_head_names_the_damage(nld_deu: Ledger, write: str) -> None:
    """Every write refuses a ledger whose head row is gone, naming it and ``ledger verify``.

    They failed with SQLAlchemy's "No row was found" as a database error (exit 7).
    """
    first = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"))
    _sql(nld_deu, "DELETE FROM ledger_chain_head")
    calls = {
        "request": lambda: nld_deu.request(
            NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1")
        ),
        "accept": lambda: nld_deu.accept(DEU, first.id),
        "add_agreement": lambda: nld_deu.add_agreement(NLD, make_agreement("NLD-DEU-2")),
    }
    with pytest.raises(DamagedDataError, match=r"chain head .* is missing.*ledger verify"):
        calls[write]()
    assert [o.status.value for o in nld_deu.orders(NLD)] == ["requested"]


def test_a_second_chain_head_row_is_named_and_never_shown_as_the_head(nld_deu: Ledger) -> None:
    """A forged row 0 besides the head fails verify; ``head()`` still gives the real head.

    ``head()`` read whichever row came first, so a row 0 made it print a forged head.
    """
    events = _history(nld_deu)
    real = nld_deu.head()
    _sql(nld_deu, "INSERT INTO ledger_chain_head (id, seq, hash) VALUES (0, 99, :h)", h="f" * 64)
    report = nld_deu.verify()
    assert (report.ok, report.findings, real[0]) == (
        False,
        ("ledger_chain_head has a row 0 besides the chain head (row 1)",),
        events,
    )
    assert nld_deu.head() == real


def test_an_edited_chain_head_hash_is_named_as_such(nld_deu: Ledger) -> None:
    """A head naming the last event with another hash is an edited head, not a deleted tail."""
    events = _history(nld_deu)
    _sql(nld_deu, "UPDATE ledger_chain_head SET hash = :h", h="0" * 64)
    report = nld_deu.verify()
    assert (report.ok, report.bad_seq) == (False, events)
    assert str(report) == (
        f"ledger NOT verified: event {events}: the chain head names event {events} with a hash "
        "that is not that event's (the chain head was edited)"
    )

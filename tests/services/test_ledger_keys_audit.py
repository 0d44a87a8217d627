"""verify rebuilds the idempotency table from the events and names any row that differs.

The table remembers which ``(partner, key)`` made which event, so that a retried command
is not applied twice; a row deleted behind the ledger's back let a repeated request apply
again, and verify did not look at the table. Each test edits it with SQL, outside
supplyline, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ledger_support import DB_KINDS, DEU, NLD, fresh_database_url, make_agreement
from sqlalchemy import select, text, update

from supplyline.services.db.tables import IdempotencyRow
from supplyline.services.ledger import Ledger, TamperedLedgerError, open_ledger
from supplyline.services.ledger import writing as writing_module

KEYS = IdempotencyRow.__table__


def _keyed_life(ledger: Ledger) -> None:
    """Events 1–7; keys on all but event 5 (a request without one), from both partners."""
    ledger.add_agreement(NLD, make_agreement(), idempotency_key="ag-1")
    one = ledger.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"), idempotency_key="r-1"
    )
    ledger.accept(DEU, one.id, idempotency_key="a-1")
    ledger.issue(DEU, one.id, D("4"), idempotency_key="i-1")
    two = ledger.request(NLD, agreement_id="NLD-DEU-1", item="water", quantity=D("2"))
    ledger.cancel(NLD, two.id, idempotency_key="c-2")
    ledger.receive(NLD, one.id, idempotency_key="rc-1")


def _sql(ledger: Ledger, statement: str) -> None:
    with ledger.db.engine.begin() as conn:
        conn.execute(text(statement))


@pytest.fixture
def keyed(ledger: Ledger) -> Ledger:
    """A ledger of :func:`_keyed_life`."""
    _keyed_life(ledger)
    return ledger


def test_a_ledger_with_keys_verifies(keyed: Ledger) -> None:
    """Key rows written by the API match what the events record of them."""
    assert str(keyed.verify()) == "ledger verified: 7 events, chain intact up to event 7"


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (
            "DELETE FROM ledger_idempotency WHERE key = 'r-1'",
            ["NLD's idempotency key 'r-1' made by event 2, request is missing from the table"],
        ),
        (
            "UPDATE ledger_idempotency SET key = 'r-9' WHERE key = 'r-1'",
            [
                "NLD's idempotency key 'r-9' is in the idempotency table but no event made it",
                "NLD's idempotency key 'r-1' made by event 2, request is missing from the table",
            ],
        ),
        (
            "UPDATE ledger_idempotency SET order_id = 2 WHERE key = 'a-1'",
            [
                "DEU's idempotency key 'a-1': order_id is 2 in the table but 1 by the events "
                "(set by event 3, accept)"
            ],
        ),
        (
            "UPDATE ledger_idempotency SET event_seq = 6 WHERE key = 'i-1'",
            ["DEU's idempotency key 'i-1': event_seq is 6 in the table but 4 by the events"],
        ),
        (
            "UPDATE ledger_idempotency SET request_hash = 'ff' WHERE key = 'c-2'",
            ["NLD's idempotency key 'c-2': request_hash is 'ff' in the table but '"],
        ),
        (
            "INSERT INTO ledger_idempotency (partner, key, request_hash, kind, order_id, "
            "agreement_id, event_seq, created_at) SELECT partner, 'r-5', request_hash, kind, 2, "
            "agreement_id, 5, created_at FROM ledger_idempotency WHERE key = 'r-1'",
            ["NLD's idempotency key 'r-5' is in the idempotency table but no event made it"],
        ),
    ],
)
def test_an_edited_key_row_is_named(keyed: Ledger, edit: str, words: list[str]) -> None:
    """A key row deleted, re-keyed, re-pointed or added fails verify, naming it (exit 1)."""
    _sql(keyed, edit)
    report = keyed.verify()
    assert (report.ok, [w for w in words if w not in str(report)]) == (False, [])


def test_a_deleted_key_that_would_let_a_retry_apply_twice_is_caught(keyed: Ledger) -> None:
    """Without r-1's row, verify names the gap, and a retry is refused, not applied twice.

    The deletion leaves every order as it was; a retry under r-1 made a second order.
    """
    _sql(keyed, "DELETE FROM ledger_idempotency WHERE key = 'r-1'")
    report = keyed.verify()
    assert (report.ok, report.bad_seq) == (False, 2)
    with pytest.raises(
        TamperedLedgerError,
        match=r"NLD's idempotency key 'r-1' is missing from table ledger_idempotency, but "
        r"event 2 \(request\) was made under it",
    ):
        keyed.request(
            NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"), idempotency_key="r-1"
        )
    assert len(keyed.orders(NLD)) == 2  # no second order


def test_damaged_key_cell_is_named_with_its_table(keyed: Ledger) -> None:
    """A key row's event number that is not a number is named with table and column."""
    if keyed.db.is_postgres:
        pytest.skip("PostgreSQL's integer columns cannot hold such a value")
    _sql(keyed, "UPDATE ledger_idempotency SET event_seq = 'abc' WHERE key = 'a-1'")
    assert (
        "DEU's idempotency key 'a-1''s event_seq 'abc' is not a whole number "
        "(table ledger_idempotency, column event_seq)"
    ) in str(keyed.verify())


@pytest.fixture
def old_keyed(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> Ledger:
    """A ledger written as supplyline wrote it before events recorded their keys."""
    with monkeypatch.context() as patch:
        patch.setattr(writing_module, "with_key", lambda payload, _key, _hash: dict(payload))
        _keyed_life(ledger)
    with ledger.db.engine.connect() as conn:
        payloads = conn.execute(text("SELECT payload FROM ledger_event")).scalars().all()
    assert [p for p in payloads if "idempotency" in p] == []  # as old events are
    return ledger


def test_a_ledger_from_before_keys_were_recorded_still_verifies(old_keyed: Ledger) -> None:
    """Old events say nothing of keys: their rows verify, and new events after them too."""
    assert old_keyed.verify().ok
    order = old_keyed.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"), idempotency_key="r-new"
    )
    old_keyed.accept(DEU, order.id, idempotency_key="a-new")
    assert str(old_keyed.verify()) == "ledger verified: 9 events, chain intact up to event 9"


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (
            "UPDATE ledger_idempotency SET order_id = 2 WHERE key = 'a-1'",
            "DEU's idempotency key 'a-1': order_id is 2 in the table but 1 by the events",
        ),
        (
            "UPDATE ledger_idempotency SET partner = 'NLD' WHERE key = 'i-1'",
            "NLD's idempotency key 'i-1': partner is 'NLD' in the table but 'DEU' by the events",
        ),
        (
            "UPDATE ledger_idempotency SET event_seq = 99 WHERE key = 'c-2'",
            "NLD's idempotency key 'c-2' is in the idempotency table but no event made it",
        ),
        (
            "UPDATE ledger_idempotency SET event_seq = 3 WHERE key = 'i-1'",
            "DEU's idempotency key 'i-1' is in the idempotency table but no event made it",
        ),
    ],
)
def test_an_old_ledgers_key_row_is_held_to_its_event(
    old_keyed: Ledger, edit: str, words: str
) -> None:
    """What an old event does say (partner, kind, order, time) its key row must match.

    Pointing a second row at an event that already has one (i-1 at a-1's event 3) is a
    row no event made.
    """
    _sql(old_keyed, edit)
    report = old_keyed.verify()
    assert (report.ok, words in str(report)) == (False, True)


# -- any single cell, on SQLite and PostgreSQL --------------------------------------------

_LATER = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
_VALUES: dict[str, list[Any]] = {
    "partner": ["NLD", "DEU", "FRA"],
    "key": ["r-1", "k-other"],
    "request_hash": ["0" * 64],
    "kind": ["request", "cancel"],
    "order_id": [None, 1, 2],
    "agreement_id": [None, "NLD-DEU-1", "NLD-DEU-2"],
    "event_seq": [1, 3, 5, 99],
    "created_at": [_LATER],
}
_CELLS = [(column, value) for column, values in _VALUES.items() for value in values]


@pytest.fixture(scope="module", params=DB_KINDS)
def keyed_once(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Ledger]:
    """A ledger of :func:`_keyed_life`, made once per kind; each example undoes its edit."""
    urls = fresh_database_url(request.param, tmp_path_factory.mktemp("keys"))
    ledger = open_ledger(next(urls))
    _keyed_life(ledger)
    yield ledger
    ledger.db.dispose()
    next(urls, None)  # drops the PostgreSQL schema


@settings(max_examples=50, deadline=None)
@given(cell=st.sampled_from(_CELLS), row=st.integers(0, 5))
def test_any_single_cell_edit_of_a_key_row_is_caught(
    keyed_once: Ledger, cell: tuple[str, Any], row: int
) -> None:
    """Any one cell of a key row set to another valid value fails verify; the same passes.

    Key values already taken by the row's partner are left out (the database refuses them).
    """
    column, value = cell
    with keyed_once.db.engine.begin() as conn:
        rows = conn.execute(select(KEYS).order_by(KEYS.c.event_seq)).mappings().all()
        original = dict(rows[row])
        taken = {(r["partner"], r["key"]) for r in rows} - {(original["partner"], original["key"])}
        edited = original | {column: value}
        if (edited["partner"], edited["key"]) in taken:
            return
        conn.execute(_set(original, {column: value}))
    try:
        report = keyed_once.verify()
        assert report.ok is (value == original[column]), (column, value, str(report))
    finally:
        with keyed_once.db.engine.begin() as conn:
            conn.execute(_set(edited, {column: original[column]}))
    assert keyed_once.verify().ok


def _set(row: dict[str, Any], values: dict[str, Any]) -> Any:
    where = (KEYS.c.partner == row["partner"]) & (KEYS.c.key == row["key"])
    return update(KEYS).where(where).values(values)

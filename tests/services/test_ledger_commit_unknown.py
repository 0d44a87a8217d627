"""A write whose commit fails says the outcome is unknown, how to see it, and if a retry is safe.

A connection lost while ``COMMIT`` travels may have lost the commit or only its answer: the
message said "nothing was written", which could be false. Here the commit really fails —
on SQLite a foreign key deferred to the commit (a row with no agreement, added by a hook
as the commit starts), on PostgreSQL the server ending the connection at that moment —
and the message says what is and is not known.
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import psycopg
import pytest
from ledger_support import DEU, NLD, make_agreement
from sqlalchemy import event

from supplyline.errors import CommitUnknownError, StorageError
from supplyline.services.ledger import Ledger

UNKNOWN = "the database may or may not have kept this write (it failed while committing it)"


def _fail_the_commit(ledger: Ledger) -> None:
    """Make the next commit of ``ledger`` fail in the database, once."""
    done = [False]

    @event.listens_for(ledger.db.engine, "commit")
    def _fail(conn: Any) -> None:
        if done[0]:
            return
        done[0] = True
        dbapi = conn.connection.dbapi_connection
        if ledger.db.is_postgres:
            info = dbapi.info
            with psycopg.connect(
                host=info.host, port=info.port, user=info.user, dbname=info.dbname, autocommit=True
            ) as other:
                other.execute("select pg_terminate_backend(%s)", (info.backend_pid,))
            return
        dbapi.execute("PRAGMA defer_foreign_keys = ON")  # checked by the COMMIT, which fails
        dbapi.execute(
            "INSERT INTO ledger_price (agreement_id, commodity, currency, per_t) "
            "VALUES ('no-such-agreement', 'x', 'EUR', 1)"
        )


@pytest.fixture
def agreed(ledger: Ledger) -> Ledger:
    """A ledger with agreement NLD-DEU-1 and order 1 requested under it."""
    ledger.add_agreement(NLD, make_agreement())
    ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"))
    return ledger


def _failed(ledger: Ledger, act: Any) -> str:
    _fail_the_commit(ledger)
    with pytest.raises(CommitUnknownError) as raised:
        act(ledger)
    assert isinstance(raised.value, StorageError)  # exit 7, as every database failure
    return str(raised.value)


def test_a_request_with_a_key_says_unknown_and_that_a_retry_is_safe(agreed: Ledger) -> None:
    """With a key: where to look, and that running it again does nothing twice."""
    said = _failed(
        agreed,
        lambda lg: lg.request(
            NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"), idempotency_key="r-9"
        ),
    )
    assert "nothing was written" not in said
    assert said.endswith(
        f"{UNKNOWN}: see whether it did with `supplyline ledger orders --as NLD --agreement "
        "NLD-DEU-1` once the database is back; it is safe to run the command again (with the "
        "same idempotency key it does nothing twice)"
    )


def test_a_retry_with_the_key_after_an_unknown_commit_makes_one_order(
    agreed: Ledger,
) -> None:
    """What the message promises: the same key again leaves one order, whatever happened."""
    ask = {
        "agreement_id": "NLD-DEU-1",
        "item": "fuel",
        "quantity": D("1"),
        "idempotency_key": "r-9",
    }
    _failed(agreed, lambda lg: lg.request(NLD, **ask))
    again = agreed.request(NLD, **ask)  # the hook fails only once
    assert [o.id for o in agreed.orders(NLD)] == [1, again.id]
    assert agreed.verify().ok


def test_a_transition_without_a_key_says_to_check_before_running_it_again(
    agreed: Ledger,
) -> None:
    """No key: the order's own ``show`` command, and to look before doing it again."""
    said = _failed(agreed, lambda lg: lg.accept(DEU, 1))
    assert said.endswith(
        f"{UNKNOWN}: see whether it did with `supplyline ledger show 1 --as DEU` once the "
        "database is back; check that before you run the command again: if the write was "
        "kept, it would be made twice"
    )


def test_an_import_says_where_to_see_the_agreements(ledger: Ledger) -> None:
    """An import: ``ledger agreements``, and that importing again is safe."""
    said = _failed(ledger, lambda lg: lg.import_agreements(NLD, [make_agreement()]))
    assert said.endswith(
        f"{UNKNOWN}: see whether it did with `supplyline ledger agreements --as NLD` once the "
        "database is back; it is safe to run the import again (an agreement already in the "
        "ledger with the same terms is left as it is)"
    )

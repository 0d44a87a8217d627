"""A write whose database connection drops says what it left, and what to do.

A tester stopped PostgreSQL 6 s into ``ledger agreements import`` of 3,000 agreements: the
import was all-or-nothing, but it said only ``ledger transaction: database error:
terminating connection due to administrator command``. Here the server ends this
client's connection (``pg_terminate_backend``, the same words) at chosen moments. Before
the commit nothing was written; at the commit the outcome is unknown, and said so.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import psycopg
import pytest
from ledger_support import NLD, fresh_database_url, make_agreement
from sqlalchemy import event

from supplyline.errors import CommitUnknownError, NotFoundError, StorageError
from supplyline.services.ledger import Ledger, open_ledger

pytestmark = pytest.mark.postgres

IMPORT_AGAIN = (
    "; nothing was imported: run the import again once the database is back (an agreement "
    "already in the ledger with the same terms is left as it is)"
)


@pytest.fixture
def pg_ledger(tmp_path: Path) -> Iterator[Ledger]:
    """A ledger on a PostgreSQL schema of its own."""
    for url in fresh_database_url("postgres", tmp_path):
        opened = open_ledger(url)
        yield opened
        opened.db.dispose()


def _server_ends_the_connection(dbapi_connection: Any) -> None:
    """Have the server terminate ``dbapi_connection``, as a stopping server does."""
    info = dbapi_connection.info
    with psycopg.connect(
        host=info.host, port=info.port, user=info.user, dbname=info.dbname, autocommit=True
    ) as other:
        other.execute("select pg_terminate_backend(%s)", (info.backend_pid,))


def _drop_at_statement(ledger: Ledger, number: int) -> None:
    """End the connection just before its ``number``-th statement after this call."""
    seen = [0]

    @event.listens_for(ledger.db.engine, "before_cursor_execute")
    def _drop(_conn: Any, cursor: Any, *_args: Any) -> None:
        seen[0] += 1
        if seen[0] == number:
            _server_ends_the_connection(cursor.connection)


def _drop_at_commit(ledger: Ledger) -> None:
    """End the connection just before its transaction commits."""

    @event.listens_for(ledger.db.engine, "commit")
    def _drop(conn: Any) -> None:
        _server_ends_the_connection(conn.connection.dbapi_connection)


AGREEMENTS = [make_agreement(f"A-{i:03}") for i in range(40)]


@pytest.mark.parametrize(
    "drop",
    [
        pytest.param(lambda led: _drop_at_statement(led, 1), id="at-the-lock"),
        pytest.param(lambda led: _drop_at_statement(led, 30), id="mid-import"),
    ],
)
def test_an_import_cut_off_says_nothing_was_imported_and_to_run_it_again(
    pg_ledger: Ledger, drop: Any
) -> None:
    """Wherever the connection drops, the message ends the same way and nothing is stored."""
    drop(pg_ledger)
    with pytest.raises(StorageError, match="terminating connection") as raised:
        pg_ledger.import_agreements(NLD, AGREEMENTS)
    assert str(raised.value).endswith(IMPORT_AGAIN)
    pg_ledger.db.dispose()
    fresh = Ledger(type(pg_ledger.db)(pg_ledger.db.url))  # the hooks stay on the old engine
    with pytest.raises(NotFoundError, match="the ledger is empty"):
        fresh.agreements(NLD)
    fresh.db.dispose()


@pytest.mark.parametrize(
    ("key", "safe"),
    [("req-1", " (with the same idempotency key it does nothing twice)"), (None, "")],
)
def test_a_request_cut_off_says_nothing_was_written_and_when_a_retry_is_safe(
    pg_ledger: Ledger, key: str | None, safe: str
) -> None:
    """A single write: ``nothing was written: run the command again …``, and why it is safe."""
    pg_ledger.add_agreement(NLD, make_agreement())
    _drop_at_statement(pg_ledger, 2)  # after the chain head's lock, before the commit
    with pytest.raises(StorageError) as raised:
        pg_ledger.request(
            NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D(5), idempotency_key=key
        )
    assert str(raised.value).endswith(
        "; nothing was written: run the command again once the database is back" + safe
    )


def test_an_import_cut_off_at_its_commit_says_the_outcome_is_unknown(pg_ledger: Ledger) -> None:
    """At the commit nothing is known: where to look, and that importing again is safe."""
    _drop_at_commit(pg_ledger)
    with pytest.raises(CommitUnknownError, match="terminating connection") as raised:
        pg_ledger.import_agreements(NLD, AGREEMENTS)
    assert "nothing was imported" not in str(raised.value)
    assert str(raised.value).endswith(
        "the database may or may not have kept this write (it failed while committing it): "
        "see whether it did with `supplyline ledger agreements --as NLD` once the database is "
        "back; it is safe to run the import again (an agreement already in the ledger with the "
        "same terms is left as it is)"
    )

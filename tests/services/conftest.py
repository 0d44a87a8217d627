"""Fixtures of the ledger tests: every test that takes ``db_url`` runs on SQLite and PostgreSQL.

The PostgreSQL runs need ``SUPPLYLINE_TEST_POSTGRES_URL`` (``make test`` starts a server
through ``scripts/postgres.sh``); without it they are skipped, and the skip says why.
Each PostgreSQL test gets a schema of its own (via ``search_path``), dropped afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ledger_support import DB_KINDS, NLD, fresh_database_url, make_agreement

from supplyline.services.ledger import Ledger, open_ledger


@pytest.fixture(params=DB_KINDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or a PostgreSQL schema of its own."""
    yield from fresh_database_url(request.param, tmp_path)


@pytest.fixture
def ledger(db_url: str) -> Iterator[Ledger]:
    """An opened (migrated) ledger on a fresh database."""
    opened = open_ledger(db_url)
    yield opened
    opened.db.dispose()


@pytest.fixture
def nld_deu(ledger: Ledger) -> Ledger:
    """A ledger holding the NLD–DEU agreement (all reimbursement modes, no ceilings)."""
    ledger.add_agreement(NLD, make_agreement())
    return ledger

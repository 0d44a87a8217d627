"""Fixtures of the ledger tests: every test that takes ``db_url`` runs on SQLite and PostgreSQL.

The PostgreSQL runs need ``SUPPLYLINE_TEST_POSTGRES_URL`` (``make test`` starts a server
through ``scripts/postgres.sh``); without it they are skipped, and the skip says why.
Each PostgreSQL test gets a schema of its own (via ``search_path``), dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from ledger_support import NLD, make_agreement
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from supplyline.services.db import normalise_url
from supplyline.services.ledger import Ledger, open_ledger

PG_ENV = "SUPPLYLINE_TEST_POSTGRES_URL"


def _postgres_schema_url(base: str) -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        url = make_url(normalise_url(base)).update_query_dict(
            {"options": f"-csearch_path={schema}"}
        )
        yield url.render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    finally:
        admin.dispose()


def fresh_database_url(kind: str, directory: Path) -> Iterator[str]:
    """Yield the URL of a new empty database of ``kind`` (skip if PostgreSQL is absent)."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / 'ledger.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set (make test starts PostgreSQL for these)")
    yield from _postgres_schema_url(base)


DB_KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


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

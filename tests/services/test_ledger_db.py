"""Settings, the database wrapper, exact decimals and the migrations."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, insert, select

from supplyline.errors import StorageError
from supplyline.services.db import Database, current_revision, head_revision, upgrade_database
from supplyline.services.db.tables import Base
from supplyline.services.db.types import DecimalType
from supplyline.services.settings import Settings, get_settings


def test_settings_default_to_a_sqlite_file_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the environment variable the database is ./supplyline.db."""
    monkeypatch.delenv("SUPPLYLINE_DATABASE_URL", raising=False)
    assert Settings().database_url == "sqlite:///supplyline.db"


def test_settings_read_the_environment_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """get_settings reads SUPPLYLINE_DATABASE_URL on its first call after a cache clear."""
    monkeypatch.setenv("SUPPLYLINE_DATABASE_URL", "postgresql://u@h/db")
    get_settings.cache_clear()
    try:
        assert get_settings().database_url == "postgresql://u@h/db"
    finally:
        get_settings.cache_clear()


def test_importing_the_ledger_opens_no_database(tmp_path: Path) -> None:
    """Importing every ledger module creates no database file and reads no settings."""
    code = (
        "import supplyline.services.ledger.service, supplyline.cli.ledger_cmds;"
        "from supplyline.services.settings import get_settings;"
        "assert get_settings.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, check=True, timeout=120)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://x/y", "'mysql' \\('mysql://x/y'\\) is not supported"),
        ("sqlite://", "needs a SQLite file"),
        ("not a url", "not a database URL"),
    ],
)
def test_unusable_urls_are_storage_errors(url: str, message: str) -> None:
    """A URL the ledger cannot use is a StorageError that says why."""
    with pytest.raises(StorageError, match=message):
        Database(url)


def test_an_unreachable_server_is_a_storage_error() -> None:
    """A PostgreSQL URL with nothing listening fails as StorageError, not a driver error."""
    with pytest.raises(StorageError, match=r"cannot connect to the PostgreSQL database .*9/none"):
        upgrade_database(Database("postgresql://nobody@127.0.0.1:9/none", busy_timeout_s=1))


def test_migrations_build_exactly_the_tables_of_the_models(db_url: str) -> None:
    """After upgrading, Alembic finds no difference between the database and the ORM models."""
    db = Database(db_url)
    upgrade_database(db)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.dispose()
    assert diff == []


def test_upgrade_is_idempotent(db_url: str) -> None:
    """Upgrading twice leaves the database at the head revision."""
    db = Database(db_url)
    first = upgrade_database(db)
    second = upgrade_database(db)
    at = current_revision(db)
    db.dispose()
    assert (first, second, at) == (
        (None, head_revision()),
        (head_revision(), head_revision()),
        head_revision(),
    )


_meta = MetaData()
_money = Table(
    "t_money", _meta, Column("id", Integer, primary_key=True), Column("v", DecimalType(18, 2))
)


@pytest.fixture(scope="module")
def money_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """A SQLite database with one DecimalType(18, 2) column."""
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('money') / 'm.db'}")
    _meta.create_all(db.engine)
    return db


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=2))
def test_decimals_round_trip_exactly(money_db: Database, value: Decimal) -> None:
    """Any 2-place amount comes back from SQLite exactly (no float on the way)."""
    with money_db.engine.begin() as conn:
        new_id = conn.execute(insert(_money).values(v=value)).inserted_primary_key[0]  # type: ignore[index]
        back = conn.execute(select(_money.c.v).where(_money.c.id == new_id)).scalar_one()
    assert back == value


def test_more_places_than_the_column_is_a_bug(money_db: Database) -> None:
    """Storing 3 places in a 2-place column raises rather than rounding silently."""
    with (
        pytest.raises(StorageError, match="more than 2 decimal places"),
        money_db.session(write=True) as s,
    ):
        s.execute(insert(_money).values(v=Decimal("1.005")))

"""Bring a database to the latest schema with the Alembic migrations shipped in the package.

The migrations live in ``supplyline/services/migrations`` (package data, no alembic.ini),
so ``supplyline db upgrade`` works from an installed wheel. Several processes may open a
new database at once: the upgrade runs in one transaction under a lock (an advisory lock
on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), and the loser finds the work done. A
database that holds tables of its own and no ledger is refused before anything writes to
it (:mod:`supplyline.services.db.stranger`), and so is a ledger missing tables or its
revision (:mod:`supplyline.services.db.incomplete`).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from supplyline.services.db.engine import Database, storage_errors
from supplyline.services.db.stranger import refuse_a_stranger

__all__ = [
    "check_ledger",
    "current_revision",
    "head_revision",
    "known_revisions",
    "upgrade_database",
]

_ADVISORY_KEY = 0x5350_4C4E  # "SPLN": serialises concurrent upgrades on one server


def _config() -> Config:
    location = resources.files("supplyline.services").joinpath("migrations")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(str(location))))
    return cfg


def head_revision() -> str:
    """The newest migration shipped with this version of supplyline."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def known_revisions() -> frozenset[str]:
    """Every migration revision shipped with this version of supplyline, the head's too."""
    script = ScriptDirectory.from_config(_config())
    return frozenset(revision.revision for revision in script.walk_revisions())


def current_revision(db: Database) -> str | None:
    """The revision a database is at (None for an empty database)."""
    with storage_errors("reading the schema version"), db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_ledger(db: Database) -> None:
    """Refuse ``db`` if it is someone else's database or a damaged ledger, reading it only.

    :class:`~supplyline.errors.NotALedgerError` or
    :class:`~supplyline.errors.DamagedLedgerError`; a new, empty or whole ledger passes.
    A command that only reads calls it too, so that it says what a write would.
    """
    refuse_a_stranger(db, known_revisions(), head_revision())


def upgrade_database(db: Database) -> tuple[str | None, str]:
    """Apply every missing migration; return the revision before and after.

    A database that is not a ledger (someone's own tables, no ledger revision) is refused
    first, by reading it only (:class:`~supplyline.errors.NotALedgerError`), and so is a
    damaged ledger (:class:`~supplyline.errors.DamagedLedgerError`).

    >>> upgrade_database(Database("sqlite:///ledger.db"))  # doctest: +SKIP
    (None, '0001')
    """
    check_ledger(db)
    head = head_revision()
    before = current_revision(db)
    if before == head:
        return before, head
    cfg = _config()
    with storage_errors("upgrading the database"), db.session(write=True) as session:
        conn = session.connection()
        if db.is_postgres:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_ADVISORY_KEY})")
        before = MigrationContext.configure(conn).get_current_revision()
        if before != head:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return before, head

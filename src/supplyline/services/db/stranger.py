"""Whether a database given as the ledger is someone else's: read only, before any write.

A tester's ``ledger agreements import … --db sqlite:///shop.db``, where ``shop.db`` was
their own database (tables ``customers`` and ``orders``), made the ledger's tables among
theirs and exited 0; ``ledger orders`` on it changed the file too (opening it for writing
sets its journal mode to WAL, which rewrites the header). A database is looked at here
before the migrations may touch it, through a read-only connection on SQLite, and one
that holds tables of its own and no ledger of a supplyline migration revision is refused
(:class:`~supplyline.errors.NotALedgerError`), left as it was.

Any object of the user's makes a database not empty, not its tables alone: a file that
held only a view of the tester's was made a ledger. A view (or a materialised view), an
index on one of the ledger's tables that the migrations do not make, and a trigger are
named as such (``view customers``). On PostgreSQL only the schema the ledger uses (the
connection's current schema, where its tables go) is looked at: other schemas' objects
are not ours to judge.

An empty database, or a file not there yet or of zero bytes, is a new ledger, as before;
a ledger of an older revision is one, and is migrated as before. A database that holds
the ledger beside other tables (a PostgreSQL database shared with another application)
is a ledger: its revision says so.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, inspect, text

from supplyline.errors import DamagedLedgerError, NotALedgerError
from supplyline.services.db.engine import Database, storage_errors
from supplyline.services.db.incomplete import damaged_ledger_trouble
from supplyline.services.db.sqlite_file import ledger_path
from supplyline.services.db.tables import Base
from supplyline.services.db.url_shown import masked_url

__all__ = ["Found", "looked_at", "refuse_a_stranger"]

VERSION_TABLE = "alembic_version"
"""Where Alembic keeps a database's migration revision (the ledger's, or another's)."""

NAMES_SHOWN = 3
"""Tables named in the message at most (a database of 200 tables named them all)."""

_KINDS_SHOWN = ("view", "index", "trigger")
"""The kinds of :attr:`Found.others`, in the order the message names them."""

_PG_TRIGGERS = text(
    "SELECT DISTINCT trigger_name FROM information_schema.triggers "
    "WHERE trigger_schema = current_schema()"
)
"""The user's triggers in the ledger's schema (PostgreSQL's own, internal ones are not listed)."""

_SQLITE_TRIGGERS = text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
"""A SQLite file's triggers (on its tables or its views)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    """What a database holds: its tables, the revisions its version table names, and more.

    ``others`` are its objects that are not tables and not the ledger's, each said with
    its kind (``view customers``, ``trigger audit``): a database of a view alone is not
    empty. ``columns`` are the columns of the ledger's tables it holds, by table.
    """

    tables: frozenset[str]
    revisions: frozenset[str]
    others: frozenset[str] = frozenset()
    columns: Mapping[str, frozenset[str]] = field(default_factory=dict)


def looked_at(db: Database) -> Found | None:
    """The tables and revisions of ``db``, read without writing; None for a new SQLite file.

    A SQLite file is read through a connection of its own opened read-only (``db``'s
    own, if it is one): the ledger's writer sets the journal mode as it connects. A path
    that is no regular file, or an empty one, is None too.
    """
    if db.file is not None and not db.read_only:
        with ledger_path(db.file):  # a name past 255 bytes
            if not db.file.is_file() or db.file.stat().st_size == 0:
                # a new ledger (none, or 0 bytes), or no file at all (a folder): the
                # writer makes it, or says why it cannot, as before
                return None
        reader = Database(
            db.given_url, busy_timeout_s=db.busy_timeout_s, source=db.source, read_only=True
        )
        try:
            return looked_at(reader)
        finally:
            reader.dispose()
    with storage_errors("reading the database's tables"), db.engine.connect() as conn:
        tables = frozenset(inspect(conn).get_table_names())
        revisions = _revisions(conn) if VERSION_TABLE in tables else frozenset()
        inspector = inspect(conn)
        columns = {
            table: frozenset(str(column["name"]) for column in inspector.get_columns(table))
            for table in sorted(tables & frozenset(Base.metadata.tables))
        }
        return Found(
            tables=tables, revisions=revisions, others=_others(conn, tables), columns=columns
        )


def _others(conn: Connection, tables: frozenset[str]) -> frozenset[str]:
    """The objects of the database that are neither tables nor the ledger's, with their kinds.

    Views and materialised views; indexes on the ledger's tables that its migrations do
    not make (one on a table of the user's is said by that table); triggers, which the
    ledger has none of. In the connection's default (current) schema only.
    """
    found = inspect(conn)
    views = list(found.get_view_names())
    if conn.dialect.name == "postgresql":
        views += found.get_materialized_view_names()
    ours = frozenset(Base.metadata.tables) & tables
    our_indexes = {index.name for table in Base.metadata.tables.values() for index in table.indexes}
    indexes = [
        str(index["name"])
        for table in sorted(ours)
        for index in found.get_indexes(table)
        if index["name"] not in our_indexes and not index.get("duplicates_constraint")
    ]
    query = _PG_TRIGGERS if conn.dialect.name == "postgresql" else _SQLITE_TRIGGERS
    triggers = [str(row[0]) for row in conn.execute(query)]
    return frozenset(
        [f"view {name}" for name in views]
        + [f"index {name}" for name in indexes]
        + [f"trigger {name}" for name in triggers]
    )


def _revisions(conn: Connection) -> frozenset[str]:
    """The revisions the version table names (Alembic's has one row per head)."""
    rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
    return frozenset(str(row[0]) for row in rows)


def stranger_trouble(db: Database, found: Found, known: Collection[str]) -> str | None:
    """Why ``db``, which holds ``found``, is not a ledger, in a person's words; or None.

    It is a ledger if its version table names only revisions of ours (``known``) and it
    holds a table of the ledger's, or if it holds nothing but the ledger's own tables or
    a revision of ours (an empty database; a ledger damaged, missing tables or its
    revision, which :mod:`~supplyline.services.db.incomplete` says).
    """
    ours = frozenset(Base.metadata.tables)
    if found.revisions and found.revisions <= frozenset(known) and found.tables & ours:
        return None
    theirs = found.tables - ours - {VERSION_TABLE}
    if found.revisions <= frozenset(known) and not theirs and not found.others:
        return None
    named = sorted(theirs) + sorted(found.others, key=_by_kind) or sorted(found.tables)
    kind = "objects" if found.others else "tables"
    where = str(db.file.absolute()) if db.file is not None else masked_url(db.given_url)
    revision = (
        f"; its migration revision {_listed(sorted(found.revisions))} is not supplyline's"
        if found.revisions - frozenset(known)
        else ""
    )
    return (
        f"{where}: this database holds {kind} of its own (e.g. {_listed(named)}) and is not "
        f"a supplyline ledger{revision}; give a new file or an empty database"
    )


def _by_kind(other: str) -> tuple[int, str]:
    """Views first, then indexes, then triggers (which say least of what the user keeps)."""
    kind, _, name = other.partition(" ")
    return _KINDS_SHOWN.index(kind), name


def _listed(names: Iterable[str]) -> str:
    """The first few names, then how many more: ``customers, orders, items and 4 more``."""
    listed = list(names)
    shown = ", ".join(listed[:NAMES_SHOWN])
    more = len(listed) - NAMES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def refuse_a_stranger(db: Database, known: Collection[str], head: str) -> frozenset[str]:
    """Raise :class:`NotALedgerError` if ``db`` is not a ledger; else its revisions.

    :class:`DamagedLedgerError` if it is a damaged one (tables or its revision missing).
    ``known`` is every migration revision supplyline ships, ``head`` the newest. Nothing
    is written: the database a user gave by mistake is left byte for byte as it was.
    """
    found = looked_at(db)
    if found is None:
        return frozenset()
    if (trouble := stranger_trouble(db, found, known)) is not None:
        raise NotALedgerError(trouble)
    if (damage := damaged_ledger_trouble(db, found, known=known, head=head)) is not None:
        raise DamagedLedgerError(damage)
    return found.revisions

"""Open a database and hand out transactions: SQLite (WAL) by default, PostgreSQL by URL.

Writers are serialised on purpose, because the audit chain must stay linear: on SQLite a
write transaction starts with ``BEGIN IMMEDIATE`` (one writer at a time, readers go on in
WAL mode); on PostgreSQL the ledger locks its chain-head row ``FOR UPDATE`` first thing.
Database failures leave this module as :class:`~supplyline.errors.StorageError`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from supplyline.errors import (
    CommitUnknownError,
    Issue,
    NotFoundError,
    ScenarioError,
    StorageError,
)
from supplyline.services.db.sqlite_file import (
    damaged_trouble,
    empty_file_trouble,
    ledger_loop,
    ledger_path,
    read_only_trouble,
    sqlite_file_trouble,
)
from supplyline.services.db.sqlite_read_only import connect_read_only
from supplyline.services.db.url_shown import masked_url

__all__ = [
    "URL_EXAMPLES",
    "URL_VARIABLE",
    "Database",
    "UrlSource",
    "normalise_url",
    "storage_errors",
    "url_problem",
]

log = logging.getLogger(__name__)

_WRITE = "supplyline_write"

_CANNOT_OPEN = frozenset({sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_NOTADB})
"""SQLite's codes for a file it could not open as a database (the rest are not the path's)."""


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for a plain ``postgresql://`` URL (psycopg2 is not installed).

    >>> normalise_url("postgresql://u@h/db")
    'postgresql+psycopg://u@h/db'
    >>> normalise_url("sqlite:///x.db")
    'sqlite:///x.db'
    """
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


URL_EXAMPLES = "sqlite:///ledger.db, sqlite:////abs/path/ledger.db or postgresql://user@host/db"
"""What a database URL looks like, for the messages that refuse one."""

SUPPORTED_DRIVERS = (
    "supported: sqlite:///file.db, and PostgreSQL through psycopg 3 as postgresql:// or "
    "postgresql+psycopg:// (not +psycopg2, +asyncpg or +pg8000)"
)
"""Which databases and drivers supplyline opens, for the message that refuses another."""

URL_VARIABLE = "SUPPLYLINE_DATABASE_URL"
"""The environment variable that names the database when no URL is given."""


class UrlSource(StrEnum):
    """Where a database URL came from, so that a message about it can say where to mend it.

    A bad or missing ledger was said as if the user had typed its URL (``--db …``) when
    it came from ``SUPPLYLINE_DATABASE_URL`` or the default ``sqlite:///supplyline.db``.
    """

    GIVEN = "given"
    """``--db``, or a URL handed to the Python API."""
    ENVIRONMENT = "environment"
    """``SUPPLYLINE_DATABASE_URL``."""
    DEFAULT = "default"
    """Neither: ``sqlite:///supplyline.db``, a file in the current folder."""


def url_problem(url: str, *, named: str | None = None) -> str | None:
    """Why ``url`` cannot be the ledger's database, in a person's words, or None.

    The faces check an option with it before anything opens (a bad ``--db`` is a bad
    option there, exit 2, not a database failure); :class:`Database` refuses the same.
    ``named`` is the environment variable the URL came from, said with its value
    (``SUPPLYLINE_DATABASE_URL='nonsense' is not a database URL: …``). The URL is said
    with its password hidden (:func:`masked_url`). A URL SQLAlchemy cannot take apart (a
    port that is not a number, an unclosed ``[``) raised ValueError out of ``make_url``: a
    traceback, exit 1; it is not a database URL, as any other.

    >>> url_problem("/tmp/ledger.db").endswith("is sqlite:////tmp/ledger.db)")
    True
    >>> url_problem("sqlite:///ledger.db") is None
    True
    """
    shown = masked_url(url)
    who = repr(shown) if named is None else f"{named}={shown!r}"
    if not url.strip():
        if named is not None:
            return f"{who} is empty: give a database URL like {URL_EXAMPLES}, or unset it"
        return f"the database URL is empty: give one like {URL_EXAMPLES}"
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError:
        bare = f" (a SQLite file at that path is sqlite:///{shown})" if "://" not in url else ""
        return f"{who} is not a database URL: give one like {URL_EXAMPLES}{bare}"
    except ValueError as error:  # make_url's int(port), or an IPv6 host left open
        return (
            f"{who} is not a database URL ({_unparsable(url, error)}): give one like {URL_EXAMPLES}"
        )
    dialect = parsed.get_backend_name()
    if dialect not in ("sqlite", "postgresql"):
        return f"database {dialect!r} ({who}) is not supported: give one like {URL_EXAMPLES}"
    if dialect == "sqlite" and parsed.query:  # SQLAlchemy warned and ignored it (?mode=ro)
        asked = "&".join(f"{k}={v}" for k, v in parsed.query.items())
        return (
            f"{who}: supplyline opens a SQLite ledger itself and takes no options in its URL "
            f"(?{asked}); the commands that only read open it read-only: give the file's URL "
            "without the part from '?'"
        )
    if dialect == "sqlite" and parsed.database in (None, "", ":memory:"):
        return (
            ("" if named is None else f"{who}: ")
            + f"the ledger needs a SQLite file, not an in-memory database: give one like "
            f"{URL_EXAMPLES}"
        )
    return None


def _unparsable(url: str, error: ValueError) -> str:
    """What SQLAlchemy could not read in a URL, in words (``invalid literal for int()…``)."""
    said = str(error)
    if "[" in url and "]" not in url:
        return "its IPv6 host's '[' is not closed with ']'"
    if said.startswith("invalid literal for int()"):
        port = said.partition(": ")[2]
        return f"its port {port} is not a number" if port else "its port is empty"
    return said


@contextmanager
def storage_errors(what: str) -> Iterator[None]:
    """Turn a database failure inside the block into a StorageError that says what failed."""
    try:
        yield
    except DBAPIError as error:
        orig = getattr(error, "orig", None) or error
        raise StorageError(f"{what}: database error: {str(orig).strip()}") from error
    except SQLAlchemyError as error:
        raise StorageError(f"{what}: {error}") from error


def _commit(session: Session, conn: Connection) -> None:
    """Commit, saying a failure of the commit itself as :class:`CommitUnknownError`.

    Everything was flushed before, so what fails here is the ``COMMIT``: the database may
    have kept the write and lost only its answer (a connection cut while it travelled).
    The connection is not used again: SQLite leaves the transaction of a failed ``COMMIT``
    open, and the next write on it failed with "cannot start a transaction within a
    transaction".
    """
    try:
        session.commit()
    except DBAPIError as error:
        conn.invalidate()  # closed, not pooled: closing rolls back what SQLite kept open
        orig = getattr(error, "orig", None) or error
        raise CommitUnknownError(
            f"ledger transaction: database error in the commit: {str(orig).strip()}"
        ) from error


def _sqlite_hooks(engine: Engine, busy_timeout_s: float, *, read_only: bool) -> None:
    """WAL, foreign keys, full sync; our own BEGIN (IMMEDIATE for writers).

    A read-only connection leaves the journal mode as the file has it (it may not set it).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let us issue BEGIN ourselves
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
            if not read_only:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _explain_unopenable(engine: Engine, file: Path, *, read_only: bool) -> None:
    """After SQLite failed to open ``file``, say why (the folder is missing, …) with its path.

    Only a failure to connect (SQLite's ``unable to open database file`` or ``file is not a
    database``, met by the open or the first PRAGMA) is looked into: a check of the file
    before every connection cost each one a few system calls, and read a ledger's header
    while another process might be writing it. Any other failure, or one the file does not
    explain, goes on unchanged (``storage_errors`` says it). A damaged file (``database disk
    image is malformed``) and a read-only file or folder (``attempt to write a readonly
    database``) are said whenever SQLite meets them, with the path and what to do.
    """

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> BaseException | None:
        failed = context.original_exception
        code = getattr(failed, "sqlite_errorcode", None)
        said = str(failed).strip()
        if code is None:
            return None
        if code & 0xFF == sqlite3.SQLITE_CORRUPT:
            return StorageError(damaged_trouble(file, said))
        if code & 0xFF == sqlite3.SQLITE_READONLY:
            if read_only:  # a bug: a write through a ledger opened to read
                return None
            return StorageError(read_only_trouble(file, said))
        if context.connection is not None or code not in _CANNOT_OPEN:
            return None
        trouble = sqlite_file_trouble(file)
        if trouble is None and code == sqlite3.SQLITE_CANTOPEN and file.is_file():
            trouble = read_only_trouble(file, said, writing=not read_only)
        if trouble is None and code == sqlite3.SQLITE_NOTADB and file.is_file():
            trouble = damaged_trouble(file, said)
        return None if trouble is None else StorageError(trouble)


def _postgres_hooks(engine: Engine, busy_timeout_s: float) -> None:
    """A writer waits at most ``busy_timeout_s`` for a lock, then fails (StorageError).

    A server that cannot be reached said only ``connection failed: …``: it is said with the
    URL (its password hidden) and what to check.
    """
    shown = masked_url(engine.url.render_as_string(hide_password=False))

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> BaseException | None:
        failed = context.sqlalchemy_exception
        if context.connection is not None or not isinstance(failed, OperationalError):
            return None  # only a failure to connect: the rest say themselves
        said = " ".join(str(context.original_exception).split())
        return StorageError(
            f"cannot connect to the PostgreSQL database {shown}: {said} (check the host and "
            "port in the URL, that the server runs and accepts connections there, and the "
            "user, password and database name)"
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"SET lock_timeout = {int(busy_timeout_s * 1000)}")
        finally:
            cursor.close()
        dbapi_conn.commit()


class Database:
    """An engine plus the two kinds of transaction the services use: read and write.

    Building one does not connect; the first transaction does. ``read_only`` opens a
    SQLite file for reading only (``mode=ro``), so that a read-only file or folder reads;
    it changes nothing on PostgreSQL.
    """

    def __init__(
        self,
        url: str,
        *,
        busy_timeout_s: float = 30.0,
        source: UrlSource = UrlSource.GIVEN,
        read_only: bool = False,
    ) -> None:
        named = URL_VARIABLE if source is UrlSource.ENVIRONMENT else None
        if (problem := url_problem(url, named=named)) is not None:
            if named is not None:  # a bad setting, as a bad busy timeout is (exit 2), not 7
                raise ScenarioError(
                    [Issue(file="environment", message=problem)],
                    summary="bad setting in the environment",
                )
            raise StorageError(problem)
        self.source = source
        self.url = normalise_url(url)
        parsed = make_url(self.url)
        self.dialect = parsed.get_backend_name()
        self.file = Path(parsed.database) if self.dialect == "sqlite" and parsed.database else None
        self.read_only = read_only and self.file is not None
        kwargs: dict[str, Any] = {}
        if self.file is not None and self.read_only:
            file = self.file
            kwargs["creator"] = lambda: connect_read_only(file, busy_timeout_s)
        elif self.dialect == "sqlite":
            kwargs["connect_args"] = {"timeout": busy_timeout_s}
        else:
            kwargs["connect_args"] = {"connect_timeout": 10}
        try:
            self.engine = create_engine(self.url, **kwargs)
        except (ArgumentError, ImportError) as error:
            raise StorageError(
                f"cannot use database {masked_url(url)!r}: {error} ({SUPPORTED_DRIVERS})"
            ) from error
        if self.dialect == "sqlite":
            _sqlite_hooks(self.engine, busy_timeout_s, read_only=self.read_only)
        else:
            _postgres_hooks(self.engine, busy_timeout_s)
        self.busy_timeout_s = busy_timeout_s
        self.given_url = url
        if self.file is not None:
            _explain_unopenable(self.engine, self.file, read_only=self.read_only)

    def require_existing(self) -> None:
        """Refuse a SQLite file that is not there, before anything opens (and so creates) it.

        SQLite makes a missing file on connect: a mistyped ``--db`` path to a command that
        only reads made an empty ledger there, listed nothing and exited 0 (and ``verify``
        called that empty ledger fine). PostgreSQL needs nothing here: connecting to a
        database that does not exist already fails.
        """
        if self.file is None:
            return
        with ledger_path(self.file):  # a name past 255 bytes
            loop = ledger_loop(self.file)
            if loop is not None:  # is_file() is False for a loop: it was "does not exist"
                raise StorageError(loop)
            if self.file.is_file():
                if self.file.stat().st_size == 0:  # SQLite would make a ledger of it
                    raise NotFoundError(empty_file_trouble(self.file))
                return
            missing = self._missing()
        raise NotFoundError(missing)

    def is_new(self) -> bool:
        """Whether the ledger is a SQLite file not there yet (opening it will make it)."""
        if self.file is None:
            return False
        with ledger_path(self.file):
            return not self.file.exists()

    def _missing(self) -> str:
        """Why there is no ledger at the file, said as the user named it (or did not).

        With no ``--db`` the hint to run ``supplyline db upgrade --db sqlite:///supplyline.db``
        named a URL the user never typed; it now says where the URL came from.
        """
        assert self.file is not None
        where = self.file.absolute()
        folder = self.file.is_dir()
        what = "is a folder, not a ledger" if folder else "does not exist"
        parent = where.parent
        if not folder and not parent.is_dir():  # `db upgrade` would fail there too
            named = {
                UrlSource.ENVIRONMENT: f"the ledger {URL_VARIABLE} names, {where}, cannot be there",
                UrlSource.DEFAULT: f"no ledger at {where}",
                UrlSource.GIVEN: f"no ledger at {where}",
            }[self.source]
            absent = "is not a folder" if parent.exists() else "does not exist"
            return (
                f"{named}: the folder {parent} {absent} (check the path, or make the folder first)"
            )
        if self.source is UrlSource.ENVIRONMENT:
            create = "" if folder else "create it with `supplyline db upgrade`, or "
            return f"the ledger {URL_VARIABLE} names, {where}, {what}: {create}mend {URL_VARIABLE}"
        if self.source is UrlSource.DEFAULT:
            if folder:
                return (
                    f"no ledger in this folder ({self.file} is a folder, not a ledger): "
                    f"give --db, or set {URL_VARIABLE}"
                )
            return (
                f"no ledger in this folder ({self.file}): create it with "
                "`supplyline db upgrade`, or give --db"
            )
        return (
            f"no ledger at {where} (it {what}): create it with "
            f"`supplyline db upgrade --db {masked_url(self.given_url)}`, or check the path"
        )

    @property
    def is_postgres(self) -> bool:
        """Whether this is a PostgreSQL database (row locks, advisory locks)."""
        return self.dialect == "postgresql"

    @contextmanager
    def session(self, *, write: bool) -> Iterator[Session]:
        """One transaction: committed if the block ends normally, rolled back otherwise.

        ``write=True`` takes the writer's lock at the start on SQLite (``BEGIN IMMEDIATE``);
        on PostgreSQL the caller locks what it needs. Database errors become StorageError;
        our own errors (ConflictError, …) pass through after the rollback.
        """
        with storage_errors("ledger transaction"):
            conn = self.engine.connect()
            try:
                if write:
                    conn = conn.execution_options(**{_WRITE: True})
                with Session(bind=conn, expire_on_commit=False) as session:
                    session.begin()
                    try:
                        yield session
                        session.flush()  # a failure here is before the commit: rolled back
                    except BaseException:
                        session.rollback()
                        raise
                    _commit(session, conn)
            finally:
                conn.close()

    def dispose(self) -> None:
        """Close the pooled connections (before a fork, or at the end of a test)."""
        self.engine.dispose()

"""Open a SQLite ledger for reading only, so that a read-only file or folder still reads.

A tester's ``ledger orders`` and ``ledger verify`` on a valid ledger in a read-only folder
failed with ``unable to open database file``: SQLite opened it for writing, and a ledger
in WAL mode needs its ``-shm`` file beside it. A command that only reads opens the file
with ``mode=ro``; where SQLite still cannot read it in WAL mode (no ``-shm`` can be made in
a read-only folder) it reads the file as it is (``immutable=1``), which is safe only when
no write is pending: a non-empty ``-wal`` file beside it (writes not yet folded into the
ledger, which ``immutable`` would not see) is refused, naming it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from supplyline.errors import StorageError

__all__ = ["connect_read_only"]

_READ_ONLY_PLACE = frozenset({sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY_DIRECTORY})
"""SQLite's codes for a WAL ledger it cannot read where it lies (no ``-shm`` can be made)."""


def connect_read_only(file: Path, timeout_s: float) -> sqlite3.Connection:
    """A read-only connection to the ledger ``file``, checked by one read of its schema.

    A failure other than a read-only place goes on as SQLite raised it (the engine says it).
    """
    uri = f"{file.absolute().as_uri()}?mode=ro"
    try:
        return _opened(uri, timeout_s)
    except sqlite3.OperationalError as error:
        if getattr(error, "sqlite_errorcode", None) not in _READ_ONLY_PLACE:
            raise
        wal = Path(f"{file.absolute()}-wal")
        if wal.is_file() and wal.stat().st_size > 0:
            raise StorageError(
                f"cannot read the ledger {file.absolute()} in place: its folder is read-only "
                f"and {wal} holds writes not yet folded into it (SQLite says {str(error)!r}): "
                "copy the ledger and its -wal file into a folder you may write into and read "
                "the copy"
            ) from error
    return _opened(f"{uri}&immutable=1", timeout_s)


def _opened(uri: str, timeout_s: float) -> sqlite3.Connection:
    """Connect to ``uri`` and read its schema once (where WAL's shared memory is opened)."""
    conn = sqlite3.connect(uri, timeout_s, uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except BaseException:
        conn.close()
        raise
    return conn

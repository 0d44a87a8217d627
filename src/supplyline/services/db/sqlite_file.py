"""Why SQLite could not open the ledger's file, said with its path after it failed.

SQLite says only ``unable to open database file`` (a missing folder, a folder where the
file goes, a folder nobody may write into) or ``file is not a database``: a tester's
``ledger agreements import … --db sqlite:////tmp/nodir/x.db`` read ``error: reading the
schema version: database error: unable to open database file``, naming no path, cause or
fix, where ``plan --out`` and ``ledger orders`` (``no ledger at …``) say all three. The
engine asks here only once SQLite has refused the file (a check before every connection
cost each one and could read a ledger another process was still writing); the file is
then looked at as SQLite would open it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from supplyline.errors import StorageError
from supplyline.path_errors import path_trouble, troubles_said

__all__ = ["SQLITE_HEADER", "ledger_path", "sqlite_file_trouble"]

SQLITE_HEADER = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file (an empty file is a new database)."""


def sqlite_file_trouble(file: Path) -> str | None:
    """Why SQLite cannot open ``file`` as a ledger, naming it, or None if it can.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     sqlite_file_trouble(Path(tmp) / "ledger.db") is None
    ...     sqlite_file_trouble(Path(tmp) / "nodir" / "ledger.db").endswith(
    ...         "nodir does not exist (make it, or give another path)")
    True
    True
    """
    where = file.absolute()
    head = f"cannot open the ledger {where}"
    try:
        return _trouble(where, head)
    except OSError as error:
        return f"{head}: {path_trouble(error)}"


@contextmanager
def ledger_path(file: Path) -> Iterator[None]:
    """Raise :class:`StorageError` naming ``file`` for an OSError inside (a name too long)."""
    with troubles_said(
        lambda trouble: StorageError(f"cannot open the ledger {file.absolute()}: {trouble}")
    ):
        yield


def _trouble(where: Path, head: str) -> str | None:
    """:func:`sqlite_file_trouble` of an absolute path, whose OSErrors its caller says."""
    if where.is_dir():
        example = where / "ledger.db"
        return f"{head}: it is a folder, not a ledger file (give a file's path, e.g. {example})"
    if where.exists():
        if not where.is_file():
            return f"{head}: it is not a regular file (a device or a pipe); give a file's path"
        with where.open("rb") as handle:
            start = handle.read(len(SQLITE_HEADER))
        if start and start != SQLITE_HEADER:
            return (
                f"{head}: it is not a SQLite database (give the path of a ledger, or of a new file)"
            )
        return None
    folder = where.parent
    if not folder.exists():
        above = next(p for p in folder.parents if p.exists())  # "/" is there
        if not above.is_dir():
            return f"{head}: {above} is a file, not a folder (give another path)"
        return f"{head}: the folder {folder} does not exist (make it, or give another path)"
    if not folder.is_dir():
        return f"{head}: {folder} is a file, not a folder (give another path)"
    if not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"{head}: no permission to write into {folder} (a new ledger is made there; "
            "choose a folder you may write into)"
        )
    return None

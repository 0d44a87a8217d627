"""Why SQLite could not open the ledger's file, said with its path after it failed.

SQLite says only ``unable to open database file`` (a missing folder, a folder where the
file goes, a folder nobody may write into) or ``file is not a database``: a tester's
``ledger agreements import … --db sqlite:////tmp/nodir/x.db`` read ``error: reading the
schema version: database error: unable to open database file``, naming no path, cause or
fix, where ``plan --out`` and ``ledger orders`` (``no ledger at …``) say all three. The
engine asks here only once SQLite has refused the file (a check before every connection
cost each one and could read a ledger another process was still writing); the file is
then looked at as SQLite would open it.

A file cut short (``truncate -s 4096 ledger.db``) said ``database disk image is
malformed``, a read-only file or folder ``unable to open database file``, both naming no
file: :func:`damaged_trouble` and :func:`read_only_trouble` say them with the path and
what to do.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from supplyline.errors import StorageError
from supplyline.path_errors import loop_trouble, path_trouble, troubles_said

__all__ = [
    "RESTORE_FILE",
    "SQLITE_HEADER",
    "damaged_trouble",
    "empty_file_trouble",
    "ledger_loop",
    "ledger_path",
    "read_only_trouble",
    "sqlite_file_trouble",
]

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


def ledger_loop(file: Path) -> str | None:
    """Why ``file`` cannot be a ledger if it is or passes a symbolic link loop, else None.

    ``exists()`` is False for a loop: a tester's ``ledger verify --db sqlite:///loop.db``
    was told "it does not exist", and ``db upgrade`` SQLite's "unable to open database
    file". Said as the other paths SQLite cannot open (exit 7), the looping link named.

    >>> ledger_loop(Path("no-such-folder/ledger.db")) is None
    True
    """
    where = file.absolute()
    loop = loop_trouble(where, "file")
    return None if loop is None else f"cannot open the ledger {where}: {loop}"


@contextmanager
def ledger_path(file: Path) -> Iterator[None]:
    """Raise :class:`StorageError` naming ``file`` for an OSError inside (a name too long)."""
    with troubles_said(
        lambda trouble: StorageError(f"cannot open the ledger {file.absolute()}: {trouble}")
    ):
        yield


def _trouble(where: Path, head: str) -> str | None:
    """:func:`sqlite_file_trouble` of an absolute path, whose OSErrors its caller says."""
    loop = ledger_loop(where)
    if loop is not None:
        return loop
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


def damaged_trouble(file: Path, said: str) -> str:
    """A ledger file SQLite found damaged (``said``: its words), named, with what to do.

    >>> damaged_trouble(Path("/x/l.db"), "database disk image is malformed")[:60]
    'the ledger /x/l.db is damaged: it is not a complete SQLite d'
    """
    where = file.absolute()
    return (
        f"the ledger {where} is damaged: it is not a complete SQLite database (SQLite says "
        f"{said!r}; a copy cut short, or a disk that failed): {RESTORE_FILE}"
    )


RESTORE_FILE = (
    "restore it from a backup copy, check the copy with `supplyline ledger verify --db "
    "sqlite:///COPY.db` before you use it, and keep the damaged file aside (see "
    "docs/ledger.md, Backups)"
)
"""What to do with a damaged ledger file, said after what is wrong with it."""


def empty_file_trouble(file: Path) -> str:
    """Why an empty (0-byte) file is refused by a command that does not create a ledger."""
    where = file.absolute()
    return (
        f"{where} is empty, not a ledger (nothing was written to it): give the path of a "
        "ledger, or create one there with `supplyline db upgrade`"
    )


def read_only_trouble(file: Path, said: str, *, writing: bool = True) -> str:
    """Why SQLite could not write (or open) ``file``: it, or its folder, is read-only.

    SQLite writes its journal (``-wal``, ``-shm``) beside the ledger, so a read-only folder
    stops a write to a writable file. ``os.access`` sees a read-only mount even for root;
    where it sees nothing (a sandbox) the message names both.
    """
    where = file.absolute()
    folder = where.parent
    fix = (
        "this command writes to the ledger: make it writable, or work on a copy in a "
        "folder you may write into"
        if writing
        else "copy the ledger into a folder you may write into and read the copy"
    )
    try:
        file_ok = os.access(where, os.W_OK)
        folder_ok = os.access(folder, os.W_OK | os.X_OK)
    except OSError as error:
        return f"cannot write the ledger {where}: {path_trouble(error)}"
    if not file_ok:
        return f"the ledger {where} is read-only (SQLite says {said!r}): {fix}"
    if not folder_ok:
        return (
            f"the folder {folder} of the ledger {where} is read-only, and SQLite writes its "
            f"journal (-wal, -shm files) beside the ledger (SQLite says {said!r}): {fix}"
        )
    return f"the ledger {where}, or its folder {folder}, is read-only (SQLite says {said!r}): {fix}"

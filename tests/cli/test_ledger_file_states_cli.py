"""A damaged, read-only, empty or folderless SQLite ledger is said with its path and a fix.

A tester's truncated ledger read ``reading the schema version: database error: database
disk image is malformed``; ``ledger orders`` on a ledger in a read-only folder failed with
``unable to open database file``; ``ledger verify`` on an empty file made a 94 kB ledger
of it and called it intact; a path in a missing folder was told to run ``db upgrade``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import run
from sqlalchemy import event, text

from supplyline.errors import StorageError
from supplyline.io.template import write_template
from supplyline.services.db import sqlite_file, sqlite_read_only
from supplyline.services.db.engine import Database
from supplyline.services.ledger.service import open_ledger

AS_ROOT = os.geteuid() == 0
"""Root may read and write whatever the permissions say: those cases are skipped."""


@pytest.fixture(scope="module")
def ledger_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid ledger: the ``init`` template's agreements imported."""
    root = tmp_path_factory.mktemp("ledger")
    scenario = write_template(root / "s")
    path = root / "a.db"
    done = run(
        "ledger", "agreements", "import", scenario, "--as", "home", "--db", f"sqlite:///{path}"
    )
    assert done.returncode == 0, done.stderr
    return path


def _copy(ledger_file: Path, folder: Path) -> Path:
    """A copy of the ledger in ``folder`` (its WAL folded in: the copy is one file)."""
    folder.mkdir(exist_ok=True)
    copy = folder / "l.db"
    with sqlite3.connect(ledger_file) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


@pytest.mark.parametrize("size", [4096, 50])
@pytest.mark.parametrize("command", [["ledger", "verify"], ["ledger", "orders", "--as", "home"]])
def test_a_truncated_ledger_is_said_damaged_with_its_path(
    ledger_file: Path, tmp_path: Path, size: int, command: list[str]
) -> None:
    """Exit 7, the file named, damaged, and what to do (a backup, verified before use)."""
    path = _copy(ledger_file, tmp_path / "d")
    os.truncate(path, size)
    done = run(*command, "--db", f"sqlite:///{path}")
    assert done.returncode == 7, done.stderr
    assert f"error: the ledger {path} is damaged: it is not a complete SQLite database" in (
        done.stderr
    )
    assert "restore it from a backup copy" in done.stderr
    assert "supplyline ledger verify" in done.stderr


@pytest.mark.parametrize("command", [["ledger", "verify"], ["ledger", "orders", "--as", "home"]])
def test_an_empty_file_is_refused_and_left_empty(tmp_path: Path, command: list[str]) -> None:
    """Exit 3, ``is empty, not a ledger``, and nothing written (it became a 94 kB ledger)."""
    path = tmp_path / "empty.db"
    path.touch()
    done = run(*command, "--db", f"sqlite:///{path}")
    assert done.returncode == 3, done.stderr
    assert f"error: {path} is empty, not a ledger" in done.stderr
    assert sorted(tmp_path.iterdir()) == [path]
    assert path.stat().st_size == 0


def test_a_ledger_in_a_missing_folder_says_the_folder_not_db_upgrade(tmp_path: Path) -> None:
    """``db upgrade`` would fail there too: the missing folder is named instead."""
    path = tmp_path / "nodir" / "sub" / "x.db"
    done = run("ledger", "verify", "--db", f"sqlite:///{path}")
    assert done.returncode == 3, done.stderr
    assert f"the folder {path.parent} does not exist" in done.stderr
    assert "db upgrade" not in done.stderr


@pytest.fixture
def read_only_ledger(ledger_file: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the ledger, chmod 0444, in a folder chmod 0555 (made writable after)."""
    path = _copy(ledger_file, tmp_path / "ro")
    path.chmod(0o444)
    path.parent.chmod(0o555)
    yield path
    path.parent.chmod(0o755)


@pytest.mark.skipif(AS_ROOT, reason="root reads and writes whatever the permissions say")
@pytest.mark.parametrize("command", [["ledger", "verify"], ["ledger", "orders", "--as", "home"]])
def test_a_read_only_ledger_reads(read_only_ledger: Path, command: list[str]) -> None:
    """The commands that only read work on a read-only file in a read-only folder."""
    done = run(*command, "--db", f"sqlite:///{read_only_ledger}")
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(AS_ROOT, reason="root reads and writes whatever the permissions say")
def test_a_write_to_a_read_only_ledger_says_so(read_only_ledger: Path) -> None:
    """A command that writes names the read-only ledger (it said ``unable to open …``)."""
    done = run("ledger", "accept", "1", "--as", "home", "--db", f"sqlite:///{read_only_ledger}")
    assert done.returncode == 7, done.stderr
    assert f"the ledger {read_only_ledger} is read-only" in done.stderr


def _folder_refused(real: Any, *, wal_made: bool = False) -> Any:
    """sqlite3.connect as in a read-only folder: ``mode=ro`` alone cannot open a WAL ledger."""

    def connect(database: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if "immutable=1" not in database:
            error = sqlite3.OperationalError("attempt to write a readonly database")
            error.sqlite_errorcode = sqlite3.SQLITE_READONLY_DIRECTORY  # type: ignore[attr-defined]
            raise error
        return real(database, *args, **kwargs)  # type: ignore[no-any-return]

    return connect


def test_a_read_only_folder_is_read_as_the_file_is(
    ledger_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where SQLite cannot open a WAL ledger read-only, it is read immutable (no permissions)."""
    path = _copy(ledger_file, tmp_path / "f")
    monkeypatch.setattr(sqlite_read_only.sqlite3, "connect", _folder_refused(sqlite3.connect))
    ledger = open_ledger(f"sqlite:///{path}", create=False, read_only=True)
    try:
        assert ledger.verify().ok
    finally:
        ledger.db.dispose()


def test_a_read_only_folder_with_pending_writes_is_refused(
    ledger_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A non-empty -wal beside it (writes ``immutable`` would not see) is named, not ignored."""
    path = _copy(ledger_file, tmp_path / "w")
    Path(f"{path}-wal").write_bytes(b"x" * 100)
    monkeypatch.setattr(sqlite_read_only.sqlite3, "connect", _folder_refused(sqlite3.connect))
    with pytest.raises(StorageError, match=r"-wal holds writes not yet folded into it"):
        open_ledger(f"sqlite:///{path}", create=False, read_only=True)


def test_a_write_refused_by_sqlite_names_the_read_only_file(
    ledger_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's ``attempt to write a readonly database`` becomes the file's name and a fix."""
    path = _copy(ledger_file, tmp_path / "q")
    real_access = os.access
    monkeypatch.setattr(
        sqlite_file.os, "access", lambda p, *a, **k: p != path and real_access(p, *a, **k)
    )
    db = Database(f"sqlite:///{path}")
    event.listen(db.engine, "connect", lambda c, _r: c.execute("PRAGMA query_only = ON"))
    try:
        refused = pytest.raises(StorageError, match=r"is read-only \(SQLite says")
        with refused as caught, db.session(write=True) as session:
            session.execute(text("DELETE FROM ledger_price"))
    finally:
        db.dispose()
    assert str(caught.value).startswith(f"the ledger {path} is read-only")
    assert "make it writable, or work on a copy" in str(caught.value)


def test_read_only_open_writes_nothing_to_the_file(ledger_file: Path, tmp_path: Path) -> None:
    """A read-only ledger refuses a write itself: the bytes of the file stay as they were."""
    path = _copy(ledger_file, tmp_path / "n")
    before = path.read_bytes()
    ledger = open_ledger(f"sqlite:///{path}", create=False, read_only=True)
    try:
        with pytest.raises(StorageError), ledger.db.session(write=True) as session:
            session.execute(text("DELETE FROM ledger_price"))
    finally:
        ledger.db.dispose()
    assert path.read_bytes() == before

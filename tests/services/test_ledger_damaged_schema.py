"""A ledger missing tables, columns or its revision is said damaged by every command, unwritten.

A tester dropped ``ledger_order`` from a ledger: ``ledger verify`` said ``database error:
no such table: ledger_order`` (no file, no remedy), ``db upgrade`` said it was at revision
0001, ``ledger agreements import`` wrote into it (exit 0) and ``ledger balance`` called it
empty. Its tables without the revision table failed with ``table ledger_agreement already
exists``; a revision table alone was called someone else's database. Each now exits 7 with
one message naming the file, what is missing and what to do, the file's bytes unchanged.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from ledger_support import BILATERAL, execute_sql
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.errors import DamagedLedgerError, StorageError, SupplylineError
from supplyline.services.db import masked_url, normalise_url
from supplyline.services.db.tables import Base
from supplyline.services.ledger import open_ledger

RESTORE = (
    "restore it from a backup copy, check the copy with `supplyline ledger verify --db "
    "sqlite:///COPY.db` before you use it, and keep the damaged file aside (see "
    "docs/ledger.md, Backups)"
)

COMMANDS = {
    "verify": ["ledger", "verify"],
    "balance": ["ledger", "balance", "--as", "westmark"],
    "orders": ["ledger", "orders", "--as", "westmark"],
    "events": ["ledger", "events", "--as", "westmark"],
    "import": ["ledger", "agreements", "import", str(BILATERAL), "--as", "westmark"],
    "request": ["ledger", "request", "--as", "westmark", "--agreement", "wm-os-hns-2025",
                "--item", "fuel", "--quantity", "1"],
    "upgrade": ["db", "upgrade"],
}  # fmt: skip
"""Commands that read, that write, and the migration: each must say the same."""


def invoke(*args: str) -> tuple[int, str]:
    """Run a command in-process; its exit code (as ``main`` maps errors) and words."""
    _register_commands()
    result = CliRunner().invoke(app, list(args), env={"USER": "tester"})
    if isinstance(result.exception, SupplylineError):
        return exit_code_for(result.exception), str(result.exception)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


def _ledger(path: Path) -> Path:
    """A whole ledger at ``path``, made by ``db upgrade``."""
    assert invoke("db", "upgrade", "--db", f"sqlite:///{path}")[0] == 0
    return path


def _sql(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


def _table_missing(path: Path) -> str:
    _sql(_ledger(path), "DROP TABLE ledger_order")
    return "is damaged: table ledger_order of its schema revision 0001 is missing"


def _no_revision(path: Path) -> str:
    _sql(_ledger(path), "DROP TABLE alembic_version")
    return (
        "is damaged (no schema revision): its revision table alembic_version is missing or "
        "empty, so supplyline cannot tell which schema its tables are of"
    )


def _revision_alone(path: Path) -> str:
    _sql(
        path,
        "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
        "INSERT INTO alembic_version VALUES ('0001')",
    )
    tables = ", ".join(sorted(Base.metadata.tables))
    return f"is damaged: tables {tables} of its schema revision 0001 are missing"


def _column_missing(path: Path) -> str:
    _sql(_ledger(path), "ALTER TABLE ledger_event DROP COLUMN partner")
    return "is damaged: table ledger_event lacks column partner of its schema revision 0001"


DAMAGES: dict[str, Callable[[Path], str]] = {
    "table missing": _table_missing,
    "no revision": _no_revision,
    "revision alone": _revision_alone,
    "column missing": _column_missing,
}
"""Ways to damage a ledger file, each returning what the message says of it."""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_ledger_is_refused_by_every_command_unchanged(
    tmp_path: Path, damage: str, command: str
) -> None:
    """Exit 7, the file named with what is missing and the remedy; its bytes as they were."""
    path = tmp_path / "l.db"
    what = DAMAGES[damage](path)
    before = _digest(path)
    code, said = invoke(*COMMANDS[command], "--db", f"sqlite:///{path}")
    assert (code, said) == (7, f"the ledger {path} {what}: {RESTORE}")
    assert _digest(path) == before


def test_the_python_api_raises_a_storage_error(tmp_path: Path) -> None:
    """``open_ledger`` raises DamagedLedgerError, a StorageError, reading or writing."""
    path = tmp_path / "l.db"
    _table_missing(path)
    before = _digest(path)
    for read_only in (False, True):
        with pytest.raises(DamagedLedgerError, match="ledger_order") as raised:
            open_ledger(f"sqlite:///{path}", create=False, read_only=read_only)
        assert isinstance(raised.value, StorageError)
    assert _digest(path) == before


def test_a_whole_ledger_still_opens(tmp_path: Path) -> None:
    """The check passes a ledger as made: it verifies, exit 0."""
    path = _ledger(tmp_path / "l.db")
    code, said = invoke("ledger", "verify", "--db", f"sqlite:///{path}")
    assert code == 0, said


def test_a_table_dropped_is_said_on_either_database(db_url: str) -> None:
    """SQLite and PostgreSQL alike, through the console script: one line, exit 7, no write."""
    run = [sys.executable, "-m", "supplyline"]
    env = {**os.environ, "USER": "t"}
    made = subprocess.run([*run, "db", "upgrade", "--db", db_url], capture_output=True,
                          text=True, timeout=120, check=False, env=env)  # fmt: skip
    assert made.returncode == 0, made.stderr
    parsed = make_url(normalise_url(db_url))
    cascade = "" if parsed.get_backend_name() == "sqlite" else " CASCADE"  # its lines' key too
    execute_sql(db_url, "DROP TABLE ledger_order" + cascade)
    done = subprocess.run(
        [*run, "ledger", "agreements", "import", str(BILATERAL), "--as", "westmark",
         "--db", db_url],
        capture_output=True, text=True, timeout=120, check=False, env=env,
    )  # fmt: skip
    if parsed.get_backend_name() == "sqlite":
        where, remedy = str(Path(parsed.database or "").absolute()), RESTORE
    else:
        where, remedy = masked_url(db_url), "restore it from a backup (pg_dump's)"
    assert (done.returncode, done.stdout) == (7, "")
    assert done.stderr.startswith(
        f"error: the ledger {where} is damaged: table ledger_order of its schema revision "
        f"0001 is missing: {remedy}"
    ), done.stderr
    assert len(done.stderr.splitlines()) == 1
    if parsed.password:
        assert parsed.password not in done.stderr
    engine = create_engine(normalise_url(db_url))
    try:
        with engine.connect() as conn:
            agreements = conn.execute(text("SELECT count(*) FROM ledger_agreement")).scalar()
    finally:
        engine.dispose()
    assert agreements == 0

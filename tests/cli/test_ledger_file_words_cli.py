"""A SQLite ledger path SQLite cannot open is said with its path, the reason and the fix.

A tester's ``--db sqlite:////tmp/nodir/x.db`` (and an unwritable folder, a folder) read
``error: reading the schema version: database error: unable to open database file`` (exit
7) and a text file ``…: file is not a database``, naming no path; ``plan --out`` and
``ledger orders`` (``no ledger at …``) already said where and why.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import run
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.io.template import write_template
from supplyline.services.db import engine, sqlite_file
from supplyline.services.db.engine import Database
from supplyline.services.db.migrate import upgrade_database
from supplyline.services.db.sqlite_file import sqlite_file_trouble


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``init`` template, whose agreements are imported."""
    return write_template(tmp_path_factory.mktemp("tpl") / "s")


def _bad_ledgers(root: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of path SQLite cannot open, made under ``root``, and what is said of it."""
    (root / "folder.db").mkdir()
    (root / "text.db").write_text("hello\n", encoding="utf-8")
    return {
        "no folder": (root / "nodir" / "x.db", f"the folder {root / 'nodir'} does not exist"),
        "a folder": (root / "folder.db", "it is a folder, not a ledger file"),
        "not sqlite": (root / "text.db", "it is not a SQLite database"),
        "under a file": (root / "text.db" / "x.db", f"{root / 'text.db'} is a file, not a folder"),
        "too long": (root / ("n" * 300 + ".db"), "File name too long (shorten it"),
    }


@pytest.mark.parametrize(
    "kind", ["no folder", "a folder", "not sqlite", "under a file", "too long"]
)
@pytest.mark.parametrize(
    "command", [["ledger", "agreements", "import", "{s}", "--as", "home"], ["db", "upgrade"]]
)
def test_a_ledger_that_cannot_be_made_is_said_with_its_path(
    tmp_path: Path, scenario: Path, kind: str, command: list[str]
) -> None:
    """Exit 7 (a storage error), the path, why, and nothing made."""
    path, why = _bad_ledgers(tmp_path)[kind]
    before = sorted(tmp_path.rglob("*"))
    done = run(*(a.format(s=scenario) for a in command), "--db", f"sqlite:///{path}")
    assert done.returncode == 7, done.stderr
    assert "Traceback" not in done.stderr
    assert f"error: cannot open the ledger {path}: {why}" in done.stderr
    assert sorted(tmp_path.rglob("*")) == before


def test_a_text_file_read_as_a_ledger_is_named(tmp_path: Path) -> None:
    """A reading command says the file is not a SQLite database (it said only that, no path)."""
    path, why = _bad_ledgers(tmp_path)["not sqlite"]
    done = run("ledger", "orders", "--as", "home", "--db", f"sqlite:///{path}")
    assert done.returncode == 7, done.stderr
    assert f"cannot open the ledger {path}: {why}" in done.stderr


def test_a_folder_nobody_may_write_into_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No permission to write into the folder (as root everyone may: the answer is faked).

    SQLite opens there as root, so the engine never asks; the words are checked here.
    """
    real_access = os.access
    monkeypatch.setattr(
        sqlite_file.os, "access", lambda p, *a, **k: p != tmp_path and real_access(p, *a, **k)
    )
    assert sqlite_file_trouble(tmp_path / "x.db") == (
        f"cannot open the ledger {tmp_path / 'x.db'}: no permission to write into {tmp_path} "
        "(a new ledger is made there; choose a folder you may write into)"
    )


def test_a_file_that_opened_is_never_looked_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only SQLite's own refusal makes the engine look at the file, never a connection."""
    looked: list[Path] = []
    monkeypatch.setattr(
        engine, "sqlite_file_trouble", lambda file: looked.append(file) or "looked at"
    )
    db = Database(f"sqlite:///{tmp_path / 'x.db'}")
    upgrade_database(db)
    with db.session(write=True), db.session(write=False):
        pass
    db.dispose()
    assert looked == []


def test_a_new_file_in_a_writable_folder_and_a_ledger_are_let_through(tmp_path: Path) -> None:
    """What SQLite can open is not refused: a new file, an empty one, a real ledger."""
    (tmp_path / "empty.db").touch()
    db = Database(f"sqlite:///{tmp_path / 'new.db'}")
    upgrade_database(db)
    db.dispose()
    assert [sqlite_file_trouble(tmp_path / n) for n in ("new.db", "empty.db", "x.db")] == [None] * 3


@settings(max_examples=30)
@given(start=st.binary(min_size=1, max_size=64))
def test_any_file_not_starting_as_sqlite_is_not_a_database(
    tmp_path_factory: pytest.TempPathFactory, start: bytes
) -> None:
    """Whatever it holds, a file that does not begin with SQLite's header is said so."""
    path = tmp_path_factory.mktemp("f") / "x.db"
    path.write_bytes(start)
    trouble = sqlite_file_trouble(path)
    if start.startswith(sqlite_file.SQLITE_HEADER):
        assert trouble is None
    else:
        assert trouble == f"cannot open the ledger {path}: it is not a SQLite database " + (
            "(give the path of a ledger, or of a new file)"
        )

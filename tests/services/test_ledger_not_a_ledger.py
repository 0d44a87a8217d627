"""A database given as the ledger that is someone's own is refused and left as it was.

A tester's ``ledger agreements import … --db sqlite:///shop.db`` on their own database
(``customers``, ``orders``) made the ledger's tables among theirs, exit 0, and ``ledger
orders`` on it changed the file (it set the journal mode). Every command that takes
``--db`` now refuses it, exit 7, naming its tables, and writes nothing; an empty database
or file still becomes a ledger, and a ledger beside other tables is still one.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from ledger_support import BILATERAL, execute_sql, write_hand_plan
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.domain import Delivery, Plan, PlanStatus
from supplyline.errors import NotALedgerError, StorageError, SupplylineError
from supplyline.io import load_scenario
from supplyline.services.db import Database, masked_url, normalise_url
from supplyline.services.db.stranger import NAMES_SHOWN, Found, stranger_trouble
from supplyline.services.db.tables import Base
from supplyline.services.ledger import open_ledger

REFUSED = "is not a supplyline ledger; give a new file or an empty database"


@pytest.fixture(scope="module")
def plan_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan of the bilateral example delivering Ostravian fuel to a Westmark unit."""
    scenario = load_scenario(BILATERAL)
    unit = next(u for u in scenario.units if u.partner == "westmark")
    plan = Plan(
        scenario=scenario.name,
        start_date=scenario.start_date,
        horizon_days=scenario.horizon_days,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        deliveries=(
            Delivery(unit=unit.id, location=unit.destination, commodity="fuel", day=20,
                     tonnes=12.5, source_partner="ostravia"),
        ),
    )  # fmt: skip
    folder = tmp_path_factory.mktemp("plan") / "plan"
    write_hand_plan(folder, scenario, plan)
    return folder


def _commands(plan: Path) -> dict[str, list[str]]:
    """Every command that takes ``--db``, by its name, with arguments it runs with."""
    return {
        "ledger orders": ["--as", "westmark"],
        "ledger show": ["1", "--as", "westmark"],
        "ledger request": ["--as", "westmark", "--agreement", "wm-os-hns-2025", "--item", "fuel",
                           "--quantity", "1"],
        "ledger accept": ["1", "--as", "ostravia"],
        "ledger reject": ["1", "--as", "ostravia"],
        "ledger cancel": ["1", "--as", "westmark"],
        "ledger issue": ["1", "--as", "ostravia", "--quantity", "1"],
        "ledger receive": ["1", "--as", "westmark"],
        "ledger bill": ["1", "--as", "ostravia"],
        "ledger settle": ["1", "--as", "westmark"],
        "ledger balance": ["--as", "westmark"],
        "ledger statement": ["--as", "westmark"],
        "ledger events": ["--as", "westmark"],
        "ledger verify": [],
        "ledger agreements": ["--as", "westmark"],
        "ledger propose": [str(plan), "--scenario", str(BILATERAL), "--submit", "--as",
                           "westmark"],
        "ledger agreements import": [str(BILATERAL), "--as", "westmark"],
        "db upgrade": [],
    }  # fmt: skip


def _with_db_option(command: Any, path: tuple[str, ...] = ()) -> set[str]:
    """The names of the commands under ``command`` (typer's click) that take ``--db``."""
    found = set()
    if any("--db" in getattr(p, "opts", ()) for p in command.params):
        found.add(" ".join(path))
    for name, sub in getattr(command, "commands", {}).items():
        found |= _with_db_option(sub, (*path, name))
    return found


def invoke(*args: str) -> tuple[int, str]:
    """Run a command in-process; its exit code (as ``main`` maps errors) and words."""
    _register_commands()
    result = CliRunner().invoke(app, list(args), env={"USER": "tester"})
    if isinstance(result.exception, SupplylineError):
        return exit_code_for(result.exception), str(result.exception)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


def run(*args: str) -> tuple[int, str]:
    """Run a command as a process of its own; its exit code and stderr.

    The tests on PostgreSQL run it so: in-process, a command's pooled connection outlived
    it (no ledger command disposes of its engine; a process's end closes it).
    """
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", *args],
        capture_output=True, text=True, timeout=120, check=False, env={**os.environ, "USER": "t"},
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stderr


def _strangers_file(path: Path) -> Path:
    """Someone's own SQLite database: two tables of theirs, a row in one."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER)")
        conn.execute("INSERT INTO customers VALUES (1, 'Ada')")
    conn.close()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_commands_listed_are_every_command_that_takes_db(plan_folder: Path) -> None:
    """A new command with ``--db`` must join the list below, so that it is tested too."""
    _register_commands()
    assert _with_db_option(typer.main.get_command(app)) == set(_commands(plan_folder))


@pytest.mark.parametrize("name", sorted(_commands(Path("plan"))))
def test_a_strangers_sqlite_file_is_refused_and_left_byte_for_byte(
    tmp_path: Path, plan_folder: Path, name: str
) -> None:
    """Exit 7 naming the file and its tables; its bytes, and its folder, are as they were."""
    shop = _strangers_file(tmp_path / "shop.db")
    before = _digest(shop)
    code, said = invoke(*name.split(), *_commands(plan_folder)[name], "--db", f"sqlite:///{shop}")
    assert (code, said) == (
        7,
        f"{shop}: this database holds tables of its own (e.g. customers, orders) and {REFUSED}",
    )
    assert _digest(shop) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop.db"]


def test_the_refusal_is_one_line_on_stderr_and_exit_7(tmp_path: Path) -> None:
    """Through the console script: no traceback, stdout empty, one line saying it."""
    shop = _strangers_file(tmp_path / "shop.db")
    before = _digest(shop)
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "ledger", "agreements", "import", str(BILATERAL),
         "--as", "westmark", "--db", f"sqlite:///{shop}"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (7, "")
    assert done.stderr.splitlines() == [
        f"error: {shop}: this database holds tables of its own (e.g. customers, orders) and "
        f"{REFUSED}"
    ]
    assert _digest(shop) == before


def test_a_strangers_alembic_revision_is_named(tmp_path: Path) -> None:
    """Another application's migrated database says its revision is not supplyline's."""
    other = tmp_path / "app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('3f2a9c1b')")
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)")
    conn.close()
    before = _digest(other)
    code, said = invoke("db", "upgrade", "--db", f"sqlite:///{other}")
    assert (code, said) == (
        7,
        f"{other}: this database holds tables of its own (e.g. users) and is not a supplyline "
        "ledger; its migration revision 3f2a9c1b is not supplyline's; give a new file or an "
        "empty database",
    )
    assert _digest(other) == before


def test_the_python_api_refuses_it_too(tmp_path: Path) -> None:
    """``open_ledger`` raises NotALedgerError, a StorageError, and writes nothing."""
    shop = _strangers_file(tmp_path / "shop.db")
    before = _digest(shop)
    with pytest.raises(NotALedgerError, match=r"\(e\.g\. customers, orders\)") as raised:
        open_ledger(f"sqlite:///{shop}")
    assert isinstance(raised.value, StorageError)
    assert _digest(shop) == before


def test_an_empty_file_still_becomes_a_ledger(tmp_path: Path) -> None:
    """A 0-byte file given to the import is made the ledger, as before."""
    empty = tmp_path / "new.db"
    empty.touch()
    url = f"sqlite:///{empty}"
    code, said = invoke("ledger", "agreements", "import", str(BILATERAL), "--as", "westmark",
                        "--db", url)  # fmt: skip
    assert code == 0, said
    assert invoke("ledger", "verify", "--db", url)[0] == 0


def _add_their_table(url: str) -> None:
    """Give the database a table of someone else's, as a person's own database has."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"))
            conn.execute(text("INSERT INTO customers VALUES (1, 'Ada')"))
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "command",
    [
        ["ledger", "agreements", "import", str(BILATERAL), "--as", "westmark"],
        ["ledger", "verify"],
        ["db", "upgrade"],
    ],
    ids=lambda c: " ".join(c[:3]),
)
def test_a_database_of_its_own_tables_is_refused_unchanged(db_url: str, command: list[str]) -> None:
    """SQLite and PostgreSQL alike: exit 7, the URL said with its password hidden, no table made."""
    _add_their_table(db_url)
    code, said = run(*command, "--db", db_url)
    parsed = make_url(normalise_url(db_url))
    where = str(Path(parsed.database or "").absolute()) if parsed.get_backend_name() == "sqlite" \
        else masked_url(db_url)  # fmt: skip
    assert (code, said) == (
        7,
        f"error: {where}: this database holds tables of its own (e.g. customers) and {REFUSED}\n",
    )
    if parsed.password:
        assert parsed.password not in said
    assert _tables(db_url) == {"customers"}


def test_an_empty_database_becomes_a_ledger(db_url: str) -> None:
    """SQLite and PostgreSQL alike: a database holding nothing is made the ledger."""
    code, said = run("db", "upgrade", "--db", db_url)
    assert code == 0, said
    assert set(Base.metadata.tables) | {"alembic_version"} == _tables(db_url)


def test_a_ledger_beside_other_tables_is_still_a_ledger(db_url: str) -> None:
    """A ledger in a database shared with another application's tables is used as before."""
    assert run("db", "upgrade", "--db", db_url)[0] == 0
    _add_their_table(db_url)
    code, said = run("ledger", "agreements", "import", str(BILATERAL), "--as", "westmark",
                        "--db", db_url)  # fmt: skip
    assert code == 0, said
    assert run("ledger", "verify", "--db", db_url)[0] == 0


_NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)


@given(
    theirs=st.frozensets(
        _NAMES.filter(lambda n: not n.startswith("ledger_") and n != "alembic_version"),
        min_size=1,
    )
)
def test_any_table_of_its_own_without_a_ledger_revision_refuses_it(
    theirs: frozenset[str],
) -> None:
    """Whatever someone's tables are called, the message names the first few, sorted."""
    db = Database("postgresql://u:secret@h/db")  # not connected: the tables are given
    try:
        said = stranger_trouble(db, Found(tables=theirs, revisions=frozenset()), {"0001"})
    finally:
        db.dispose()
    assert said is not None
    shown = ", ".join(sorted(theirs)[:NAMES_SHOWN])
    assert said.startswith(f"postgresql://u:***@h/db: this database holds tables of its own "
                           f"(e.g. {shown}")  # fmt: skip
    assert "secret" not in said


_OBJECTS = {
    "a view": (["CREATE VIEW customers AS SELECT 1 AS a"], "view customers"),
    "a view and its trigger": (
        ["CREATE VIEW customers AS SELECT 1 AS a",
         "CREATE TRIGGER add_one INSTEAD OF INSERT ON customers BEGIN SELECT 1; END"],
        "view customers, trigger add_one",
    ),
}  # fmt: skip


@pytest.mark.parametrize("made", sorted(_OBJECTS))
def test_a_file_of_a_view_and_no_table_is_refused_byte_for_byte(tmp_path: Path, made: str) -> None:
    """A tester's file of a view alone was made a ledger, exit 0: now exit 7, as one of a table."""
    statements, named = _OBJECTS[made]
    own = tmp_path / "v.db"
    with sqlite3.connect(own) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()
    before = _digest(own)
    code, said = run("ledger", "verify", "--db", f"sqlite:///{own}")
    assert (code, said) == (
        7, f"error: {own}: this database holds objects of its own (e.g. {named}) and {REFUSED}\n"
    )  # fmt: skip
    assert _digest(own) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.db"]


def test_a_database_of_a_view_alone_is_refused_unchanged(db_url: str) -> None:
    """SQLite and PostgreSQL alike: a view is the user's as a table is; no table is made."""
    execute_sql(db_url, "CREATE VIEW customers AS SELECT 1 AS a")
    code, said = run("ledger", "verify", "--db", db_url)
    assert code == 7, said
    assert "holds objects of its own (e.g. view customers)" in said
    assert _tables(db_url) == set()


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("CREATE INDEX mine ON ledger_event (partner, kind)", "index mine"),
        ("CREATE VIEW busy AS SELECT partner FROM ledger_event", "view busy"),
    ],
    ids=["index", "view"],
)
def test_the_ledgers_tables_with_an_object_of_the_users_and_no_revision_are_refused(
    db_url: str, statement: str, named: str
) -> None:
    """A ledger's tables without its revision are refused if the user added to them."""
    assert run("db", "upgrade", "--db", db_url)[0] == 0
    execute_sql(db_url, "DELETE FROM alembic_version", statement)
    code, said = run("ledger", "verify", "--db", db_url)
    assert code == 7, said
    assert f"holds objects of its own (e.g. {named})" in said


def test_a_ledger_beside_a_view_of_the_users_is_still_a_ledger(db_url: str) -> None:
    """With its revision, a ledger is one whatever else the database holds."""
    assert run("db", "upgrade", "--db", db_url)[0] == 0
    execute_sql(db_url, "CREATE VIEW busy AS SELECT partner FROM ledger_event")
    code, said = run("ledger", "verify", "--db", db_url)
    assert code == 0, said

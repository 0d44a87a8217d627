"""Which database a ledger command opens, and what it says when the ``--db`` given is wrong.

A mistyped path to a command that only reads made an empty ledger there (exit 0, an
empty table; ``verify`` called it fine); these tests hold the commands to refusing it,
creating nothing, while the commands that can start a ledger still do.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.errors import NotFoundError, SupplylineError
from supplyline.services.ledger import open_ledger

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"

READING = [
    ["ledger", "balance", "--as", "westmark"],
    ["ledger", "orders", "--as", "westmark"],
    ["ledger", "show", "1", "--as", "westmark"],
    ["ledger", "statement", "--as", "westmark"],
    ["ledger", "events", "--as", "westmark"],
    ["ledger", "verify"],
    ["ledger", "agreements", "--as", "westmark"],
    ["ledger", "accept", "1", "--as", "ostravia"],
    ["ledger", "request", "--as", "westmark", "--agreement", "a", "--item", "fuel",
     "--quantity", "1"],
]  # fmt: skip
"""Commands that cannot succeed on an empty ledger: they only read, or act on what is there."""


def invoke(*args: str) -> tuple[int, str]:
    """Run a command in-process; return its exit code (as ``main`` maps errors) and words."""
    _register_commands()
    result = CliRunner().invoke(app, list(args), env={"USER": "tester"})
    if isinstance(result.exception, SupplylineError):
        return exit_code_for(result.exception), str(result.exception)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("command", READING, ids=lambda c: " ".join(c[1:3]))
def test_a_missing_ledger_file_is_not_found_and_not_created(
    tmp_path: Path, command: list[str]
) -> None:
    """A mistyped --db path is exit 3 naming the path and how to create it; no file appears."""
    typo = tmp_path / "typo.db"
    code, said = invoke(*command, "--db", f"sqlite:///{typo}")
    assert (code, f"no ledger at {typo}" in said, "supplyline db upgrade" in said) == (
        3,
        True,
        True,
    )
    assert sorted(tmp_path.iterdir()) == []


def test_a_folder_given_as_the_ledger_file_is_named_as_a_folder(tmp_path: Path) -> None:
    """``--db sqlite:///some/folder`` says the path is a folder, exit 3."""
    code, said = invoke("ledger", "verify", "--db", f"sqlite:///{tmp_path}")
    assert (code, "is a folder" in said) == (3, True)


def test_agreements_import_still_starts_a_ledger(tmp_path: Path) -> None:
    """The docs promise that the first write creates the database: import does."""
    db = tmp_path / "new.db"
    code, said = invoke(
        "ledger",
        "agreements",
        "import",
        str(EXAMPLE),
        "--as",
        "westmark",
        "--db",
        f"sqlite:///{db}",
    )
    assert (code, db.is_file()) == (0, True), said


def test_reads_work_once_the_ledger_exists(tmp_path: Path) -> None:
    """After ``db upgrade`` the same read succeeds on the (empty) ledger it made."""
    url = f"sqlite:///{tmp_path / 'l.db'}"
    assert invoke("db", "upgrade", "--db", url)[0] == 0
    assert invoke("ledger", "verify", "--db", url)[0] == 0


def test_open_ledger_refuses_a_missing_file_only_when_asked(tmp_path: Path) -> None:
    """The Python API creates by default (as documented) and refuses with ``create=False``."""
    missing = tmp_path / "absent.db"
    with pytest.raises(NotFoundError, match=r"no ledger at .*absent\.db"):
        open_ledger(f"sqlite:///{missing}", create=False)
    assert not missing.exists()
    open_ledger(f"sqlite:///{missing}").db.dispose()
    assert missing.is_file()


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("", "it is empty: give a database URL (sqlite:///ledger.db"),
        ("nonsense", "'nonsense' is not a database URL: give one like sqlite:///ledger.db"),
        ("/tmp/l.db", "a SQLite file at that path is sqlite:////tmp/l.db"),
        ("mysql://u@h/db", "database 'mysql' ('mysql://u@h/db') is not supported"),
        ("sqlite://", "the ledger needs a SQLite file, not an in-memory database"),
    ],
)
@pytest.mark.parametrize("command", [["ledger", "verify"], ["db", "upgrade"]])
def test_a_bad_db_option_is_a_bad_option_with_an_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], given: str, said: str
) -> None:
    """``--db ''`` or not a URL is exit 2 saying what a URL looks like (it was 1 or 7)."""
    monkeypatch.chdir(tmp_path)
    code, words = invoke(*command, "--db", given)
    assert (code, said in " ".join(words.replace("│", " ").split()), "None" in words) == (
        2,
        True,
        False,
    )
    assert sorted(tmp_path.iterdir()) == []

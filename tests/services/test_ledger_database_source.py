"""What a ledger command says of a bad or missing database it was not given with ``--db``.

A bad ``SUPPLYLINE_DATABASE_URL`` was a database failure (exit 7) in ``--db``'s words, and
a missing ledger with no ``--db`` suggested ``--db sqlite:///supplyline.db``, a URL the
user never typed. These tests hold the messages to saying where the URL came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.errors import SupplylineError
from supplyline.services.settings import get_settings

VARIABLE = "SUPPLYLINE_DATABASE_URL"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty current folder, no SUPPLYLINE_DATABASE_URL, settings read afresh."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(VARIABLE, raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def invoke(*args: str) -> tuple[int, str]:
    """Run a command in-process; its exit code (as ``main`` maps errors) and its words, flat."""
    _register_commands()
    get_settings.cache_clear()  # read the environment this test set
    result = CliRunner().invoke(app, list(args), env={"USER": "tester"})
    if isinstance(result.exception, SupplylineError):
        code, words = exit_code_for(result.exception), str(result.exception)
    elif result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    else:
        code, words = result.exit_code, result.stdout + result.stderr
    return code, " ".join(words.replace("│", " ").split())


COMMANDS = [["ledger", "verify"], ["ledger", "balance", "--as", "westmark"], ["db", "upgrade"]]


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("nonsense", f"{VARIABLE}='nonsense' is not a database URL: give one like sqlite:///"),
        ("", f"{VARIABLE}='' is empty: give a database URL like sqlite:///ledger.db"),
        ("mysql://u@h/db", f"database 'mysql' ({VARIABLE}='mysql://u@h/db') is not supported"),
        ("sqlite://", f"{VARIABLE}='sqlite://': the ledger needs a SQLite file"),
    ],
)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_bad_database_url_variable_is_a_bad_setting_naming_it(
    here: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], value: str, said: str
) -> None:
    """A bad SUPPLYLINE_DATABASE_URL is exit 2 in --db's words, naming it (it was 7)."""
    monkeypatch.setenv(VARIABLE, value)
    code, words = invoke(*command)
    assert (code, said in words, "bad setting in the environment" in words) == (2, True, True)
    assert sorted(here.iterdir()) == []


def test_a_good_db_option_wins_over_a_bad_variable(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--db is used as given: the bad variable it overrides is not read for a URL."""
    monkeypatch.setenv(VARIABLE, "nonsense")
    code, words = invoke("db", "upgrade", "--db", f"sqlite:///{here / 'l.db'}")
    assert (code, (here / "l.db").is_file()) == (0, True), words


@pytest.mark.parametrize("command", COMMANDS[:2], ids=lambda c: " ".join(c[:2]))
def test_a_missing_ledger_the_variable_names_is_said_as_the_variable_s(
    here: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """Exit 3 naming the variable and the path, suggesting no --db the user never typed."""
    missing = here / "typo.db"
    monkeypatch.setenv(VARIABLE, f"sqlite:///{missing}")
    code, words = invoke(*command)
    assert (code, words, missing.exists()) == (
        3,
        f"the ledger {VARIABLE} names, {missing}, does not exist: create it with "
        f"`supplyline db upgrade`, or mend {VARIABLE}",
        False,
    )


@pytest.mark.parametrize("command", COMMANDS[:2], ids=lambda c: " ".join(c[:2]))
def test_a_missing_default_ledger_is_said_as_this_folder_s(here: Path, command: list[str]) -> None:
    """With neither --db nor the variable: "no ledger in this folder", nothing created."""
    code, words = invoke(*command)
    assert (code, words, sorted(here.iterdir())) == (
        3,
        "no ledger in this folder (supplyline.db): create it with `supplyline db upgrade`, "
        "or give --db",
        [],
    )


def test_the_hint_s_command_makes_the_ledger_the_variable_names(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`supplyline db upgrade`, as the message says, creates the file the variable names."""
    ledger = here / "named.db"
    monkeypatch.setenv(VARIABLE, f"sqlite:///{ledger}")
    assert invoke("ledger", "verify")[0] == 3
    assert (invoke("db", "upgrade")[0], invoke("ledger", "verify")[0]) == (0, 0)

"""``ledger statement -o FILE`` never loses a file of the user's: only a statement is replaced.

A tester's ``statement -o plan.json`` replaced a plan file with the statement, without a
word. A statement written before is replaced (writing it again is the point), an empty file
too; any other file only with ``--force`` (as ``init --force``), else exit 8, the file kept.
Missing folders are made, as ``plan --out``, ``--report`` and ``requirements --out`` make them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.errors import SupplylineError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
HEADER = "at,order,agreement,counterparty,kind,item,unit,amount,balance,note"


def _run(db: Path, *args: str) -> tuple[int, str]:
    """Exit code and error text of a command on the ledger ``db``."""
    _register_commands()
    done = CliRunner().invoke(app, [*args, "--db", f"sqlite:///{db}"], env={"USER": "tester"})
    if isinstance(done.exception, SupplylineError):
        return exit_code_for(done.exception), str(done.exception)
    if done.exception is not None and not isinstance(done.exception, SystemExit):
        raise done.exception
    return done.exit_code, done.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger with the example's agreement and one order billed to westmark."""
    path = tmp_path_factory.mktemp("statement") / "ledger.db"
    agreement = ["--agreement", "wm-os-hns-2025", "--item", "water", "--needed-on", "2025-08-01"]
    for step in (
        ["agreements", "import", str(EXAMPLE), "--as", "westmark"],
        ["request", "--as", "westmark", *agreement, "--quantity", "10"],
        ["accept", "1", "--as", "ostravia"],
        ["issue", "1", "--as", "ostravia", "--quantity", "10"],
        ["receive", "1", "--as", "westmark"],
        ["bill", "1", "--as", "ostravia"],
    ):
        assert _run(path, "ledger", *step)[0] == 0
    return path


def _statement(db: Path, target: Path, *more: str) -> tuple[int, str]:
    return _run(db, "ledger", "statement", "--as", "ostravia", "-o", str(target), *more)


def test_a_file_that_is_not_a_statement_is_kept(db: Path, tmp_path: Path) -> None:
    """A CSV of one's own named as the output: exit 8 naming it and --force; the file kept.

    (A ``plan.json`` is refused before, by its suffix: statement files are CSV.)
    """
    plan = tmp_path / "stocks.csv"
    plan.write_text('{"plan_id": "mine"}\n', encoding="utf-8")
    code, said = _statement(db, plan)
    assert (code, said) == (
        8,
        f"cannot write {plan}: it exists and is not a statement supplyline wrote (its first "
        "line is not a statement's header), so replacing it would lose it; choose another "
        "path, or give --force to replace it",
    )
    assert plan.read_text(encoding="utf-8") == '{"plan_id": "mine"}\n'


def test_force_replaces_it(db: Path, tmp_path: Path) -> None:
    """Asked with --force, the file is replaced by the statement."""
    plan = tmp_path / "stocks.csv"
    plan.write_text("mine\n", encoding="utf-8")
    assert _statement(db, plan, "--force")[0] == 0
    assert plan.read_text(encoding="utf-8-sig").splitlines()[0] == HEADER


@pytest.mark.parametrize("before", ["", f"\ufeff{HEADER}\r\n1,2,3\r\n", f"{HEADER}\n"])
def test_a_statement_or_an_empty_file_is_replaced(db: Path, tmp_path: Path, before: str) -> None:
    """A statement written before (with its byte-order mark or without) or nothing: replaced."""
    target = tmp_path / "statement.csv"
    target.write_text(before, encoding="utf-8")
    assert _statement(db, target)[0] == 0
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert (lines[0], len(lines)) == (HEADER, 2)


def test_writing_the_same_statement_twice_is_fine(db: Path, tmp_path: Path) -> None:
    """The second run replaces what the first wrote."""
    target = tmp_path / "statement.csv"
    assert [_statement(db, target)[0], _statement(db, target)[0]] == [0, 0]


def test_missing_folders_are_made_as_other_outputs_make_them(db: Path, tmp_path: Path) -> None:
    """``-o new/deep/statement.csv`` makes both folders, as ``plan --out`` does."""
    target = tmp_path / "new" / "deep" / "statement.csv"
    code, said = _statement(db, target)
    assert (code, "".join(said.split()), target.is_file()) == (0, f"wrote{target}", True)


def test_force_without_o_says_it_has_nothing_to_do(db: Path) -> None:
    """``--force`` with no ``-o``: a note, as ``plan`` and ``routes`` say it; exit 0."""
    code, said = _run(db, "ledger", "statement", "--as", "ostravia", "--force")
    note = (
        "note: --force has nothing to do: it lets -o replace a file supplyline did not "
        "write, and none is given"
    )
    assert (code, note in " ".join(said.split())) == (0, True)

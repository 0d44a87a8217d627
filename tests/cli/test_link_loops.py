"""A path that is a symbolic link loop is said as one, not as missing or as a dangling link.

``Path.exists()`` is False for a loop: a tester's ``plan loop`` was told "loop: does not
exist", and ``--out loop`` "a link to a missing folder".
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import BILATERAL, run

from supplyline.errors import OutputError, ScenarioError
from supplyline.io import load_scenario
from supplyline.io.destinations import check_file_target, check_folder_target


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    """``loop``, a link to itself."""
    (tmp_path / "loop").symlink_to("loop")
    return tmp_path / "loop"


def test_the_scenario_reader_says_a_loop(loop: Path) -> None:
    """load_scenario of a loop: the loop named, not "does not exist"."""
    with pytest.raises(ScenarioError, match="a symbolic link loop") as raised:
        load_scenario(loop)
    assert "does not exist" not in str(raised.value)


def test_a_loop_on_the_way_to_the_scenario_is_named(loop: Path) -> None:
    """A folder under a loop: the link that loops is the one named."""
    with pytest.raises(ScenarioError, match=rf"{loop} is a symbolic link loop"):
        load_scenario(loop / "x")


def test_an_output_folder_that_loops_is_said(loop: Path) -> None:
    """check_folder_target of a loop: 'loop: a symbolic link loop', not a missing folder."""
    with pytest.raises(OutputError, match=rf"^{loop}: a symbolic link loop") as raised:
        check_folder_target(loop)
    assert "missing" not in str(raised.value)


def test_an_output_file_below_a_loop_names_the_loop(loop: Path) -> None:
    """A report under a loop: the loop is named as the link to mend."""
    with pytest.raises(OutputError, match=rf"{loop} is a symbolic link loop"):
        check_file_target(loop / "plan.html")


def test_plan_says_a_scenario_folder_loop(loop: Path) -> None:
    """`supplyline plan loop`: exit 2, the loop said, no traceback."""
    done = run("plan", loop)
    assert done.returncode == 2, done.stderr
    assert f"{loop}: a symbolic link loop" in done.stderr
    assert "Traceback" not in done.stderr


def test_plan_out_a_loop_is_refused_before_any_work(loop: Path) -> None:
    """`plan --out loop`: exit 8, the loop said, nothing written beside it."""
    before = sorted(os.listdir(loop.parent))
    done = run("plan", BILATERAL, "--out", loop)
    assert done.returncode == 8, done.stderr
    assert f"{loop}: a symbolic link loop" in done.stderr
    assert sorted(os.listdir(loop.parent)) == before


def _ledger_commands(db: str) -> list[list[str | Path]]:
    """Commands that open the ledger ``db``: one that reads, one that makes it, one that writes."""
    return [
        ["ledger", "verify", "--db", db],
        ["db", "upgrade", "--db", db],
        ["ledger", "agreements", "import", BILATERAL, "--as", "westmark", "--db", db],
    ]


@pytest.mark.parametrize("at", range(3))
def test_a_ledger_file_that_loops_is_said(loop: Path, at: int) -> None:
    """`--db sqlite:///loop.db`, a link to itself: exit 7, the loop said, never "does not exist"."""
    (loop.parent / "loop.db").symlink_to("loop.db")
    done = run(*_ledger_commands(f"sqlite:///{loop.parent / 'loop.db'}")[at])
    assert done.returncode == 7, done.stderr
    assert f"{loop.parent / 'loop.db'}: a symbolic link loop" in done.stderr
    assert "does not exist" not in done.stderr
    assert "unable to open" not in done.stderr


@pytest.mark.parametrize("at", range(3))
def test_a_ledger_file_below_a_loop_names_the_loop(loop: Path, at: int) -> None:
    """`--db sqlite:///loop/x.db`: the link to mend named, not "the folder loop does not exist"."""
    done = run(*_ledger_commands(f"sqlite:///{loop / 'x.db'}")[at])
    assert done.returncode == 7, done.stderr
    assert f"{loop / 'x.db'}: {loop} is a symbolic link loop" in done.stderr
    assert "does not exist" not in done.stderr


def _plan_readers(plan: Path, db: Path) -> list[list[str | Path]]:
    """The commands that read a plan given by the user."""
    url = f"sqlite:///{db}"
    return [
        ["routes", BILATERAL, "--day", "14", "--plan", plan],
        ["ledger", "propose", plan, "--scenario", BILATERAL, "--as", "westmark", "--db", url],
    ]


@pytest.mark.parametrize("at", range(2))
def test_a_plan_that_loops_is_said(loop: Path, at: int) -> None:
    """`--plan loop`: exit 2, the loop said, not "no plan file at loop"; no ledger made."""
    db = loop.parent / "x.db"
    done = run(*_plan_readers(loop, db)[at])
    assert done.returncode == 2, done.stderr
    assert f"{loop}: a symbolic link loop" in done.stderr
    assert "no plan file" not in done.stderr
    assert not db.exists()


@pytest.mark.parametrize("at", range(2))
def test_a_plan_json_that_loops_in_its_folder_is_said(tmp_path: Path, at: int) -> None:
    """`--plan pl`, pl/plan.json a link to itself: that link named, not "a folder without" one."""
    (tmp_path / "pl").mkdir()
    (tmp_path / "pl" / "plan.json").symlink_to("plan.json")
    done = run(*_plan_readers(tmp_path / "pl", tmp_path / "x.db")[at])
    assert done.returncode == 2, done.stderr
    assert f"{tmp_path / 'pl' / 'plan.json'}: a symbolic link loop" in done.stderr
    assert "without a plan.json" not in done.stderr


def test_a_plan_name_too_long_is_said_without_a_traceback(tmp_path: Path) -> None:
    """`--plan` of a 300-byte name: exit 2, said as the system's words, where it was a traceback."""
    done = run(*_plan_readers(tmp_path / ("n" * 300), tmp_path / "x.db")[0])
    assert done.returncode == 2, done.stderr
    assert "File name too long" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_statement_file_that_loops_is_said_as_a_loop(loop: Path) -> None:
    """`ledger statement -o loop`: the loop said (exit 8), not "statement files are CSV"."""
    done = run(
        "ledger", "statement", "-o", loop, "--as", "westmark", "--db", f"sqlite:///{loop}.db"
    )
    assert done.returncode == 8, done.stderr
    assert f"{loop}: a symbolic link loop" in done.stderr

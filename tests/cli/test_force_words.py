"""Every command that writes an output tells its user the command's way to replace a file.

A tester's ``demo --out mine`` (their own ``stocks.csv``, ``plan.json``, ``movements.csv``
there) was refused, exit 8, "or pass force=True to replace them": the Python API's words,
where ``demo`` has ``--force`` (and refused with it too). Each command with ``--force``
now says "give --force", before the work and as the files move (a file put there while
the plan was solved); ``requirements``, which has none, says to move it away.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import BILATERAL
from cli_helpers import run as _cli
from typer.testing import CliRunner

import supplyline.io.requirements_files
import supplyline.services.planning
import supplyline.services.routing
from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.errors import SupplylineError

EXIT_OUTPUT = 8
GIVE_FORCE = "give --force to replace"
PLAN = ["plan", str(BILATERAL), "--explain", "0"]
ROUTES = ["routes", str(BILATERAL), "--day", "14", "--from-demand", "--time-limit", "0.01"]


def _digests(folder: Path) -> dict[str, str]:
    """Each file of ``folder`` by name, as a digest of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _mine(folder: Path, *names: str) -> Path:
    """A folder of the user's own files of ``names``."""
    folder.mkdir()
    for name in names:
        (folder / name).write_text("mine\n", encoding="utf-8")
    return folder


_REFUSED = {
    "demo --out": (["demo", "--out"], ("stocks.csv", "plan.json", "movements.csv")),
    "plan --out": ([*PLAN, "--out"], ("stocks.csv", "plan.json", "movements.csv")),
    "routes --out": ([*ROUTES, "--out"], ("routes.json",)),
    "init": (["init"], ("notes.txt",)),
}


@pytest.mark.parametrize("command", sorted(_REFUSED))
def test_a_command_with_force_says_give_force(tmp_path: Path, command: str) -> None:
    """Exit 8 before any work, in the command's words, the user's files as they were."""
    args, names = _REFUSED[command]
    mine = _mine(tmp_path / "mine", *names)
    before = _digests(mine)
    done = _cli(*args, mine)
    said = " ".join(done.stderr.split())
    assert (done.returncode, GIVE_FORCE in said, "force=True" in said) == (
        EXIT_OUTPUT, True, False
    ), said  # fmt: skip
    assert _digests(mine) == before


def test_ledger_statement_says_give_force(tmp_path: Path) -> None:
    """``ledger statement -o`` onto a file of the user's: the same words."""
    mine = tmp_path / "statement.csv"
    mine.write_text("mine\n", encoding="utf-8")
    done = _cli("ledger", "statement", "--as", "westmark", "-o", mine,
                "--db", f"sqlite:///{tmp_path / 'ledger.db'}")  # fmt: skip
    said = " ".join(done.stderr.split())
    assert (done.returncode, GIVE_FORCE in said, "force=True" in said) == (8, True, False), said
    assert mine.read_text(encoding="utf-8") == "mine\n"


def test_demo_with_force_replaces_them(tmp_path: Path) -> None:
    """``demo --out mine --force`` was refused as without it; now the demo is written."""
    mine = _mine(tmp_path / "mine", "stocks.csv", "plan.json", "movements.csv")
    done = _cli("demo", "--out", mine, "--force")
    assert done.returncode == 0, done.stderr
    assert '"format": "supplyline-plan"' in (mine / "plan.json").read_text(encoding="utf-8")
    assert (mine / "plan.html").is_file()


def _invoke(*args: str | Path) -> tuple[int, str]:
    """Run a command in-process: its exit code (as ``main`` maps errors) and its words."""
    _register_commands()
    result = CliRunner().invoke(app, [str(a) for a in args])
    if isinstance(result.exception, SupplylineError):
        return exit_code_for(result.exception), " ".join(str(result.exception).split())
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def _then_the_users_file(real: Callable[..., Any], path: Path) -> Callable[..., Any]:
    """``real``, after the user puts a file of their own at ``path`` (while the work runs)."""

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        path.write_text("mine\n", encoding="utf-8")
        return real(*args, **kwargs)

    return meanwhile


_MEANWHILE = {
    "plan": (supplyline.services.planning, "_solved", PLAN, "stocks.csv", GIVE_FORCE),
    "routes": (supplyline.services.routing, "write_routes_files", ROUTES, "routes.json",
               GIVE_FORCE),
    "requirements": (supplyline.io.requirements_files, "write_daily_csv",
                     ["requirements", str(BILATERAL)], "requirements.json",
                     "move it away or choose another folder"),
}  # fmt: skip


@pytest.mark.parametrize("command", sorted(_MEANWHILE))
def test_a_file_put_there_during_the_work_is_said_in_the_commands_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Checked again as the files move: kept, exit 8, and the way out is the command's."""
    module, name, args, users, way = _MEANWHILE[command]
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(module, name, _then_the_users_file(getattr(module, name), out / users))
    code, said = _invoke(*args, "--out", out)
    assert (code, f"{out / users} is a file supplyline did not write" in said) == (8, True), said
    assert (way in said, "force=True" in said) == (True, False), said
    assert [p.name for p in out.iterdir()] == [users]
    assert (out / users).read_text(encoding="utf-8") == "mine\n"

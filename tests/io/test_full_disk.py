"""A full disk names the file the user asked for, never the hidden scratch it was staged as.

A tester's ``--report …/p/plan.html`` on a full file system said ``cannot write
/…/p/.plan-2012-175b….html: No space left on device``: the report writer was handed the
scratch file and staged its own.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.errors import OutputError
from supplyline.io.atomic import atomic_output_dir, scratch_file_for, user_path, writing
from supplyline.io.plan_files import write_plan
from supplyline.planning import plan_movements
from supplyline.planning.examples import one_link
from supplyline.planning.highs import HighsSession

ROOT = Path(__file__).resolve().parents[2]
BILATERAL = ROOT / "examples" / "bilateral-exercise"
SCRATCH = re.compile(r"\.[^/\s]+-[0-9]+-[0-9a-f]{32}")
"""A scratch name (``.plan-2012-<32 hex digits>``), of a file or a folder."""

_register_commands()
runner = CliRunner()


def _full_disk_for(monkeypatch: pytest.MonkeyPatch, full: Callable[[Path], bool]) -> None:
    """Make every opening for writing of a path that ``full`` picks fail as a full disk does."""
    opened = Path.open

    def open_or_full(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(m in mode for m in "wxa") and full(self):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return opened(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_or_full)


def _said(result: Any) -> str:
    """The OutputError's words (the entry point maps it to exit 8; the runner keeps it)."""
    assert isinstance(result.exception, OutputError), result.output
    return str(result.exception)


def _report_after(openings: int) -> Callable[[], Callable[[Path], bool]]:
    """The report's files after ``openings`` of them, a full disk.

    After 1, the check before any work has passed and the writer's own check of its
    scratch file fails; after 2, the writing itself.
    """

    def make() -> Callable[[Path], bool]:
        seen = []

        def full(path: Path) -> bool:
            if path.suffix == ".html":
                seen.append(path)
            return len(seen) > openings

        return full

    return make


@pytest.mark.parametrize(
    ("command", "full", "named"),
    [
        (["plan", "--explain", "0"], _report_after(1), "{tmp}/p/plan.html"),
        (["plan", "--explain", "0"], _report_after(2), "{tmp}/p/plan.html"),
        (["plan", "--explain", "0"], lambda: lambda p: p.name == "movements.csv",
         "{tmp}/o/movements.csv"),
        (["routes", "--day", "3", "--time-limit", "0.2"], _report_after(2),
         "{tmp}/p/plan.html"),
        (["routes", "--day", "3", "--time-limit", "0.2"], lambda: lambda p: p.name == "routes.csv",
         "{tmp}/o/routes.csv"),
    ],
    ids=["plan report's check", "plan report", "plan files", "routes report", "routes files"],
)  # fmt: skip
def test_a_full_disk_names_the_users_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    full: Callable[[], Callable[[Path], bool]],
    named: str,
) -> None:
    (tmp_path / "p").mkdir()
    _full_disk_for(monkeypatch, full())
    args = [*command[:1], str(BILATERAL), *command[1:]]
    out, report = tmp_path / "o", tmp_path / "p" / "plan.html"
    result = runner.invoke(app, [*args, "--out", str(out), "--report", str(report)])
    said = _said(result)
    assert "No space left on device" in said
    assert named.format(tmp=tmp_path) in said
    assert SCRATCH.search(said) is None, said
    assert not out.exists()
    assert list((tmp_path / "p").iterdir()) == []  # neither the report nor its scratch


def test_a_model_highs_cannot_write_is_named_as_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HiGHS writes the MPS file at its scratch name; a failure names ``model.mps``."""

    def full(self: HighsSession, path: str | Path) -> None:
        raise OutputError(f"cannot write {path}: HiGHS failed to write the file")

    monkeypatch.setattr(HighsSession, "write_mps", full)
    mps = tmp_path / "m" / "model.mps"
    mps.parent.mkdir()
    args = ["plan", str(BILATERAL), "--explain", "0", "--out", str(tmp_path / "o")]
    result = runner.invoke(app, [*args, "--mps", str(mps)])
    said = _said(result)
    assert f"cannot write {mps}:" in said
    assert SCRATCH.search(said) is None, said


def test_each_staged_path_stands_for_the_users(tmp_path: Path) -> None:
    """A scratch file, a scratch of it, a file in a scratch folder: each is the user's."""
    asked = tmp_path.resolve() / "plan.html"
    assert user_path(scratch_file_for(scratch_file_for(asked))) == asked
    with atomic_output_dir(tmp_path / "out") as scratch:
        assert user_path(scratch / "movements.csv") == tmp_path / "out" / "movements.csv"
        failing = writing("the plan files into out")
        with (
            pytest.raises(OutputError, match="cannot write the plan files into") as caught,
            failing,
        ):
            raise OSError(errno.ENOSPC, "No space left on device", str(scratch / "a.csv"))
        assert str(tmp_path / "out" / "a.csv") in str(caught.value)
        assert SCRATCH.search(str(caught.value)) is None


class _FullWhileWriting:
    """A file that opens, then fails as a full disk does when its bytes are written.

    The error carries no file name, as a real one raised by ``write`` or ``close``: a
    tester's ``write_plan`` onto a full tmpfs gave a bare ``OSError`` for it.
    """

    def __init__(self, opened: Callable[..., Any], path: Path, *args: Any, **kwargs: Any) -> None:
        self._file = opened(path, *args, **kwargs)

    def __enter__(self) -> _FullWhileWriting:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _full_while_writing(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make writing the bytes of every file called ``name`` fail as a full disk does."""
    opened = Path.open

    def open_then_full(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if self.name == name and any(m in mode for m in "wxa"):
            return _FullWhileWriting(opened, self, mode, *args, **kwargs)
        return opened(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_then_full)


@pytest.mark.parametrize("name", ["movements.csv", "plan.json"])
def test_write_plan_on_a_full_disk_names_the_file_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """write_plan's full disk is an OutputError naming the file asked for; nothing stays."""
    scenario, demand = one_link()
    plan = plan_movements(scenario, demand)
    _full_while_writing(monkeypatch, name)
    out = tmp_path / "made" / "plan"
    with pytest.raises(OutputError, match="No space left on device") as caught:
        write_plan(out, scenario, plan)
    assert f"cannot write {out / name}:" in str(caught.value)
    assert list(tmp_path.iterdir()) == []  # neither the folders made nor a scratch


def test_plan_on_a_full_disk_names_the_file_not_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``plan --out`` said "cannot write the plan files into o"; it names ``o/stocks.csv``."""
    _full_while_writing(monkeypatch, "stocks.csv")
    out = tmp_path / "o"
    result = runner.invoke(app, ["plan", str(BILATERAL), "--explain", "0", "--out", str(out)])
    said = _said(result)
    assert said.startswith(f"cannot write {out / 'stocks.csv'}: No space left on device"), said
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []

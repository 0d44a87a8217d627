"""Moving finished outputs into place is all or nothing, even when one file cannot be replaced.

The faults are injected into our own renames (``Path.rename`` moves an earlier file aside,
``Path.replace`` moves a new one in or puts an earlier one back): what is under test is how
:func:`~supplyline.io.atomic.atomic_output_dir` reacts, as a tester's immutable
``movements.csv`` (``chattr +i``) made one rename fail and left two plans mixed.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest
from io_helpers import contents, folder_of

from supplyline.errors import OutputError
from supplyline.io.atomic import atomic_output_dir

OLD = {"a.csv": b"old a\r\n", "b.csv": b"old b\r\n", "c.csv": b"old c\r\n", "notes.txt": b"mine"}
NEW = {"a.csv": b"new a\r\n", "b.csv": b"new b\r\n", "c.csv": b"new c\r\n", "d.csv": b"new d"}


def _failing(
    monkeypatch: pytest.MonkeyPatch, method: str, when: Callable[[Path, Path], bool]
) -> None:
    """Make ``Path.<method>`` fail as an immutable file does (EPERM) when ``when`` says so."""
    real = getattr(Path, method)

    def fake(self: Path, target: str | Path) -> Path:
        if when(self, Path(target)):
            raise PermissionError(errno.EPERM, "Operation not permitted")
        result: Path = real(self, target)
        return result

    monkeypatch.setattr(Path, method, fake)


def _write_new(target: Path) -> None:
    with atomic_output_dir(target) as scratch:
        folder_of(scratch, NEW)


def test_an_earlier_file_that_cannot_be_moved_aside_leaves_the_folder_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The error names the file that could not be replaced; every earlier file is as it was."""
    target = folder_of(tmp_path / "p6", OLD)
    _failing(monkeypatch, "rename", lambda src, _dst: src.name == "b.csv")
    with pytest.raises(OutputError, match=r"cannot replace .*p6/b\.csv: Operation not permitted"):
        _write_new(target)
    assert contents(target) == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p6"]  # no scratch left


def test_a_new_file_that_cannot_be_moved_in_puts_the_earlier_ones_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure on the last move in (after a, b and c were replaced) undoes all three."""
    target = folder_of(tmp_path / "p6", OLD)
    _failing(monkeypatch, "replace", lambda _src, dst: dst.name == "d.csv")
    with pytest.raises(OutputError, match=r"cannot write .*p6/d\.csv: .*nothing was written"):
        _write_new(target)
    assert contents(target) == OLD


def test_a_folder_made_for_the_output_is_removed_when_the_move_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Output into new folders leaves no empty folders behind after a failure."""
    _failing(monkeypatch, "replace", lambda _src, dst: dst.name == "c.csv")
    with pytest.raises(OutputError, match="cannot write"):
        _write_new(tmp_path / "n1" / "n2")
    assert list(tmp_path.iterdir()) == []


def test_files_moved_with_the_folder_are_put_back_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report outside the folder (``also``) keeps its earlier bytes when a plan file fails."""
    target = folder_of(tmp_path / "p6", OLD)
    report = tmp_path / "r" / "plan.html"
    folder_of(report.parent, {"plan.html": b"<p>earlier</p>"})
    new_report = folder_of(tmp_path / "tmp", {"plan.html": b"<p>new</p>"}) / "plan.html"
    _failing(monkeypatch, "replace", lambda src, dst: dst == report and src == new_report)
    with (
        pytest.raises(OutputError, match=r"cannot replace .*r/plan\.html"),
        atomic_output_dir(target, also=[(new_report, report)]) as scratch,
    ):
        folder_of(scratch, NEW)
    assert contents(target) == OLD
    assert contents(report.parent) == {"plan.html": b"<p>earlier</p>"}


def test_a_failed_undo_says_which_files_are_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a.csv cannot be put back, the error says it holds the new file and where the old is.

    Nothing is lost: the earlier a.csv is kept under the name the message gives, and the
    other files are the earlier plan's.
    """
    target = folder_of(tmp_path / "p6", OLD)
    _failing(monkeypatch, "rename", lambda src, _dst: src.name == "c.csv")
    _failing(monkeypatch, "replace", lambda src, dst: dst.name == "a.csv" and "earlier" in src.name)
    with pytest.raises(OutputError) as caught:
        _write_new(target)
    message = str(caught.value)
    assert "cannot replace" in message
    assert "c.csv: Operation not permitted" in message
    assert "p6/a.csv is the new one, the earlier one is kept as" in message
    kept = Path(message.split("the earlier one is kept as ", 1)[1].split(" (", 1)[0])
    assert kept.read_bytes() == OLD["a.csv"]
    assert (target / "a.csv").read_bytes() == NEW["a.csv"]
    assert {n: (target / n).read_bytes() for n in ("b.csv", "c.csv", "notes.txt")} == {
        n: OLD[n] for n in ("b.csv", "c.csv", "notes.txt")
    }
    assert not (target / "d.csv").exists()


def test_a_successful_swap_leaves_only_the_new_files_and_the_users_own(tmp_path: Path) -> None:
    """The earlier files moved aside are deleted once every new one is in."""
    target = folder_of(tmp_path / "p6", OLD)
    _write_new(target)
    assert contents(target) == {**NEW, "notes.txt": OLD["notes.txt"]}

"""A swap of output files killed halfway (SIGKILL) is undone, or finished, by the next write.

The writer runs in a child process (``python -c``) whose own renames and unlinks are
counted; at the chosen one the child sends itself SIGKILL, as a power cut or the OOM
killer would stop it. What is under test is what the next write into the same folder
finds and leaves: one complete set of files (the earlier one while the new files were
not all in, the new one once they were), byte for byte, and nothing hidden.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from io_helpers import contents, folder_of

from supplyline.errors import ConflictError
from supplyline.io.atomic import atomic_output_dir
from supplyline.io.plan_files import plan_id, read_plan, write_plan
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import one_link

OLD = {"a.csv": b"old a\r\n", "b.csv": b"old b\r\n", "c.csv": b"old c\r\n", "notes.txt": b"mine"}
NEW = {"a.csv": b"new a\r\n", "b.csv": b"new b\r\n", "c.csv": b"new c\r\n", "d.csv": b"new d"}
MOVES = len(OLD.keys() & NEW.keys()) + len(NEW)  # an earlier file aside, a new one in
CLEAN_UP = len(OLD.keys() & NEW.keys()) + 1  # the earlier files deleted, then the journal

KILLED_WRITER = """
import json, os, signal, sys
from pathlib import Path
from supplyline.io.atomic import atomic_output_dir

target, kill_at, files = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
calls = 0

def counted(real):
    def step(self, *args, **kwargs):
        global calls
        if calls == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        calls += 1
        return real(self, *args, **kwargs)
    return step

with atomic_output_dir(target, remove=[Path(p) for p in sys.argv[4:]]) as scratch:
    for name, text in files.items():
        (scratch / name).write_bytes(text.encode())
    # counted from here: the writing above is not part of the swap
    Path.rename, Path.replace, Path.unlink = map(counted, (Path.rename, Path.replace, Path.unlink))
"""


def _killed_at(target: Path, step: int, remove: tuple[Path, ...] = ()) -> int:
    """Write NEW into ``target`` in a child killed before its ``step``-th rename or unlink.

    ``remove``: the files the write removes once its files are in (an earlier report).
    """
    files = {name: data.decode() for name, data in NEW.items()}
    child = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(target), str(step), json.dumps(files)]
        + [str(p) for p in remove],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    return step


def _next_write_fails(target: Path) -> None:
    """A write into ``target`` that fails in its block: the folder shows what recovery left."""
    with pytest.raises(RuntimeError, match="changed my mind"), atomic_output_dir(target):
        raise RuntimeError("changed my mind")


@pytest.mark.parametrize("step", range(MOVES + CLEAN_UP))
def test_the_next_write_finds_one_whole_set_after_a_kill_at_any_step(
    tmp_path: Path, step: int, caplog: pytest.LogCaptureFixture
) -> None:
    """Killed before all moves, the earlier files come back; after, the new ones stay.

    The next write here fails in its block, so the folder shows what the recovery left:
    byte for byte one set (and the user's own file), no hidden file, no scratch beside it;
    one warning names the folder.
    """
    target = folder_of(tmp_path / "p6", OLD)
    _killed_at(target, step)
    left = contents(target)
    assert any(name.startswith(".supplyline-swap-") for name in left)  # a journal to act on
    with caplog.at_level(logging.WARNING):
        _next_write_fails(target)
    expected = OLD if step < MOVES else {**OLD, **NEW}
    assert contents(target) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p6"]
    journal = "supplyline.io.swap_journal"  # the killed run's lock file is another's words
    (warning,) = [r.getMessage() for r in caplog.records if r.name == journal]
    assert warning.startswith(f"{target}: a write into it (process ")
    assert ("put back" in warning) == (step < MOVES)


def test_a_folder_the_killed_write_created_is_removed_with_its_files(tmp_path: Path) -> None:
    """Into a new folder, rolled back: the folder and every file in it go.

    What stays: the folder ``new`` it was made in, empty (the next run's lock file sat in
    it while the roll back ran), and the killed run's lock file beside ``new``, which a
    run writing into ``tmp_path`` removes (:mod:`supplyline.io.folder_lock`).
    """
    target = tmp_path / "new" / "p6"
    _killed_at(target, 2)  # after the journal and two new files moved in
    assert (target / "a.csv").read_bytes() == NEW["a.csv"]
    _next_write_fails(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".new.supplyline-lock", "new"]
    assert list((tmp_path / "new").iterdir()) == []


def test_the_next_write_then_replaces_the_earlier_set_as_usual(tmp_path: Path) -> None:
    """After the roll back, a write that succeeds leaves its files and the user's, no others."""
    target = folder_of(tmp_path / "p6", OLD)
    _killed_at(target, MOVES - 1)  # every move done but the last one in
    later = {"a.csv": b"later a", "e.csv": b"later e"}
    with atomic_output_dir(target) as scratch:
        folder_of(scratch, later)
    assert contents(target) == {**OLD, **later}


def test_a_file_changed_by_hand_since_the_kill_is_kept_with_its_earlier_copy(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The roll back never puts an earlier file over one that is neither it nor the new one."""
    target = folder_of(tmp_path / "p6", OLD)
    _killed_at(target, 2)  # a.csv moved aside and the new one in; b.csv not yet touched
    (target / "a.csv").unlink()
    (target / "a.csv").write_bytes(b"typed by hand")
    with caplog.at_level(logging.WARNING):
        _next_write_fails(target)
    left = contents(target)
    assert left.pop("a.csv") == b"typed by hand"
    (aside,) = [name for name in left if name.startswith(".a.csv-")]
    assert left.pop(aside) == OLD["a.csv"]
    assert left == {name: data for name, data in OLD.items() if name != "a.csv"}
    assert f"kept: {target / 'a.csv'} was changed since" in caplog.text


def test_a_journal_of_a_running_process_is_left_alone(tmp_path: Path) -> None:
    """A swap under way in another process (here: this one's pid) is not undone under it."""
    target = folder_of(tmp_path / "p6", OLD)
    _killed_at(target, 2)
    (journal,) = target.glob(".supplyline-swap-*-moving")
    _, _, _dead, digits, state = journal.name.split("-")
    journal.rename(target / f".supplyline-swap-{os.getpid()}-{digits}-{state}")
    before = contents(target)
    _next_write_fails(target)
    assert contents(target) == before


KILLED_COMMAND = """
import os, signal, sys
from pathlib import Path

out, kill_at = Path(sys.argv[1]), int(sys.argv[2])
moved_in = 0
real_replace = Path.replace

def replace(self, target):
    global moved_in
    if Path(target).parent == out:  # a new file moved into the output folder
        if moved_in == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        moved_in += 1
    return real_replace(self, target)

Path.replace = replace
sys.argv = ["supplyline", *sys.argv[3:]]
from supplyline.cli.app import main
main()
"""


def _supplyline(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supplyline", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=cwd,
    )


def test_a_command_killed_while_moving_its_files_in_is_undone_by_the_next(
    tmp_path: Path, bilateral_dir: Path, relief_dir: Path
) -> None:
    """``requirements --out`` killed after one of three files: the next run says so and ends clean.

    The killed run leaves the folder mixed (the relief's first file, the second one moved
    aside, the bilateral's third); the next run, from another folder (the journal's paths
    are absolute), warns in one line naming the folder as it was given, and leaves exactly
    its own files.
    """
    out = tmp_path / "req"
    first = _supplyline("requirements", bilateral_dir, "--out", "req", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    earlier = contents(out)
    command = ["requirements", str(relief_dir), "--out", "req"]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_COMMAND, "req", "1", *command],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    mixed = {name: data for name, data in contents(out).items() if not name.startswith(".")}
    assert [name for name in earlier if mixed.get(name) == earlier[name]]  # earlier files
    assert [name for name in earlier if mixed.get(name, earlier[name]) != earlier[name]]  # new
    shown = Path(tmp_path.name) / "req"
    again = _supplyline("requirements", bilateral_dir, "--out", shown, cwd=tmp_path.parent)
    assert again.returncode == 0, again.stderr
    (line,) = [line for line in again.stderr.splitlines() if "a write into it" in line]
    assert line.startswith(f"warning: {shown}: a write into it (pro")
    assert contents(out) == earlier
    assert sorted(p.name for p in tmp_path.iterdir()) == ["req"]


@pytest.mark.parametrize("step", [MOVES - 1, MOVES, MOVES + CLEAN_UP - 1])
def test_an_earlier_report_goes_only_if_the_killed_write_was_done(
    tmp_path: Path, step: int
) -> None:
    """The report the killed write was to remove stays on a roll back, and goes on a finish."""
    target = folder_of(tmp_path / "p6", {**OLD, "plan.html": b"the earlier plan's report"})
    _killed_at(target, step, remove=(target / "plan.html",))
    _next_write_fails(target)
    if step < MOVES:
        assert contents(target) == {**OLD, "plan.html": b"the earlier plan's report"}
    else:
        assert contents(target) == {**OLD, **NEW}


KILLED_WITH_REPORT = KILLED_WRITER.replace(
    "with atomic_output_dir(target, remove=[Path(p) for p in sys.argv[4:]]) as scratch:",
    "from supplyline.io.atomic import scratch_file_for\n"
    "report = Path(target) / 'plan.html'\n"
    "staged = scratch_file_for(report)\n"
    "with atomic_output_dir(target, also=[(staged, report)]) as scratch:\n"
    "    staged.write_bytes(b'the new report')",
)


@pytest.mark.parametrize("step", range(MOVES + 1))
def test_a_recovery_removes_the_scratch_files_of_the_swap_it_rolls_back(
    tmp_path: Path, step: int
) -> None:
    """A report staged beside the folder's files goes with the roll back, moved or not.

    A tester's killed plan left its hidden ``.plan-<pid>-<hex>.html`` after the recovery
    had put the earlier files back (recovered by a write that names no report).
    """
    target = folder_of(tmp_path / "p6", OLD)
    files = {name: data.decode() for name, data in NEW.items()}
    child = subprocess.run(
        [sys.executable, "-c", KILLED_WITH_REPORT, str(target), str(step), json.dumps(files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert any(name.startswith(".plan-") for name in os.listdir(target))
    _next_write_fails(target)
    assert contents(target) == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p6"]


def _a_plan_in(folder: Path) -> str:
    """Write a small real plan into ``folder``; return its id."""
    scenario, demand = one_link()
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    write_plan(folder, scenario, plan)
    return plan_id(plan)


def test_a_reader_of_a_plan_folder_rolls_back_a_killed_swap_first(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """read_plan on a folder a killed write left mixed reads the earlier plan, whole.

    A tester's ``ledger propose`` read a folder half old, half new, with no warning.
    """
    target = tmp_path / "plan"
    earlier_id = _a_plan_in(target)
    earlier = contents(target)
    files = {"plan.json": "{}", "movements.csv": "mixed\r\n", "stocks.csv": "mixed\r\n"}
    child = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(target), "3", json.dumps(files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert contents(target) != earlier  # mixed, with a journal
    with caplog.at_level(logging.WARNING):
        read = read_plan(target)
    assert plan_id(read) == earlier_id
    assert contents(target) == earlier
    assert any("put back" in r.getMessage() for r in caplog.records)


def test_a_reader_refuses_a_plan_folder_with_a_write_under_way(tmp_path: Path) -> None:
    """A swap journal of a running process: the files may be a mix, said, not read."""
    target = tmp_path / "plan"
    _a_plan_in(target)
    (target / f".supplyline-swap-{os.getpid()}-{'0' * 32}-moving").write_text("{}")
    with pytest.raises(ConflictError, match=r"under way or was stopped halfway"):
        read_plan(target)

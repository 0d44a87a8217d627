"""One run at a time writes an output folder; a killed run's scratch is swept by any run.

Two ``plan --out o`` at once both reported success, one's files replaced by the other's.
A run killed outright left ``.o-PID-<hex>`` beside ``o``, removed only by a run into ``o``.
The processes are synchronised by their output lines, never by waiting a while.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_helpers import BILATERAL, run

from supplyline.errors import OutputError, ScenarioError
from supplyline.io.folder_lock import folder_lock_path, output_folder_lock
from supplyline.services.planning import plan_scenario
from supplyline.staged_file import SCRATCH_MARKER

_HOLDER = """
import sys
from supplyline.io.folder_lock import output_folder_lock
with output_folder_lock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
"""


@contextmanager
def _holding(folder: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process, once it holds the lock of ``folder``; it ends when its stdin closes."""
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == "held\n"
        yield child  # leaving the block closes its stdin: it ends


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock of ``tmp_path / 'o'`` until its stdin closes."""
    with _holding(tmp_path / "o") as child:
        yield child


def test_a_second_run_into_a_folder_being_written_is_refused(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    """Plan --out o while another run writes o: exit 8, its pid named, nothing written."""
    done = run("plan", BILATERAL, "--out", tmp_path / "o")
    assert done.returncode == 8, done.stderr
    assert (
        f"{tmp_path / 'o'}: another supplyline run (pid {holder.pid}) is writing this folder; "
        "wait for it or choose another folder"
    ) in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "o").exists()
    assert [p.name for p in tmp_path.iterdir()] == [folder_lock_path(tmp_path / "o").name]


def test_requirements_and_routes_are_refused_too(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    """Every command that writes a folder holds its lock: requirements and routes too."""
    for args in (("requirements",), ("routes", "--day", "3")):
        done = run(*args, BILATERAL, "--out", tmp_path / "o")
        assert done.returncode == 8, done.stderr
        assert f"(pid {holder.pid}) is writing this folder" in done.stderr
    assert not (tmp_path / "o").exists()


def test_a_link_to_the_folder_is_the_same_folder(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    """--out link, where link leads to the folder being written: refused as the folder."""
    (tmp_path / "o").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "o")
    done = run("requirements", BILATERAL, "--out", tmp_path / "link")
    assert done.returncode == 8, done.stderr
    assert "is writing this folder" in done.stderr


def test_the_python_api_is_refused_in_the_same_words(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    """plan_scenario into a folder another process writes: OutputError naming its pid."""
    with pytest.raises(OutputError, match=rf"another supplyline run \(pid {holder.pid}\)"):
        plan_scenario(BILATERAL, tmp_path / "o")


def test_the_lock_is_released_after_an_error(tmp_path: Path) -> None:
    """A run that fails (a bad scenario) releases the lock: the next takes it at once."""
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "scenario.yaml").write_text("name: [\n")
    with pytest.raises(ScenarioError):
        plan_scenario(tmp_path / "bad", tmp_path / "o")
    assert not folder_lock_path(tmp_path / "o").exists()
    done = subprocess.run(
        [sys.executable, "-c", _HOLDER, str(tmp_path / "o")],
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "held\n"), done.stderr


def test_a_run_killed_outright_never_blocks_the_next(tmp_path: Path) -> None:
    """SIGKILL of the holder: its lock file stays, but the next run takes the lock."""
    with _holding(tmp_path / "o") as child:
        child.kill()
        child.wait(timeout=60)
    assert folder_lock_path(tmp_path / "o").exists()
    with output_folder_lock(tmp_path / "o"):
        assert str(os.getpid()) in folder_lock_path(tmp_path / "o").read_text()
    assert not folder_lock_path(tmp_path / "o").exists()


def test_a_lock_file_of_the_users_is_kept(tmp_path: Path) -> None:
    """A file of the lock's name that supplyline did not write: refused, left as it was."""
    mine = folder_lock_path(tmp_path / "o")
    mine.write_text("my notes\n")
    with (
        pytest.raises(OutputError, match="not one supplyline wrote"),
        output_folder_lock(tmp_path / "o"),
    ):
        pass
    assert mine.read_text() == "my notes\n"


def test_the_scratch_of_a_killed_run_is_swept_by_a_run_into_another_folder(
    tmp_path: Path,
) -> None:
    """Plan --out a SIGKILLed mid-solve; requirements --out b removes .a-PID-<hex>, no other."""
    with subprocess.Popen(
        [sys.executable, "-m", "supplyline", "plan", str(BILATERAL), "--out", str(tmp_path / "a")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stderr is not None
        for line in child.stderr:  # its scratch folder is made before the model is built
            if "building the model" in line:
                break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    left = [p for p in tmp_path.iterdir() if p.name.startswith(f".a-{child.pid}-")]
    assert len(left) == 1
    assert (left[0] / SCRATCH_MARKER).is_file()
    unmarked = tmp_path / f".c-{child.pid}-{'0' * 32}"  # a scratch name, no marker: kept
    unmarked.mkdir()
    done = run("requirements", BILATERAL, "--out", tmp_path / "b")
    assert done.returncode == 0, done.stderr
    assert not left[0].exists()
    assert unmarked.is_dir()
    assert SCRATCH_MARKER not in os.listdir(tmp_path / "b")

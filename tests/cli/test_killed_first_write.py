"""A first write into a new ``--out`` folder, stopped or killed, leaves no folder behind.

``plan --out x/new`` made ``x`` before the solve, with a lock file in it; a second SIGTERM
(``timeout``, an impatient Ctrl+C) landing in the clean-up left ``x``, empty but for the
lock file, and a run killed outright left it too, with a scratch folder the next run
swept without a word. The processes are synchronised by their output lines, never by
waiting a while.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import BILATERAL, run

from supplyline.cli.exits import EXIT_TERMINATED

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals of POSIX")

_SECOND_SIGTERM_IN_THE_CLEAN_UP = """
import os, signal, sys
from supplyline.cli.app import main
from supplyline.io import folder_lock

release = folder_lock._release

def release_after_another_sigterm(path, fd):
    os.kill(os.getpid(), signal.SIGTERM)  # its handler runs before os.kill returns
    release(path, fd)

folder_lock._release = release_after_another_sigterm
sys.argv[0] = "supplyline"
main()
"""
"""``supplyline`` that sends itself SIGTERM again as it releases an output folder's lock."""


def _signalled_at(
    stage: str, sig: signal.Signals, command: list[str]
) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run ``command``, send it ``sig`` as its log (stderr) shows ``stage``; and its pid."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if stage in line:
            proc.send_signal(sig)
            break
    out, err = proc.communicate(timeout=300)
    ended = subprocess.CompletedProcess(command, proc.returncode, out, "".join(seen) + err)
    return ended, proc.pid


def _plan_into(out: Path) -> list[str]:
    """The arguments of ``plan`` of the bundled example into ``out``, measuring nothing."""
    return ["plan", str(BILATERAL), "--out", str(out), "--explain", "0"]


def test_a_second_sigterm_in_the_clean_up_leaves_no_folder(tmp_path: Path) -> None:
    """SIGTERM in the solve, another as the lock is released: no ``x``, no lock, 143."""
    out = tmp_path / "x" / "new"
    command = [sys.executable, "-c", _SECOND_SIGTERM_IN_THE_CLEAN_UP, *_plan_into(out)]
    done, _ = _signalled_at("solving (", signal.SIGTERM, command)
    assert done.returncode == EXIT_TERMINATED, done.stderr
    assert "terminated (SIGTERM): no plan written" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["solving (", "writing the plan files"])
def test_a_run_killed_outright_leaves_no_folder_and_the_next_says_what_it_cleaned(
    tmp_path: Path, stage: str
) -> None:
    """SIGKILL: only hidden files beside, no ``x``; the next run clears them, saying so."""
    command = [sys.executable, "-m", "supplyline", *_plan_into(tmp_path / "x" / "new")]
    killed, pid = _signalled_at(stage, signal.SIGKILL, command)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not (tmp_path / "x").exists()
    assert all(p.name.startswith(".") for p in tmp_path.iterdir())

    done = run(*_plan_into(tmp_path / "x" / "new"))
    assert done.returncode == 0, done.stderr
    assert (
        f"warning: took over the lock file {tmp_path / '.x.supplyline-lock'}, left by "
        f"supplyline run {pid}, which ended without removing it (killed?)"
    ) in done.stderr
    assert f"the unfinished output of supplyline run {pid}, which ended" in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["x"]
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["new"]

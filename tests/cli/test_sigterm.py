"""SIGTERM (docker stop, systemd, ``timeout``) ends a command as Ctrl+C does, with 143.

A tester's ``plan`` under SIGTERM ended silently with -15 and left its hidden, partly
written ``.int-<pid>-…`` folder beside the output until the next write.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from cli_helpers import BILATERAL
from rich.console import Console

from supplyline.cli import exits
from supplyline.cli.exits import EXIT_TERMINATED, treat_sigterm_as_ctrl_c
from supplyline.cli.progress import interruptible
from supplyline.io.atomic import atomic_output_dir

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals of POSIX")


def _terminated_at(stage: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``plan`` and send SIGTERM as its log (stderr, not a terminal) shows ``stage``."""
    command = [sys.executable, "-m", "supplyline", "plan", str(BILATERAL), "--out", str(out)]
    proc = subprocess.Popen(
        [*command, "--explain", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if stage in line:
            proc.send_signal(signal.SIGTERM)
            break
    out_text, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(command, proc.returncode, out_text, "".join(seen) + err)


@pytest.mark.parametrize("stage", ["solving (", "computing requirements"])
def test_sigterm_in_a_plan_cleans_up_says_so_and_exits_143(tmp_path: Path, stage: str) -> None:
    """Nothing written, no scratch beside the output, one line, exit 143, no traceback."""
    out = tmp_path / "out"
    done = _terminated_at(stage, out, "--report", str(tmp_path / "plan.html"))
    assert done.returncode == EXIT_TERMINATED, done.stderr
    assert "terminated (SIGTERM): no plan written" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.fixture
def sigterm_handled() -> Iterator[None]:
    """SIGTERM handled as the entry point handles it, in this process; put back after."""
    before = signal.getsignal(signal.SIGTERM)
    remembered = exits._TERMINATED[0]
    treat_sigterm_as_ctrl_c()
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)
        exits._TERMINATED[0] = remembered


@pytest.mark.usefixtures("sigterm_handled")
def test_sigterm_while_files_move_into_place_waits_until_all_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM after the first rename is held back as Ctrl+C is: all new, then 143."""
    target = tmp_path / "out"
    target.mkdir()
    for name in ("a.csv", "b.csv", "c.csv"):
        (target / name).write_text("old", encoding="utf-8")
    renamed = Path.replace

    def rename_then_sigterm(self: Path, destination: Path) -> Path:
        moved = renamed(self, destination)
        os.kill(os.getpid(), signal.SIGTERM)
        return moved

    def command(console: Console) -> None:
        with interruptible(console, "nothing written"), atomic_output_dir(target) as scratch:
            for name in ("a.csv", "b.csv", "c.csv"):
                (scratch / name).write_text("new", encoding="utf-8")

    monkeypatch.setattr(Path, "replace", rename_then_sigterm)
    log = io.StringIO()
    with pytest.raises(typer.Exit) as ended:
        command(Console(file=log))
    assert ended.value.exit_code == EXIT_TERMINATED
    assert {p.read_text(encoding="utf-8") for p in target.iterdir()} == {"new"}
    assert "terminated (SIGTERM): the files were written (SIGTERM came as" in log.getvalue()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]

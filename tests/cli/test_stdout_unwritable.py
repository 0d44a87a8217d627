"""A standard output that cannot be written (``> /dev/full``): one line on stderr, exit 74.

``supplyline factors > /dev/full`` ended in a traceback, ``OSError: [Errno 28] No space left
on device``, exit 1 (rich, typer and the CSV writer each met it). A closed pipe is not this:
it ends quietly with 141 (tests/cli/test_interrupts_and_pipes.py).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import BILATERAL

from supplyline.cli.stdout_guard import EXIT_STDOUT_FAILED, StdoutWriteError, stdout_failure

FULL = Path("/dev/full")

LINE = "error: standard output could not be written: No space left on device (the output is "
LINE += "incomplete)"


def _into_full_device(
    *args: str | Path, unbuffered: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run the command with its stdout the full device; ``unbuffered`` as ``python -u``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    with FULL.open("w") as full:
        return subprocess.run(
            [sys.executable, "-m", "supplyline", *map(str, args)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=300, check=False, env=env,
        )  # fmt: skip


needs_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full on this system")


@needs_full
@pytest.mark.parametrize("unbuffered", [True, False], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["factors"], id="factors table"),
        pytest.param(["factors", "--format", "json"], id="factors json"),
        pytest.param(["requirements", BILATERAL, "--format", "csv"], id="requirements csv"),
        pytest.param(["validate", BILATERAL], id="validate"),
        pytest.param(["--help"], id="help"),
        pytest.param(["--version"], id="version"),
    ],
)
def test_a_full_device_ends_with_one_line_and_74(args: list[str | Path], unbuffered: bool) -> None:
    """One ``error:`` line, the last on stderr, saying why; exit 74; no traceback."""
    done = _into_full_device(*args, unbuffered=unbuffered)
    assert done.returncode == EXIT_STDOUT_FAILED, done.stderr
    assert [line for line in done.stderr.splitlines() if "error" in line.lower()] == [LINE]
    assert done.stderr.endswith(LINE + "\n")
    assert "Exception ignored" not in done.stderr


@needs_full
def test_a_plans_csv_into_a_full_device_ends_so_too() -> None:
    """The tester's case, ``plan … -f csv > /dev/full``: its warnings, then the one line."""
    done = _into_full_device("plan", BILATERAL, "-f", "csv")
    assert done.returncode == EXIT_STDOUT_FAILED, done.stderr
    assert done.stderr.endswith(LINE + "\n")
    assert "Traceback" not in done.stderr


@needs_full
def test_a_failure_whose_record_cannot_be_written_is_still_said(tmp_path: Path) -> None:
    """``--format json`` of a failing command: the device's line, then the error and its code."""
    missing = tmp_path / "absent.db"
    done = _into_full_device(
        "ledger", "orders", "--as", "westmark", "--format", "json", "--db", f"sqlite:///{missing}"
    )
    assert done.returncode == 3, done.stderr
    lines = done.stderr.splitlines()
    assert (lines[0], lines[1].startswith(f"error: no ledger at {missing}"), len(lines)) == (
        LINE,
        True,
        2,
    )


def test_only_a_write_to_stdout_is_said_as_one() -> None:
    """A full disk met elsewhere (a file) is not stdout's: it goes on as the error it is."""
    elsewhere = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert stdout_failure(elsewhere) is None
    unwritten = StdoutWriteError(errno.EIO, os.strerror(errno.EIO))
    ending = SystemExit(1)  # as rich's handler ends: the failed write is its context
    ending.__context__ = unwritten
    assert stdout_failure(ending) is unwritten
    assert unwritten.line() == (
        "error: standard output could not be written: Input/output error (the output is incomplete)"
    )

"""How the command ends when the user stops it: Ctrl+C while it starts, a reader that stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import BILATERAL

from supplyline.cli.exits import EXIT_INTERRUPTED, EXIT_PIPE_CLOSED, INTERRUPTED_STARTING
from supplyline.services.scenarios import REQUIREMENTS_FILES

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and pipes of POSIX")

SCRIPT = Path(sys.executable).with_name("supplyline")
"""The console script, as ``pip install`` made it from ``[project.scripts]``."""

ENTRY_POINTS = {
    "python -m supplyline": ["-m", "supplyline"],
    "console script": [str(SCRIPT)],
}


def _ctrl_c_by_default() -> None:
    """In the child: Ctrl+C as in a terminal (a background job inherits it ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _ctrl_c_once_imported(entry: list[str], module: str) -> subprocess.CompletedProcess[str]:
    """Run ``requirements`` and send SIGINT as soon as ``module`` has been imported.

    ``-X importtime`` prints a line to stderr as each module's import ends: the signal is
    sent on the line of ``module``, not after a guessed number of seconds.
    """
    command = [sys.executable, "-X", "importtime", *entry, "requirements", str(BILATERAL)]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_by_default,
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("import time:") and line.rsplit("|", 1)[-1].strip() == module:
            proc.send_signal(signal.SIGINT)
            break
    out, err = proc.communicate(timeout=300)
    err = "".join(line for line in err.splitlines(True) if not line.startswith("import time:"))
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


@pytest.mark.parametrize("module", ["typer", "highspy"])
@pytest.mark.parametrize("entry", list(ENTRY_POINTS), ids=list(ENTRY_POINTS))
def test_ctrl_c_while_starting_ends_with_a_line_and_130(entry: str, module: str) -> None:
    """Ctrl+C while the modules import (typer: the app's; highspy: a command's): no traceback.

    The message is one line on stderr, and the shell sees 130: exit code 130, or death by
    SIGINT after the message (CPython ends so when a C extension's import saw the interrupt).
    A run that had already finished is fine too (exit 0 and its table).
    """
    if entry == "console script" and not SCRIPT.is_file():
        pytest.skip("the package is not installed with its console script")
    done = _ctrl_c_once_imported(ENTRY_POINTS[entry], module)
    assert "Traceback" not in done.stderr
    if done.returncode == 0:  # the run was over before the signal came
        assert "requirements over" in done.stdout
        return
    assert done.returncode in (EXIT_INTERRUPTED, -signal.SIGINT), done.stderr
    assert done.stderr.splitlines() == [INTERRUPTED_STARTING]


def _with_stdout_closed(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the command with its stdout a pipe whose reader has gone (``… | head -0``)."""
    read, write = os.pipe()
    os.close(read)  # before the child writes a byte: every write to the pipe fails
    try:
        return subprocess.run(
            [sys.executable, "-m", "supplyline", *map(str, args)],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        os.close(write)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["requirements", BILATERAL], id="requirements table"),
        pytest.param(["requirements", BILATERAL, "--format", "csv", "--by", "unit"], id="csv"),
        pytest.param(["factors", "--format", "json"], id="factors json"),
        pytest.param(["validate", BILATERAL], id="validate"),
        pytest.param(["--help"], id="help"),
    ],
)
def test_a_closed_output_pipe_ends_quietly_with_141(args: list[str | Path]) -> None:
    """A reader that stops (``| head``): exit 141 as ``cat`` gives, no message, no traceback."""
    done = _with_stdout_closed(*args)
    assert done.returncode == EXIT_PIPE_CLOSED, done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
    assert "Aborted" not in done.stderr


def test_requirements_writes_its_files_before_printing(tmp_path: Path) -> None:
    """``requirements --out DIR | head -2`` keeps the files: they are written, then printed."""
    out = tmp_path / "req"
    done = _with_stdout_closed("requirements", BILATERAL, "--out", out)
    assert done.returncode == EXIT_PIPE_CLOSED, done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(REQUIREMENTS_FILES)
    assert [p.name for p in tmp_path.iterdir()] == ["req"]  # no scratch folder left

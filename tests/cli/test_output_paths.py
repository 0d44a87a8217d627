"""Paths the commands write to: an empty one, an MPS file HiGHS cannot write, leftovers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import highspy
import pytest
from cli_helpers import BILATERAL, run
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.errors import OutputError

_register_commands()
runner = CliRunner()

B = str(BILATERAL)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        pytest.param(["plan", B, "--out", ""], "'--out'", id="plan --out"),
        pytest.param(["plan", B, "--out", "o", "--mps", " "], "'--mps'", id="plan --mps"),
        pytest.param(["plan", B, "--out", "o", "--report", ""], "'--report'", id="plan --report"),
        pytest.param(["routes", B, "--day", "14", "--out", ""], "'--out'", id="routes --out"),
        pytest.param(
            ["routes", B, "--day", "14", "--report", "  "], "'--report'", id="routes --report"
        ),
        pytest.param(["requirements", B, "--out", ""], "'--out'", id="requirements --out"),
        pytest.param(["demo", "--out", ""], "'--out'", id="demo --out"),
        pytest.param(
            ["ledger", "statement", "--as", "westmark", "-o", ""], "'--output'", id="statement -o"
        ),
        pytest.param(["init", ""], "'folder'", id="init FOLDER"),
    ],
)
def test_an_empty_output_path_is_a_usage_error_before_any_work(
    args: list[str], option: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty or blank output path exits 2 naming the option; nothing lands in the cwd.

    Typer reads ``''`` as ``Path('.')``: the plan files went into the current folder.
    """
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for {option}" in result.output
    assert "is empty: give" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_entry_point_says_which_option_is_empty(tmp_path: Path) -> None:
    """``python -m supplyline plan DIR --out ''``: exit 2, the option and what to give."""
    done = run("plan", BILATERAL, "--out", "", "--mps", tmp_path / "model.mps")
    assert done.returncode == 2
    assert "Invalid value for '--out' / '-o': '' is empty: give a folder" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_mps_file_highs_cannot_write_is_an_output_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HiGHS failing to write the MPS file is exit 8 about the user's path, not a solver error.

    HiGHS writes half the file and says so (as a full disk would stop it); nothing is
    written, and no scratch file is left. (The scratch was put in a missing folder, which
    HiGHS could not create; the model's writer now makes the folders, as ``--mps`` does.)
    """
    real_write = highspy.Highs.writeModel

    def write_half(h: highspy.Highs, path: str) -> highspy.HighsStatus:
        real_write(h, path)
        whole = Path(path).read_bytes()
        Path(path).write_bytes(whole[: len(whole) // 2])
        return highspy.HighsStatus.kError

    monkeypatch.setattr(highspy.Highs, "writeModel", write_half)
    out, mps = tmp_path / "out", tmp_path / "model.mps"
    result = runner.invoke(app, ["plan", B, "--out", str(out), "--mps", str(mps)])
    assert isinstance(result.exception, OutputError), result.output
    assert exit_code_for(result.exception) == 8
    message = str(result.exception)
    assert message.startswith(f"cannot write {mps}: HiGHS failed to write the file")
    assert "disk full" in message
    assert list(tmp_path.iterdir()) == []


def test_a_write_clears_the_scratch_folder_of_a_killed_writer(tmp_path: Path) -> None:
    """A writer killed by SIGKILL leaves ``.out-<pid>-…``; the next write to ``out`` removes it.

    Its lock file too. A scratch folder of a live process (this one) and one of another
    target with no marker in it are kept.
    """
    out = tmp_path / "out"
    killed = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, signal, sys\n"
            "from supplyline.io.atomic import atomic_output_dir\n"
            "with atomic_output_dir(sys.argv[1]) as scratch:\n"
            "    (scratch / 'half.csv').write_text('x')\n"
            "    os.kill(os.getpid(), signal.SIGKILL)\n",
            str(out),
        ]
    )
    assert killed.wait(timeout=60) == -signal.SIGKILL
    left, lock = sorted(tmp_path.iterdir())
    assert left.name.startswith(f".out-{killed.pid}-")
    assert lock.name == ".out.supplyline-lock"
    alive = tmp_path / f".out-{os.getpid()}-{'a' * 32}"
    other = tmp_path / f".outer-{killed.pid}-{'a' * 32}"
    alive.mkdir()
    other.mkdir()
    done = run("requirements", BILATERAL, "--out", out)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name, "out"])


def _exits_8_before_any_work(args: list[str], folder: Path, said: str) -> None:
    """Run ``args`` in ``folder``: exit 8 saying ``said``, before any work, nothing written."""
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=folder,
    )
    assert done.returncode == 8, done.stderr
    assert f"error: {said}" in done.stderr
    assert "Invalid value" not in done.stderr
    assert "solving" not in done.stderr
    assert "Traceback" not in done.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="no /proc")
@pytest.mark.parametrize(
    ("args", "path"),
    [
        pytest.param(["plan", B, "-o", "o", "--report", "/proc/r.htm"], "/proc/r.htm", id="report"),
        pytest.param(["plan", B, "--out", "o", "--mps", "/proc/m.mps"], "/proc/m.mps", id="mps"),
        pytest.param(["plan", B, "--out", "/proc/new/plan"], "/proc/new/plan", id="plan --out"),
        pytest.param(["requirements", B, "--out", "/proc/req"], "/proc/req", id="requirements"),
        pytest.param(["routes", B, "--day", "14", "--out", "/proc/r"], "/proc/r", id="routes"),
    ],
)
def test_an_output_folder_that_takes_no_files_exits_8_before_any_work(
    args: list[str], path: str, tmp_path: Path
) -> None:
    """``--report /proc/r.html`` failed with exit 8 only after the whole solve: now at once.

    The check creates and removes a scratch file where the output will go (permission bits
    say yes to root, and /proc looks writable); no probe is left in the folders tried.
    """
    _exits_8_before_any_work(args, tmp_path, f"cannot write {path}: /proc takes no new files")


@pytest.mark.parametrize(
    "args",
    [
        ["plan", B, "--report", "/dev/full"],
        ["plan", B, "--report", "/dev/full", "--force"],
        ["plan", B, "--mps", "/dev/full"],
        ["routes", B, "--day", "14", "--report", "/dev/full"],
        ["routes-bench", "no-instance.txt", "--out", "/dev/full"],
        ["ledger", "statement", "--as", "westmark", "-o", "/dev/full", "--db", "sqlite:///l.db"],
    ],
    ids=lambda v: " ".join(w for w in v if w != B),
)
def test_a_device_as_an_output_file_exits_8_before_any_work(
    args: list[str], tmp_path: Path
) -> None:
    """``--report /dev/full`` exited 2 ("Invalid value", its name not .html): now as ``--out``.

    An output that cannot go where asked, whatever its name: exit 8 before any work (no
    solve, no instance or ledger read), nothing written.
    """
    said = "cannot write /dev/full: it is not a regular file (a device or a pipe)"
    _exits_8_before_any_work(args, tmp_path, said)

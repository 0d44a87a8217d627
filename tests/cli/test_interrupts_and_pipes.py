"""How the command ends when the user stops it: Ctrl+C (even one Python drops), a closed pipe."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from cli_helpers import BILATERAL, press_ctrl_c_where_python_drops_it
from rich.console import Console
from typer.testing import CliRunner

from supplyline.cli import app as app_module
from supplyline.cli import plan_cmds
from supplyline.cli.app import _register_commands, app
from supplyline.cli.exits import (
    EXIT_INTERRUPTED,
    EXIT_PIPE_CLOSED,
    INTERRUPTED,
    INTERRUPTED_STARTING,
)
from supplyline.cli.progress import interruptible, stages
from supplyline.io.atomic import atomic_output_dir
from supplyline.planning.interrupt import raise_if_interrupted
from supplyline.services.scenarios import REQUIREMENTS_FILES

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and pipes of POSIX")

_register_commands()
runner = CliRunner()

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


@pytest.mark.parametrize(
    ("module", "line"),
    [("typer", INTERRUPTED_STARTING), ("numpy", f"{INTERRUPTED}: no files written")],
)
@pytest.mark.parametrize("entry", list(ENTRY_POINTS), ids=list(ENTRY_POINTS))
def test_ctrl_c_while_starting_ends_with_a_line_and_130(entry: str, module: str, line: str) -> None:
    """Ctrl+C while the modules import (typer: the app's; numpy: the command's): no traceback.

    The message is one line on stderr, and the shell sees 130: exit code 130, or death by
    SIGINT after the message (CPython ends so when a C extension's import saw the interrupt).
    A run that had already finished is fine too (exit 0 and its table). NumPy is imported
    inside the command (``--help`` goes without it), where Ctrl+C already says what the
    command's stages say: no files written.
    """
    if entry == "console script" and not SCRIPT.is_file():
        pytest.skip("the package is not installed with its console script")
    done = _ctrl_c_once_imported(ENTRY_POINTS[entry], module)
    assert "Traceback" not in done.stderr
    if done.returncode == 0:  # the run was over before the signal came
        assert "requirements over" in done.stdout
        return
    assert done.returncode in (EXIT_INTERRUPTED, -signal.SIGINT), done.stderr
    assert done.stderr.splitlines() == [line]


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
        pytest.param(["plan", BILATERAL, "-f", "csv"], id="plan csv"),
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


def test_ctrl_c_python_drops_while_the_report_is_written_exits_130_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C in a weakref callback while the report is written ends `plan` as any Ctrl+C.

    CPython drops an interrupt raised there (it printed "Exception ignored in" and the
    traceback, then "wrote 9 files" and exit 0); the press is recorded, and the plan stops
    before its files are moved into place: the message alone, exit code 130, no file and no
    scratch left.
    """
    monkeypatch.setattr(sys, "unraisablehook", sys.__unraisablehook__)  # prints to stderr

    def write_report(*args: object) -> None:
        Path(str(args[-1])).write_text("<!doctype html>\n", encoding="utf-8")
        press_ctrl_c_where_python_drops_it()

    monkeypatch.setattr(plan_cmds, "_report_writer", lambda: write_report)
    out, report = tmp_path / "out", tmp_path / "plan.html"
    args = ["plan", str(BILATERAL), "--out", str(out), "--report", str(report), "--explain", "0"]
    result = runner.invoke(app, args)
    assert result.exit_code == EXIT_INTERRUPTED, result.output
    assert "interrupted: no plan written" in result.stderr
    assert "Exception ignored" not in result.stderr
    assert "Traceback" not in result.stderr
    assert "wrote" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def _two_stages(console: Console, in_the_first: Callable[[], object] = lambda: None) -> None:
    """A command of two stages that does ``in_the_first`` in its first."""
    with interruptible(console, "nothing written"), stages(console, "first") as show:
        in_the_first()
        show("second")


def test_ctrl_c_python_drops_in_a_stage_ends_the_command_before_the_next() -> None:
    """The second stage does not begin: the message and exit code 130 instead."""
    log = io.StringIO()
    with pytest.raises(typer.Exit) as ended:
        _two_stages(Console(file=log), press_ctrl_c_where_python_drops_it)
    assert ended.value.exit_code == EXIT_INTERRUPTED
    assert "second" not in log.getvalue()
    assert "interrupted: nothing written" in log.getvalue()


@pytest.mark.parametrize("pressed", [True, False], ids=["pressed", "not pressed"])
def test_a_command_leaves_ctrl_c_handled_as_before_and_no_press_behind(pressed: bool) -> None:
    """After the command, Ctrl+C is handled as before and no press is remembered.

    The SIGINT handler and the hook of dropped exceptions are the ones before.
    """
    before, hook = signal.getsignal(signal.SIGINT), sys.unraisablehook
    with contextlib.suppress(typer.Exit) if pressed else contextlib.nullcontext():
        _two_stages(
            Console(file=io.StringIO()),
            press_ctrl_c_where_python_drops_it if pressed else lambda: None,
        )
    assert signal.getsignal(signal.SIGINT) is before
    assert sys.unraisablehook is hook
    raise_if_interrupted()  # does not raise


def _extension_import_broken_by_ctrl_c() -> None:
    """What importing a C extension does when Ctrl+C lands in its initialisation.

    pybind11 modules (matplotlib's ``_path``, imported with the report writer) raise
    ``ImportError: initialization failed`` from the KeyboardInterrupt: the command ended
    with exit code 1 and a traceback.
    """
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt as pressed:
        raise ImportError("initialization failed") from pressed


def test_an_error_ctrl_c_caused_in_a_stage_ends_the_command_as_ctrl_c() -> None:
    """The message and exit code 130, as for the KeyboardInterrupt itself."""
    log = io.StringIO()
    with pytest.raises(typer.Exit) as ended:
        _two_stages(Console(file=log), _extension_import_broken_by_ctrl_c)
    assert ended.value.exit_code == EXIT_INTERRUPTED
    assert log.getvalue().splitlines()[-1] == "interrupted: nothing written"


def test_an_error_ctrl_c_did_not_cause_stays_an_error() -> None:
    """An ImportError of its own is not taken for Ctrl+C."""

    def broken() -> None:
        raise ImportError("initialization failed")

    with pytest.raises(ImportError, match="initialization failed"):
        _two_stages(Console(file=io.StringIO()), broken)


def test_an_error_ctrl_c_caused_while_starting_ends_with_a_line_and_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl+C in a command module's import of a C extension: the starting line, 130."""
    monkeypatch.setenv("COLUMNS", "160")  # main() sets it when stdout is not a terminal
    monkeypatch.setattr(app_module, "_register_commands", _extension_import_broken_by_ctrl_c)
    with pytest.raises(SystemExit) as ended:
        app_module.main()
    assert ended.value.code == EXIT_INTERRUPTED
    assert capsys.readouterr().err.splitlines() == [INTERRUPTED_STARTING]


def test_ctrl_c_while_files_move_into_place_waits_until_all_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed after the first rename: every file still becomes the new one, then 130.

    A tester's run left two new plan files beside six old ones, saying "no plan written".
    """
    target = tmp_path / "out"
    target.mkdir()
    for name in ("a.csv", "b.csv", "c.csv"):
        (target / name).write_text("old", encoding="utf-8")
    extra_scratch, extra = tmp_path / ".model-scratch.mps", tmp_path / "model.mps"
    extra.write_text("old", encoding="utf-8")
    renamed = Path.replace

    def rename_then_ctrl_c(self: Path, destination: Path) -> Path:
        moved = renamed(self, destination)
        os.kill(os.getpid(), signal.SIGINT)
        return moved

    def write_and_move() -> None:
        with atomic_output_dir(target, also=[(extra_scratch, extra)]) as scratch:
            for name in ("a.csv", "b.csv", "c.csv"):
                (scratch / name).write_text("new", encoding="utf-8")
            extra_scratch.write_text("new", encoding="utf-8")

    def command(console: Console) -> None:
        with interruptible(console, "nothing written"):
            write_and_move()

    monkeypatch.setattr(Path, "replace", rename_then_ctrl_c)
    log = io.StringIO()
    with pytest.raises(typer.Exit) as ended:
        command(Console(file=log))
    assert ended.value.exit_code == EXIT_INTERRUPTED
    assert {p.read_text(encoding="utf-8") for p in [*target.iterdir(), extra]} == {"new"}
    assert "interrupted: the files were written" in log.getvalue()
    assert signal.getsignal(signal.SIGINT) is not None  # the handler before is back


def test_a_second_ctrl_c_while_the_first_is_handled_ends_the_process_at_once() -> None:
    """Two presses: exit 130 without a traceback (it printed one from threading's shutdown)."""
    script = (
        "import os, signal, time\n"
        "from supplyline.cli.exits import quit_on_next_ctrl_c\n"
        "quit_on_next_ctrl_c()\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "time.sleep(5)\n"
        "print('not reached')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == EXIT_INTERRUPTED
    assert "not reached" not in done.stdout
    assert "Traceback" not in done.stderr

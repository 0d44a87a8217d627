"""Ctrl+C once a command's files are in place never says, or lets the shell read, "none written".

A tester pressed Ctrl+C 0 to 0.2 s after "wrote 8 files to olate": exit 130 with no word
(CPython's teardown had put the default handler back), which the README reads as
"interrupted: no plan written", over a complete plan.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import BILATERAL
from typer.testing import CliRunner

from supplyline.cli import plan_cmds
from supplyline.cli.app import _register_commands, app
from supplyline.cli.exits import EXIT_INTERRUPTED
from supplyline.cli.progress import WRITTEN

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals of POSIX")

_register_commands()
runner = CliRunner()

COMMANDS = {
    "plan": ["plan", str(BILATERAL), "--explain", "0", "--out"],
    "routes": ["routes", str(BILATERAL), "--day", "3", "--time-limit", "0.5", "--out"],
    "requirements": ["requirements", str(BILATERAL), "--out"],
}


def _ctrl_c_by_default() -> None:
    """In the child: Ctrl+C as in a terminal (a background job inherits it ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_ctrl_c_after_the_wrote_line_ends_in_0_or_says_the_files_were_written(
    tmp_path: Path, command: str
) -> None:
    """The signal is sent on the "wrote" line itself: no guessed number of seconds."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "supplyline", *COMMANDS[command], str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_by_default,
    )
    assert proc.stderr is not None
    said = []
    for line in proc.stderr:
        said.append(line)
        if line.startswith("wrote "):
            proc.send_signal(signal.SIGINT)
            break
    _, rest = proc.communicate(timeout=300)
    stderr = "".join(said) + rest
    assert proc.returncode in (0, EXIT_INTERRUPTED), stderr  # not killed by SIGINT (-2)
    assert "no plan written" not in stderr
    assert "no files written" not in stderr
    assert "Traceback" not in stderr
    if proc.returncode == EXIT_INTERRUPTED:
        assert f"interrupted: {WRITTEN}" in " ".join(stderr.split())
    written = int(next(line for line in said if line.startswith("wrote ")).split()[1])
    assert len(list(out.iterdir())) == written


def test_ctrl_c_while_the_summary_prints_says_the_files_were_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed between the files and the end of the summary: 130, and the files are whole."""

    def pressed(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(plan_cmds, "print_plan_table", pressed)
    out = tmp_path / "out"
    result = runner.invoke(app, [*COMMANDS["plan"], str(out)])
    assert result.exit_code == EXIT_INTERRUPTED, result.output
    assert f"interrupted: {WRITTEN}" in " ".join(result.output.split())
    assert {p.name for p in out.iterdir()} >= {"movements.csv", "plan.json"}


TEARDOWN_PRESS = """
import os, signal, sys
class PressedInTheTeardown:
    def __del__(self):  # as Python frees __main__'s names: after it reset SIGINT's handler
        os.kill(os.getpid(), signal.SIGINT)
pressed = PressedInTheTeardown()
sys.argv = ["supplyline", "requirements", sys.argv[1], "--out", sys.argv[2]]
from supplyline.cli.app import main
main()
"""


def test_ctrl_c_in_pythons_teardown_after_a_finished_command_exits_0(tmp_path: Path) -> None:
    """The tester's window, made certain: the process died by SIGINT (-2) with no word."""
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", TEARDOWN_PRESS, str(BILATERAL), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=_ctrl_c_by_default,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote 3 files" in done.stderr
    assert len(list(out.iterdir())) == 3


def test_ctrl_c_between_the_commands_last_line_and_its_exit_says_the_files_were_written(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Past the command's own words (its output flushed, typer returning): not "interrupted"."""
    import typer

    from supplyline.cli.app import _ending_as_tools_do
    from supplyline.cli.exits import INTERRUPTED, note_files_in_place

    note_files_in_place(True)
    try:
        with pytest.raises(typer.Exit) as ended, _ending_as_tools_do(INTERRUPTED):
            raise KeyboardInterrupt
    finally:
        note_files_in_place(False)
    assert ended.value.exit_code == EXIT_INTERRUPTED
    assert f"interrupted: {WRITTEN}" in " ".join(capsys.readouterr().err.split())

"""A failing ``plan`` (and ``routes``, ``reach``) gives programs its error on stdout too.

``plan --format json`` printed nothing on stdout when it failed (exit 6, no plan within
the time limit; exit 2, bad input): a program reading stdout had nothing to parse.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import BILATERAL, ROOT, run

RELIEF = ROOT / "examples" / "relief-operation"


def _broken(tmp_path: Path) -> Path:
    """The relief example with one unit of -40 people, on units.csv's line 3 (its first row)."""
    folder = tmp_path / "broken"
    shutil.copytree(RELIEF, folder)
    lines = (folder / "units.csv").read_text(encoding="utf-8").splitlines()
    header = lines[1].split(",")  # after a comment line
    row = lines[2].split(",")
    row[header.index("personnel")] = "-40"
    lines[2] = ",".join(row)
    (folder / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _json_failure(*args: str | Path) -> tuple[int, dict[str, object], str]:
    done = run(*args, "--format", "json")
    return done.returncode, json.loads(done.stdout), done.stderr


def test_no_plan_within_the_time_limit_is_said_on_stdout(tmp_path: Path) -> None:
    """Exit 6: the JSON object says the status, the code and the message stderr gives."""
    code, said, stderr = _json_failure(
        "plan", RELIEF, "--out", tmp_path / "out", "--time-limit", "0.001"
    )
    assert code == said["exit_code"] == 6
    assert said["status"] == "error"
    assert f"error: {said['message']}" in stderr
    assert not (tmp_path / "out").exists()


def test_a_bad_scenario_gives_each_issue_with_its_place(tmp_path: Path) -> None:
    """Exit 2: the one error's file, line and column, and the issues as validate lists them."""
    code, said, _ = _json_failure("plan", _broken(tmp_path), "--out", tmp_path / "out")
    assert code == said["exit_code"] == 2
    assert (said["file"], said["line"], said["column"]) == ("units.csv", 3, "personnel")
    issues = said["issues"]
    assert isinstance(issues, list)
    assert [(i["line"], i["column"], i["severity"]) for i in issues] == [(3, "personnel", "error")]


def test_a_bad_option_is_said_on_stdout_in_the_format_asked(tmp_path: Path) -> None:
    """Exit 2 before the command runs (the option does not parse): a CSV row says it."""
    done = run("plan", RELIEF, "--out", tmp_path / "out", "-f", "csv", "--time-limit", "-1")
    assert done.returncode == 2
    (row,) = csv.DictReader(io.StringIO(done.stdout))
    assert (row["status"], row["exit_code"], row["severity"]) == ("error", "2", "error")
    assert "--time-limit" in row["message"]
    assert "--time-limit" in done.stderr


def test_an_output_that_cannot_go_where_asked_is_said_on_stdout() -> None:
    """Exit 8: the plan's files into the scenario's own folder."""
    code, said, _ = _json_failure("plan", RELIEF, "--out", RELIEF)
    assert code == said["exit_code"] == 8
    assert "scenario folder" in str(said["message"])


@pytest.mark.parametrize("command", ["routes", "reach"])
def test_routes_and_reach_say_a_bad_scenario_on_stdout(tmp_path: Path, command: str) -> None:
    """They share the path: exit 2, the issue in the CSV's rows, one per issue."""
    extra = ["--day", "3"] if command == "routes" else []
    done = run(command, _broken(tmp_path), *extra, "--format", "csv")
    assert done.returncode == 2
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["exit_code"], r["file"], r["line"], r["column"]) for r in rows] == [
        ("2", "units.csv", "3", "personnel")
    ]


def test_a_table_keeps_stdout_for_people(tmp_path: Path) -> None:
    """Without --format json or csv the error is on stderr alone, as before."""
    done = run("plan", RELIEF, "--out", tmp_path / "out", "--time-limit", "0.001")
    assert done.returncode == 6
    assert done.stdout == ""
    assert "error: no plan within the time limit" in done.stderr


def _signalled_at_first_stage(args: list[str | Path], sig: signal.Signals) -> tuple[int, str, str]:
    """Run a command with stderr a log, and send ``sig`` as its first stage line comes.

    The command runs at the lowest priority, so that on a busy machine the signal is sent
    while it still works: ``reach`` on the bilateral example has 0.4 s of work after its
    first line, and under the full suite's load it once finished first (exit 0).
    """

    def as_in_a_terminal_but_last_in_line() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.nice(19)

    proc = subprocess.Popen(
        [sys.executable, "-m", "supplyline", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=as_in_a_terminal_but_last_in_line,
    )
    assert proc.stderr is not None
    said = [proc.stderr.readline()]  # "    0.0 s  checking reach": the work begins
    proc.send_signal(sig)
    stdout, rest = proc.communicate(timeout=300)
    return proc.returncode, stdout, "".join(said) + rest


@pytest.mark.skipif(os.name != "posix", reason="signals of POSIX")
@pytest.mark.parametrize(
    ("command", "sig", "code"),
    [
        pytest.param(["reach", BILATERAL], signal.SIGINT, 130, id="reach ctrl-c"),
        pytest.param(["reach", BILATERAL], signal.SIGTERM, 143, id="reach sigterm"),
        pytest.param(["routes", BILATERAL, "--day", "3"], signal.SIGINT, 130, id="routes ctrl-c"),
        pytest.param(["plan", BILATERAL, "--out", "OUT"], signal.SIGINT, 130, id="plan ctrl-c"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_ctrl_c_or_sigterm_is_said_on_stdout_by_every_machine_command(
    tmp_path: Path, command: list[str | Path], sig: signal.Signals, code: int, fmt: str
) -> None:
    """A real signal mid-work: the record of the interruption, as plan and routes gave it.

    ``reach --format json`` ended 130 (143) with "interrupted" on stderr and nothing on
    stdout: its work had no ``interruptible`` around it.
    """
    args = [tmp_path / "out" if a == "OUT" else a for a in command]
    returncode, stdout, stderr = _signalled_at_first_stage([*args, "--format", fmt], sig)
    assert returncode == code, stderr
    assert "Traceback" not in stderr
    if fmt == "json":
        said = json.loads(stdout)
        assert (said["status"], said["exit_code"]) == ("interrupted", code)
    else:
        (row,) = csv.DictReader(io.StringIO(stdout))
        assert (row["status"], row["exit_code"]) == ("interrupted", str(code))
    assert not (tmp_path / "out").exists()

"""A day on the command line is written as in the files: ``C+3``, ``3`` or a date.

A relief planner's tester was refused ``routes --day C+3`` ("Input should be a valid
integer") although the help said "counted from the start (C+N)".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import ROOT, run

RELIEF = ROOT / "examples" / "relief-operation"  # starts 2025-03-10, 30 days


@pytest.mark.parametrize("written", ["C+3", "c+3", "3", "2025-03-13", "2025-03-13 00:00:00"])
def test_routes_day_as_the_files_write_it(written: str, tmp_path: Path) -> None:
    """C+N, N and a date (at midnight too) name the same day to route."""
    out = tmp_path / "out"
    proc = run(
        "routes", RELIEF, "--day", written, "--from-demand", "--time-limit", "0.1", "--out", out
    )
    assert proc.returncode == 0, proc.stderr
    routes = json.loads((out / "routes.json").read_text(encoding="utf-8"))
    assert (routes["day"], routes["date"]) == (3, "2025-03-13")


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("C+x", "error: 'C+x' is not a day (a number of days such as 12, C+12, or a date"),
        ("2025-03-13 08:00", "error: '2025-03-13 08:00' is a date and time (a date is expected"),
        ("45729", "error: 45729 looks like a spreadsheet date serial (2025-03-13)"),
        ("2025-05-01", "error: --day 2025-05-01 is C+52, after the horizon's last day C+29"),
        ("31", "error: --day 31 is C+31 (2025-04-10), after the horizon's last day C+29"),
        ("2025-02-30", "error: '2025-02-30' is not a real date (February 2025 has 28 days)"),
    ],
)
def test_routes_bad_day_exits_2_with_the_files_words(
    written: str, said: str, tmp_path: Path
) -> None:
    """A day that is not one, or not in the horizon, is a bad option: exit 2, no traceback."""
    out = tmp_path / "out"
    proc = run("routes", RELIEF, "--day", written, "--from-demand", "--out", out)
    assert proc.returncode == 2
    assert said in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not out.exists()


def test_a_day_outside_is_said_as_typed_then_one_way(tmp_path: Path) -> None:
    """``--day 2025-04-09``, ``-1``, ``C-1``: led by what was typed, then one message.

    A tester's ``--day 2026-01-13`` was told "day 8 is outside the horizon …", a number
    never typed; the scenario's files lead with what the cell wrote, and now so does --day.
    """
    rest = (
        "; choose 0 to 29 (C+0 to C+29, 2025-03-10 to 2025-04-08: the horizon of 30 days, "
        "scenario.yaml horizon_days)"
    )
    after = "after the horizon's last day C+29 (2025-04-08)"
    before = "before the horizon's first day C+0 (2025-03-10)"
    for written, lead in [
        ("2025-04-09", f"--day 2025-04-09 is C+30, {after}"),
        ("C+30", f"--day C+30 is 2025-04-09, {after}"),
        ("-1", f"--day -1 is C-1 (2025-03-09), {before}"),
        ("C-1", f"--day C-1 is 2025-03-09, {before}"),
        ("2025-03-09", f"--day 2025-03-09 is C-1, {before}"),
    ]:
        proc = run("routes", RELIEF, f"--day={written}", "--from-demand", "--out", tmp_path / "o")
        assert proc.returncode == 2
        said = " ".join(proc.stderr[proc.stderr.index("error:") :].split())
        assert said == f"error: {lead}{rest}", written
    assert not (tmp_path / "o").exists()


def test_ledger_date_option_gets_the_files_words(tmp_path: Path) -> None:
    """--needed-on with a time of day says so, as scenario.yaml does (exit 2)."""
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    proc = run(
        "ledger", "request", "--db", db, "--as", "westmark", "--agreement", "a", "--item",
        "fuel", "--quantity", "3", "--needed-on", "2025-08-01T10:00",
    )  # fmt: skip
    assert proc.returncode == 2
    said = " ".join(re.sub(r"[│╭╮╰╯─]", " ", proc.stderr).split())  # rich's box, unwrapped
    assert "'2025-08-01T10:00' is a date and time (a date is expected, YYYY-MM-DD: 2025-08-01)" in (
        said
    )
    assert "Traceback" not in proc.stderr + proc.stdout

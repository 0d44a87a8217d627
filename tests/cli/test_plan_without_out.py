"""`plan` without `--out`: the plan is shown, no plan file is written, and it says so.

A planner who only wants to look at a plan had to give a folder ("Missing option
'--out'"). Nothing may be written anywhere: not in the scenario's folder, not in the
current one; the note comes last (on stderr, so a program's JSON or CSV stays clean).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import BILATERAL, ROOT
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.plan_cmds import NO_OUT_NOTE

_register_commands()
runner = CliRunner()
RELIEF = ROOT / "examples" / "relief-operation"


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, by its path inside it."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scenario copied into an otherwise empty current folder."""
    shutil.copytree(BILATERAL, tmp_path / "scenario")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_table_is_shown_and_nothing_written(here: Path) -> None:
    """Exit 0, the plan's table on stdout, no file made or changed, the note said last."""
    before = _tree(here)
    result = runner.invoke(app, ["plan", "scenario", "--explain", "0"])
    assert result.exit_code == 0, result.output
    assert "Steppe Bridge bilateral exercise" in result.stdout  # the plan's headline
    assert _tree(here) == before
    assert result.stderr.strip().splitlines()[-1] == NO_OUT_NOTE
    assert "wrote" not in result.stderr


def test_json_on_stdout_stays_clean_and_lists_no_files(here: Path) -> None:
    """The JSON on stdout parses as the plan's JSON with no files; the note is on stderr alone."""
    before = _tree(here)
    result = runner.invoke(app, ["plan", "scenario", "--explain", "0", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["files"] == []
    assert data["summary"]["status"] == "optimal"
    assert NO_OUT_NOTE not in result.stdout
    assert result.stderr.strip().splitlines()[-1] == NO_OUT_NOTE
    assert _tree(here) == before


def test_a_report_alone_writes_just_the_report(here: Path) -> None:
    """`--report` without `--out` writes that one file, says so, and no plan file."""
    before = _tree(here)
    result = runner.invoke(app, ["plan", "scenario", "--explain", "0", "--report", "r/p.html"])
    assert result.exit_code == 0, result.output
    after = _tree(here)
    assert set(after) - set(before) == {"r/p.html"}
    assert {k: v for k, v in after.items() if k in before} == before
    assert b'<meta name="generator"' in after["r/p.html"]
    assert "wrote the report to r/p.html" in result.stderr
    assert result.stderr.strip().splitlines()[-1] == NO_OUT_NOTE
    # after "wrote the report", "no files written" read as if the report were not
    assert NO_OUT_NOTE.startswith("no plan files written")


@pytest.mark.parametrize(
    ("out", "where"), [(None, "in bottlenecks.csv with --out DIR"), ("plan", "in bottlenecks.csv")]
)
def test_the_bottleneck_heading_names_a_file_only_when_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str | None, where: str
) -> None:
    """Without --out the heading said "(all in bottlenecks.csv)" above "no files written".

    The relief example has more bottlenecks than the table shows; the heading says where
    the rest are: the file written, or how to get it (``--format json`` lists the same
    top five, so it is not offered).
    """
    shutil.copytree(RELIEF, tmp_path / "scenario")
    monkeypatch.chdir(tmp_path)
    args = ["plan", "scenario", "--explain", "0"] + (["--out", out] if out else [])
    result = runner.invoke(app, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    assert f"bottlenecks (all {where})" in result.stdout

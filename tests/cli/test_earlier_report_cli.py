"""The command line removes the earlier plan's (or routes') report in OUT, and says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the two bundled examples."""
    if not EXAMPLES.is_dir():
        pytest.skip("bundled examples not available")
    return (
        Path(shutil.copytree(EXAMPLES / "relief-operation", tmp_path / "s1")),
        Path(shutil.copytree(EXAMPLES / "bilateral-exercise", tmp_path / "bil")),
    )


def test_a_new_plan_removes_the_earlier_plans_report_and_says_so(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    """Plan s1 --out ox --report ox/plan.html, then plan bil --out ox: no s1 report left."""
    s1, bil = folders
    ox = tmp_path / "ox"
    first = runner.invoke(
        app, ["plan", str(s1), "--out", str(ox), "--report", str(ox / "plan.html"),
              "--explain", "0"],
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    (ox / "notes.html").write_text("<p>mine</p>", encoding="utf-8")
    second = runner.invoke(app, ["plan", str(bil), "--out", str(ox), "--explain", "0"])
    assert second.exit_code == 0, second.output
    assert not (ox / "plan.html").exists()
    assert (ox / "notes.html").exists()
    said = "".join(second.output.split())  # rich folds the line, inside the path too
    assert "".join(f"removed {ox / 'plan.html'}, the report of the earlier plan".split()) in said


def test_new_routes_remove_the_earlier_routes_report(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    """Route files of another day over a folder with the earlier day's report remove it."""
    _, bil = folders
    out = tmp_path / "c20"
    args = ["routes", str(bil), "--from-demand", "--time-limit", "0.5", "--out", str(out)]
    first = runner.invoke(app, [*args, "--day", "20", "--report", str(out / "routes.html")])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, [*args, "--day", "20", "--report", str(out / "routes.html")])
    assert again.exit_code == 0, again.output
    assert (out / "routes.html").exists()  # rewritten by this run, not removed
    second = runner.invoke(app, [*args, "--day", "21"])
    assert second.exit_code == 0, second.output
    assert not (out / "routes.html").exists()
    assert "thereportoftheearlierroutes" in "".join(second.output.split())


def test_the_json_summary_lists_the_report_it_removed(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    """--format json names the removed report under removed_files, beside the files written."""
    s1, bil = folders
    ox = tmp_path / "ox"
    first = runner.invoke(
        app, ["plan", str(s1), "--out", str(ox), "--report", str(ox / "plan.html"),
              "--explain", "0", "--format", "json"],
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["removed_files"] == []  # its own report stays
    second = runner.invoke(
        app, ["plan", str(bil), "--out", str(ox), "--explain", "0", "--format", "json"]
    )
    assert second.exit_code == 0, second.output
    document = json.loads(second.stdout)
    assert document["removed_files"] == [str(ox / "plan.html")]
    assert not (ox / "plan.html").exists()
    assert str(ox / "plan.json") in document["files"]


def test_routes_found_again_keep_the_report_of_the_same_routes(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    """A re-run that finds the same routes: one routes_id, and the report stays.

    The id digested the search's seconds, so a re-run of identical routes.csv removed "the
    report of the earlier routes", which were these.
    """
    _, bil = folders
    out = tmp_path / "c20"
    args = ["routes", str(bil), "--from-demand", "--time-limit", "0.5", "--day", "20"]
    first = runner.invoke(app, [*args, "--out", str(out), "--report", str(out / "routes.html")])
    assert first.exit_code == 0, first.output
    before = json.loads((out / "routes.json").read_text(encoding="utf-8"))
    rows = (out / "routes.csv").read_text(encoding="utf-8")
    again = runner.invoke(app, [*args, "--out", str(out), "--format", "json"])
    assert again.exit_code == 0, again.output
    after = json.loads((out / "routes.json").read_text(encoding="utf-8"))
    assert (out / "routes.csv").read_text(encoding="utf-8") == rows  # the same routes found
    assert after["routes_id"] == before["routes_id"]
    assert (out / "routes.html").exists()
    assert json.loads(again.stdout)["removed_files"] == []

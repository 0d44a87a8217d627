"""The `validate` and `init` commands: exit codes, messages, and no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from io_helpers import edit
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real entry point (with its error mapping) in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "supplyline", *args], capture_output=True, text=True, check=False
    )


def test_validate_ok(folder: Path) -> None:
    """A good folder prints OK with counts and exits 0."""
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: 'My operation'")
    assert "units 1" in result.stdout


def test_validate_errors_exit_2_without_traceback(folder: Path) -> None:
    """A broken folder exits 2 with located messages on stderr and no traceback."""
    edit(folder, "units.csv", ",450,40,", ",lots,40,")
    proc = run_cli("validate", str(folder))
    assert proc.returncode == 2
    assert "units.csv:4: personnel: 'lots' is not a number" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


@pytest.mark.parametrize("command", ["validate", "plan"])
def test_commodity_named_like_a_units_lift_exits_2(
    folder: Path, tmp_path: Path, command: str
) -> None:
    """A ``deploy:`` commodity id is a scenario error: exit 2, located, no traceback, no plan."""
    edit(
        folder,
        "scenario.yaml",
        "  - id: fuel\n",
        "  - id: deploy:bn-1\n    supply_class: general\n  - id: fuel\n",
    )
    out = tmp_path / "out"
    proc = run_cli(command, str(folder), *(["--out", str(out)] if command == "plan" else []))
    assert proc.returncode == 2
    assert (
        "scenario.yaml:27: commodities[2].id: commodity id 'deploy:bn-1' starts with 'deploy:'"
        in proc.stderr
    )
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not out.exists()


def test_validate_json_lists_issues(folder: Path) -> None:
    """--format json prints the issues as JSON on stdout and exits 2."""
    edit(folder, "units.csv", ",450,40,", ",lots,40,")
    result = runner.invoke(app, ["validate", str(folder), "--format", "json"])
    assert result.exit_code == 2
    rows = json.loads(result.stdout)
    assert rows[0]["file"] == "units.csv"
    assert rows[0]["line"] == 4


def test_validate_prints_warnings(folder: Path) -> None:
    """Warnings are printed and the exit code stays 0."""
    (folder / "stocks.csv").write_text("location,commodity,initial_t\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0
    assert "cannot be supplied" in result.stderr


def test_validate_missing_folder_exits_2(tmp_path: Path) -> None:
    """A folder that does not exist is a clear error with exit code 2."""
    proc = run_cli("validate", str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert "does not exist" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_init_writes_a_valid_template(tmp_path: Path) -> None:
    """The init command writes a folder that validate accepts."""
    target = tmp_path / "new"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0


def test_init_refuses_non_empty_folder(tmp_path: Path) -> None:
    """The init command refuses a non-empty folder and leaves it as it was."""
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    proc = run_cli("init", str(tmp_path))
    assert proc.returncode == 8  # an output refused, as plan --out refuses one
    assert f"cannot write the template into {tmp_path}: the folder is not empty" in proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_init_force_overwrites(folder: Path) -> None:
    """With --force, init writes into a non-empty folder, replacing the template files."""
    (folder / "units.csv").write_text("broken", encoding="utf-8")
    assert runner.invoke(app, ["init", str(folder), "--force"]).exit_code == 0
    assert runner.invoke(app, ["validate", str(folder)]).exit_code == 0


@pytest.mark.parametrize("example", ["bilateral-exercise", "relief-operation"])
def test_validate_examples(example: str) -> None:
    """Both bundled examples validate with exit code 0."""
    root = Path(__file__).resolve().parents[2]
    result = runner.invoke(app, ["validate", str(root / "examples" / example)])
    assert result.exit_code == 0, result.output

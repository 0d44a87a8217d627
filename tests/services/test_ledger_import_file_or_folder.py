"""``ledger agreements import`` takes the scenario folder or its agreements.yaml.

A tester's ``ledger agreements import quake/agreements.yaml`` read "is not a folder".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.errors import SupplylineError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"


def _import(tmp_path: Path, given: Path) -> tuple[int, str]:
    """Exit code and words of one import into a fresh ledger, errors mapped as ``main`` maps."""
    _register_commands()
    db = f"sqlite:///{tmp_path / 'l.db'}"
    args = ["ledger", "agreements", "import", str(given), "--as", "westmark", "--db", db]
    result = CliRunner().invoke(app, args, env={"USER": "tester"})
    if isinstance(result.exception, SupplylineError):
        return exit_code_for(result.exception), f"error: {result.exception}"
    return result.exit_code, result.output


@pytest.mark.parametrize("given", [EXAMPLE, EXAMPLE / "agreements.yaml"], ids=["folder", "file"])
def test_the_folder_and_its_agreements_file_import_alike(tmp_path: Path, given: Path) -> None:
    """Either way the example's one agreement is added."""
    assert _import(tmp_path, given) == (
        0,
        "agreements: 1 added (wm-os-hns-2025), 0 already there, 0 not westmark's\n",
    )


def test_another_file_says_what_to_give(tmp_path: Path) -> None:
    """units.csv is no agreements file: exit 2, naming the folder or its agreements.yaml."""
    code, said = _import(tmp_path, EXAMPLE / "units.csv")
    assert code == 2
    assert "units.csv: is a file, not a scenario folder: give the scenario folder that " in said
    assert "holds agreements.yaml (e.g. quake/), or that agreements.yaml itself" in said
    assert not (tmp_path / "l.db").exists()

"""Under the bottlenecks table the CLI says what rank means: the price's order, not the gain's."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.planning.summary import RANK_NOTE

_register_commands()
runner = CliRunner()

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"


def test_the_table_says_rank_is_by_shadow_price_not_by_gain(tmp_path: Path) -> None:
    """The relief example ranks several capacities: the note is under their table."""
    folder = tmp_path / "relief"
    shutil.copytree(EXAMPLE, folder)
    result = runner.invoke(app, ["plan", str(folder)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert " ".join(RANK_NOTE.split()) in said
    assert said.index("Top") < said.index("Rank orders the capacities") < said.index("1. ")

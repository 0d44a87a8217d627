"""``ledger statement -o`` writes CSV, so it takes only a ``.csv`` path, as ``--mps`` its own.

``-o stm.xlsx`` wrote CSV under a spreadsheet's name and exited 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app


@pytest.mark.parametrize("name", ["stm.xlsx", "stm", "stm.csv.txt"])
def test_a_statement_file_not_named_csv_is_refused_before_any_work(
    tmp_path: Path, name: str
) -> None:
    """Exit 2 in the option's words; no file written, and no ledger needed to say so."""
    _register_commands()
    target = tmp_path / name
    missing_ledger = f"sqlite:///{tmp_path / 'none.db'}"
    result = CliRunner().invoke(
        app,
        ["ledger", "statement", "--as", "westmark", "-o", str(target), "--db", missing_ledger],
    )
    assert result.exit_code == 2
    said = " ".join(result.output.replace("│", " ").split())  # the error box's lines joined
    assert "statement files are CSV: give a .csv path" in said
    assert list(tmp_path.iterdir()) == []

"""``plan``'s closure table says why a unit it does not close is not closed."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()

LATE = "bn-2,2nd Battalion,home,home-base,field-camp,450,40,28,C+29,900,0:normal,3,6,18"
"""Available on C+28: rail (2 days) and road (1) bring it no sooner than C+31."""


def test_closure_table_says_the_horizon_ends_first(tmp_path: Path) -> None:
    """The init template's late battalion reads why: the horizon ends before it can arrive."""
    folder = tmp_path / "s"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    with (folder / "units.csv").open("a", encoding="utf-8") as f:
        f.write(LATE + "\n")
    result = runner.invoke(app, ["plan", str(folder)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    # a narrow terminal wraps the reason's cell: its lines read on between the rules
    said = re.sub(r"[\s│]+", " ", result.stdout)
    assert "(available C+28, then 3 days of transit and dwell on its quickest way): a " in said
    assert "horizon of 32 days would let it close" in said

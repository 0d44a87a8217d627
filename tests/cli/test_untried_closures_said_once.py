"""With ``--explain 0`` the closures not re-planned are said once, by window, table and files alike.

The table and the report worked out a sentence of their own from the scenario
(``untried_outages_note``), which plan.json lacked, and named links where a link has
several outage windows (the relief example's r-mountain, closed C+0–C+5 and C+14).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.services.scenarios import bundled_example

_register_commands()
runner = CliRunner()

_SAID = (
    "not re-planned open, no measuring being asked (--explain 0): r-coast closed C+2–C+3, "
    "r-mountain closed C+0–C+5, r-mountain closed C+14, r-ridge closed C+0–C+3;"
)


@pytest.mark.slow
def test_the_table_and_plan_json_say_the_untried_windows_in_one_sentence(tmp_path: Path) -> None:
    """The summary says it once (not also among the warnings); plan.json's notes hold it."""
    out = tmp_path / "plan"
    result = runner.invoke(
        app, ["plan", str(bundled_example("relief-operation")), "--explain=0", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    words = " ".join(result.stdout.split())
    assert words.count(_SAID) == 1
    notes = json.loads((out / "plan.json").read_text(encoding="utf-8"))["notes"]
    assert [note for note in notes if _SAID in note] != []

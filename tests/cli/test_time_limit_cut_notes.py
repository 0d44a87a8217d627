"""Where the time limit cut the explaining, the CLI, plan.json and the report say the same.

Each names the time limit, not the measuring's own time, and how to get the rest. The
limit's clock is replaced (stopped past the deadline), so the solve ends as ever and
everything after it finds the limit spent.
"""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path

import pytest
from cli_helpers import BILATERAL
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.planning import limit_left


def test_the_cut_short_notes_are_said_alike_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """plan.json's notes of the cut are in the CLI's output and the report.

    None of the three blames the measuring time.
    """
    _register_commands()
    monkeypatch.setattr(limit_left, "now", lambda: math.inf)
    out, report = tmp_path / "out", tmp_path / "plan.html"
    result = CliRunner().invoke(
        app, ["plan", str(BILATERAL), "--out", str(out), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    notes = json.loads((out / "plan.json").read_text(encoding="utf-8"))["notes"]
    cut = [note for note in notes if note.startswith("the time limit ran out")]
    assert cut
    shown = " ".join(result.output.split())  # the CLI's lines wrapped to the terminal
    # the report's words, names isolated in <bdi> tags left out
    page = html.unescape(re.sub(r"<[^>]+>", "", report.read_text(encoding="utf-8")))
    for note in cut:
        assert note[1:] in shown  # a warning as it is, a note under the table capitalised
        assert f"{note[0].upper()}{note[1:]}" in page
    for said in (shown, page, " ".join(notes)):
        assert "measuring time (" not in said

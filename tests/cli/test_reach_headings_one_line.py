"""`reach` heads each column on one line on a 150-column terminal.

Its headings in words ("turns a truck a day", "depot's truck-hours used %", …) needed 182
columns; at 150 every number's heading stood one word a line, five lines deep.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cli_helpers import ROOT

from supplyline.routing.reach_table import REACH_COLUMNS, REACH_HEADINGS


def _reach(example: str, width: int) -> list[str]:
    """``reach``'s stdout on a terminal ``width`` columns wide, line by line."""
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "reach", str(ROOT / "examples" / example)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": str(width), "NO_COLOR": "1"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize("example", ["bilateral-exercise", "relief-operation"])
def test_every_heading_stands_on_one_line_at_150_columns(example: str) -> None:
    """The header is one line between the top rule and the rule under it, every column named."""
    lines = _reach(example, 150)
    top = next(i for i, line in enumerate(lines) if line.startswith("┏"))
    assert lines[top + 2].startswith("┡")  # one line of headings
    cells = [c.strip() for c in lines[top + 1].split("┃")[1:-1]]
    assert cells == [REACH_HEADINGS[c] for c in REACH_COLUMNS]
    assert max(len(line) for line in lines[top : top + 3]) <= 150

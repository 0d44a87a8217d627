"""At 80 columns a table leaves out its least important columns before it falls to blocks.

At 80 columns, a standard terminal, ``reach`` printed each of six units as a block of
fourteen lines once its ids no longer broke. Each table of plan, routes and reach now
leaves out the columns its command ranks least (``cli/column_ranks.py``) and says which,
and prints one record per block only on a terminal too narrow for its essential ones.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from cli_helpers import BILATERAL, ROOT

from supplyline.cli.column_ranks import reach_drop
from supplyline.routing.reach_table import REACH_HEADINGS

RELIEF = ROOT / "examples" / "relief-operation"
EXAMPLES = {"bilateral": BILATERAL, "relief": RELIEF}
BLOCK = re.compile(r"^\s*(unit|truck|rank|mode) \S+\s*$", re.MULTILINE)
"""A block's heading: ``unit wm-hq``, the first column's name and value alone on a line."""


@cache
def _render(command: str, example: str, width: int, out: Path) -> str:
    """The command's table output for ``example`` on a terminal ``width`` columns wide."""
    folder = EXAMPLES[example]
    args = {
        "reach": ["reach", str(folder)],
        "routes": ["routes", str(folder), "--day", "15", "--time-limit", "1"],
        "plan": ["plan", str(folder), "--out", str(out / f"{example}-{width}")],
    }[command]
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": str(width), "NO_COLOR": "1"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the plans write their files."""
    return tmp_path_factory.mktemp("leave-out")


def _ids(folder: Path) -> set[str]:
    """The example's unit and location ids: words a table must show whole."""
    from supplyline.io import load_scenario

    scenario = load_scenario(folder)
    return {str(x.id) for x in [*scenario.units, *scenario.locations]}


@pytest.mark.parametrize("example", list(EXAMPLES))
@pytest.mark.parametrize("command", ["reach", "routes", "plan"])
def test_tables_at_80_columns_leave_out_columns_not_records(
    command: str, example: str, out: Path
) -> None:
    """At 80 columns no record is a block, and the ids shown wide are shown whole."""
    text = _render(command, example, 80, out)
    assert not BLOCK.findall(text), text
    wide = _render(command, example, 1000, out)
    ids = {
        i for i in _ids(EXAMPLES[example]) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", wide)
    }
    missing = {i for i in ids if not re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)}
    assert not missing, text
    assert max(map(len, text.splitlines())) <= 80


@pytest.mark.parametrize("example", list(EXAMPLES))
def test_reach_at_80_columns_says_what_it_leaves_out(example: str, out: Path) -> None:
    """The reach table at 80 columns names the columns it leaves out, and where they are."""
    text = _render("reach", example, 80, out)
    said = re.search(r"not shown at 80 columns: (.*?)\s+\(--format\s+csv\s+or\s+json", text, re.S)
    assert said is not None, text
    names = [n.strip() for n in " ".join(said.group(1).split()).split(",")]
    assert names
    assert all(n in {REACH_HEADINGS[c] for c in reach_drop([])} for n in names)  # as headed


def test_plan_at_80_columns_says_what_it_leaves_out(out: Path) -> None:
    """Plan's closure table at 80 columns leaves out what it must, and says so.

    Its late person-days are 0 on every row (no unit is late): left out first, and the
    people moved then fit beside the rest.
    """
    text = " ".join(_render("plan", "bilateral", 80, out).split())
    assert "not shown, 0 on every row: late person-days" in text
    assert "not shown at 80 columns: moved pax" not in text


@pytest.mark.parametrize("example", list(EXAMPLES))
@pytest.mark.parametrize("command", ["reach", "routes"])
def test_blocks_remain_for_a_very_narrow_terminal(command: str, example: str, out: Path) -> None:
    """Where the essential columns cannot stand side by side: one block a record.

    Reach's, headed in words of a few letters each ("peak t/day"), fold to fit 40
    columns on the relief example: 36 cannot hold them.
    """
    text = _render(command, example, 36 if command == "reach" else 40, out)
    assert BLOCK.findall(text), text


@pytest.mark.parametrize(
    ("rows", "first"),
    [
        (
            [{"supply_point": "a", "depot": "a"}, {"supply_point": "b", "depot": "b"}],
            "supply_point",
        ),
        (
            [{"supply_point": "a", "depot": "a"}, {"supply_point": "r", "depot": "b"}],
            "depot_load_pct",
        ),
    ],
)
def test_reach_leaves_out_the_supply_point_first_only_when_it_is_the_depot(
    rows: list[dict[str, str]], first: str
) -> None:
    """A supply point that is every unit's depot says nothing more: it goes first."""
    assert reach_drop(rows)[0] == first

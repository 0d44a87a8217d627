"""A table shown one record per block draws every block alike.

At 80 columns ``factors water --sources`` drew the first and last of its 21 blocks with
box borders and the 19 between without: each block had been narrowed alone, and a long
source url folded only those.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from rich.console import Console

from supplyline.cli.table_fit import record_blocks

TOP_LEFT = "┏"
"""The corner a block drawn with box borders starts with."""
LONG_URL = "https://example.org/fictional/" + "a-very-long-path-segment-" * 4 + "end.htm"


def _drawn(cells: list[list[str]], width: int) -> str:
    """``cells`` (an id column, a url, a note) as blocks on a terminal ``width`` wide."""
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    with console.capture() as captured:
        console.print(record_blocks(cells, ["key", "source url", "note"], "Factors", console))
    return captured.get()


@pytest.mark.parametrize("width", [40, 60, 80])
def test_short_records_beside_a_long_one_are_drawn_as_it_is(width: int) -> None:
    """Short records first and last, a url too long for the width between: one style."""
    cells = [
        ["f.one", "https://example.org/a", "short"],
        ["f.two", LONG_URL, "a note of a few words"],
        ["f.three", "https://example.org/c", "short"],
    ]
    drawn = _drawn(cells, width)
    assert drawn.count("key f.") == len(cells)
    assert drawn.count(TOP_LEFT) in (0, len(cells))


def test_blocks_that_all_fit_keep_their_borders() -> None:
    """Where every block fits as drawn, each keeps its box, as before."""
    cells = [["f.one", "https://example.org/a", "short"], ["f.two", "https://x.org/b", "n"]]
    assert _drawn(cells, 80).count(TOP_LEFT) == len(cells)


@pytest.mark.parametrize("width", [60, 80])
def test_factors_sources_blocks_are_alike(width: int) -> None:
    """The tester's ``COLUMNS=80 factors water --sources``: 21 blocks, all without borders."""
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "factors", "water", "--sources"],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "COLUMNS": str(width)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    blocks = sum(line.strip().startswith("key ") for line in done.stdout.splitlines())
    assert blocks > 1
    assert done.stdout.count(TOP_LEFT) in (0, blocks)

"""The requirements tables add up as printed: across each row, down each column.

A tester read 104.62 + 7.22 t consumed and built up beside a total of 111.83 t, and
"total: 19,234 t" under a column of figures to 0.01 that summed to 19,234.48.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [ROOT / "examples" / name for name in ("bilateral-exercise", "relief-operation")]
FIGURE = re.compile(r"-?[\d,]+\.?\d*")


def _requirements(folder: Path, by: str) -> str:
    """``supplyline requirements FOLDER --by BY``, wide enough for every column."""
    result = subprocess.run(
        [sys.executable, "-m", "supplyline", "requirements", str(folder), "--by", by],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _table(out: str) -> tuple[list[str], list[list[str]]]:
    """The headings and the cells of the printed table (rich's box characters)."""
    lines = [line for line in out.splitlines() if line.startswith(("┃", "│"))]
    cells = [
        [c.strip() for c in line.strip("┃│").split("│" if "│" in line else "┃")] for line in lines
    ]
    heads = next(c for c in cells if not any(FIGURE.fullmatch(x) for x in c))
    return heads, [c for c in cells if c != heads]


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _said(out: str, words: str) -> Decimal:
    """A figure of the line under the table: the one after ``words``."""
    flat = " ".join(out.split())
    match = re.search(re.escape(words) + r" ([\d,.]+) t", flat)
    assert match, words
    return _number(match.group(1))


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("by", ["unit", "commodity"])
def test_each_row_and_each_column_adds_up_as_printed(folder: Path, by: str) -> None:
    """Consumption + build-up = total on every row; each column sums to the line under it."""
    out = _requirements(folder, by)
    heads, rows = _table(out)
    eaten, built, total = (heads.index(h) for h in ("consumption t", "buildup t", "total t"))
    places = {len(row[total].partition(".")[2]) for row in rows}
    places |= {len(row[c].partition(".")[2]) for row in rows for c in (eaten, built)}
    assert len(places) == 1  # one count of decimals for the parts and their total
    for row in rows:
        assert _number(row[eaten]) + _number(row[built]) == _number(row[total]), row
    assert sum(_number(r[eaten]) for r in rows) == _said(out, "(consumption")
    assert sum(_number(r[built]) for r in rows) == _said(out, "days-of-supply build-up")
    assert sum(_number(r[total]) for r in rows) == _said(out, "total:")


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_to_deliver_reads_as_the_figure_it_equals(folder: Path) -> None:
    """Where all the consumption (or the total) is to deliver, the two cells read alike."""
    machine = subprocess.run(
        [sys.executable, "-m", "supplyline", "requirements", str(folder), "--by", "unit",
         "--format", "json"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    exact = json.loads(machine.stdout)
    heads, rows = _table(_requirements(folder, "unit"))
    deliver, eaten, total = (heads.index(h) for h in ("to deliver t", "consumption t", "total t"))
    assert len(exact) == len(rows)
    for row, figures in zip(rows, exact, strict=True):
        if figures["to_deliver_t"] == figures["consumption_t"]:
            assert row[deliver] == row[eaten]
        elif figures["to_deliver_t"] == figures["total_t"]:
            assert row[deliver] == row[total]

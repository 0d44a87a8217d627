"""The requirements tables add up as printed: across each row, down each column.

A tester read 104.62 + 7.22 t consumed and built up beside a total of 111.83 t, and
"total: 19,234 t" under a column of figures to 0.01 that summed to 19,234.48. Then the two
views said different totals: 1,303.81 t consumed by unit and 1,303.80 by commodity (of
1,303.808 t), and a tester's 60 units (``scenarios/many-units``) "2,999 t" by commodity
beside "2,999.38 t" by unit. Every total reads as it rounds alone, alike in both views.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [ROOT / "examples" / name for name in ("bilateral-exercise", "relief-operation")]
MANY = Path(__file__).resolve().parent / "scenarios" / "many-units"
FOLDERS = [*EXAMPLES, MANY]
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


def _unsummed(out: str) -> set[str]:
    """The rows the note under the table names as reading a last digit off their parts."""
    flat = " ".join(out.split())
    match = re.search(r"its total, the total of (.+?) reads one last digit off", flat)
    return set(match.group(1).split(", ")) if match else set()


def _exact_totals(folder: Path) -> dict[str, Decimal]:
    """The whole requirements' sums, from the by-unit figures the JSON output gives."""
    machine = subprocess.run(
        [sys.executable, "-m", "supplyline", "requirements", str(folder), "--by", "unit",
         "--format", "json"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    rows = json.loads(machine.stdout)
    return {
        c: sum((Decimal(str(r[c])) for r in rows), Decimal(0))
        for c in ("consumption_t", "buildup_t", "total_t")
    }


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
@pytest.mark.parametrize("by", ["unit", "commodity"])
def test_each_row_and_each_column_adds_up_as_printed(folder: Path, by: str) -> None:
    """Each row adds up but those the note names; each column to the line's rounded total.

    A row the note names is one last digit off its consumption plus build-up; each total
    of the line under the table is the whole requirements' sum rounded alone.
    """
    out = _requirements(folder, by)
    heads, rows = _table(out)
    eaten, built, total = (heads.index(h) for h in ("consumption t", "buildup t", "total t"))
    places = {len(row[total].partition(".")[2]) for row in rows}
    places |= {len(row[c].partition(".")[2]) for row in rows for c in (eaten, built)}
    assert len(places) == 1  # one count of decimals for the parts and their total
    step = Decimal(1).scaleb(-places.pop())
    named = _unsummed(out)
    for row in rows:
        name = " ".join(row[:2]) if by == "unit" else row[0]
        off = _number(row[eaten]) + _number(row[built]) - _number(row[total])
        assert abs(off) == (step if name in named else 0), row
    said = {
        "consumption_t": _said(out, "(consumption"),
        "buildup_t": _said(out, "days-of-supply build-up"),
        "total_t": _said(out, "total:"),
    }
    assert sum(_number(r[eaten]) for r in rows) == said["consumption_t"]
    assert sum(_number(r[built]) for r in rows) == said["buildup_t"]
    assert sum(_number(r[total]) for r in rows) == said["total_t"]
    exact = _exact_totals(folder)
    for c, figure in said.items():
        assert figure == exact[c].quantize(step, rounding=ROUND_HALF_UP), c
    # the note names a row only where the totals rounded alone cannot add up
    parts = said["consumption_t"] + said["buildup_t"]
    assert len(named) * step == abs(parts - said["total_t"])
    flat = " ".join(out.split())
    missed = f"consumption plus build-up reads {parts:,} t, one last digit off the total of"
    # the note says the totals line misses exactly where it does, and never both that
    # every row adds up and that one does not
    assert (missed in flat) == (parts != said["total_t"])
    assert not (named and "rounded to add up to each row's total and" in flat)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_both_views_say_the_same_totals_to_the_same_decimals(folder: Path) -> None:
    """By unit and by commodity: the same line of totals, and tonnes to the same decimals."""
    outs = [_requirements(folder, by) for by in ("unit", "commodity")]
    lines = [" ".join(out.split()).partition("total: ")[2] for out in outs]
    assert lines[0]
    assert lines[0] == lines[1]
    places = []
    for out in outs:
        heads, rows = _table(out)
        column = heads.index("total t")
        places.append({len(row[column].partition(".")[2]) for row in rows})
    assert len(places[0]) == 1
    assert places[0] == places[1]


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


def test_a_table_too_long_to_round_so_says_its_figures_are_rounded_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past the rows the rounding is kept to, the note says so, and the totals still agree."""
    from typer.testing import CliRunner

    from supplyline.cli import requirements_cmds
    from supplyline.cli.app import _register_commands, app
    from supplyline.domain import margins

    _register_commands()
    shorter = 3  # the bilateral example has more rows than this either way
    monkeypatch.setattr(margins, "MOST_ADDED_ROWS", shorter)
    monkeypatch.setattr(requirements_cmds, "MOST_ADDED_ROWS", shorter)
    said = {}
    for by in ("unit", "commodity"):
        result = CliRunner().invoke(
            app, ["requirements", str(EXAMPLES[0]), "--by", by], env={"COLUMNS": "200"}
        )
        assert result.exit_code == 0, result.output
        flat = " ".join(result.stdout.split())
        assert f"a table of more than {shorter} rows has each figure rounded alone" in flat
        said[by] = flat[flat.index("total: ") :]
    assert said["unit"] == said["commodity"]

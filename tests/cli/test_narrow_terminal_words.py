"""On a narrow terminal no id, C+N label, date or total-row label is split across lines.

A tester at 60 columns read the closure table's ``C+10`` as ``C+1`` over ``0`` (another
day) and the "all modes" row as ``all`` / ``mode`` / ``s``; at 80 columns unit ids broke
(``nl-inf-`` over ``1``), ``reach`` a depot (``kas-fw`` / ``d``) and ``routes``
``os-forwar`` / ``d``. Each command's tables are rendered as wide as they like and at 60
and 80 columns, and every such word shown whole in the first is shown whole, as often, in
the others.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from cli_helpers import BILATERAL

COMMANDS = {
    "plan": ["plan", str(BILATERAL)],
    "requirements": ["requirements", str(BILATERAL), "--by", "unit"],
    "routes": ["routes", str(BILATERAL), "--day", "14", "--time-limit", "2"],
    "reach": ["reach", str(BILATERAL)],
}
LABEL = re.compile(r"(?<![\w+-])(C[+-]\d+|\d{4}-\d{2}-\d{2})(?![\w-])")
"""A C+N label or an ISO date, standing alone."""
TOTALS = ("all modes",)
"""Labels of total rows that are more than one word."""


@cache
def _ids() -> frozenset[str]:
    """The example's ids of more than three characters: words a table must never break."""
    from supplyline.io import load_scenario

    scenario = load_scenario(BILATERAL)
    found = [*scenario.locations, *scenario.links, *scenario.units, *scenario.commodities]
    return frozenset(str(x.id) for x in found if len(str(x.id)) > 3)


@cache
def _render(command: str, width: int, out: Path) -> str:
    """The command's table output on a terminal ``width`` columns wide."""
    env = {**os.environ, "COLUMNS": str(width), "NO_COLOR": "1"}
    args = [*COMMANDS[command]]
    if command == "plan":
        args += ["--out", str(out / f"plan-{width}")]
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _whole_words(text: str) -> Counter[str]:
    """How often each id, label, date and total label stands whole in ``text``."""
    counts: Counter[str] = Counter(m.group(1) for m in LABEL.finditer(text))
    for word in [*_ids(), *TOTALS]:
        pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])"
        counts[word] = len(re.findall(pattern, text))
    return counts


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the plans write their files."""
    return tmp_path_factory.mktemp("narrow")


def _fragments(text: str) -> set[str]:
    """Pieces of an id or label standing alone in ``text``: the head of a broken word."""
    tokens = set(re.findall(r"[^\s│┃|]+", text))
    words = [*_ids(), *(m.group(1) for m in LABEL.finditer(text))]
    heads = {w[:n] for w in words for n in range(3, len(w))}
    return (tokens & heads) - set(words)


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_id_label_or_date_is_split_across_lines(command: str, width: int, out: Path) -> None:
    """Each word shown whole on a wide terminal is whole on a narrow one, and none broken.

    As often, unless the narrow table leaves out a column (said under it), which may hold
    some of them.
    """
    wide = _whole_words(_render(command, 1000, out))
    narrow_text = _render(command, width, out)
    narrow = _whole_words(narrow_text)
    assert sum(wide.values()) > 0
    least = 1 if "not shown at" in narrow_text else None
    lost = {w: (n, narrow[w]) for w, n in wide.items() if narrow[w] < min(n, least or n)}
    assert not lost, f"broken at {width} columns (whole wide, whole here): {lost}\n{narrow_text}"
    assert not _fragments(narrow_text) - _fragments(_render(command, 1000, out))
    assert max(map(len, narrow_text.splitlines())) <= width

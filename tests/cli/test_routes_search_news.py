"""`routes` says the search's better routes once each, and not the routes it starts from.

A batch log of ``routes examples/relief-operation --day 2 --from-demand`` read "routing:
better routes found after 0.0 s" four times in a row: PyVRP reports each better solution,
and it finds several in its first tenth of a second, which tell a planner nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cli_helpers import ROOT

from supplyline.services.search_news import better_routes_news

RELIEF = ROOT / "examples" / "relief-operation"


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        ((0.0, 0.01, 0.04), []),
        ((0.0, 0.3, 0.31), ["after 0.3 s"]),
        ((0.5, 0.5, 0.7, 0.7), ["after 0.5 s", "after 0.7 s"]),
    ],
)
def test_each_line_is_said_once_and_none_at_the_start(
    seconds: tuple[float, ...], said: list[str]
) -> None:
    """Better routes at 0.0 s say nothing; a line that repeats the last is not said again."""
    lines: list[str] = []
    news = better_routes_news(lines.append)
    for s in seconds:
        news(1, s)
    assert lines == [f"routing: better routes found {words}" for words in said]


def test_the_batch_log_has_no_empty_or_repeated_news() -> None:
    """On stderr as a batch log: no "after 0.0 s", and no line of news twice."""
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "routes", str(RELIEF), "--day", "2",
         "--from-demand", "--time-limit", "1"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "150", "NO_COLOR": "1"},
        timeout=600,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    news = [line.split("  ", 1)[1] for line in done.stderr.splitlines() if "better routes" in line]
    assert "routing: better routes found after 0.0 s" not in news
    assert len(news) == len(set(news))

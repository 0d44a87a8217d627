"""``routes`` of a plan not proven best says so once: in the report's Summary, on stderr.

The routes report said it three times: "feasible, not proven best (stopped early)" in its
Summary, then the command's whole warning under the convoy routes (a note of the routes)
and again among the Warnings. Now the Summary's first sentence carries the warning and
the rest leave it out; the terminal says it once, on stderr.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from cli_helpers import BILATERAL
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import PlanStatus
from supplyline.planning.highs import HighsSession, Solution

_register_commands()
runner = CliRunner()
NOT_PROVEN = "not proven"


@pytest.fixture(scope="module")
def cut_short_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, str]:
    """``routes --report`` of the bilateral exercise on a plan the solve left not proven best.

    Returns stdout, stderr and the report's HTML.
    """
    real_solve = HighsSession.solve

    def stopped(self: HighsSession) -> Solution:
        return replace(real_solve(self), status=PlanStatus.FEASIBLE)

    report = tmp_path_factory.mktemp("cut") / "routes.html"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(HighsSession, "solve", stopped)
        result = runner.invoke(
            app, ["routes", str(BILATERAL), "--day", "3", "--report", str(report)]
        )
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr, report.read_text(encoding="utf-8")


def _text(html: str) -> str:
    """The page's words on one line."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").split())


def test_the_routes_report_says_not_proven_once(cut_short_run: tuple[str, str, str]) -> None:
    """Once in the whole page, and in the Summary (before the map and every other section)."""
    _, _, html = cut_short_run
    assert _text(html).count(NOT_PROVEN) == 1
    before, summary, after = re.split(r'<section id="summary">|<section id="map">', html)
    summary = _text(summary)
    assert "The plan is feasible: the time limit stopped the solver" in summary
    assert NOT_PROVEN in summary
    assert "Raise solver.time_limit_s in scenario.yaml" in summary
    assert NOT_PROVEN not in _text(before) + _text(after)


def test_the_routes_summary_on_the_terminal_says_it_once(
    cut_short_run: tuple[str, str, str],
) -> None:
    """The terminal's warning on stderr, once; stdout's summary does not repeat it."""
    stdout, stderr, _ = cut_short_run
    assert " ".join(stderr.split()).count(NOT_PROVEN) == 1
    assert NOT_PROVEN not in " ".join(stdout.split())

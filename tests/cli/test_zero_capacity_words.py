"""A plan whose unit never closes for a link of capacity 0 does not say nothing limits it.

A tester set rail-1 of the template to capacity 0 (tonnes and people): the unit never
closed (21,600 t-days late), yet the summary said "no capacity limits the plan" and the
report "No capacity limits the plan." and "No shortfall: every unit gets all it needs.";
validate's warning of why went to stderr alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.io import write_template

_register_commands()
runner = CliRunner()
NEVER = "no chain of links with capacity_t_per_day above 0"


@pytest.fixture
def zero_rail(tmp_path: Path) -> Path:
    """The template with rail-1 at capacity 0 t and 0 people a day: bn-1 cannot get there."""
    folder = write_template(tmp_path / "zero")
    links = folder / "links.csv"
    text = links.read_text(encoding="utf-8")
    row = "rail-1,home-base,host-depot,rail,1435,420,2,,1200,600,"
    assert row in text
    links.write_text(text.replace(row, row.replace(",1200,600,", ",0,0,")), encoding="utf-8")
    return folder


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_summary_says_what_is_known_and_shows_the_warnings(zero_rail: Path) -> None:
    """Not "no capacity limits the plan": none the plan uses does, 1 unit cannot close."""
    result = runner.invoke(app, ["plan", str(zero_rail), "--explain", "0"])
    assert result.exit_code == 0, result.output
    said = _flat(result.stdout)
    assert "no capacity limits the plan" not in said
    assert (
        "no capacity the plan uses limits it; yet 1 unit cannot close within the horizon: "
        "see the scenario's warnings" in said
    )
    assert NEVER in said  # validate's warning, in the summary the note sends the reader to


def test_the_report_says_it_and_has_a_warnings_section(zero_rail: Path, tmp_path: Path) -> None:
    """The report: no "No capacity limits", no bare "No shortfall", validate's warnings."""
    report = tmp_path / "plan.html"
    result = runner.invoke(app, ["plan", str(zero_rail), "--explain", "0", "--report", str(report)])
    assert result.exit_code == 0, result.output
    page = _flat(report.read_text(encoding="utf-8"))
    assert "No capacity limits the plan" not in page
    assert "every unit gets all it needs" not in page
    assert "1 deploying unit cannot close within the horizon" in page
    warnings = page.split('id="warnings"')[1]
    assert NEVER in warnings


def test_a_plan_that_closes_everything_still_says_nothing_limits_it(tmp_path: Path) -> None:
    """The template as written closes its unit: the plain note stays, no warnings listed."""
    folder = write_template(tmp_path / "ok")
    result = runner.invoke(app, ["plan", str(folder), "--explain", "0"])
    assert result.exit_code == 0, result.output
    assert "capacity the plan uses" not in _flat(result.stdout)

"""Right-to-left ids read in their order: each scenario id and name in the report in a <bdi>.

A tester's "rail-1 (מחסן-בית→مستودع)" displayed as "مستودع→מחסן-בית": the arrow seemed
to point from destination to origin.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.io import write_template
from supplyline.reports.bidi import isolating

_register_commands()
runner = CliRunner()
HOME, DEPOT = "מחסן-בית", "مستودع"


@given(text=st.text(max_size=60), words=st.lists(st.text(min_size=1, max_size=8), max_size=5))
def test_isolating_only_adds_bdi_tags(text: str, words: list[str]) -> None:
    """Without its <bdi> tags, the isolated text is the escaped text, whatever the words."""
    said = str(isolating(words)(text))
    assert said.replace("<bdi>", "").replace("</bdi>", "") == str(escape(text))


def test_each_id_is_isolated_whole_and_alone() -> None:
    """Both ends of the arrow are isolated apart; an id inside a longer one is not."""
    bdi = isolating(["rail-1", HOME, DEPOT])
    assert str(bdi(f"rail-1 ({HOME}→{DEPOT}), rail-12")) == (
        f"<bdi>rail-1</bdi> (<bdi>{HOME}</bdi>→<bdi>{DEPOT}</bdi>), rail-12"
    )


def test_the_plan_report_isolates_right_to_left_place_ids(tmp_path: Path) -> None:
    """The template, two places renamed in Hebrew and Arabic, rail-1 a bottleneck at 40 t/day."""
    folder = write_template(tmp_path / "uni")
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        text = text.replace("home-base", HOME).replace("host-depot", DEPOT)
        text = text.replace(",1200,600,", ",40,600,")  # rail-1's t/day: ranked, with its arrow
        path.write_text(text, encoding="utf-8")
    report = tmp_path / "plan.html"
    result = runner.invoke(app, ["plan", str(folder), "--explain", "0", "--report", str(report)])
    assert result.exit_code == 0, result.output
    page = report.read_text(encoding="utf-8")
    assert f"<bdi>{HOME}</bdi>→<bdi>{DEPOT}</bdi>" in page
    text = re.sub(r"<svg.*?</svg>", "", page.split("<main")[1], flags=re.DOTALL)  # shapes
    bare = re.sub(r"<bdi>[^<]*</bdi>", "", text)
    assert HOME not in bare  # every one of its mentions isolated
    assert DEPOT not in bare

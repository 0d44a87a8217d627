"""Every warning the plan prints is in its report and plan.json, in the same words.

A camp whose unit held 8 t over its storage_t was warned of on the terminal alone: the
report's Warnings section and plan.json said nothing of it.
"""

from __future__ import annotations

import json
import re

import pytest
from camp_over_storage import STORAGE_WORDS, camp_folder
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, dict[str, object]]:
    """The camp planned with --out and --report: the terminal's words, the report, plan.json."""
    tmp = tmp_path_factory.mktemp("camp")
    folder, out, report = camp_folder(tmp), tmp / "out", tmp / "plan.html"
    result = runner.invoke(
        app, ["plan", str(folder), "--explain", "0", "--out", str(out), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    page = re.sub(r"<[^>]+>", "", report.read_text(encoding="utf-8"))
    plan_json = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    return _flat(result.output), _flat(page), plan_json


def _storage_warning(said: str) -> str:
    found = re.search(rf"warning: on \S+ {re.escape(STORAGE_WORDS)} .*?, the most", said)
    assert found is not None, said[:2000]
    return found[0]


def test_the_terminal_warns_of_the_camp(planned: tuple[str, str, dict[str, object]]) -> None:
    """The CLI's warning names the days and the tonnes (as before)."""
    said = _storage_warning(planned[0])
    assert "on C+3–C+4" in said
    assert "8 t in the units' hands" in said


def test_the_reports_warnings_section_says_it_alike(
    planned: tuple[str, str, dict[str, object]],
) -> None:
    """The report's Warnings section has the terminal's words (the page escapes the quotes)."""
    terminal, page, _ = planned
    warnings = page.split("Warnings", 1)[1].replace("&#39;", "'")
    assert _storage_warning(warnings) == _storage_warning(terminal)


def test_plan_json_lists_it_among_its_warnings(
    planned: tuple[str, str, dict[str, object]],
) -> None:
    """plan.json's ``warnings`` holds the warning, word for word; its ``notes`` do not."""
    terminal, _, plan_json = planned
    warnings = plan_json["warnings"]
    assert isinstance(warnings, list)
    assert [_flat(w) for w in warnings] == [_storage_warning(terminal)]
    notes = plan_json["notes"]
    assert isinstance(notes, list)
    assert not any("storage_t" in _flat(n) for n in notes)  # said once, among the warnings

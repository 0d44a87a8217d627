"""The routes report has a Warnings section with what ``routes`` warned of on the terminal.

``routes --report`` wrote the plan report with the day's convoys and no Warnings section:
validate's findings and the routes' own warnings (a plan not proven best, depots asked for
more than they hold) went to the terminal alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from camp_over_storage import camp_folder
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()


def _flat(text: str) -> str:
    return " ".join(text.replace("&#39;", "'").split())


def test_validates_warning_is_in_the_routes_reports_warnings(tmp_path: Path) -> None:
    """A camp of storage_t 0: validate's warning, said on stderr, is in the report's section."""
    folder, report = camp_folder(tmp_path, "0"), tmp_path / "routes.html"
    result = runner.invoke(
        app, ["routes", str(folder), "--day", "2", "--time-limit", "1", "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    said = re.search(r"locations\.csv:3: storage_t: warning: .*? stock there", _flat(result.output))
    assert said is not None, result.output
    page = _flat(re.sub(r"<[^>]+>", "", report.read_text(encoding="utf-8")))
    assert 'id="warnings"' in report.read_text(encoding="utf-8")
    assert said[0] in page.split("What supplyline validate finds", 1)[1]

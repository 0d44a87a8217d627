"""Small words: an empty scenario folder is refused alike everywhere; one is singular; 0 is 0.

``plan ''`` planned the current folder while ``--out ''`` was refused; ``requirements``
said "over 1 days" and "1 units"; a plan that moved nothing read "0.00 t moved".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.io import write_template
from supplyline.types import counted, figure_text

_register_commands()
runner = CliRunner()
EMPTY = "'' is empty: give a scenario folder (. is the current folder)"


@pytest.mark.parametrize(
    "command",
    [["plan"], ["requirements"], ["validate"], ["routes"], ["reach"],
     ["ledger", "agreements", "import"]],
)  # fmt: skip
def test_every_command_refuses_an_empty_scenario_folder_in_the_same_words(
    command: list[str],
) -> None:
    """Exit code 2 (a usage error) and one message, before anything is read."""
    result = runner.invoke(app, [*command, ""])
    assert result.exit_code == 2, result.output
    assert EMPTY in " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())


@pytest.mark.parametrize(
    ("count", "said"), [(0, "0 days"), (1, "1 day"), (2, "2 days"), (10_000, "10,000 days")]
)
def test_a_count_is_singular_for_one_only(count: int, said: str) -> None:
    """One helper says every count: "1 day", never "1 days"."""
    assert counted(count, "day") == said


def test_requirements_of_one_unit_say_it_singular(tmp_path: Path) -> None:
    """The template's one unit: "(tonnes), 1 unit", never "1 units"."""
    folder = write_template(tmp_path / "s")
    result = runner.invoke(app, ["requirements", str(folder)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "(tonnes), 1 unit" in said
    assert "1 units" not in said


@pytest.mark.parametrize("decimals", [None, 0, 2, 3])
def test_exactly_nothing_reads_0_at_any_decimals(decimals: int | None) -> None:
    """0 t is "0", never "0.00" (which reads as a trace)."""
    assert figure_text(0.0, decimals) == "0"

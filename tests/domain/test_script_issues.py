"""A scenario built in Python is told its mistakes in its records' words, naming each once.

``Link(..., destination="nowhere")`` was told "link 'r-garrison': to: link 'r-garrison'
refers to unknown location 'nowhere'": the record twice, and links.csv's column ``to``
for a field called ``destination``. The loader keeps the file's column, line and file.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from supplyline.domain import Scenario, check_scenario_sound
from supplyline.domain.findings import Finding
from supplyline.domain.script_issues import python_field, script_issue
from supplyline.errors import ScenarioError
from supplyline.io import load_scenario

EXAMPLE = Path(__file__).parents[2] / "examples" / "bilateral-exercise"


@pytest.fixture(scope="module")
def bilateral() -> Scenario:
    """The bundled bilateral exercise, as loaded."""
    return load_scenario(EXAMPLE)


@pytest.mark.parametrize(("field", "column"), [("origin", "from"), ("destination", "to")])
def test_a_link_to_nowhere_names_the_link_once_and_its_python_field(
    bilateral: Scenario, field: str, column: str
) -> None:
    link = dataclasses.replace(bilateral.links[0], **{field: "nowhere"})
    broken = dataclasses.replace(bilateral, links=(link, *bilateral.links[1:]))
    with pytest.raises(ScenarioError) as caught:
        check_scenario_sound(broken)
    (issue,) = caught.value.issues
    assert issue.column == field
    assert issue.message.startswith(f"link {link.id!r} refers to unknown location 'nowhere'")
    assert str(issue).count(repr(link.id)) == 1
    assert f" {column}:" not in str(issue)


def test_the_loader_keeps_the_files_column_line_and_file(tmp_path: Path) -> None:
    folder = tmp_path / "scenario"
    shutil.copytree(EXAMPLE, folder)
    links = folder / "links.csv"
    lines = links.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith("r-garrison,"))
    cells = lines[row].split(",")
    cells[2] = "nowhere"  # id, from, to, …
    lines[row] = ",".join(cells)
    links.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    (issue,) = [i for i in caught.value.issues if "'nowhere'" in i.message]
    assert (issue.file, issue.line, issue.column) == ("links.csv", row + 1, "to")


def test_a_finding_whose_message_does_not_name_its_record_is_said_with_it(
    bilateral: Scenario,
) -> None:
    """The record is named once either way: before the field when the message does not."""
    found = Finding(entity="link", entity_id="r-x", field="to", message="no such place")
    issue = script_issue(bilateral, found)
    assert issue.column == "link 'r-x': destination"
    assert python_field("unit", "destination") == "destination"

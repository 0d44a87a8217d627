"""A transition prints the order as ``show`` does: its note and its decisions too.

``reject --note 'no fuel to spare'`` answered with the listing's fields only, so the one
who rejected saw neither the request's note nor the rejection just made.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

EXAMPLE = "examples/bilateral-exercise"
NOTE = "for the bridge at Kell"
REQUEST = ["ledger", "request", "--as", "westmark", "--agreement", "wm-os-hns-2025",
           "--item", "fuel", "--quantity", "2", "--needed-on", "2025-08-01",
           "--note", NOTE]  # fmt: skip


def _cli(db: str, *args: str) -> str:
    """Stdout of one command run in-process, at 200 columns; it must succeed."""
    _register_commands()
    result = CliRunner().invoke(app, [*args, "--db", db], env={"USER": "tester", "COLUMNS": "200"})
    assert result.exit_code == 0, (args, result.stdout, result.exception)
    return result.stdout


@pytest.fixture
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A ledger holding the example's agreement, and order 1 requested with a note."""
    url = f"sqlite:///{tmp_path_factory.mktemp('shown') / 'ledger.db'}"
    _cli(url, "ledger", "agreements", "import", EXAMPLE, "--as", "westmark")
    _cli(url, *REQUEST)
    return url


@pytest.mark.parametrize(
    ("action", "who", "decision"),
    [
        ("reject", "ostravia", "reject by tester@ostravia: no fuel to spare"),
        ("accept", "ostravia", "accept by tester@ostravia: no fuel to spare"),
        ("cancel", "westmark", "cancel by tester@westmark: no fuel to spare"),
    ],
)
def test_a_decision_prints_the_note_and_itself(
    db: str, action: str, who: str, decision: str
) -> None:
    """As JSON, the order carries the request's note and the decision just made (a list)."""
    said = _cli(db, "ledger", action, "1", "--as", who, "--note", "no fuel to spare",
                "--format", "json")  # fmt: skip
    [order] = json.loads(said)
    assert (order["note"], order["decisions"]) == (NOTE, [decision])


def test_each_later_transition_prints_the_same_fields_as_show(db: str) -> None:
    """Issue, receive, bill and settle each answer with show's order fields (CSV)."""
    _cli(db, "ledger", "accept", "1", "--as", "ostravia", "--note", "yes")
    steps = [
        ("issue", "ostravia", "--quantity", "2"),
        ("receive", "westmark"),
        ("bill", "ostravia"),
        ("settle", "westmark"),
    ]
    shown = json.loads(_cli(db, "ledger", "show", "1", "--as", "westmark", "--format", "json"))
    for action, who, *more in steps:
        text = _cli(db, "ledger", action, "1", "--as", who, *more, "--format", "csv")
        [row] = list(csv.DictReader(io.StringIO(text)))
        assert list(row) == list(shown["order"])
        assert (row["note"], row["decisions"]) == (NOTE, "accept by tester@ostravia: yes")


def test_the_table_has_a_row_for_each(db: str) -> None:
    """The field/value table a person reads has the note and decisions rows."""
    text = _cli(db, "ledger", "reject", "1", "--as", "ostravia", "--note", "no fuel to spare")
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in text.splitlines()
            if line.count("│") == 3}  # fmt: skip
    assert (rows["note"], rows["decisions"]) == (
        NOTE,
        "reject by tester@ostravia: no fuel to spare",
    )

"""The notes an order was requested and decided with are shown, in ``show`` and ``events``.

A liaison officer's ``reject --note "no fuel to spare"`` and ``request --note`` were
stored and shown nowhere: the receiver saw a bare ``rejected``.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.services.ledger.audit import UNREADABLE_NOTE, AuditEvent

EXAMPLE = "examples/bilateral-exercise"
REJECTED = "reject by tester@ostravia: no fuel to spare"


def _cli(db: str, *args: str) -> str:
    """Stdout of one command run in-process, at 200 columns; it must succeed."""
    _register_commands()
    result = CliRunner().invoke(app, [*args, "--db", db], env={"USER": "tester", "COLUMNS": "200"})
    assert result.exit_code == 0, (args, result.stdout, result.exception)
    return result.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Order 1, requested with a note and rejected with one."""
    url = f"sqlite:///{tmp_path_factory.mktemp('notes') / 'ledger.db'}"
    _cli(url, "ledger", "agreements", "import", EXAMPLE, "--as", "westmark")
    _cli(url, "ledger", "request", "--as", "westmark", "--agreement", "wm-os-hns-2025",
         "--item", "fuel", "--quantity", "2", "--needed-on", "2025-08-01",
         "--note", "for the bridge at Kell")  # fmt: skip
    _cli(url, "ledger", "reject", "1", "--as", "ostravia", "--note", "no fuel to spare")
    return url


def test_show_as_json_gives_both_notes(db: str) -> None:
    """The order's ``note`` is the request's, ``decisions`` the rejection's, with who (a list)."""
    order = json.loads(_cli(db, "ledger", "show", "1", "--as", "westmark", "--format", "json"))
    assert (order["order"]["note"], order["order"]["decisions"]) == (
        "for the bridge at Kell",
        [REJECTED],
    )


def test_show_as_csv_gives_both_notes(db: str) -> None:
    """One row (no lines), with the note and the decisions among the order's fields."""
    text = _cli(db, "ledger", "show", "1", "--as", "westmark", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["note"], row["decisions"]) == ("for the bridge at Kell", REJECTED)


def test_show_as_a_table_gives_both_notes(db: str) -> None:
    """The order's field/value table has a row for each."""
    text = _cli(db, "ledger", "show", "1", "--as", "westmark")
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in text.splitlines()
            if line.count("│") == 3}  # fmt: skip
    assert (rows["note"], rows["decisions"]) == ("for the bridge at Kell", REJECTED)


def test_events_give_each_events_note(db: str) -> None:
    """The request's event carries its note, the rejection's its reason."""
    events = json.loads(_cli(db, "ledger", "events", "--as", "westmark", "--format", "json"))
    assert [(e["kind"], e["note"]) for e in events] == [
        ("agreement", ""),
        ("request", "for the bridge at Kell"),
        ("reject", "no fuel to spare"),
    ]


@pytest.mark.parametrize("payload", ["{not json", "[1, 2]", '{"note": 3}'])
def test_an_edited_payload_is_said_not_hidden(payload: str) -> None:
    """A payload supplyline could not have written reads as such, with what to run."""
    event = AuditEvent(seq=1, at="", partner="a", user="u", kind="reject", agreement_id=None,
                       order_id=1, payload=payload, hash="")  # fmt: skip
    assert event.note == UNREADABLE_NOTE

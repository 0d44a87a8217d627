"""Who acted reads as a person expects; a statement file's times are a spreadsheet's times.

A tester with no ``$USER`` (and no ``--user``) read ``by unknown@ostravia`` on every line
of ``show``, as if someone were called "unknown"; it reads ``ostravia`` now, in ``show``,
its decisions and ``events`` alike, while the events keep the user they were written with
(so the chain verifies as before). The same tester's statement file quoted its times,
``"2026-11-30T15:00:21+00:00"``: text to a spreadsheet, never sorted as a time.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from ledger_cli_cases import nld_deu_agreement

from supplyline.services.ledger import Actor, open_ledger
from supplyline.services.ledger.views import NO_USER

NO_ONE_NAMED = Actor(partner="NLD", user=NO_USER)
HANS = Actor(partner="DEU", user="hans")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An order of fuel rejected-then-requested again, and one billed and part settled."""
    url = f"sqlite:///{tmp_path_factory.mktemp('who') / 'ledger.db'}"
    ledger = open_ledger(url)
    ledger.add_agreement(
        NO_ONE_NAMED,
        nld_deu_agreement({"fuel": "1000.00"}),
    )
    order = ledger.request(NO_ONE_NAMED, agreement_id="NLD-DEU-1", item="fuel", quantity=2)
    ledger.accept(HANS, order.id, note="from the north depot")
    ledger.issue(HANS, order.id, Decimal(2))
    ledger.receive(NO_ONE_NAMED, order.id)
    ledger.bill(HANS, order.id)
    ledger.settle(NO_ONE_NAMED, order.id, amount=Decimal(500))
    ledger.db.dispose()
    return url


def _ledger(db: str, partner: str, *command: str) -> subprocess.CompletedProcess[str]:
    """A ledger command as run where no user is named: no --user, no $USER, no $USERNAME."""
    env = {k: v for k, v in os.environ.items() if k not in {"USER", "USERNAME"}}
    return subprocess.run(
        [sys.executable, "-m", "supplyline", "ledger", *command, "--as", partner, "--db", db],
        capture_output=True, text=True, env={**env, "COLUMNS": "200"}, timeout=120, check=True,
    )  # fmt: skip


def test_show_names_the_partner_alone_where_no_user_was_named(db: str) -> None:
    """Lines by NLD (no user) read ``NLD``; by DEU's hans ``hans@DEU``: never ``unknown@``."""
    done = _ledger(db, "NLD", "show", "1", "--format", "csv")
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert [(r["line_kind"], r["line_by"]) for r in rows] == [
        ("issue", "hans@DEU"),
        ("receipt", "NLD"),
        ("bill", "hans@DEU"),
        ("settlement", "NLD"),
    ]
    assert rows[0]["decisions"] == "accept by hans@DEU: from the north depot"


def test_events_name_the_partner_alone_and_the_chain_still_verifies(db: str) -> None:
    """``events``' ``by`` as ``show``'s; the stored users are unchanged, so verify passes."""
    done = _ledger(db, "DEU", "events", "--format", "csv")
    by = [row["by"] for row in csv.DictReader(done.stdout.splitlines())]
    assert by == ["NLD", "NLD", "hans@DEU", "hans@DEU", "NLD", "hans@DEU", "NLD"]
    assert "unknown" not in _ledger(db, "NLD", "show", "1").stdout
    assert [e.user for e in open_ledger(db).events(HANS)][:2] == [NO_USER, NO_USER]
    assert open_ledger(db).verify().ok


def test_a_statement_files_times_are_bare_date_times(db: str, tmp_path: Path) -> None:
    """Each ``at`` unquoted in the bytes, and ``fromisoformat`` reads it as the line's UTC time."""
    target = tmp_path / "statement.csv"
    _ledger(db, "NLD", "statement", "-o", str(target), "--format", "json")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        read = [row["at"] for row in csv.DictReader(handle)]
    expected = [
        ln.at.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None)
        for ln in open_ledger(db).statement(NO_ONE_NAMED)
    ]
    assert [dt.datetime.fromisoformat(at) for at in read] == expected
    lines = target.read_bytes().decode("utf-8-sig").split("\r\n")[1:-1]
    assert [line.split(",")[0] for line in lines] == read  # bare: no quote around it
    printed = _ledger(db, "NLD", "statement", "--format", "csv").stdout.splitlines()[1:]
    assert printed == lines  # --format csv spells it alike

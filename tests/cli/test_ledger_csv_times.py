"""Every ledger CSV writes its times as the statement does: bare, UTC, to the second.

The statement's CSV wrote ``2026-11-30 15:00:21`` (a spreadsheet's date and time), while
``events --format csv`` wrote ``"2026-11-30T15:00:21.980186+00:00"`` and ``show --format
csv`` ``"2026-11-30T15:00:21+00:00"``: quoted, text that a spreadsheet neither sorts nor
filters as a time. All of them now go through one formatter,
:func:`supplyline.io.csv_out.csv_time`. The commands run under a time zone far from UTC,
so that a local time would show.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from ledger_cli_cases import DEU, NLD, ledger_in_chatham, nld_deu_agreement

from supplyline.io.csv_out import csv_time
from supplyline.services.ledger import open_ledger

BARE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
"""A date and time to the second with no offset, unquoted: what a spreadsheet reads as one."""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One order of fuel issued, received, billed and settled: lines and events with times."""
    url = f"sqlite:///{tmp_path_factory.mktemp('csv-times') / 'ledger.db'}"
    ledger = open_ledger(url)
    ledger.add_agreement(
        NLD,
        nld_deu_agreement({"fuel": "950.50"}),
    )
    order = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=Decimal(2))
    ledger.accept(DEU, order.id)
    ledger.issue(DEU, order.id, Decimal(2))
    ledger.receive(NLD, order.id)
    ledger.bill(DEU, order.id)
    ledger.settle(NLD, order.id, amount=Decimal("1000"))
    ledger.db.dispose()
    return url


def _moments(db: str, command: str) -> list[dt.datetime]:
    """The times the ledger holds for each row ``command`` writes, from the Python API."""
    ledger = open_ledger(db, create=False)
    try:
        if command == "events":
            return [dt.datetime.fromisoformat(e.at) for e in ledger.events(NLD)]
        if command == "show":
            return [ln.at for ln in ledger.order(NLD, 1).lines]
        return [ln.at for ln in ledger.statement(NLD)]
    finally:
        ledger.db.dispose()


def _csv_text(db: str, how: str, tmp_path: Path) -> str:
    """The CSV ``how`` writes: a statement file (``statement -o``) or a command's stdout."""
    if how == "statement -o":
        target = tmp_path / "statement.csv"
        ledger_in_chatham(db, "statement", "-o", str(target), "--format", "json")
        return target.read_bytes().decode("utf-8-sig")
    command, *rest = how.split()
    return ledger_in_chatham(db, command, *rest, "--format", "csv")


@pytest.mark.parametrize(
    ("how", "column"),
    [
        ("statement -o", "at"),
        ("statement", "at"),
        ("events", "at"),
        ("show 1", "line_at"),
    ],
)
def test_a_ledger_csv_writes_each_time_bare_in_utc_to_the_second(
    db: str, tmp_path: Path, how: str, column: str
) -> None:
    """Read with ``csv``: each time is ``csv_time`` of the ledger's; in the text, unquoted."""
    text = _csv_text(db, how, tmp_path)
    rows = list(csv.DictReader(text.splitlines()))
    moments = _moments(db, how.split()[0])
    assert len(rows) == len(moments) > 1
    read = [row[column] for row in rows]
    assert read == [csv_time(m) for m in moments]
    utc = [m.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None) for m in moments]
    assert [dt.datetime.fromisoformat(cell) for cell in read] == utc
    lines = text.splitlines()
    at = lines[0].split(",").index(column)
    cells = [line.split(",")[at] for line in lines[1:]]  # no comma in this ledger's text
    assert cells == read
    assert all(BARE_TIME.fullmatch(cell) for cell in cells), cells


def test_the_machine_json_keeps_each_time_with_its_offset(db: str) -> None:
    """JSON is for programs, not spreadsheets: ``events`` gives the time it was hashed with."""
    listed = json.loads(ledger_in_chatham(db, "events", "--format", "json"))
    ledger = open_ledger(db, create=False)
    stored = [e.at for e in ledger.events(NLD)]
    ledger.db.dispose()
    assert [row["at"] for row in listed] == stored
    assert all(at.endswith("+00:00") for at in stored)

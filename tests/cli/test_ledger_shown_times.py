"""Every ledger table shows a time in one form: UTC, to the second, with its zone.

A tester read ``2026-11-30T21:11:20+00:00`` in ``ledger statement`` and, in ``ledger
events``, the text each event was hashed with, to the microsecond
(``2026-11-30T21:19:24.446586+00:00``). CSV keeps a spreadsheet's bare time
(``test_ledger_csv_times``), JSON the hashed text. The commands run under a time zone
far from UTC, so that a local time would show.
"""

from __future__ import annotations

import re

import pytest
from ledger_cli_cases import DEU, NLD, billed_order, ledger_in_chatham, nld_deu_agreement

from supplyline.services.ledger import open_ledger

SHOWN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+00:00")
"""The one form a table shows a time in."""
ANY_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.+Z]+")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One order of fuel issued, received and billed: statement lines, order lines, events."""
    url = f"sqlite:///{tmp_path_factory.mktemp('shown-times') / 'ledger.db'}"
    ledger = open_ledger(url)
    ledger.add_agreement(NLD, nld_deu_agreement({"fuel": "950.50"}))
    billed_order(ledger, NLD, DEU, "NLD-DEU-1", "fuel")
    ledger.db.dispose()
    return url


@pytest.mark.parametrize("command", [("statement",), ("events",), ("show", "1")])
def test_each_table_shows_its_times_in_utc_to_the_second_with_the_zone(
    db: str, command: tuple[str, ...]
) -> None:
    """Every time the table shows is ``YYYY-MM-DDTHH:MM:SS+00:00``, and there is one."""
    table = ledger_in_chatham(db, *command)
    times = [t for t in ANY_TIME.findall(table) if ":" in t]
    assert times, table
    assert all(SHOWN.fullmatch(t) for t in times), times

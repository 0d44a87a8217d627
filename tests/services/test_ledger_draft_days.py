"""A draft says the plan's days that deliver it, not the span from its first to its last.

Ostravian fuel delivered on days 3, 4 and 7 was drafted with ``days`` ``C+3–C+7`` in
``ledger propose``'s table, CSV and JSON: a spreadsheet user read five days of deliveries
where the plan has three. The cell is now a list of runs, ``C+3–C+4;C+7`` in CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ledger_support import BILATERAL, ledger_cli, plan_delivering, write_hand_plan

from supplyline.domain import Delivery, Plan, Scenario
from supplyline.errors import ArgumentError
from supplyline.io import load_scenario
from supplyline.services.ledger import DraftOrder, draft_support_orders
from supplyline.types import day_range_list


@cache
def _scenario() -> Scenario:
    return load_scenario(BILATERAL)


def _fuel_on(days: list[int]) -> Plan:
    """Ostravian fuel, 5 t a day, to Westmark's first unit on ``days``."""
    scenario = _scenario()
    unit = min(u.id for u in scenario.units if u.partner == "westmark")
    return plan_delivering(
        scenario,
        *(
            Delivery(unit=unit, location=scenario.unit(unit).destination, commodity="fuel",
                     day=day, tonnes=5.0, source_partner="ostravia")
            for day in days
        ),
    )  # fmt: skip


def _days_of(runs: list[str]) -> list[int]:
    """The days a list of runs (``C+3–C+4``, ``C+7``) names, read back."""
    days: list[int] = []
    for run in runs:
        first, _, last = run.partition("–")
        a, b = int(first.removeprefix("C+")), int((last or first).removeprefix("C+"))
        days += range(a, b + 1)
    return days


@settings(max_examples=60, deadline=None)
@given(days=st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12))
def test_a_drafts_days_are_the_plans_delivery_days(days: list[int]) -> None:
    """Any set of days: the draft keeps exactly them, and its runs read back to them."""
    (draft,) = draft_support_orders(_fuel_on(days), _scenario())
    assert draft.days == tuple(sorted(set(days)))
    assert (draft.first_day, draft.last_day) == (min(days), max(days))
    assert _days_of(day_range_list(draft.days)) == sorted(set(days))


def _table_at_200_columns(db: str, *args: str) -> str:
    """The command's table in a process of its own, 200 columns wide.

    In-process, the ledger's console takes its width from ``COLUMNS`` when its module is
    first imported (rich reads it once), so a test that imported it at 80 columns left
    every later table in that pytest worker at 80, whatever this test set.
    """
    env = {**os.environ, "COLUMNS": "200", "USER": "tester"}
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", *args, "--db", db],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    return done.stdout


def test_propose_csv_and_json_give_each_run_of_days(tmp_path: Path) -> None:
    """Days 3, 4 and 7: each run, in CSV, JSON and the table (all three said ``C+3–C+7``).

    ``C+3–C+4;C+7`` in CSV, ``["C+3–C+4", "C+7"]`` in JSON, ``C+3–C+4, C+7`` in the table.
    """
    write_hand_plan(tmp_path / "plan", _scenario(), _fuel_on([3, 4, 7]))
    args = ("ledger", "propose", str(tmp_path / "plan"), "--scenario", str(BILATERAL))
    db = f"sqlite:///{tmp_path / 'l.db'}"
    ledger_cli(db, "ledger", "agreements", "import", str(BILATERAL), "--as", "westmark")
    [row] = list(csv.DictReader(io.StringIO(ledger_cli(db, *args, "--format", "csv"))))
    assert row["days"] == "C+3–C+4;C+7"
    [draft] = json.loads(ledger_cli(db, *args, "--format", "json"))
    assert draft["days"] == ["C+3–C+4", "C+7"]
    table = " ".join(_table_at_200_columns(db, *args).split())
    assert re.search(r"C\+3–C\+4, C\+7", table)


def test_a_draft_whose_days_do_not_match_its_ends_is_refused() -> None:
    """Days outside first_day..last_day are a caller's bug, said as an ArgumentError."""
    with pytest.raises(ArgumentError, match=r"days\(=\(3, 9\)\) must ascend"):
        DraftOrder(
            provider="os",
            receiver="wm",
            item="fuel",
            quantity=Decimal(1),
            needed_on=dt.date(2025, 8, 7),
            agreement_id=None,
            units=("u",),
            first_day=3,
            last_day=7,
            days=(3, 9),
        )

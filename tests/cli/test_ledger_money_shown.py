"""Money in the ledger's tables is rounded half up, and a statement's column adds up.

A liaison officer read settlements of 100.50, 101.50 and 102.50 as 100, 102 and 102
(Python's half to even), and a statement at 80 columns as ``-1,024 + 25.00 = -1,000``
(true -1,024.50 and -999.50), where docs/ledger.md promises the cent half up. A column
that adds up now shows every cent where an amount from 100 has some.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.cli.cells import amount_text
from supplyline.domain.agreements import Agreement, Price, ReimbursementMode
from supplyline.services.ledger import Actor, open_ledger

NLD = Actor(partner="NLD", user="jan")
DEU = Actor(partner="DEU", user="hans")
SETTLED = ("25.00", "100.50", "101.50", "102.50")


CENTS = st.builds(
    lambda whole, part, sign: sign * (whole * 100 + part),
    st.integers(min_value=0, max_value=10**15),
    st.sampled_from([0, 1, 49, 50, 51, 99]) | st.integers(min_value=0, max_value=99),
    st.sampled_from([1, -1]),
)
"""Amounts in cents, halves (``.50``) and their neighbours among them every time."""


@given(CENTS)
def test_an_amount_from_100_reads_whole_a_half_away_from_zero(cents: int) -> None:
    """Every amount to the cent from 100 up reads as its half-up whole, with separators."""
    value = Decimal(cents).scaleb(-2)
    whole = (abs(cents) + 50) // 100
    expected = f"{whole if cents >= 0 else -whole:,}" if abs(value) >= 100 else f"{value:,.2f}"
    assert amount_text(value, 2) == expected


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One service order of 1,024.50 EUR, billed, then settled in four parts."""
    url = f"sqlite:///{tmp_path_factory.mktemp('shown') / 'ledger.db'}"
    ledger = open_ledger(url)
    ledger.add_agreement(
        NLD,
        Agreement(
            id="NLD-DEU-1", name="MLSA", parties=("NLD", "DEU"),
            valid_from=dt.date(2000, 1, 1),
            valid_to=dt.date(2099, 12, 31),
            commodities=frozenset({"fuel"}), services=frozenset({"transport"}),
            reimbursement_modes=frozenset({ReimbursementMode.CASH}),
            prices=(Price(commodity="fuel", currency="EUR", per_t=Decimal("950.50")),),
            currency="EUR",
        ),
    )  # fmt: skip
    order = ledger.request(
        NLD, agreement_id="NLD-DEU-1", item="transport", quantity=Decimal(1),
        unit_price=Decimal("1024.50"),
    )  # fmt: skip
    ledger.accept(DEU, order.id)
    ledger.issue(DEU, order.id, Decimal(1))
    ledger.receive(NLD, order.id)
    ledger.bill(DEU, order.id)
    for amount in SETTLED:
        ledger.settle(NLD, order.id, amount=Decimal(amount))
    ledger.db.dispose()
    return url


def _table(db: str, *command: str) -> list[list[str]]:
    """The rows of a ledger table at 80 columns (a process of its own: rich reads COLUMNS)."""
    env = {**os.environ, "COLUMNS": "80", "USER": "tester"}
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "ledger", *command, "--as", "NLD", "--db", db],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    return [
        line.split()
        for line in done.stdout.splitlines()
        if "settlement" in line or " bill " in line
    ]


def _number(cell: str) -> Decimal:
    """A figure as a table writes it, thousands separated."""
    return Decimal(cell.replace(",", ""))


def test_settlements_read_to_the_cent_in_an_orders_lines(db: str) -> None:
    """``show``'s lines read 100.50, 101.50 and 102.50 as they are (they add up to settled)."""
    rows = _table(db, "show", "1")
    settled = [row[-1] for row in rows if row[1] == "settlement"]
    assert settled == ["25.00", "100.50", "101.50", "102.50"]


def test_a_statements_amounts_add_up_to_its_balances(db: str) -> None:
    """Each balance shown is the one before plus the amount shown, every one to the cent."""
    rows = _table(db, "statement")
    amounts = [_number(row[-2]) for row in rows]
    balances = [_number(row[-1]) for row in rows]
    assert balances == [
        Decimal(b) for b in ("-1024.50", "-999.50", "-899.00", "-797.50", "-695.00")
    ]
    assert [sum(amounts[: i + 1]) for i in range(len(rows))] == balances

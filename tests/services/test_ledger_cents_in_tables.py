"""Money in the ledger's tables reads to the cent, however large; quantities keep their rule.

Testers read ``value 5,519`` in ``ledger orders`` where ``show`` gave 5,519.05 EUR, and a
balance's ``receivable 2,500`` beside ``payable 0.00``: one row, two precisions. Here one
order of 100.001 t of fuel (145,001.45 EUR) is billed and 0.45 EUR of it settled, and the
tables are read at 150 columns, in a process of their own (rich takes COLUMNS as it starts).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from ledger_support import BILATERAL, BILATERAL_AGREEMENT, ledger_cli

EXAMPLE, AGREEMENT, _cli = BILATERAL, BILATERAL_AGREEMENT, ledger_cli


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One order of 145,001.45 EUR, received, billed in full and settled 0.45 EUR."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cents') / 'cents.db'}"
    _cli(url, "ledger", "agreements", "import", str(EXAMPLE), "--as", "westmark")
    _cli(url, "ledger", "request", "--as", "westmark", "--agreement", AGREEMENT,
         "--item", "fuel", "--quantity", "100.001", "--needed-on", "2025-08-01")  # fmt: skip
    _cli(url, "ledger", "accept", "1", "--as", "ostravia")
    _cli(url, "ledger", "issue", "1", "--as", "ostravia", "--quantity", "100.001")
    _cli(url, "ledger", "receive", "1", "--as", "westmark")
    _cli(url, "ledger", "bill", "1", "--as", "ostravia")
    _cli(url, "ledger", "settle", "1", "--as", "westmark", "--amount", "0.45")
    return url


def _table(db: str, *command: str) -> list[list[str]]:
    """The cells of each row of a ledger table at 150 columns, its rules' bars split off."""
    env = {**os.environ, "COLUMNS": "150", "USER": "tester"}
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "ledger", *command, "--as", "westmark", "--db", db],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    assert all(len(line) <= 150 for line in done.stdout.splitlines())
    return [
        [cell for cell in line.replace("│", " ").split() if cell]
        for line in done.stdout.splitlines()
        if AGREEMENT in line
    ]


def test_an_orders_row_reads_its_money_to_the_cent(db: str) -> None:
    """Value and billed 145,001.45 and settled 0.45 in one row; the quantity by its own rule."""
    [row] = _table(db, "orders")
    assert row[5:7] == ["100", "145,001.45"]  # quantity (whole from 100, as ever), value
    assert row[-2:] == ["145,001.45", "0.45"]  # billed, settled


def test_a_statement_reads_every_amount_and_balance_to_the_cent(db: str) -> None:
    """A bill of -145,001.45, a settlement of 0.45 and the balances: none of them whole."""
    rows = _table(db, "statement")
    assert [row[-2:] for row in rows] == [
        ["-145,001.45", "-145,001.45"],
        ["0.45", "-145,001.00"],
    ]


def test_a_balance_reads_receivable_payable_and_net_to_the_cent(db: str) -> None:
    """Westmark owes 145,001.00: payable and net to the cent, and receivable 0.00 beside them."""
    [row] = _table(db, "balance")
    assert row[3:6] == ["0.00", "145,001.00", "-145,001.00"]

"""One order's money reads to the cent, a ledger column adds up, a statement file sums.

A tester billed 0.375 t of fuel at 1,450.00 EUR/t (543.75 EUR): ``bill`` printed ``value
544``, ``settle --amount 544`` was refused (only 543.75 outstanding), and after
``--amount 543`` the order read ``billed 544``, ``settled 543``. The statement showed
``-544`` then ``543`` above a balance of ``-0.75``, and its CSV had the settlement as
``"543.00"`` (quoted: text that a spreadsheet's SUM skips).
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
from ledger_cli_cases import DEU, NLD, nld_deu_agreement

from supplyline.cli.cells import Amount, _cells
from supplyline.domain.agreements import ReimbursementMode
from supplyline.services.ledger import open_ledger


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """543.75 EUR of fuel billed, 543.00 settled; 100 t of water owed in kind, 40 t back."""
    url = f"sqlite:///{tmp_path_factory.mktemp('exact') / 'ledger.db'}"
    ledger = open_ledger(url)
    ledger.add_agreement(
        NLD,
        nld_deu_agreement({"fuel": "1450.00", "water": "12.25"}),
    )
    fuel = ledger.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=Decimal("0.375"),
        mode=ReimbursementMode.CASH,
    )  # fmt: skip
    water = ledger.request(
        NLD, agreement_id="NLD-DEU-1", item="water", quantity=Decimal(100),
        mode=ReimbursementMode.REPLACEMENT_IN_KIND,
    )  # fmt: skip
    for order, quantity in ((fuel, Decimal("0.375")), (water, Decimal(100))):
        ledger.accept(DEU, order.id)
        ledger.issue(DEU, order.id, quantity)
        ledger.receive(NLD, order.id)
    ledger.bill(DEU, fuel.id)
    ledger.bill(DEU, water.id, quantity=Decimal(100), due_on=dt.date(2099, 1, 1))
    ledger.settle(NLD, fuel.id, amount=Decimal(543))
    ledger.settle(NLD, water.id, quantity=Decimal(40))
    ledger.db.dispose()
    return url


def _ledger(db: str, *command: str) -> str:
    """What a ledger command prints, wide enough for whole tables (rich reads COLUMNS)."""
    env = {**os.environ, "COLUMNS": "200", "USER": "tester"}
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "ledger", *command, "--as", "NLD", "--db", db],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    return done.stdout


def _cells_of(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("│").split("│")]


def test_one_order_reads_its_money_to_the_cent(db: str) -> None:
    """``show``: value and billed 543.75, settled 543.00, as a user types them back."""
    fields = dict(
        _cells_of(line)[:2] for line in _ledger(db, "show", "1").splitlines() if "│" in line
    )
    assert (fields["value"], fields["billed"], fields["settled"]) == ("543.75", "543.75", "543.00")


def test_a_statements_columns_add_up(db: str) -> None:
    """Amounts and balances shown to their decimals; each balance the sum of those above."""
    rows = [_cells_of(ln) for ln in _ledger(db, "statement").splitlines() if "NLD-DEU-1" in ln]
    said = [(row[6], row[7], row[8]) for row in rows]  # unit, amount, balance
    assert said == [
        ("EUR", "-543.75", "-543.75"),
        ("t water", "-100.000", "-100.000"),
        ("EUR", "543.00", "-0.75"),
        ("t water", "40.000", "-60.000"),
    ]


def test_a_statement_file_has_every_number_bare_and_it_sums(db: str, tmp_path: Path) -> None:
    """Amounts and balances unquoted in the bytes; per unit, the amounts sum to the balance."""
    target = tmp_path / "st.csv"
    _ledger(db, "statement", "-o", str(target), "--format", "json")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lines = target.read_bytes().decode("utf-8-sig").split("\r\n")[1:-1]
    for row, line in zip(rows, lines, strict=True):
        assert line.endswith(f",{row['amount']},{row['balance']},")  # bare: no quotes
    assert [row["amount"] for row in rows] == ["-543.75", "-100.000", "543.00", "40.000"]
    for unit in ("EUR", "t water"):
        mine = [row for row in rows if row["unit"] == unit]
        assert sum(Decimal(row["amount"]) for row in mine) == Decimal(mine[-1]["balance"])


@pytest.mark.parametrize(
    ("values", "summed", "shown"),
    [
        (["1000.50", "25.00"], True, ["1,000.50", "25.00"]),
        (["-543.75", "543.00"], True, ["-543.75", "543.00"]),
        (["1000.00", "0.50"], True, ["1,000", "0.50"]),
        (["1000.00", "2000.00"], True, ["1,000", "2,000"]),
        (["-543.75", "543.00"], False, ["-544", "543"]),  # a listing: whole, to fit
    ],
)
def test_a_summed_column_takes_decimals_when_one_amount_needs_them(
    values: list[str], summed: bool, shown: list[str]
) -> None:
    """A column that adds up is whole from 100 only while none of its amounts has cents."""
    rows = [{"amount": Amount(Decimal(v), 2, summed=summed)} for v in values]
    assert [cells[0] for cells in _cells(rows, ["amount"])] == shown

"""``show``'s lines read every amount exactly, as the order's fields above them do.

The lines were a column that adds up: whole from 100 unless one of them had decimals. An
order of 200 t of fuel at 1,450.00 EUR/t, billed 290,000.00 and settled 289,950.00 then
50.00, read ``quantity 200.000`` and ``billed 290,000.00`` over lines of ``200``,
``290,000``, ``289,950`` and ``50.00``: whole beside cents, and not the figure the field
above says. docs/ledger.md: one order reads every amount to the kilogram or the cent.
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ledger_cli_cases import DEU, NLD, nld_deu_agreement

from supplyline.cli.cells import _cells
from supplyline.cli.ledger_options import money, tonnes
from supplyline.domain.agreements import ReimbursementMode
from supplyline.domain.amounts import money_text, quantity_text
from supplyline.services.ledger import open_ledger


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """200 t of fuel at 1,450.00 EUR/t: issued, received, billed, settled in two parts."""
    url = f"sqlite:///{tmp_path_factory.mktemp('show-lines') / 'ledger.db'}"
    ledger = open_ledger(url)
    ledger.add_agreement(
        NLD,
        nld_deu_agreement({"fuel": "1450.00"}),
    )
    order = ledger.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=Decimal(200),
        mode=ReimbursementMode.CASH,
    )  # fmt: skip
    ledger.accept(DEU, order.id)
    ledger.issue(DEU, order.id, Decimal(200))
    ledger.receive(NLD, order.id)
    ledger.bill(DEU, order.id)
    ledger.settle(NLD, order.id, amount=Decimal(289950))
    ledger.settle(NLD, order.id, amount=Decimal(50))
    ledger.db.dispose()
    return url


def _show(db: str) -> list[list[str]]:
    """``show 1``'s table rows at 200 columns, each as its cells."""
    env = {**os.environ, "COLUMNS": "200", "USER": "tester"}
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "ledger", "show", "1", "--as", "NLD", "--db", db],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    return [
        [cell.strip() for cell in line.strip().strip("│").split("│")]
        for line in done.stdout.splitlines()
        if line.startswith("│")
    ]


def test_an_orders_lines_read_to_the_kilogram_and_the_cent_as_its_fields(db: str) -> None:
    """Quantities 200.000, amounts 290,000.00, 289,950.00 and 50.00: the fields' spelling."""
    rows = _show(db)
    fields = {row[0]: row[1] for row in rows if len(row) == 2}
    lines = [(row[1], row[4], row[5]) for row in rows if len(row) > 2]  # kind, quantity, amount
    assert lines == [
        ("issue", "200.000", ""),
        ("receipt", "200.000", ""),
        ("bill", "", "290,000.00"),
        ("settlement", "", "289,950.00"),
        ("settlement", "", "50.00"),
    ]
    assert (fields["quantity"], fields["billed"]) == ("200.000", "290,000.00")


def _amounts(places: int) -> st.SearchStrategy[list[Decimal]]:
    """Up to six amounts to ``places`` decimals, from below 1 to the ledger's largest."""
    one = st.decimals(min_value=-(10**15), max_value=10**15, places=places, allow_nan=False)
    return st.lists(one, min_size=1, max_size=6)


@given(_amounts(2), _amounts(3))
def test_a_lines_amount_reads_as_the_ledgers_messages_whatever_its_neighbours(
    cash: list[Decimal], tonnes_: list[Decimal]
) -> None:
    """Each line's money is ``money_text``, each quantity ``quantity_text``, in any column."""
    rows = [{"amount": money(v)} for v in cash]
    assert [cells[0] for cells in _cells(rows, ["amount"])] == [money_text(v) for v in cash]
    rows = [{"quantity": tonnes(v, exact=True)} for v in tonnes_]
    said = [cells[0] for cells in _cells(rows, ["quantity"])]
    assert said == [quantity_text(v) for v in tonnes_]

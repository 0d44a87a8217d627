"""A balance's receivable and payable, as a table shows them, differ by its net as shown.

A tester's balance read ``1,001 | 200 | 800``: 1,000.60 receivable, 200.40 payable and a
net of 800.20, each rounded alone. Now a column with an amount from 100 that has cents
shows them all, exactly; CSV and JSON keep every cent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain.agreements import Agreement, Price, ReimbursementMode
from supplyline.services.ledger import Actor, open_ledger

NLD = Actor(partner="NLD", user="jan")
DEU = Actor(partner="DEU", user="hans")


def _billed(ledger_url: str) -> None:
    """NLD bills DEU 1,000.60 and DEU bills NLD 200.40 under one agreement."""
    ledger = open_ledger(ledger_url)
    ledger.add_agreement(NLD, Agreement(
        id="NLD-DEU-1", name="MLSA", parties=("NLD", "DEU"), valid_from=dt.date(2000, 1, 1),
        valid_to=dt.date(2099, 12, 31), commodities=frozenset({"water"}),
        reimbursement_modes=(ReimbursementMode.CASH,),
        prices=(Price(commodity="water", currency="EUR", per_t=Decimal("10.00")),),
    ))  # fmt: skip
    for receiver, provider, amount in ((DEU, NLD, "1000.60"), (NLD, DEU, "200.40")):
        order = ledger.request(receiver, agreement_id="NLD-DEU-1", item="water",
                               quantity=Decimal(200))  # fmt: skip
        ledger.accept(provider, order.id)
        ledger.issue(provider, order.id, Decimal(200))
        ledger.receive(receiver, order.id)
        ledger.bill(provider, order.id, amount=Decimal(amount))
    ledger.db.dispose()


@pytest.fixture(scope="module")
def ledger_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A ledger where NLD and DEU owe each other 1,000.60 and 200.40 EUR."""
    url = f"sqlite:///{tmp_path_factory.mktemp('balance') / 'ledger.db'}"
    _billed(url)
    return url


def _balance(url: str, partner: str, *more: str) -> str:
    _register_commands()
    args = ["ledger", "balance", "--as", partner, "--db", url, *more]
    done = CliRunner().invoke(app, args, env={"COLUMNS": "120", "USER": "tester"})
    assert done.exit_code == 0, done.output
    return done.stdout


@pytest.mark.parametrize(
    ("partner", "figures"),
    [("NLD", ["1,000.60", "200.40", "800.20"]), ("DEU", ["200.40", "1,000.60", "-800.20"])],
)
def test_receivable_less_payable_reads_as_the_net(
    ledger_url: str, partner: str, figures: list[str]
) -> None:
    """Both partners' tables: every figure to the cent, one less the other the net."""
    [row] = [line for line in _balance(ledger_url, partner).splitlines() if "NLD-DEU-1" in line]
    assert [cell.strip() for cell in row.split("│")[4:7]] == figures


def test_csv_keeps_every_cent(ledger_url: str) -> None:
    """The machine formats give the exact figures, not the ones rounded to add up."""
    lines = _balance(ledger_url, "NLD", "--format", "csv").splitlines()
    assert lines[1].split(",")[3:6] == ["1000.60", "200.40", "800.20"]

"""``issue`` without a quantity issues what is left to issue, as ``receive`` receives what is left.

A tester's ``ledger issue 1 --as ostravia`` failed with Typer's bare "Missing option
'--quantity'", while ``receive`` defaults to what is left of its issue.
"""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from ledger_support import BILATERAL, DEU, NLD, ledger_run

from supplyline.services.ledger import Ledger, LedgerRuleError


def _accepted(ledger: Ledger) -> int:
    order = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity="10")
    ledger.accept(DEU, order.id)
    return order.id


def test_an_issue_without_a_quantity_issues_all_that_is_left(nld_deu: Ledger) -> None:
    order_id = _accepted(nld_deu)
    nld_deu.issue(DEU, order_id, "4")
    done = nld_deu.issue(DEU, order_id, idempotency_key="rest")
    assert done.issued_qty == D("10.000")
    lines = nld_deu.order(DEU, order_id).lines
    assert [line.quantity for line in lines] == [D("4.000"), D("6.000")]
    again = nld_deu.issue(DEU, order_id, idempotency_key="rest")  # a retry replays it
    assert again.version == done.version
    assert nld_deu.verify().ok


def test_an_issue_without_a_quantity_when_all_is_issued_says_so(nld_deu: Ledger) -> None:
    order_id = _accepted(nld_deu)
    nld_deu.issue(DEU, order_id)
    with pytest.raises(
        LedgerRuleError, match=r"nothing is left to issue on order \d+: all 10\.000"
    ):
        nld_deu.issue(DEU, order_id)


def test_the_command_issues_what_is_left_without_quantity(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    assert (
        ledger_run(db, "ledger", "agreements", "import", str(BILATERAL), "--as", "westmark")[0] == 0
    )
    code, _, said = ledger_run(
        db, "ledger", "request", "--as", "westmark", "--agreement", "wm-os-hns-2025",
        "--item", "fuel", "--quantity", "7.5", "--needed-on", "2025-08-20",
    )  # fmt: skip
    assert code == 0, said
    assert ledger_run(db, "ledger", "accept", "1", "--as", "ostravia")[0] == 0
    code, out, said = ledger_run(db, "ledger", "issue", "1", "--as", "ostravia", "--format", "json")
    assert code == 0, said
    assert json.loads(out)[0]["issued"] == "7.500"
    code, _, said = ledger_run(db, "ledger", "issue", "1", "--as", "ostravia")
    assert code == 5
    assert "nothing is left to issue on order 1" in said

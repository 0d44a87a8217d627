"""The rule docs/ledger.md states for ``bill``: every issue has a receipt, in full or in part.

A tester issued 3 t, received 2 t, billed (the 2 t) and could then never receive the last
1 t; the documentation said ``received (nothing in transit)``. The code's rule, kept (its
tour bills 29.5 of 30 t received damaged), is the one now written down.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from ledger_support import DEU, NLD

from supplyline.errors import ConflictError
from supplyline.services.ledger import Ledger, OrderStatus

DOCS = Path(__file__).resolve().parents[2] / "docs" / "ledger.md"


def _three_issued_two_received(ledger: Ledger) -> int:
    """An order of 4 t: 3 t issued in one issue, 2 t of it received."""
    order = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"))
    ledger.accept(DEU, order.id)
    ledger.issue(DEU, order.id, D("3"))
    ledger.receive(NLD, order.id, quantity=D("2"))
    return order.id


def test_an_issue_received_in_part_is_billed_for_what_was_received(nld_deu: Ledger) -> None:
    """3 t issued, 2 t received: the order is received, and its bill is 2 t at 950.50."""
    order_id = _three_issued_two_received(nld_deu)
    assert nld_deu.order(NLD, order_id).status is OrderStatus.RECEIVED
    assert nld_deu.bill(DEU, order_id).billed_amount == D("1901.00")


def test_once_billed_the_rest_of_the_issue_is_refused(nld_deu: Ledger) -> None:
    """The last 1 t after the bill: a conflict that names the state, nothing recorded."""
    order_id = _three_issued_two_received(nld_deu)
    nld_deu.bill(DEU, order_id)
    with pytest.raises(ConflictError, match=rf"order {order_id} is billed: cannot receive it"):
        nld_deu.receive(NLD, order_id, quantity=D("1"))
    assert nld_deu.order(NLD, order_id).received_qty == D("2.000")


def test_an_issue_with_no_receipt_blocks_the_bill(nld_deu: Ledger) -> None:
    """A second issue still in transit: the order is issued, and bill is refused."""
    order_id = _three_issued_two_received(nld_deu)
    nld_deu.issue(DEU, order_id, D("0.5"))
    with pytest.raises(ConflictError, match=rf"order {order_id} is issued: cannot bill it"):
        nld_deu.bill(DEU, order_id)


def test_the_state_table_says_that_rule() -> None:
    """docs/ledger.md's row for bill names receipts in part, and no longer 'nothing in transit'."""
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    [row] = [ln for ln in lines if ln.startswith("| `bill`")]
    assert "every issue has a receipt, in full or in part" in row
    assert "nothing in transit" not in row

"""An issue is received in parts, up to what was issued: 60 of 100 t, then the other 40.

A tester received 60 of 100 t issued and, when the other 40 t came, was refused: the first
receipt had closed the issue and made the order ``received``.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_support import DEU, NLD

from supplyline.errors import ConflictError
from supplyline.services.ledger import Ledger, LedgerRuleError, OrderStatus, SupportOrder


def _issued(ledger: Ledger, *issues: str, ordered: str = "100") -> SupportOrder:
    order = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D(ordered))
    ledger.accept(DEU, order.id)
    for quantity in issues:
        ledger.issue(DEU, order.id, D(quantity))
    return ledger.order(NLD, order.id)


def test_a_second_partial_receipt_completes_the_issue(nld_deu: Ledger) -> None:
    """60 then 40 of an issue of 100: both recorded against it, 100 received, billable."""
    order = _issued(nld_deu, "100")
    first = nld_deu.receive(NLD, order.id, quantity=D("60"))
    second = nld_deu.receive(NLD, order.id, quantity=D("40"))
    receipts = [ln for ln in nld_deu.order(NLD, order.id).lines if ln.kind == "receipt"]
    assert (first.status, second.status, second.received_qty) == (
        OrderStatus.RECEIVED,
        OrderStatus.RECEIVED,
        D("100.000"),
    )
    assert [(r.quantity, r.ref_line) for r in receipts] == [
        (D("60.000"), receipts[0].ref_line),
        (D("40.000"), receipts[0].ref_line),
    ]
    assert nld_deu.bill(DEU, order.id).billed_amount == D("95050.00")  # all 100 t received


def test_receiving_more_than_is_left_of_the_issue_is_refused(nld_deu: Ledger) -> None:
    """After 60 of 100, 50 more is refused naming what is left; nothing is recorded."""
    order = _issued(nld_deu, "100")
    [issue] = [ln.id for ln in order.lines if ln.kind == "issue"]
    nld_deu.receive(NLD, order.id, quantity=D("60"))
    with pytest.raises(LedgerRuleError) as caught:
        nld_deu.receive(NLD, order.id, quantity=D("50"))
    assert str(caught.value) == (
        f"cannot receive 50.000 against issue {issue} of order {order.id}: it issued "
        "100.000, of which 60.000 is received, so 40.000 is left (the order: 100.000 ordered, "
        "100.000 issued, 60.000 received); no more can be received than was issued"
    )
    assert nld_deu.order(NLD, order.id).received_qty == D("60.000")


def test_an_issue_received_in_full_takes_no_more(nld_deu: Ledger) -> None:
    """Everything issued received: another receipt is a conflict that says so."""
    order = _issued(nld_deu, "100")
    nld_deu.receive(NLD, order.id)
    with pytest.raises(ConflictError, match=r"has nothing left to receive: every issue is"):
        nld_deu.receive(NLD, order.id, quantity=D("1"))


def test_by_default_the_rest_of_an_issue_is_received(nld_deu: Ledger) -> None:
    """No quantity: what is left of the issue, not the whole issue again."""
    order = _issued(nld_deu, "100")
    nld_deu.receive(NLD, order.id, quantity=D("60"))
    assert nld_deu.receive(NLD, order.id).received_qty == D("100.000")


def test_an_issue_in_transit_is_received_before_the_rest_of_another(nld_deu: Ledger) -> None:
    """Issues of 60 and 40; 50 of the first received: the default goes to the second.

    The order stays ``issued`` while the second is in transit (nothing of it received), as
    before; the rest of the first may follow.
    """
    order = _issued(nld_deu, "60", "40")
    part = nld_deu.receive(NLD, order.id, quantity=D("50"))
    second = nld_deu.receive(NLD, order.id)
    rest = nld_deu.receive(NLD, order.id)
    assert [(o.status, o.received_qty) for o in (part, second, rest)] == [
        (OrderStatus.ISSUED, D("50.000")),
        (OrderStatus.RECEIVED, D("90.000")),
        (OrderStatus.RECEIVED, D("100.000")),
    ]


def test_a_billed_order_takes_no_late_receipt(nld_deu: Ledger) -> None:
    """Once billed, what was not received stays so: the bill was for what had been."""
    order = _issued(nld_deu, "100")
    nld_deu.receive(NLD, order.id, quantity=D("60"))
    nld_deu.bill(DEU, order.id)
    with pytest.raises(ConflictError, match=r"order \d+ is billed: cannot receive it"):
        nld_deu.receive(NLD, order.id, quantity=D("40"))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(st.integers(min_value=0, max_value=120), min_size=1, max_size=5))
def test_receipts_never_exceed_what_was_issued(nld_deu: Ledger, parts: list[int]) -> None:
    """Whatever receipts are tried against an issue of 100, at most 100 is received."""
    order = _issued(nld_deu, "100")
    for part in parts:
        with contextlib.suppress(LedgerRuleError, ConflictError):  # refused: none recorded
            nld_deu.receive(NLD, order.id, quantity=D(part))
    after = nld_deu.order(NLD, order.id)
    receipts = sum((ln.quantity or D(0) for ln in after.lines if ln.kind == "receipt"), D(0))
    assert after.received_qty == receipts <= D(100)

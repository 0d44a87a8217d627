"""Balances and statements: two partners' views reconcile to zero, under any sequence of actions."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_support import DEU, NLD, make_agreement

from supplyline.domain import ReimbursementMode as RM
from supplyline.errors import SupplylineError
from supplyline.services.ledger import (
    Actor,
    Balance,
    Ledger,
    OrderStatus,
    SupportOrder,
)


def _net(balances: list[Balance]) -> dict[tuple[str, str, str], D]:
    return {(b.counterparty, b.agreement_id, b.unit): b.net for b in balances}


def _settle_all_kinds(ledger: Ledger) -> None:
    """NLD receives fuel in cash and in kind; DEU receives water in cash (part-paid)."""
    a = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"))
    b = ledger.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("3"), mode=RM.REPLACEMENT_IN_KIND
    )
    c = ledger.request(DEU, agreement_id="NLD-DEU-1", item="water", quantity=D("100"))
    for order, giver, taker in ((a, DEU, NLD), (b, DEU, NLD), (c, NLD, DEU)):
        ledger.accept(giver, order.id)
        ledger.issue(giver, order.id, order.quantity)
        ledger.receive(taker, order.id)
        in_kind = order.mode is RM.REPLACEMENT_IN_KIND
        ledger.bill(giver, order.id, due_on=dt.date(2030, 6, 1) if in_kind else None)
    ledger.settle(DEU, c.id, amount=D("200"))


def test_balances_of_the_two_parties_are_opposite(nld_deu: Ledger) -> None:
    """Per agreement and unit, NLD's net with DEU is minus DEU's net with NLD."""
    _settle_all_kinds(nld_deu)
    nld = _net(nld_deu.balances(NLD))
    deu = _net(nld_deu.balances(DEU))
    assert nld == {
        ("DEU", "NLD-DEU-1", "EUR"): D("-1901.00") + D("1025.00"),
        ("DEU", "NLD-DEU-1", "t fuel"): D("-3.000"),
    }
    assert {k[1:]: -v for k, v in nld.items()} == {k[1:]: v for k, v in deu.items()}


def test_the_statement_ends_at_the_balance(nld_deu: Ledger) -> None:
    """The last running balance per counterparty and unit equals the balance's net."""
    _settle_all_kinds(nld_deu)
    lines = nld_deu.statement(NLD)
    last = {(ln.counterparty, ln.unit): ln.balance for ln in lines}
    nets = {(b.counterparty, b.unit): b.net for b in nld_deu.balances(NLD)}
    assert last == nets


def test_statements_of_both_parties_reconcile_to_zero(nld_deu: Ledger) -> None:
    """Summing NLD's and DEU's statement amounts per unit gives zero."""
    _settle_all_kinds(nld_deu)
    total: dict[str, D] = {}
    for actor in (NLD, DEU):
        for line in nld_deu.statement(actor):
            total[line.unit] = total.get(line.unit, D(0)) + line.amount
    assert set(total.values()) == {D(0)}


def test_in_kind_obligations_show_their_due_date(nld_deu: Ledger) -> None:
    """An open replacement-in-kind obligation carries its earliest due date."""
    _settle_all_kinds(nld_deu)
    in_kind = next(b for b in nld_deu.balances(DEU) if b.unit == "t fuel")
    assert (in_kind.receivable, in_kind.next_due is not None) == (D("3.000"), True)


# -- invariants under random sequences of valid and invalid actions ---------------------------

_counter = itertools.count()

ACTIONS = ["request", "accept", "reject", "cancel", "issue", "receive", "bill", "settle"]
step = st.tuples(
    st.sampled_from(ACTIONS),
    st.integers(min_value=0, max_value=3),  # which order
    st.integers(min_value=0, max_value=2),  # who acts: a, b, or a stranger
    st.sampled_from([D("0.5"), D("1"), D("2.25"), D("5"), D("-1")]),
    st.sampled_from([RM.CASH, RM.REPLACEMENT_IN_KIND, RM.EQUAL_VALUE_EXCHANGE]),
    st.booleans(),  # use an explicit amount (True) or the default
)


def _apply(
    ledger: Ledger,
    agreement: str,
    actor: Actor,
    op: str,
    order: int | None,
    qty: D,
    mode: RM,
    x: bool,
) -> None:
    if op == "request":
        ledger.request(actor, agreement_id=agreement, item="fuel", quantity=qty + 2, mode=mode)
        return
    assert order is not None
    if op in ("accept", "reject", "cancel"):
        getattr(ledger, op)(actor, order)
    elif op == "issue":
        ledger.issue(actor, order, qty)
    elif op == "receive":
        ledger.receive(actor, order, quantity=qty if x else None)
    elif op == "bill":
        in_kind = mode is RM.REPLACEMENT_IN_KIND
        ledger.bill(
            actor,
            order,
            amount=qty * 100 if x and not in_kind else None,
            due_on=dt.date(2030, 6, 1) if in_kind else None,
        )
    else:
        ledger.settle(
            actor, order, amount=qty * 100 if x and mode is not RM.REPLACEMENT_IN_KIND else None
        )


def _check_order(o: SupportOrder) -> None:
    assert D(0) <= o.received_qty <= o.issued_qty <= o.quantity
    assert D(0) <= o.settled_amount <= o.billed_amount <= o.received_value
    assert D(0) <= o.settled_qty <= o.billed_qty <= o.received_qty
    if o.status is OrderStatus.SETTLED:
        assert (o.settled_amount, o.settled_qty) == (o.billed_amount, o.billed_qty)
    if o.status in (OrderStatus.REQUESTED, OrderStatus.ACCEPTED, OrderStatus.CANCELLED):
        assert o.issued_qty == 0


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=25))
def test_random_sequences_never_corrupt_the_ledger(
    ledger: Ledger, steps: list[tuple[str, int, int, D, RM, bool]]
) -> None:
    """Whatever mix of valid and invalid actions, state stays sound and balances reconcile.

    Each example uses two partners of its own, so examples share the database safely.
    A refused action must leave its order exactly as it was.
    """
    n = next(_counter)
    a, b = Actor(partner=f"A{n}", user="ann"), Actor(partner=f"B{n}", user="bob")
    stranger = Actor(partner=f"C{n}", user="cid")
    ledger.add_agreement(a, make_agreement(f"AG{n}", (a.partner, b.partner)))
    ids: list[int] = []
    for op, which, who, qty, mode, explicit in steps:
        actor = (a, b, stranger)[who]
        order = ids[which % len(ids)] if ids else None
        if op != "request" and order is None:
            continue
        before = ledger.order(a, order) if order is not None else None
        try:
            _apply(ledger, f"AG{n}", actor, op, order, qty, mode, explicit)
        except SupplylineError:
            if before is not None:
                assert ledger.order(a, before.id) == before
        else:
            if op == "request":
                ids = [o.id for o in ledger.orders(a)]
    for o in ledger.orders(a):
        _check_order(o)
    nets_a = _net(ledger.balances(a))
    nets_b = _net(ledger.balances(b))
    assert {k[1:]: -v for k, v in nets_a.items()} == {k[1:]: v for k, v in nets_b.items()}
    assert ledger.verify().ok

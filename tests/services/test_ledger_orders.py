"""The order life cycle: every transition and every rule, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from ledger_support import DEU, FRA, NLD, make_agreement

from supplyline.domain import ReimbursementMode as RM
from supplyline.errors import ArgumentError, ConflictError, NotFoundError, PermissionDenied
from supplyline.services.ledger import (
    Actor,
    Condition,
    Ledger,
    LedgerRuleError,
    OrderStatus,
    SupportOrder,
)


def _delivered(ledger: Ledger, quantity: str = "40", mode: RM = RM.CASH) -> SupportOrder:
    order = ledger.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D(quantity), mode=mode
    )
    ledger.accept(DEU, order.id)
    ledger.issue(DEU, order.id, D(quantity))
    return ledger.receive(NLD, order.id)


def test_request_prices_the_order_from_the_agreement(nld_deu: Ledger) -> None:
    """A request takes the price per tonne from the price list and values the order."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("40"))
    assert (order.provider, order.receiver, order.unit_price, order.value) == (
        "DEU",
        "NLD",
        D("950.5000"),
        D("38020.00"),
    )


def test_cash_order_runs_its_whole_life(nld_deu: Ledger) -> None:
    """Requested → accepted → issued → received → billed → settled, with nothing left owed."""
    order = _delivered(nld_deu)
    nld_deu.bill(DEU, order.id)
    settled = nld_deu.settle(NLD, order.id)
    assert (settled.status, settled.settled_amount, settled.version) == (
        OrderStatus.SETTLED,
        D("38020.00"),
        6,
    )


def test_partial_issues_keep_the_order_open_until_all_received(nld_deu: Ledger) -> None:
    """Two issues; after only the first receipt the order is still ``issued``."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="water", quantity=D("10"))
    nld_deu.accept(DEU, order.id)
    nld_deu.issue(DEU, order.id, D("6"))
    nld_deu.issue(DEU, order.id, D("4"))
    after_one = nld_deu.receive(NLD, order.id)
    assert (after_one.status, after_one.received_qty) == (OrderStatus.ISSUED, D("6.000"))


def test_receiver_may_record_less_and_a_condition(nld_deu: Ledger) -> None:
    """The receipt records what arrived (less than issued) and its condition."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="water", quantity=D("10"))
    nld_deu.accept(DEU, order.id)
    nld_deu.issue(DEU, order.id, D("10"))
    got = nld_deu.receive(NLD, order.id, quantity=D("9.5"), condition=Condition.DAMAGED)
    receipt = nld_deu.order(NLD, order.id).lines[-1]
    assert (got.received_qty, receipt.condition, got.status) == (
        D("9.500"),
        Condition.DAMAGED,
        OrderStatus.RECEIVED,
    )


def test_the_bill_defaults_to_the_value_received(nld_deu: Ledger) -> None:
    """With no amount given, the provider bills exactly what the receiver confirmed."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("10"))
    nld_deu.accept(DEU, order.id)
    nld_deu.issue(DEU, order.id, D("10"))
    nld_deu.receive(NLD, order.id, quantity=D("8"))
    assert nld_deu.bill(DEU, order.id).billed_amount == D("7604.00")


def test_replacement_in_kind_is_a_quantity_with_a_due_date(nld_deu: Ledger) -> None:
    """An in-kind bill owes tonnes by a date; returning them settles the order."""
    order = _delivered(nld_deu, "5", RM.REPLACEMENT_IN_KIND)
    billed = nld_deu.bill(DEU, order.id, due_on=dt.date(2030, 6, 1))
    assert (billed.billed_qty, billed.due_on, billed.billed_amount) == (
        D("5.000"),
        dt.date(2030, 6, 1),
        D("0.00"),
    )
    part = nld_deu.settle(NLD, order.id, quantity=D("2"))
    done = nld_deu.settle(NLD, order.id)
    assert (part.status, done.status, done.settled_qty) == (
        OrderStatus.BILLED,
        OrderStatus.SETTLED,
        D("5.000"),
    )


@pytest.mark.parametrize("days_after_end", [1, 351])
def test_a_return_due_after_the_agreement_ends_is_refused(
    ledger: Ledger, days_after_end: int
) -> None:
    """A due date after valid_to is refused with both dates; on valid_to it is billed.

    A tester billed a replacement in kind due 2026-09-15 on an agreement that ended on
    2025-09-30, and it was accepted.
    """
    ends = dt.date(2030, 9, 30)
    ledger.add_agreement(NLD, make_agreement(valid_to=ends))
    order = _delivered(ledger, "5", RM.REPLACEMENT_IN_KIND)
    late = ends + dt.timedelta(days=days_after_end)
    with pytest.raises(LedgerRuleError) as caught:
        ledger.bill(DEU, order.id, due_on=late)
    assert str(caught.value) == (
        f"cannot bill order {order.id} due on {late}: agreement NLD-DEU-1 ends on {ends} "
        f"(valid 2000-01-01 to {ends}); give a due date on or before {ends}"
    )
    assert ledger.order(NLD, order.id).status is OrderStatus.RECEIVED  # nothing billed
    assert ledger.bill(DEU, order.id, due_on=ends).due_on == ends


@pytest.mark.parametrize("days_before_start", [1, 196])
def test_a_return_due_before_the_agreement_begins_is_refused(
    ledger: Ledger, days_before_start: int
) -> None:
    """A due date before valid_from is refused with both dates; on valid_from it is billed.

    A tester billed a replacement in kind due 2025-01-01 on an agreement valid from
    2025-07-15, and it was accepted (one after valid_to was already refused).
    """
    begins = dt.date(2020, 7, 15)
    ledger.add_agreement(NLD, make_agreement(valid_from=begins))
    order = _delivered(ledger, "5", RM.REPLACEMENT_IN_KIND)
    early = begins - dt.timedelta(days=days_before_start)
    with pytest.raises(LedgerRuleError) as caught:
        ledger.bill(DEU, order.id, due_on=early)
    assert str(caught.value) == (
        f"cannot bill order {order.id} due on {early}: agreement NLD-DEU-1 begins on {begins} "
        f"(valid {begins} to 2099-12-31); give a due date on or after {begins}"
    )
    assert ledger.order(NLD, order.id).status is OrderStatus.RECEIVED  # nothing billed
    assert ledger.bill(DEU, order.id, due_on=begins).due_on == begins


def test_a_due_date_on_an_equal_value_exchange_is_named_as_the_mistake(nld_deu: Ledger) -> None:
    """An equal-value exchange billed with a due date: the due date is named, not the amount."""
    order = _delivered(nld_deu, "1", RM.EQUAL_VALUE_EXCHANGE)
    with pytest.raises(LedgerRuleError, match=r"--due is for replacement in kind.*drop --due"):
        nld_deu.bill(DEU, order.id, amount=D("150.50"), due_on=dt.date(2030, 1, 1))
    assert nld_deu.order(NLD, order.id).status is OrderStatus.RECEIVED


def test_an_in_kind_bill_needs_a_due_date(nld_deu: Ledger) -> None:
    """An in-kind bill without a due date is refused and nothing is billed (no silent +30 days)."""
    order = _delivered(nld_deu, "5", RM.REPLACEMENT_IN_KIND)
    with pytest.raises(LedgerRuleError, match=r"say by when the 5\.000 t are to be returned"):
        nld_deu.bill(DEU, order.id)
    after = nld_deu.order(NLD, order.id)
    assert (after.status, after.billed_qty, after.due_on) == (OrderStatus.RECEIVED, D(0), None)


def test_an_in_kind_bill_of_nothing_needs_no_due_date(nld_deu: Ledger) -> None:
    """Billing 0 t in kind settles at once: there is nothing to return by any date."""
    order = _delivered(nld_deu, "5", RM.REPLACEMENT_IN_KIND)
    assert nld_deu.bill(DEU, order.id, quantity=D(0)).status is OrderStatus.SETTLED


def test_equal_value_exchange_settles_in_money_terms(nld_deu: Ledger) -> None:
    """An equal-value exchange is billed and settled as an amount, with a note of what."""
    order = _delivered(nld_deu, "1", RM.EQUAL_VALUE_EXCHANGE)
    nld_deu.bill(DEU, order.id)
    done = nld_deu.settle(NLD, order.id, note="2 days of bus transport")
    assert (done.status, done.settled_amount) == (OrderStatus.SETTLED, D("950.50"))


def test_a_service_needs_and_uses_a_unit_price(nld_deu: Ledger) -> None:
    """Services are not in the price list: the request states the unit price."""
    order = nld_deu.request(
        NLD, agreement_id="NLD-DEU-1", item="transport", quantity=D("3"), unit_price=D("400")
    )
    assert order.value == D("1200.00")


def test_a_service_without_a_price_is_refused(nld_deu: Ledger) -> None:
    """A service request without a unit price cannot be valued."""
    with pytest.raises(LedgerRuleError, match="needs a unit price"):
        nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="transport", quantity=D("3"))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"item": "ammunition"}, "outside agreement NLD-DEU-1's scope"),
        ({"needed_on": dt.date(2100, 1, 2)}, "outside agreement NLD-DEU-1's period"),
        ({"unit_price": D("1")}, r"costs 950\.50* EUR/t"),
        ({"item": "transport", "quantity": D("1e14"), "unit_price": D("1e13")},
         r"order value .* above the largest the ledger stores"),
    ],
)  # fmt: skip
def test_requests_outside_the_agreement_are_refused(
    nld_deu: Ledger, kwargs: dict[str, object], message: str
) -> None:
    """Scope, period, price and the order's value are checked before an order exists."""
    args: dict[str, object] = {"item": "fuel", "quantity": D("1")} | kwargs
    with pytest.raises(LedgerRuleError, match=message):
        nld_deu.request(NLD, agreement_id="NLD-DEU-1", **args)  # type: ignore[arg-type]
    assert nld_deu.orders(NLD) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"quantity": D("0")}, r"quantity\(=0\) must be a finite amount > 0"),
        ({"quantity": D("-1")}, r"quantity\(=-1\) must be a finite amount > 0"),
        ({"quantity": D("NaN")}, r"quantity\(=NaN\) must be a finite amount"),
        ({"quantity": D("1.0001")}, "more decimal places"),
        # a service's price to 5 decimals was rounded into the order, its value was not
        ({"item": "transport", "unit_price": D("1.00005")},
         r"unit price\(=1\.00005\) has more decimal places than 0\.0001"),
        ({"item": "transport", "unit_price": D("-1")},
         r"unit price\(=-1\) must be a finite amount >= 0"),
        # huge numbers from Python callers: never decimal.InvalidOperation
        ({"quantity": D("1e30")}, "above the largest the ledger stores"),
        ({"quantity": D("1e400")}, "above the largest the ledger stores"),
        ({"item": "transport", "unit_price": D("1e30")}, "above the largest the ledger stores"),
    ],
)  # fmt: skip
def test_amounts_out_of_range_are_argument_errors(
    nld_deu: Ledger, kwargs: dict[str, object], message: str
) -> None:
    """An amount out of its range is an ArgumentError (the README's rule), NaN or negative alike.

    A negative quantity was a LedgerRuleError, a NaN one an ArgumentError.
    """
    args: dict[str, object] = {"item": "fuel", "quantity": D("1")} | kwargs
    with pytest.raises(ArgumentError, match=message) as caught:
        nld_deu.request(NLD, agreement_id="NLD-DEU-1", **args)  # type: ignore[arg-type]
    assert not isinstance(caught.value, LedgerRuleError)
    assert nld_deu.orders(NLD) == []


def test_a_mode_the_agreement_does_not_allow_is_refused(ledger: Ledger) -> None:
    """An agreement that only allows cash refuses a replacement-in-kind request."""
    ledger.add_agreement(NLD, make_agreement(modes=frozenset({RM.CASH})))
    with pytest.raises(LedgerRuleError, match="allows reimbursement by cash"):
        ledger.request(
            NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"), mode=RM.REPLACEMENT_IN_KIND
        )


def test_the_ceiling_per_order_is_enforced(ledger: Ledger) -> None:
    """An order worth more than the per-order ceiling is refused."""
    ledger.add_agreement(NLD, make_agreement(ceiling_per_order=D("1000")))
    with pytest.raises(LedgerRuleError, match=r"ceiling of 1,000\.00 EUR per order"):
        ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"))


def test_the_total_ceiling_counts_live_orders_only(ledger: Ledger) -> None:
    """The total ceiling counts open orders, and a cancelled one frees its share."""
    ledger.add_agreement(NLD, make_agreement(ceiling_total=D("2000")))
    first = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"))
    with pytest.raises(LedgerRuleError, match="above its total ceiling"):
        ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"))
    ledger.cancel(NLD, first.id)
    again = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"))
    assert again.status is OrderStatus.REQUESTED


def test_no_receipt_without_an_issue(nld_deu: Ledger) -> None:
    """An accepted order with nothing issued cannot be received."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"))
    nld_deu.accept(DEU, order.id)
    with pytest.raises(ConflictError, match="is accepted: cannot receive"):
        nld_deu.receive(NLD, order.id)


def test_no_receipt_above_the_issue(nld_deu: Ledger) -> None:
    """The receiver cannot confirm more than that issue carried."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("5"))
    nld_deu.accept(DEU, order.id)
    nld_deu.issue(DEU, order.id, D("2"))
    with pytest.raises(
        LedgerRuleError,
        match=r"against issue \d+ of order \d+: it issued 2\.000 \(the order: 5\.000 ordered",
    ):
        nld_deu.receive(NLD, order.id, quantity=D("3"))


def test_no_issue_above_the_order(nld_deu: Ledger) -> None:
    """Issues add up to at most the quantity ordered."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("5"))
    nld_deu.accept(DEU, order.id)
    nld_deu.issue(DEU, order.id, D("4"))
    with pytest.raises(LedgerRuleError, match=r"above the 5\.000 ordered"):
        nld_deu.issue(DEU, order.id, D("2"))


def test_no_bill_above_what_was_received(nld_deu: Ledger) -> None:
    """A bill larger than the value received is refused."""
    order = _delivered(nld_deu, "1")
    with pytest.raises(LedgerRuleError, match=r"is worth 950\.50 EUR"):
        nld_deu.bill(DEU, order.id, amount=D("950.51"))


def test_no_bill_while_goods_are_in_transit(nld_deu: Ledger) -> None:
    """An order with an unconfirmed issue cannot be billed yet."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"))
    nld_deu.accept(DEU, order.id)
    nld_deu.issue(DEU, order.id, D("1"))
    with pytest.raises(ConflictError, match="is issued: cannot bill"):
        nld_deu.bill(DEU, order.id)


def test_no_settlement_twice(nld_deu: Ledger) -> None:
    """A settled order cannot be settled again."""
    order = _delivered(nld_deu, "1")
    nld_deu.bill(DEU, order.id)
    nld_deu.settle(NLD, order.id)
    with pytest.raises(ConflictError, match="is settled: cannot settle"):
        nld_deu.settle(NLD, order.id)


def test_no_overpayment(nld_deu: Ledger) -> None:
    """A settlement above what is outstanding is refused, both amounts to the cent.

    ``show`` prints them so (``1,000.00``); the message said ``1000`` beside ``950.50``.
    """
    order = _delivered(nld_deu, "1")
    nld_deu.bill(DEU, order.id)
    said = r"cannot settle 1,000\.00 EUR on order \d+: only 950\.50 EUR is outstanding"
    with pytest.raises(LedgerRuleError, match=said):
        nld_deu.settle(NLD, order.id, amount=D("1000"))


def test_no_cancel_after_an_issue(nld_deu: Ledger) -> None:
    """Once something is issued the order can no longer be cancelled."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"))
    nld_deu.accept(DEU, order.id)
    nld_deu.issue(DEU, order.id, D("1"))
    with pytest.raises(ConflictError, match="is issued: cannot cancel"):
        nld_deu.cancel(DEU, order.id)


def test_a_rejected_order_stays_rejected(nld_deu: Ledger) -> None:
    """A rejected order cannot be accepted afterwards."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"))
    nld_deu.reject(DEU, order.id, reason="no stock")
    with pytest.raises(ConflictError, match="is rejected: cannot accept"):
        nld_deu.accept(DEU, order.id)


@pytest.mark.parametrize(
    ("who", "action"),
    [("receiver", "accept"), ("receiver", "issue"), ("provider", "receive"), ("receiver", "bill")],
)
def test_only_the_right_party_may_act(nld_deu: Ledger, who: str, action: str) -> None:
    """Only the provider accepts, issues and bills; only the receiver confirms receipt."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"))
    actor = NLD if who == "receiver" else DEU
    call = {
        "accept": lambda: nld_deu.accept(actor, order.id),
        "issue": lambda: nld_deu.issue(actor, order.id, D("1")),
        "receive": lambda: nld_deu.receive(actor, order.id),
        "bill": lambda: nld_deu.bill(actor, order.id),
    }[action]
    with pytest.raises(PermissionDenied, match=f"may {action} order"):
        call()


def test_a_third_partner_sees_nothing(nld_deu: Ledger) -> None:
    """FRA, a party to another agreement only, sees none of NLD–DEU's orders nor acts on one."""
    nld_deu.add_agreement(FRA, make_agreement("FRA-DEU-1", ("FRA", "DEU")))
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"))
    assert ([a.id for a in nld_deu.agreements(FRA)], nld_deu.orders(FRA)) == (["FRA-DEU-1"], [])
    with pytest.raises(NotFoundError, match=f"no order {order.id} to which FRA"):
        nld_deu.accept(FRA, order.id)


def test_a_third_partner_cannot_request_under_the_agreement(nld_deu: Ledger) -> None:
    """A request under someone else's agreement finds no such agreement."""
    nld_deu.add_agreement(FRA, make_agreement("FRA-DEU-1", ("FRA", "DEU")))
    with pytest.raises(NotFoundError, match="no agreement 'NLD-DEU-1' to which FRA"):
        nld_deu.request(FRA, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"))


@pytest.mark.parametrize(
    "call", ["agreements", "orders", "events", "order", "accept", "issue", "request"]
)
def test_a_partner_no_agreement_names_is_said_as_such_by_every_call(
    nld_deu: Ledger, call: str
) -> None:
    """A mistyped partner ('nld') is an unknown partner with its likely intent, whatever the call.

    ``request`` said it as an agreement it is not a party to (``known: none``) and
    ``accept`` as an order not its own, while ``orders`` offered ``did you mean 'NLD'?``.
    """
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"))
    typo = Actor(partner="nld", user="jan")
    calls = {
        "agreements": lambda: nld_deu.agreements(typo),
        "orders": lambda: nld_deu.orders(typo),
        "events": lambda: nld_deu.events(typo),
        "order": lambda: nld_deu.order(typo, order.id),
        "accept": lambda: nld_deu.accept(typo, order.id),
        "issue": lambda: nld_deu.issue(typo, order.id, D("1")),
        "request": lambda: nld_deu.request(
            typo, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1")
        ),
    }
    with pytest.raises(
        NotFoundError,
        match=r"^no agreement in the ledger names partner 'nld' \(did you mean 'NLD'\?\)$",
    ):
        calls[call]()


@pytest.mark.parametrize(("item", "hint"), [("fuell", "fuel"), ("watr", "water"), ("Fuel", "fuel")])
def test_an_item_one_slip_off_the_scope_is_offered_what_it_meant(
    nld_deu: Ledger, item: str, hint: str
) -> None:
    """``--item watr`` is an unknown name (NotFoundError, exit 3) offered ``water``, not a rule."""
    said = (
        rf"^no item '{item}' in agreement NLD-DEU-1's scope "
        rf"\(did you mean '{hint}'\?; in scope: fuel, transport, water\)$"
    )
    with pytest.raises(NotFoundError, match=said):
        nld_deu.request(NLD, agreement_id="NLD-DEU-1", item=item, quantity=D("1"))
    assert nld_deu.orders(NLD) == []


def test_an_item_like_none_in_scope_breaks_the_agreement(nld_deu: Ledger) -> None:
    """A real commodity outside the scope (food) stays a rule of the agreement (exit 5)."""
    with pytest.raises(LedgerRuleError, match=r"^'food' is outside agreement NLD-DEU-1's scope"):
        nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="food", quantity=D("1"))


def test_only_a_party_may_enter_an_agreement(ledger: Ledger) -> None:
    """FRA cannot put an NLD–DEU agreement into the ledger."""
    with pytest.raises(PermissionDenied, match="FRA is not a party"):
        ledger.add_agreement(FRA, make_agreement())


def test_the_same_agreement_twice_is_a_no_op(ledger: Ledger) -> None:
    """Entering identical terms again changes nothing and logs nothing."""
    first = ledger.add_agreement(NLD, make_agreement())
    second = ledger.add_agreement(DEU, make_agreement())
    assert (first, second, ledger.verify().events) == (True, False, 1)


def test_different_terms_under_an_existing_id_conflict(ledger: Ledger) -> None:
    """An agreement id cannot be reused for other terms."""
    ledger.add_agreement(NLD, make_agreement())
    with pytest.raises(ConflictError, match="already in the ledger with different terms"):
        ledger.add_agreement(NLD, make_agreement(ceiling_total=D("5")))


def test_a_retried_request_is_not_duplicated(nld_deu: Ledger) -> None:
    """The same idempotency key and request returns the first order, and logs once."""
    first = nld_deu.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"), idempotency_key="req-1"
    )
    again = nld_deu.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"), idempotency_key="req-1"
    )
    assert (again.id, len(nld_deu.orders(NLD)), nld_deu.verify().events) == (first.id, 1, 2)


def test_a_retried_transition_is_not_applied_twice(nld_deu: Ledger) -> None:
    """Retrying an issue with its key does not issue twice."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"))
    nld_deu.accept(DEU, order.id)
    nld_deu.issue(DEU, order.id, D("1"), idempotency_key="iss-1")
    again = nld_deu.issue(DEU, order.id, D("1"), idempotency_key="iss-1")
    assert again.issued_qty == D("1.000")


def test_a_key_reused_for_another_request_conflicts(nld_deu: Ledger) -> None:
    """The same key with a different payload is a ConflictError."""
    nld_deu.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"), idempotency_key="req-1"
    )
    with pytest.raises(ConflictError, match="already used by NLD for a different request"):
        nld_deu.request(
            NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("3"), idempotency_key="req-1"
        )


def test_keys_are_per_partner(nld_deu: Ledger) -> None:
    """Two partners may use the same key string without colliding."""
    order = nld_deu.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"), idempotency_key="k"
    )
    accepted = nld_deu.accept(DEU, order.id, idempotency_key="k")
    assert accepted.status is OrderStatus.ACCEPTED


def test_a_stale_version_conflicts(nld_deu: Ledger) -> None:
    """Acting on a version that is no longer current is a ConflictError."""
    order = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("2"))
    nld_deu.accept(DEU, order.id, expected_version=order.version)
    with pytest.raises(ConflictError, match="changed: it is at version 2"):
        nld_deu.cancel(NLD, order.id, expected_version=order.version)


def test_orders_are_filtered_by_status(nld_deu: Ledger) -> None:
    """Listing by status returns only the orders in that status."""
    a = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"))
    nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("1"))
    nld_deu.accept(DEU, a.id)
    accepted = nld_deu.orders(DEU, status=OrderStatus.ACCEPTED)
    assert [o.id for o in accepted] == [a.id]


def test_the_actor_needs_a_partner_and_a_user() -> None:
    """An actor without a user name is refused when it is made."""
    with pytest.raises(ValueError, match="needs a user name"):
        Actor(partner="NLD", user=" ")


def test_an_order_id_beyond_any_is_not_found(nld_deu: Ledger) -> None:
    """An id too large for an SQL integer is simply not found (no OverflowError)."""
    with pytest.raises(NotFoundError, match="no order"):
        nld_deu.accept(DEU, 10**23)
    with pytest.raises(NotFoundError, match="no order"):
        nld_deu.order(DEU, 10**23)

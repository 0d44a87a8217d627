"""Order transitions inside one write transaction: every rule is checked here.

Each function takes the locked session, the acting partner and the clock reading, changes
the order's row (and adds its detail line), and returns the payload of the audit event.
The service around it owns the transaction, the chain head and idempotency.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from supplyline.domain import ReimbursementMode
from supplyline.domain.agreements import period_words
from supplyline.domain.amounts import money_text, quantity_text, unit_price_text, value_of
from supplyline.errors import ArgumentError, ConflictError, NotFoundError, PermissionDenied
from supplyline.services.db.tables import AgreementRow, OrderLineRow, OrderRow
from supplyline.services.ledger.agreements import check_partner
from supplyline.services.ledger.audit import order_snapshot
from supplyline.services.ledger.errors import LedgerRuleError
from supplyline.services.ledger.reconcile import check_agreement
from supplyline.services.ledger.rules import ALLOWED_FROM, ROLE_OF, Action, Role
from supplyline.services.ledger.views import (
    LARGEST_ORDER_ID,
    Actor,
    Condition,
    LineKind,
    OrderStatus,
    largest_amount,
)

__all__ = [
    "CENT",
    "MILLI",
    "ZERO",
    "bill_order",
    "check_transition",
    "fits",
    "issue_order",
    "load_order_for",
    "positive",
    "receive_order",
    "set_status",
    "settle_order",
]

CENT = Decimal("0.01")
MILLI = Decimal("0.001")
ZERO = Decimal(0)
MONEY_MODES = frozenset({ReimbursementMode.CASH, ReimbursementMode.EQUAL_VALUE_EXCHANGE})


def _largest(name: str, value: Decimal, quantum: Decimal) -> None:
    """Refuse a finite ``value`` beyond what a column of ``quantum`` stores (ArgumentError)."""
    most = largest_amount(-int(quantum.as_tuple().exponent))
    if abs(value) > most:
        raise ArgumentError(f"{name}(={value}) is above the largest the ledger stores ({most:,})")


def fits(value: Decimal, quantum: Decimal) -> bool:
    """True if finite ``value`` is within the ledger's range and has no digits below ``quantum``.

    >>> fits(Decimal("1.25"), CENT), fits(Decimal("1.255"), CENT), fits(Decimal("1e400"), CENT)
    (True, False, False)
    """
    most = largest_amount(-int(quantum.as_tuple().exponent))
    return value.is_finite() and abs(value) <= most and value.quantize(quantum) == value


def positive(name: str, value: Decimal, quantum: Decimal) -> Decimal:
    """Return ``value`` if finite, > 0, storable and fitting ``quantum``; else ArgumentError.

    The amount a script gives out of its range, as the README says of every API value
    (``is negative``): a negative quantity was a LedgerRuleError (a ConflictError) while a
    NaN one was an ArgumentError. The CLI checks its options first (exit 2).
    """
    if not value.is_finite() or value <= 0:
        raise ArgumentError(f"{name}(={value}) must be a finite amount > 0")
    _largest(name, value, quantum)
    if value.quantize(quantum) != value:
        raise ArgumentError(f"{name}(={value}) has more decimal places than {quantum}")
    return value


def load_order_for(session: Session, actor: Actor, order_id: int) -> OrderRow:
    """The order if the actor's partner is a party to it (NotFoundError otherwise)."""
    row = session.get(OrderRow, order_id) if 0 < order_id <= LARGEST_ORDER_ID else None
    if row is None or actor.partner not in (row.provider, row.receiver):
        check_partner(session, actor.partner)  # a mistyped --as is said as such
        raise NotFoundError(f"no order {order_id} to which {actor.partner} is a party")
    return row


def check_transition(
    row: OrderRow, actor: Actor, action: Action, expected_version: int | None
) -> None:
    """Refuse the wrong party (PermissionDenied), a stale version or a wrong status (Conflict)."""
    role = ROLE_OF[action]
    if role is Role.PROVIDER and actor.partner != row.provider:
        raise PermissionDenied(
            f"only the provider ({row.provider}) may {action} order {row.id}, not {actor.partner}"
        )
    if role is Role.RECEIVER and actor.partner != row.receiver:
        raise PermissionDenied(
            f"only the receiver ({row.receiver}) may {action} order {row.id}, not {actor.partner}"
        )
    if expected_version is not None and expected_version != row.version:
        raise ConflictError(
            f"order {row.id} changed: it is at version {row.version}, you expected "
            f"{expected_version} (now {row.status}); look again before you act"
        )
    allowed = ALLOWED_FROM[action]
    if OrderStatus(row.status) not in allowed:
        names = ", ".join(sorted(s.value for s in allowed))
        raise ConflictError(
            f"order {row.id} is {row.status}: cannot {action} it (only when {names})"
        )


def set_status(row: OrderRow, status: OrderStatus, now: dt.datetime) -> None:
    """Move an order to a status and bump its version."""
    row.status = status.value
    row.version += 1
    row.updated_at = now


def _line(
    session: Session, row: OrderRow, kind: LineKind, actor: Actor, now: dt.datetime, **fields: Any
) -> OrderLineRow:
    line = OrderLineRow(
        order_id=row.id,
        kind=kind.value,
        partner=actor.partner,
        user_name=actor.user,
        note=fields.pop("note", ""),
        at=now,
        **fields,
    )
    session.add(line)
    session.flush()
    return line


def issue_order(
    session: Session,
    row: OrderRow,
    actor: Actor,
    now: dt.datetime,
    quantity: Decimal | None,
    note: str,
) -> dict[str, Any]:
    """The provider issues (part of) the order; never more than ordered in all.

    ``quantity`` None issues what is left to issue, as a receipt without one receives
    what is left of its issue (``issue`` required it, and the command line said only
    "Missing option '--quantity'").
    """
    if quantity is None:
        quantity = row.quantity - row.issued_qty
        if quantity <= 0:
            raise LedgerRuleError(
                f"nothing is left to issue on order {row.id}: all "
                f"{quantity_text(row.quantity)} ordered is issued"
            )
    positive("quantity", quantity, MILLI)
    if row.issued_qty + quantity > row.quantity:
        raise LedgerRuleError(
            f"issuing {quantity_text(quantity)} would bring order {row.id} to "
            f"{quantity_text(row.issued_qty + quantity)}, above the "
            f"{quantity_text(row.quantity)} ordered "
            f"({quantity_text(row.issued_qty)} already issued)"
        )
    line = _line(session, row, LineKind.ISSUE, actor, now, quantity=quantity, note=note)
    row.issued_qty += quantity
    set_status(row, OrderStatus.ISSUED, now)
    return {"line": line.id, "quantity": quantity, "note": note}


def _issues_left(session: Session, row: OrderRow) -> list[tuple[OrderLineRow, Decimal, bool]]:
    """Each issue of the order with something left to receive: (issue, left, none received).

    An issue is received in parts: a receipt of less than was issued leaves the rest to a
    later one (60 of 100 t, then 40), up to what was issued, never more. Receiving 60 of
    100 t closed the issue, and the second receipt was refused (the order was received).
    """
    lines = list(
        session.execute(
            select(OrderLineRow).where(OrderLineRow.order_id == row.id).order_by(OrderLineRow.id)
        ).scalars()
    )
    received: dict[int, Decimal] = {}
    for ln in lines:
        if ln.kind == LineKind.RECEIPT.value and ln.ref_line is not None:
            received[ln.ref_line] = received.get(ln.ref_line, ZERO) + (ln.quantity or ZERO)
    left = []
    for ln in lines:
        if ln.kind == LineKind.ISSUE.value and ln.quantity is not None:
            rest = ln.quantity - received.get(ln.id, ZERO)
            if ln.id not in received or rest > 0:
                left.append((ln, rest, ln.id not in received))
    return left


def _issue_to_receive(
    row: OrderRow, left: list[tuple[OrderLineRow, Decimal, bool]], issue_line: int | None
) -> tuple[OrderLineRow, Decimal]:
    """The issue a receipt is for, and what is left of it: as asked, else the oldest open one.

    By default an issue nothing was received of yet (in transit), else the oldest one
    received in part.
    """
    if issue_line is None:
        if not left:
            raise ConflictError(
                f"order {row.id} has nothing left to receive: every issue is received in full "
                f"({quantity_text(row.issued_qty)} issued, {quantity_text(row.received_qty)} "
                f"received, {quantity_text(row.quantity)} ordered)"
            )
        issue, rest, _ = next((x for x in left if x[2]), left[0])
        return issue, rest
    found = [(ln, rest) for ln, rest, _ in left if ln.id == issue_line]
    if not found:
        raise ConflictError(
            f"order {row.id} has no issue {issue_line} with anything left to receive "
            f"(open: {', '.join(str(ln.id) for ln, _, _ in left) or 'none'})"
        )
    return found[0]


def receive_order(
    session: Session,
    row: OrderRow,
    actor: Actor,
    now: dt.datetime,
    *,
    quantity: Decimal | None,
    condition: Condition,
    issue_line: int | None,
    note: str,
) -> dict[str, Any]:
    """The receiver confirms (part of) one issue: what arrived and in what condition.

    The order is ``received`` (billable) once every issue has a receipt; what an issue's
    receipts leave of it may still be received until the order is billed.
    """
    left = _issues_left(session, row)
    issue, rest = _issue_to_receive(row, left, issue_line)
    assert issue.quantity is not None
    got = rest if quantity is None else quantity
    if not fits(got, MILLI) or got < 0:
        raise LedgerRuleError(
            f"received quantity(={got}) must be >= 0 with at most 3 decimals, "
            f"up to {largest_amount(3)}"
        )
    if got > rest:
        before = issue.quantity - rest
        raise LedgerRuleError(
            f"cannot receive {quantity_text(got)} against issue {issue.id} of order {row.id}: "
            f"it issued {quantity_text(issue.quantity)}"
            + (
                f", of which {quantity_text(before)} is received, so {quantity_text(rest)} is left"
                if before
                else ""
            )
            + f" (the order: {quantity_text(row.quantity)} ordered, "
            f"{quantity_text(row.issued_qty)} issued, {quantity_text(row.received_qty)} "
            "received); no more can be received than was issued"
        )
    line = _line(
        session,
        row,
        LineKind.RECEIPT,
        actor,
        now,
        quantity=got,
        ref_line=issue.id,
        condition=condition.value,
        note=note,
    )
    row.received_qty += got
    in_transit = [ln for ln, _, none_yet in left if none_yet and ln.id != issue.id]
    set_status(row, OrderStatus.ISSUED if in_transit else OrderStatus.RECEIVED, now)
    return {
        "line": line.id,
        "issue_line": issue.id,
        "quantity": got,
        "condition": condition.value,
        "note": note,
    }


def _check_due_within(session: Session, row: OrderRow, due_on: dt.date) -> None:
    """Refuse a return date outside the agreement's period: its terms oblige none there.

    A replacement in kind billed ``--due 2026-09-15`` on an agreement that ended on
    2025-09-30 was accepted, a debt due a year after the terms that made it; one due
    before the agreement began (``--due 2025-01-01`` under terms valid from 2025-07-15)
    was accepted too, a debt overdue before anything could be given under them.
    """
    check_agreement(session, row.agreement_id)  # its period as its event gives it
    agreement = session.get(AgreementRow, row.agreement_id)
    if agreement is None:  # the order's foreign key holds it; said rather than assumed
        raise NotFoundError(f"order {row.id}'s agreement {row.agreement_id!r} is not stored")
    period = f"valid {period_words(agreement.valid_from, agreement.valid_to)}"
    if due_on > agreement.valid_to:
        raise LedgerRuleError(
            f"cannot bill order {row.id} due on {due_on}: agreement {agreement.id} ends on "
            f"{agreement.valid_to} ({period}); give a due date on or before {agreement.valid_to}"
        )
    if due_on < agreement.valid_from:
        raise LedgerRuleError(
            f"cannot bill order {row.id} due on {due_on}: agreement {agreement.id} begins on "
            f"{agreement.valid_from} ({period}); give a due date on or after "
            f"{agreement.valid_from}"
        )


def bill_order(
    session: Session,
    row: OrderRow,
    actor: Actor,
    now: dt.datetime,
    *,
    amount: Decimal | None,
    quantity: Decimal | None,
    due_on: dt.date | None,
    note: str,
) -> dict[str, Any]:
    """The provider bills what was received: money, or a quantity to replace by a date."""
    mode = ReimbursementMode(row.mode)
    fields: dict[str, Any] = {"mode": mode.value, "note": note}
    if mode in MONEY_MODES:
        if due_on is not None:  # "bill an amount" was said when an amount was given
            raise LedgerRuleError(
                f"order {row.id} is reimbursed by {_said(mode)}: --due is for replacement "
                f"in kind; {_a(mode)} is billed an amount with no due date: drop --due"
            )
        if quantity is not None:
            raise LedgerRuleError(
                f"order {row.id} is reimbursed by {_said(mode)}: --quantity is for replacement "
                f"in kind; {_a(mode)} is billed an amount (--amount): drop --quantity"
            )
        ceiling = value_of(row.received_qty, row.unit_price)
        billed = ceiling if amount is None else amount
        if not fits(billed, CENT) or billed < 0:
            raise LedgerRuleError(
                f"amount(={billed}) must be >= 0 with at most 2 decimals, up to {largest_amount(2)}"
            )
        if billed > ceiling:
            raise LedgerRuleError(
                f"cannot bill {money_text(billed)} {row.currency} for order {row.id}: what was "
                f"received ({quantity_text(row.received_qty)} at "
                f"{unit_price_text(row.unit_price)}) is worth {money_text(ceiling)} {row.currency}"
            )
        row.billed_amount = billed
        fields["amount"] = billed
        nothing_owed = billed == 0
    else:
        if amount is not None:
            raise LedgerRuleError(
                f"order {row.id} is replaced in kind: --amount is for cash or an equal-value "
                "exchange; replacement in kind is billed a quantity (--quantity, default what "
                "was received) to return by a date (--due): drop --amount"
            )
        owed = row.received_qty if quantity is None else quantity
        if not fits(owed, MILLI) or owed < 0:
            raise LedgerRuleError(
                f"quantity(={owed}) must be >= 0 with at most 3 decimals, up to {largest_amount(3)}"
            )
        if owed > row.received_qty:
            raise LedgerRuleError(
                f"cannot bill {quantity_text(owed)} for order {row.id}: only "
                f"{quantity_text(row.received_qty)} was received"
            )
        if due_on is None and owed > 0:  # it was today + 30 days, past the agreement's end
            raise LedgerRuleError(
                f"order {row.id} is replaced in kind: say by when the {quantity_text(owed)} t are "
                "to be "
                "returned (--due YYYY-MM-DD); an in-kind bill is a quantity with a due date"
            )
        if due_on is not None:
            _check_due_within(session, row, due_on)
        row.billed_qty = owed
        row.due_on = due_on
        fields.update(quantity=owed, due_on=row.due_on)
        nothing_owed = owed == 0
    line = _line(session, row, LineKind.BILL, actor, now, **fields)
    set_status(row, OrderStatus.SETTLED if nothing_owed else OrderStatus.BILLED, now)
    return {"line": line.id, **fields}


def settle_order(
    session: Session,
    row: OrderRow,
    actor: Actor,
    now: dt.datetime,
    *,
    amount: Decimal | None,
    quantity: Decimal | None,
    note: str,
) -> dict[str, Any]:
    """The receiver pays (cash), replaces in kind, or gives equal value; never twice."""
    mode = ReimbursementMode(row.mode)
    fields: dict[str, Any] = {"mode": mode.value, "note": note}
    if mode in MONEY_MODES:
        if quantity is not None:
            raise LedgerRuleError(
                f"order {row.id} is reimbursed by {_said(mode)}: --quantity is for replacement "
                f"in kind; {_a(mode)} is settled an amount (--amount, default all outstanding): "
                "drop --quantity"
            )
        outstanding = row.billed_amount - row.settled_amount
        paid = outstanding if amount is None else positive("amount", amount, CENT)
        if paid > outstanding:
            raise LedgerRuleError(
                f"cannot settle {money_text(paid)} {row.currency} on order {row.id}: "
                f"only {money_text(outstanding)} {row.currency} is outstanding"
            )
        row.settled_amount += paid
        fields["amount"] = paid
        done = row.settled_amount == row.billed_amount
    else:
        if amount is not None:
            raise LedgerRuleError(
                f"order {row.id} is replaced in kind: --amount is for cash or an equal-value "
                "exchange; replacement in kind is settled a quantity (--quantity, default all "
                "owed): drop --amount"
            )
        outstanding = row.billed_qty - row.settled_qty
        given = outstanding if quantity is None else positive("quantity", quantity, MILLI)
        if given > outstanding:
            raise LedgerRuleError(
                f"cannot replace {quantity_text(given)} on order {row.id}: only "
                f"{quantity_text(outstanding)} is owed"
            )
        row.settled_qty += given
        fields["quantity"] = given
        done = row.settled_qty == row.billed_qty
    line = _line(session, row, LineKind.SETTLEMENT, actor, now, **fields)
    set_status(row, OrderStatus.SETTLED if done else OrderStatus.BILLED, now)
    return {"line": line.id, **fields}


def _said(mode: ReimbursementMode) -> str:
    """A mode as a person reads it: ``equal-value exchange``, not ``equal_value_exchange``."""
    return {
        ReimbursementMode.CASH: "cash",
        ReimbursementMode.EQUAL_VALUE_EXCHANGE: "equal-value exchange",
        ReimbursementMode.REPLACEMENT_IN_KIND: "replacement in kind",
    }[mode]


def _a(mode: ReimbursementMode) -> str:
    """``a cash order`` / ``an equal-value exchange``: the subject of a sentence on billing."""
    return "a cash order" if mode is ReimbursementMode.CASH else f"an {_said(mode)}"


def snapshot_payload(row: OrderRow, extra: dict[str, Any]) -> dict[str, Any]:
    """The event payload of a transition: its arguments plus the order's state after it."""
    return {**extra, "after": order_snapshot(row)}

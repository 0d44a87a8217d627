"""Who owes whom: balances per partner pair and agreement, and a partner's statement.

Everything is seen from one partner's side: a positive amount is owed *to* that partner.
A bill is owed to the provider by the receiver; a settlement pays it down. Money is kept
per currency, replacement-in-kind obligations per commodity (``unit`` is ``"t fuel"``).
So partner A's total with B, per unit, is exactly minus B's total with A: the two
statements reconcile to zero by construction, and the tests check that they do.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from supplyline.domain import ReimbursementMode
from supplyline.domain.amounts import MONEY_DECIMALS, QUANTITY_DECIMALS
from supplyline.services.ledger.views import LineKind, SupportOrder
from supplyline.types import PartnerId

__all__ = [
    "Balance",
    "StatementLine",
    "balances_of",
    "statement_of",
    "unit_decimals",
    "unit_of",
]

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Balance:
    """What one partner and a counterparty owe each other under one agreement, in one unit."""

    partner: PartnerId
    counterparty: PartnerId
    agreement_id: str
    unit: str
    receivable: Decimal
    """Billed to the counterparty and not yet settled."""
    payable: Decimal
    """Billed to the partner and not yet settled."""
    next_due: dt.date | None = None
    """Earliest due date of an open replacement-in-kind obligation."""

    @property
    def net(self) -> Decimal:
        """Receivable minus payable: positive means the counterparty owes the partner."""
        return self.receivable - self.payable


@dataclass(frozen=True, slots=True, kw_only=True)
class StatementLine:
    """One bill or settlement, signed from the statement owner's side, with running balance."""

    at: dt.datetime
    order_id: int
    agreement_id: str
    counterparty: PartnerId
    kind: LineKind
    item: str
    unit: str
    amount: Decimal
    balance: Decimal
    note: str = ""


def unit_decimals(unit: str) -> int:
    """Decimals the ledger keeps in ``unit``: 3 for tonnes owed in kind, 2 for money.

    >>> unit_decimals("t fuel"), unit_decimals("EUR")
    (3, 2)
    """
    return QUANTITY_DECIMALS if unit.startswith("t ") else MONEY_DECIMALS


def _quantum(unit: str) -> Decimal:
    return Decimal(1).scaleb(-unit_decimals(unit))


def unit_of(order: SupportOrder) -> str:
    """The unit an order's obligation is counted in: its currency, or tonnes of its item."""
    if ReimbursementMode(order.mode) is ReimbursementMode.REPLACEMENT_IN_KIND:
        return f"t {order.item}"
    return order.currency


def _outstanding(order: SupportOrder) -> Decimal:
    if ReimbursementMode(order.mode) is ReimbursementMode.REPLACEMENT_IN_KIND:
        return order.billed_qty - order.settled_qty
    return order.billed_amount - order.settled_amount


def balances_of(partner: PartnerId, orders: Iterable[SupportOrder]) -> list[Balance]:
    """Balances of ``partner`` with each counterparty, per agreement and unit."""
    acc: dict[tuple[str, str, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    due: dict[tuple[str, str, str], dt.date] = {}
    for order in orders:
        if partner not in (order.provider, order.receiver):
            continue
        is_provider = partner == order.provider
        other = order.receiver if is_provider else order.provider
        key = (other, order.agreement_id, unit_of(order))
        open_amount = _outstanding(order)
        acc[key][0 if is_provider else 1] += open_amount
        if open_amount > 0 and order.due_on is not None:
            due[key] = min(due.get(key, order.due_on), order.due_on)
    return [
        Balance(
            partner=partner,
            counterparty=other,
            agreement_id=agreement,
            unit=unit,
            receivable=recv.quantize(_quantum(unit)),
            payable=pay.quantize(_quantum(unit)),
            next_due=due.get((other, agreement, unit)),
        )
        for (other, agreement, unit), (recv, pay) in sorted(acc.items())
    ]


def statement_of(
    partner: PartnerId, orders: Iterable[SupportOrder], counterparty: PartnerId | None = None
) -> list[StatementLine]:
    """Every bill and settlement between ``partner`` and others, oldest first.

    ``balance`` runs per counterparty and unit, so the last line of each pair is what the
    two partners owe each other in that unit (and equals the net of :func:`balances_of`).
    """
    entries: list[tuple[dt.datetime, int, SupportOrder, LineKind, Decimal, str]] = []
    for order in orders:
        if partner not in (order.provider, order.receiver):
            continue
        other = order.receiver if partner == order.provider else order.provider
        if counterparty is not None and other != counterparty:
            continue
        sign = 1 if partner == order.provider else -1
        in_kind = ReimbursementMode(order.mode) is ReimbursementMode.REPLACEMENT_IN_KIND
        for line in order.lines:
            if line.kind not in (LineKind.BILL, LineKind.SETTLEMENT):
                continue
            value = line.quantity if in_kind else line.amount
            assert value is not None
            signed = (value * sign if line.kind is LineKind.BILL else -value * sign) + ZERO
            entries.append((line.at, line.id, order, line.kind, signed, line.note))
    entries.sort(key=lambda e: (e[0], e[1]))
    running: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    lines: list[StatementLine] = []
    for at, _line_id, order, kind, signed, note in entries:
        other = order.receiver if partner == order.provider else order.provider
        unit = unit_of(order)
        running[(other, unit)] += signed
        lines.append(
            StatementLine(
                at=at,
                order_id=order.id,
                agreement_id=order.agreement_id,
                counterparty=other,
                kind=kind,
                item=order.item,
                unit=unit,
                amount=signed,
                balance=running[(other, unit)],
                note=note,
            )
        )
    return lines

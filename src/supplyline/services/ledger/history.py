"""An order's totals, status and version recomputed from what each of its events did.

Each transition's event records its line (the quantity issued or received, the amount
billed or settled) and, as ``after``, the order's row as the writer saw it. ``after`` is
a copy of the table: a row edited in SQL between two writes (``billed_amount`` raised to
99,999) went into the next event as if supplyline had computed it, and ``verify``, which
held the tables to the latest ``after``, then called the ledger intact. This module adds
up the lines instead, as the rules of :mod:`orders` do, so the totals follow from the
order's whole history; :mod:`replay` holds each ``after`` to them, and each step to the
rules of the status it was taken from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from supplyline.domain import ReimbursementMode
from supplyline.domain.amounts import money_text, quantity_text, value_of
from supplyline.services.ledger.rules import ALLOWED_FROM, Action
from supplyline.services.ledger.views import OrderStatus

__all__ = ["MONEY_TOTALS", "OrderTally", "Setter", "shown_total"]

_MONEY = Decimal("0.01")
_QTY = Decimal("0.001")
MONEY_TOTALS = frozenset({"billed_amount", "settled_amount"})
"""The totals kept in money (the others are quantities)."""


@dataclass(frozen=True, slots=True)
class Setter:
    """The event that last set a value: its number and kind."""

    seq: int
    kind: str

    def __str__(self) -> str:
        return f"event {self.seq}, {self.kind}"


def shown_total(name: str, value: Any) -> str:
    """A total as a person reads it: ``42,775.00`` for money, ``29.500`` for tonnes."""
    if not isinstance(value, Decimal):
        return repr(value)
    return money_text(value) if name in MONEY_TOTALS else quantity_text(value)


def _dec(data: dict[str, Any], name: str) -> Decimal:
    return Decimal(str(data.get(name) or 0))


@dataclass(slots=True)
class OrderTally:
    """One order as its events make it: what :func:`snapshot` must equal after each event."""

    order_id: int
    quantity: Decimal
    unit_price: Decimal
    made_by: Setter
    status: str = OrderStatus.REQUESTED.value
    version: int = 1
    totals: dict[str, Decimal] = field(default_factory=dict)
    setters: dict[str, Setter] = field(default_factory=dict)
    issued: dict[int, Decimal] = field(default_factory=dict)
    """Each issue line's quantity, by line id."""
    received: dict[int, Decimal] = field(default_factory=dict)
    """What the receipts of each issue line add up to, by that line's id."""

    @classmethod
    def requested(cls, order_id: int, data: dict[str, Any], who: Setter) -> OrderTally:
        """The order as its request made it: nothing issued, billed or settled, version 1."""
        tally = cls(
            order_id=order_id,
            quantity=_dec(data, "quantity"),
            unit_price=_dec(data, "unit_price"),
            made_by=who,
        )
        for name in ("issued_qty", "received_qty", "billed_qty", "settled_qty"):
            tally.totals[name] = Decimal(0).quantize(_QTY)
        for name in MONEY_TOTALS:
            tally.totals[name] = Decimal(0).quantize(_MONEY)
        for name in (*tally.totals, "status", "version"):
            tally.setters[name] = who
        return tally

    def snapshot(self) -> dict[str, Any]:
        """The order's state as :func:`audit.order_snapshot` writes it into ``after``."""
        return {"status": self.status, "version": self.version, **self.totals}

    def step(self, kind: str, data: dict[str, Any], who: Setter) -> list[str]:
        """Apply one transition's event; what in it breaks the rules, in words (none: ``[]``).

        A step the rules would have refused (a settlement of more than was billed, an issue
        after a cancellation) can only have been written from a row edited outside
        supplyline: it is said with the event that took it.
        """
        try:
            action = Action(kind)
        except ValueError:
            return []  # not a transition of an order (none such is written today)
        problems = []
        if OrderStatus(self.status) not in ALLOWED_FROM.get(action, frozenset()):
            problems.append(
                f"event {who.seq} ({kind}) acts on order {self.order_id} while its events "
                f"have it {self.status} (by {self.setters['status']})"
            )
        in_kind = data.get("mode") == ReimbursementMode.REPLACEMENT_IN_KIND.value
        status = {
            Action.ACCEPT: OrderStatus.ACCEPTED,
            Action.REJECT: OrderStatus.REJECTED,
            Action.CANCEL: OrderStatus.CANCELLED,
            Action.ISSUE: OrderStatus.ISSUED,
        }.get(action)
        if action is Action.ISSUE:
            self.issued[int(data["line"])] = _dec(data, "quantity")
            self._add("issued_qty", _dec(data, "quantity"), who)
            problems += self._within("issued_qty", self.quantity, who, "ordered")
        elif action is Action.RECEIVE:
            issue = int(data["issue_line"])
            self.received[issue] = self.received.get(issue, Decimal(0)) + _dec(data, "quantity")
            self._add("received_qty", _dec(data, "quantity"), who)
            if self.received[issue] > self.issued.get(issue, Decimal(0)):
                problems.append(
                    f"event {who.seq} (receive) brings issue {issue} of order {self.order_id} "
                    f"to {quantity_text(self.received[issue])} received, above the "
                    f"{quantity_text(self.issued.get(issue, Decimal(0)))} issued"
                )
            open_ = [line for line in self.issued if line not in self.received]
            status = OrderStatus.ISSUED if open_ else OrderStatus.RECEIVED
        elif action is Action.BILL:
            name = "billed_qty" if in_kind else "billed_amount"
            owed = _dec(data, "quantity" if in_kind else "amount")
            self._set(name, owed, who)
            most = self.totals["received_qty"]
            problems += self._within(
                name, most if in_kind else value_of(most, self.unit_price), who, "received"
            )
            status = OrderStatus.SETTLED if owed == 0 else OrderStatus.BILLED
        elif action is Action.SETTLE:
            name, billed = (
                ("settled_qty", "billed_qty") if in_kind else ("settled_amount", "billed_amount")
            )
            self._add(name, _dec(data, "quantity" if in_kind else "amount"), who)
            problems += self._within(name, self.totals[billed], who, "billed")
            done = self.totals[name] == self.totals[billed]
            status = OrderStatus.SETTLED if done else OrderStatus.BILLED
        assert status is not None  # every Action but REQUEST is handled above
        self.version += 1
        self.setters["version"] = who
        if status.value != self.status:
            self.setters["status"] = who
        self.status = status.value
        return problems

    def _set(self, name: str, value: Decimal, who: Setter) -> None:
        quantum = _MONEY if name in MONEY_TOTALS else _QTY
        self.totals[name] = value.quantize(quantum)
        self.setters[name] = who

    def _add(self, name: str, value: Decimal, who: Setter) -> None:
        self._set(name, self.totals[name] + value, who)

    def _within(self, name: str, most: Decimal, who: Setter, what: str) -> list[str]:
        if self.totals[name] <= most:
            return []
        return [
            f"event {who.seq} ({who.kind}) brings order {self.order_id}'s {name} to "
            f"{shown_total(name, self.totals[name])}, above the {shown_total(name, most)} "
            f"{what} by its events"
        ]

"""What the ledger hands out: who acts, orders and their lines, balances, statements, audit.

These are plain frozen records, built from the tables by the service; nothing here touches
the database, so faces can format them without knowing SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from supplyline.domain import ReimbursementMode
from supplyline.domain.amounts import (
    MONEY_DECIMALS,
    QUANTITY_DECIMALS,
    UNIT_PRICE_DECIMALS,
    check_amounts,
    largest_amount,
    value_of,
)
from supplyline.domain.fields import check_fields
from supplyline.errors import ArgumentError, quoted, require
from supplyline.types import MAX_USER_LEN, PartnerId, id_problem, text_problem

__all__ = [
    "LARGEST_ORDER_ID",
    "MONEY_DECIMALS",
    "NO_USER",
    "QUANTITY_DECIMALS",
    "UNIT_PRICE_DECIMALS",
    "USER_RULE",
    "Actor",
    "Condition",
    "ItemKind",
    "LineKind",
    "OrderLine",
    "OrderRequest",
    "OrderStatus",
    "Requested",
    "SupportOrder",
    "actor_text",
    "largest_amount",
    "user_problem",
]

LARGEST_ORDER_ID = 2**63 - 1
"""No order number is larger (a 64-bit integer column)."""


class OrderStatus(StrEnum):
    """Where an order is in its life (see ``rules.TRANSITIONS`` for the allowed moves)."""

    REQUESTED = "requested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    ISSUED = "issued"
    """Something was issued that the receiver has not yet confirmed."""
    RECEIVED = "received"
    """Every issue so far is confirmed; more may still be issued up to the quantity."""
    BILLED = "billed"
    SETTLED = "settled"
    CANCELLED = "cancelled"


class ItemKind(StrEnum):
    """Goods priced per tonne from the price list, or a service priced in the request."""

    COMMODITY = "commodity"
    SERVICE = "service"


class LineKind(StrEnum):
    """The kinds of detail line behind an order's totals."""

    ISSUE = "issue"
    RECEIPT = "receipt"
    BILL = "bill"
    SETTLEMENT = "settlement"


class Condition(StrEnum):
    """The condition in which the receiver found what it received."""

    SERVICEABLE = "serviceable"
    DAMAGED = "damaged"
    UNSERVICEABLE = "unserviceable"


NO_USER = "unknown"
"""The user recorded for an actor no user was named for: no ``--user``, no ``$USER``.

Stored as it always was (an event's user is in its hash, so a ledger written before
verifies as it is); :func:`actor_text` shows it as the partner alone.
"""


USER_RULE = (
    f"a user name is 1 to {MAX_USER_LEN} characters on one line, with no control character "
    "and no text-direction control"
)
"""What :func:`user_problem` asks of a user name, as a message about one ends."""


def user_problem(user: str) -> str | None:
    """Why ``user`` cannot be who acts, or None: the rule of ``Actor`` and of ``--user``.

    A name longer than the ``user_name`` columns (:data:`~supplyline.types.MAX_USER_LEN`)
    was stored by SQLite and refused by PostgreSQL in the write, as a database error.

    >>> user_problem("hans"), user_problem("u" * 101)
    (None, 'is 101 characters long')
    """
    if not user.strip():
        return "is empty" if not user else "is blank"
    if len(user) > MAX_USER_LEN:
        return f"is {len(user):,} characters long"
    return text_problem(user, what="a user name")


def actor_text(partner: str, user: str) -> str:
    """Who made an event or a line, as ``show``, ``events`` and the decisions say it.

    ``user@partner``; the partner alone where no user was named (:data:`NO_USER`), since
    ``unknown@ostravia`` read as a person called "unknown" (a tester with no ``$USER``).

    >>> actor_text("ostravia", "hans"), actor_text("ostravia", NO_USER)
    ('hans@ostravia', 'ostravia')
    """
    return partner if user == NO_USER else f"{user}@{partner}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """Who does something: a user acting for a partner. Every ledger call takes one."""

    partner: PartnerId
    user: str

    def __post_init__(self) -> None:
        r"""Refuse a missing or malformed partner or user as an ArgumentError.

        A plain ValueError before; and ``partner="a,b"`` or ``" NLD "`` (not an id: it
        matched no agreement) and ``user="u\x00"`` (a control character written into the
        audit trail) were taken; so was a user longer than its column, which PostgreSQL then
        refused in the write (a database error).
        """
        require(self.partner, str, "an actor's partner")
        require(self.user, str, "an actor's user")
        if not self.partner.strip():
            raise ArgumentError("an actor needs a partner id (partner is empty)")
        if not self.user.strip():
            raise ArgumentError("an actor needs a user name (user is empty)")
        if (problem := id_problem(self.partner)) is not None:
            raise ArgumentError(f"an actor's partner(={quoted(self.partner, 60)}) {problem}")
        if (problem := user_problem(self.user)) is not None:
            raise ArgumentError(f"an actor's user(={quoted(self.user)}) {problem}: {USER_RULE}")


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderRequest:
    """One request of ``Ledger.request_all``: what ``Ledger.request`` takes, as a record.

    Its fields are checked when it is built (ArgumentError): an amount as
    :func:`~supplyline.domain.fields.check_fields` takes one, and no larger than the
    ledger stores.
    """

    agreement_id: str
    item: str
    quantity: Decimal
    needed_on: dt.date | None = None
    mode: ReimbursementMode | None = None
    unit_price: Decimal | None = None
    note: str = ""
    idempotency_key: str | None = None

    def __post_init__(self) -> None:
        check_fields(self)
        check_amounts(self, (("quantity", QUANTITY_DECIMALS), ("unit_price", UNIT_PRICE_DECIMALS)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Requested:
    """One request of ``Ledger.request_batch``: its order, and whether this call made it.

    ``made`` is False when the request's idempotency key was already used (a retry, or
    another run that got there first): the order is the one made then, not a new one.
    """

    order: SupportOrder
    made: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderLine:
    """One issue, receipt, bill or settlement of an order."""

    id: int
    kind: LineKind
    at: dt.datetime
    partner: PartnerId
    user: str
    quantity: Decimal | None = None
    amount: Decimal | None = None
    ref_line: int | None = None
    condition: Condition | None = None
    mode: ReimbursementMode | None = None
    due_on: dt.date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        """Take the amounts as Decimals; refuse one the ledger cannot store (ArgumentError)."""
        check_amounts(self, (("quantity", QUANTITY_DECIMALS), ("amount", MONEY_DECIMALS)))


@dataclass(frozen=True, slots=True, kw_only=True)
class SupportOrder:
    """A request for support under an agreement, with its running totals.

    Quantities are tonnes for commodities and units of service for services; money is in
    ``currency``. ``billed_qty``/``settled_qty`` track a replacement-in-kind obligation.
    ``lines`` is filled by ``Ledger.order`` (and ``orders(with_lines=True)``); the record
    a transition returns leaves it empty, to keep writes short.
    """

    id: int
    agreement_id: str
    provider: PartnerId
    receiver: PartnerId
    item: str
    item_kind: ItemKind
    quantity: Decimal
    unit_price: Decimal
    currency: str
    value: Decimal
    mode: ReimbursementMode
    needed_on: dt.date
    status: OrderStatus
    version: int
    issued_qty: Decimal
    received_qty: Decimal
    billed_amount: Decimal
    billed_qty: Decimal
    due_on: dt.date | None
    settled_amount: Decimal
    settled_qty: Decimal
    requested_by: str
    note: str
    created_at: dt.datetime
    updated_at: dt.datetime
    lines: tuple[OrderLine, ...] = ()

    def __post_init__(self) -> None:
        """Take the amounts as Decimals; refuse one the ledger cannot store (ArgumentError)."""
        check_amounts(self, _ORDER_AMOUNTS)

    @property
    def received_value(self) -> Decimal:
        """The value of what the receiver confirmed, at the order's unit price."""
        return value_of(self.received_qty, self.unit_price)


_ORDER_AMOUNTS = (
    *((name, QUANTITY_DECIMALS) for name in ("quantity", "issued_qty", "received_qty")),
    *((name, QUANTITY_DECIMALS) for name in ("billed_qty", "settled_qty")),
    ("unit_price", UNIT_PRICE_DECIMALS),
    *((name, MONEY_DECIMALS) for name in ("value", "billed_amount", "settled_amount")),
)
"""A support order's amounts and the decimals the ledger keeps of each (its columns)."""

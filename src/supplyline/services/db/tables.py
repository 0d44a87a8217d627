"""The ledger's tables, as SQLAlchemy 2 typed ORM classes (separate from domain objects).

Every change to these classes needs an Alembic revision in ``services/migrations``;
a test compares the two so that they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypedDict

from sqlalchemy import Date, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from supplyline.domain.amounts import (
    AMOUNT_DIGITS,
    MONEY_DECIMALS,
    QUANTITY_DECIMALS,
    UNIT_PRICE_DECIMALS,
)
from supplyline.services.db.types import DecimalType, UTCDateTime
from supplyline.types import MAX_KEY_LEN, MAX_USER_LEN

__all__ = [
    "AgreementRow",
    "Base",
    "ChainHeadRow",
    "EventContent",
    "EventRow",
    "IdempotencyRow",
    "OrderLineRow",
    "OrderRow",
    "PriceRow",
]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = DecimalType(AMOUNT_DIGITS, MONEY_DECIMALS)
Quantity = DecimalType(AMOUNT_DIGITS, QUANTITY_DECIMALS)
UnitPrice = DecimalType(AMOUNT_DIGITS, UNIT_PRICE_DECIMALS)
"""The amount columns: their bound is the records' too (``domain.amounts``)."""


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations name constraints stably."""

    metadata = MetaData(naming_convention=NAMING)


class AgreementRow(Base):
    """A mutual support agreement; the JSON text columns hold sorted lists of ids."""

    __tablename__ = "ledger_agreement"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    party_a: Mapped[str] = mapped_column(String(64), index=True)
    party_b: Mapped[str] = mapped_column(String(64), index=True)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date)
    commodities: Mapped[str] = mapped_column(Text)
    services: Mapped[str] = mapped_column(Text)
    reimbursement_modes: Mapped[str] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(3))
    ceiling_per_order: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    ceiling_total: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class PriceRow(Base):
    """One line of an agreement's price list: a commodity's price per tonne in a currency."""

    __tablename__ = "ledger_price"

    agreement_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("ledger_agreement.id"), primary_key=True
    )
    commodity: Mapped[str] = mapped_column(String(64), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    per_t: Mapped[Decimal] = mapped_column(UnitPrice)


class OrderRow(Base):
    """A support order and its running totals; ``version`` grows by one per transition."""

    __tablename__ = "ledger_order"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("ledger_agreement.id"), index=True
    )
    provider: Mapped[str] = mapped_column(String(64), index=True)
    receiver: Mapped[str] = mapped_column(String(64), index=True)
    item: Mapped[str] = mapped_column(String(64))
    item_kind: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit_price: Mapped[Decimal] = mapped_column(UnitPrice)
    currency: Mapped[str] = mapped_column(String(3))
    value: Mapped[Decimal] = mapped_column(Money)
    mode: Mapped[str] = mapped_column(String(32))
    needed_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), index=True)
    version: Mapped[int] = mapped_column(Integer)
    issued_qty: Mapped[Decimal] = mapped_column(Quantity)
    received_qty: Mapped[Decimal] = mapped_column(Quantity)
    billed_amount: Mapped[Decimal] = mapped_column(Money)
    billed_qty: Mapped[Decimal] = mapped_column(Quantity)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    settled_amount: Mapped[Decimal] = mapped_column(Money)
    settled_qty: Mapped[Decimal] = mapped_column(Quantity)
    requested_by: Mapped[str] = mapped_column(String(MAX_USER_LEN))
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class OrderLineRow(Base):
    """One issue, receipt, bill or settlement of an order (the detail behind its totals)."""

    __tablename__ = "ledger_order_line"
    __table_args__ = (Index("ix_ledger_order_line_order", "order_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(Integer, ForeignKey("ledger_order.id"))
    kind: Mapped[str] = mapped_column(String(16))
    ref_line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quantity: Mapped[Decimal | None] = mapped_column(Quantity, nullable=True)
    amount: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    condition: Mapped[str | None] = mapped_column(String(32), nullable=True)
    mode: Mapped[str | None] = mapped_column(String(32), nullable=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    partner: Mapped[str] = mapped_column(String(64))
    user_name: Mapped[str] = mapped_column(String(MAX_USER_LEN))
    note: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class EventContent(TypedDict):
    """What an event's hash covers, besides its link to the one before (``prev_hash``)."""

    seq: int
    at: str
    partner: str
    user: str
    kind: str
    agreement_id: str | None
    order_id: int | None
    payload: str


class EventRow(Base):
    """One entry of the append-only audit log, chained by SHA-256 to the one before it.

    ``at`` is kept as the exact ISO 8601 text that was hashed, so that verification does
    not depend on how a database rounds or zones timestamps.
    """

    __tablename__ = "ledger_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    partner: Mapped[str] = mapped_column(String(64))
    user_name: Mapped[str] = mapped_column(String(MAX_USER_LEN))
    kind: Mapped[str] = mapped_column(String(32))
    agreement_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    order_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    def content(self) -> EventContent:
        """Its columns as the hash, the replay and a partner's view of it name them."""
        return EventContent(
            seq=self.seq,
            at=self.at,
            partner=self.partner,
            user=self.user_name,
            kind=self.kind,
            agreement_id=self.agreement_id,
            order_id=self.order_id,
            payload=self.payload,
        )


class ChainHeadRow(Base):
    """The single row that names the last event; every writer locks it, so appends are linear."""

    __tablename__ = "ledger_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class IdempotencyRow(Base):
    """A mutating request already done, by (partner, key), with a hash of what it asked."""

    __tablename__ = "ledger_idempotency"

    partner: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(MAX_KEY_LEN), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    order_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    agreement_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    event_seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

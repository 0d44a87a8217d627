"""Rows to records: how the ledger's tables become the views it hands out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from supplyline.domain import ReimbursementMode
from supplyline.services.db.tables import OrderLineRow, OrderRow
from supplyline.services.ledger.views import (
    Condition,
    ItemKind,
    LineKind,
    OrderLine,
    OrderStatus,
    SupportOrder,
)

__all__ = ["line_view", "lines_by_order", "order_view"]


def line_view(line: OrderLineRow) -> OrderLine:
    """The record of one order line."""
    return OrderLine(
        id=line.id,
        kind=LineKind(line.kind),
        at=line.at,
        partner=line.partner,
        user=line.user_name,
        quantity=line.quantity,
        amount=line.amount,
        ref_line=line.ref_line,
        condition=Condition(line.condition) if line.condition else None,
        mode=ReimbursementMode(line.mode) if line.mode else None,
        due_on=line.due_on,
        note=line.note,
    )


def order_view(row: OrderRow, lines: Iterable[OrderLineRow] = ()) -> SupportOrder:
    """The record of an order (with the lines given, if any)."""
    return SupportOrder(
        id=row.id,
        agreement_id=row.agreement_id,
        provider=row.provider,
        receiver=row.receiver,
        item=row.item,
        item_kind=ItemKind(row.item_kind),
        quantity=row.quantity,
        unit_price=row.unit_price,
        currency=row.currency,
        value=row.value,
        mode=ReimbursementMode(row.mode),
        needed_on=row.needed_on,
        status=OrderStatus(row.status),
        version=row.version,
        issued_qty=row.issued_qty,
        received_qty=row.received_qty,
        billed_amount=row.billed_amount,
        billed_qty=row.billed_qty,
        due_on=row.due_on,
        settled_amount=row.settled_amount,
        settled_qty=row.settled_qty,
        requested_by=row.requested_by,
        note=row.note,
        created_at=row.created_at,
        updated_at=row.updated_at,
        lines=tuple(line_view(ln) for ln in lines),
    )


def lines_by_order(session: Session, ids: Sequence[int]) -> dict[int, list[OrderLineRow]]:
    """The lines of each order, oldest first (queried in chunks of 500 ids)."""
    found: dict[int, list[OrderLineRow]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = (
            select(OrderLineRow).where(OrderLineRow.order_id.in_(chunk)).order_by(OrderLineRow.id)
        )
        for line in session.execute(query).scalars():
            found[line.order_id].append(line)
    return found

"""The ledger's read side: orders, balances, statements, events, verification.

Reads run in plain (deferred) transactions and never take the writers' lock; in WAL mode
on SQLite and under MVCC on PostgreSQL they see the last committed state.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import or_, select

from supplyline.domain import Agreement
from supplyline.services.db import Database
from supplyline.services.db.tables import ChainHeadRow, EventRow, IdempotencyRow, OrderRow
from supplyline.services.ledger import orders as ops
from supplyline.services.ledger.accounts import Balance, StatementLine, balances_of, statement_of
from supplyline.services.ledger.agreements import (
    check_names,
    check_partner,
    visible_agreements,
)
from supplyline.services.ledger.arguments import (
    actor_arg,
    flag_arg,
    member_arg,
    order_id_arg,
    text_arg,
)
from supplyline.services.ledger.audit import AuditEvent, VerifyReport, verify_chain
from supplyline.services.ledger.intake import committed_value
from supplyline.services.ledger.mapping import lines_by_order, order_view
from supplyline.services.ledger.stored import undamaged
from supplyline.services.ledger.views import Actor, OrderStatus, SupportOrder

__all__ = ["LedgerReads"]


class LedgerReads:
    """What a partner may look at; :class:`~supplyline.services.ledger.Ledger` adds writes."""

    db: Database

    # -- reading ----------------------------------------------------------------------------

    def orders(
        self,
        actor: Actor,
        *,
        status: OrderStatus | None = None,
        agreement_id: str | None = None,
        counterparty: str | None = None,
        with_lines: bool = False,
    ) -> list[SupportOrder]:
        """The orders to which the actor's partner is a party, oldest first.

        A partner no agreement names, or an agreement or counterparty that is not the
        partner's, is a NotFoundError that offers the nearest names (a typo listed nothing).
        """
        actor_arg(actor)
        status = None if status is None else member_arg(status, OrderStatus, "status")
        agreement_id = None if agreement_id is None else text_arg(agreement_id, "agreement_id")
        counterparty = None if counterparty is None else text_arg(counterparty, "counterparty")
        with_lines = flag_arg(with_lines, "with_lines")  # "no" was taken as true
        me = actor.partner
        query = select(OrderRow).where(or_(OrderRow.provider == me, OrderRow.receiver == me))
        if status is not None:
            query = query.where(OrderRow.status == status.value)
        if agreement_id is not None:
            query = query.where(OrderRow.agreement_id == agreement_id)
        if counterparty is not None:
            query = query.where(
                or_(OrderRow.provider == counterparty, OrderRow.receiver == counterparty)
            )
        with undamaged(self.db), self.db.session(write=False) as session:
            check_names(session, me, agreement_id=agreement_id, counterparty=counterparty)
            rows = list(session.execute(query.order_by(OrderRow.id)).scalars())
            lines = lines_by_order(session, [r.id for r in rows]) if with_lines else {}
            return [order_view(r, lines.get(r.id, ())) for r in rows]

    def order(self, actor: Actor, order_id: int) -> SupportOrder:
        """One order with its lines (NotFoundError if the actor's partner is not a party)."""
        actor_arg(actor)
        order_id = order_id_arg(order_id)
        with undamaged(self.db), self.db.session(write=False) as session:
            row = ops.load_order_for(session, actor, order_id)
            return order_view(row, lines_by_order(session, [row.id])[row.id])

    def balances(self, actor: Actor, *, counterparty: str | None = None) -> list[Balance]:
        """What the actor's partner and each counterparty owe each other, per agreement."""
        actor_arg(actor)  # None failed as an AttributeError ('partner')
        with undamaged(self.db):
            return balances_of(actor.partner, self.orders(actor, counterparty=counterparty))

    def keyed_orders(self, actor: Actor, prefix: str) -> list[tuple[str, SupportOrder]]:
        """The orders the actor's partner requested under a key that starts with ``prefix``.

        So that ``propose --submit`` can see what a plan's earlier submit requested, under
        whichever form of key it used (a retry under a raised ceiling requested it all
        again: the old keys held the agreement id and the quantity).
        """
        actor_arg(actor)
        prefix = text_arg(prefix, "prefix")
        query = (
            select(IdempotencyRow.key, OrderRow)
            .join(OrderRow, OrderRow.id == IdempotencyRow.order_id)
            .where(IdempotencyRow.partner == actor.partner, IdempotencyRow.kind == "request")
            .where(IdempotencyRow.key.startswith(prefix, autoescape=True))
            .order_by(OrderRow.id)
        )
        with undamaged(self.db), self.db.session(write=False) as session:
            return [(key, order_view(row, ())) for key, row in session.execute(query)]

    def committed_values(self, actor: Actor, agreements: Sequence[Agreement]) -> dict[str, Decimal]:
        """What each of ``agreements`` that the actor's partner is a party to already holds.

        The value of its orders in its currency, but rejected and cancelled ones, as a
        request counts it against the agreement's ``ceiling_total``; an agreement not in
        the ledger holds nothing. So that ``propose`` can say a draft would cross the
        total ceiling before a submit is refused for it.
        """
        actor_arg(actor)
        mine = [a for a in agreements if actor.partner in a.parties]
        with undamaged(self.db), self.db.session(write=False) as session:
            return {a.id: committed_value(session, a.id, a.currency) for a in mine}

    def statement(self, actor: Actor, *, counterparty: str | None = None) -> list[StatementLine]:
        """Every bill and settlement of the actor's partner, with running balances."""
        actor_arg(actor)
        with undamaged(self.db):
            orders = self.orders(actor, counterparty=counterparty, with_lines=True)
            return statement_of(actor.partner, orders, counterparty)

    def events(self, actor: Actor) -> list[AuditEvent]:
        """The audit events about the actor's partner's agreements and orders."""
        actor_arg(actor)
        me = actor.partner
        with undamaged(self.db), self.db.session(write=False) as session:
            check_partner(session, me)  # a mistyped --as listed no events, exit 0
            mine_orders = set(
                session.execute(
                    select(OrderRow.id).where(or_(OrderRow.provider == me, OrderRow.receiver == me))
                ).scalars()
            )
            mine_agreements = {a.id for a in visible_agreements(session, me)}
            rows = session.execute(select(EventRow).order_by(EventRow.seq)).scalars()
            return [
                _event_of(r)
                for r in rows
                if r.partner == me
                or (r.order_id is not None and r.order_id in mine_orders)
                or (r.order_id is None and r.agreement_id in mine_agreements)
            ]

    def order_events(self, actor: Actor, order_id: int) -> list[AuditEvent]:
        """One order's audit events, oldest first (NotFoundError if not the partner's).

        What ``show`` takes the notes of an acceptance, a rejection or a cancellation
        from: the order row keeps the request's note only.
        """
        actor_arg(actor)
        order_id = order_id_arg(order_id)
        query = select(EventRow).where(EventRow.order_id == order_id).order_by(EventRow.seq)
        with undamaged(self.db), self.db.session(write=False) as session:
            ops.load_order_for(session, actor, order_id)
            return [_event_of(r) for r in session.execute(query).scalars()]

    def head(self) -> tuple[int, str]:
        """The chain head: the last event's sequence number and its full SHA-256 (hex).

        What two partners compare to close the gap ``verify`` leaves (a chain rewritten
        whole, head included, verifies): equal heads mean equal histories. ``(0, "")``
        for a ledger without events.
        """
        with self.db.session(write=False) as session:
            row = session.get(ChainHeadRow, 1)  # the only head: any other row is not one
            return (0, "") if row is None else (row.seq, row.hash)

    def verify(self) -> VerifyReport:
        """Check the whole audit chain and that every order row matches its last event."""
        with self.db.session(write=False) as session:
            return verify_chain(session)


def _event_of(row: EventRow) -> AuditEvent:
    """An event row as a partner sees it."""
    return AuditEvent(**row.content(), hash=row.hash)

"""The ledger's write path: one transaction per call, chain head locked, idempotent, audited.

Every mutating call of :class:`~supplyline.services.ledger.Ledger` goes through
:meth:`LedgerCore._write`:

1. open a write transaction and lock the audit chain head (writers queue here, so the
   chain stays linear and an order's checks see the latest committed state);
2. if an idempotency key is given and this partner used it before, return the recorded
   outcome (same request) or raise ConflictError (a different request);
3. check and apply the change, append one audit event, record the key;
4. commit — or roll back everything if any step failed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from supplyline.errors import ConflictError
from supplyline.services.db import Database
from supplyline.services.db.tables import IdempotencyRow, OrderRow
from supplyline.services.ledger import orders as ops
from supplyline.services.ledger.arguments import (
    actor_arg,
    aware_time,
    key_arg,
    order_id_arg,
    version_arg,
)
from supplyline.services.ledger.audit import append_event, canonical, lock_head
from supplyline.services.ledger.mapping import order_view
from supplyline.services.ledger.reading import LedgerReads
from supplyline.services.ledger.rules import Action
from supplyline.services.ledger.views import Actor, SupportOrder

__all__ = ["Clock", "LedgerCore", "Outcome"]

Clock = Callable[[], dt.datetime]
T = TypeVar("T")
Outcome = tuple[int | None, str | None, dict[str, Any]]
"""What a change returns to the write path: order id, agreement id, event payload."""


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class LedgerCore(LedgerReads):
    """The machinery under :class:`~supplyline.services.ledger.Ledger`'s mutating calls."""

    def __init__(self, db: Database, *, clock: Clock | None = None) -> None:
        self.db = db
        self._clock = clock or _utcnow

    def _now(self) -> dt.datetime:
        """The clock's reading in UTC (ArgumentError if it turned naive since it was opened)."""
        return aware_time(self._clock())

    # -- the write path ---------------------------------------------------------------------

    def _write(
        self,
        actor: Actor,
        kind: str,
        key: str | None,
        request: dict[str, Any],
        action: Callable[[Session, dt.datetime], Outcome],
        result: Callable[[Session, int | None, str | None], T],
    ) -> T:
        actor_arg(actor)
        key = key_arg(key)
        now = self._now()
        digest = hashlib.sha256(canonical({"kind": kind, **request}).encode()).hexdigest()
        with self.db.session(write=True) as session:
            head = lock_head(session)
            if key is not None:
                done = session.get(IdempotencyRow, (actor.partner, key))
                if done is not None:
                    if done.request_hash != digest:
                        raise ConflictError(
                            f"idempotency key {key!r} was already used by {actor.partner} for "
                            f"a different request ({done.kind} at event {done.event_seq})"
                        )
                    return result(session, done.order_id, done.agreement_id)
            order_id, agreement_id, payload = action(session, now)
            event = append_event(
                session,
                head,
                actor=actor,
                kind=kind,
                at=now,
                payload=payload,
                agreement_id=agreement_id,
                order_id=order_id,
            )
            if key is not None:
                session.add(
                    IdempotencyRow(
                        partner=actor.partner,
                        key=key,
                        request_hash=digest,
                        kind=kind,
                        order_id=order_id,
                        agreement_id=agreement_id,
                        event_seq=event.seq,
                        created_at=now,
                    )
                )
            return result(session, order_id, agreement_id)

    def _order_result(self, session: Session, order_id: int | None, _a: str | None) -> SupportOrder:
        """The order after the change, without its lines (``Ledger.order`` has those)."""
        assert order_id is not None
        row = session.get(OrderRow, order_id)
        assert row is not None
        return order_view(row)

    def _transition(
        self,
        actor: Actor,
        action: Action,
        order_id: int,
        key: str | None,
        expected_version: int | None,
        args: dict[str, Any],
        apply: Callable[[Session, OrderRow, dt.datetime], dict[str, Any]],
    ) -> SupportOrder:
        order_id = order_id_arg(order_id)
        expected_version = version_arg(expected_version)

        def run(session: Session, now: dt.datetime) -> Outcome:
            row = ops.load_order_for(session, actor, order_id)
            ops.check_transition(row, actor, action, expected_version)
            extra = apply(session, row, now)
            return row.id, row.agreement_id, ops.snapshot_payload(row, extra)

        request = {"order": order_id, "version": expected_version, **args}
        return self._write(actor, action.value, key, request, run, self._order_result)

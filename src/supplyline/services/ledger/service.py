"""The ledger's use-cases: one transaction each, identity-checked, idempotent, audited.

:class:`Ledger` is the only way faces touch the ledger. Every call takes an
:class:`~supplyline.services.ledger.views.Actor` (a user of a partner); a partner sees
only the agreements and orders it is a party to. Every mutating call:

1. opens a write transaction and locks the audit chain head (writers queue here, so the
   chain stays linear and an order's checks see the latest committed state);
2. if an idempotency key is given and was used before by this partner, returns the
   recorded outcome (same request) or raises ConflictError (different request);
3. checks and applies the transition, appends one audit event, records the key;
4. commits — or rolls back everything if any step failed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from supplyline.domain import Agreement, ReimbursementMode
from supplyline.errors import ConflictError, PermissionDenied
from supplyline.services.db import Database, upgrade_database
from supplyline.services.db.tables import IdempotencyRow, OrderRow
from supplyline.services.ledger import orders as ops
from supplyline.services.ledger.agreements import (
    agreement_payload,
    get_visible_agreement,
    store_agreement,
    visible_agreements,
)
from supplyline.services.ledger.audit import append_event, canonical, lock_head
from supplyline.services.ledger.mapping import lines_by_order, order_view
from supplyline.services.ledger.reading import LedgerReads
from supplyline.services.ledger.rules import Action
from supplyline.services.ledger.views import Actor, Condition, OrderStatus, SupportOrder
from supplyline.services.settings import get_settings

__all__ = ["Clock", "ImportResult", "Ledger", "open_ledger"]

Clock = Callable[[], dt.datetime]
T = TypeVar("T")
Outcome = tuple[int | None, str | None, dict[str, Any]]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    """What an import of agreements did: added, already there unchanged, not ours to add."""

    added: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()


class Ledger(LedgerReads):
    """The mutual-support ledger on one database.

    >>> ledger = open_ledger("sqlite:///ledger.db")  # doctest: +SKIP
    >>> order = ledger.request(Actor(partner="NLD", user="jan"), agreement_id="A1",
    ...                        item="fuel", quantity=Decimal("40"))  # doctest: +SKIP
    """

    def __init__(self, db: Database, *, clock: Clock | None = None) -> None:
        self.db = db
        self._clock = clock or _utcnow

    def _now(self) -> dt.datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the ledger's clock must return timezone-aware UTC times")
        return now.astimezone(dt.UTC)

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
        if key is not None and not 0 < len(key) <= 200:
            raise ConflictError("an idempotency key must be 1 to 200 characters")
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
        assert order_id is not None
        row = session.get(OrderRow, order_id)
        assert row is not None
        return order_view(row, lines_by_order(session, [order_id])[order_id])

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
        def run(session: Session, now: dt.datetime) -> Outcome:
            row = ops.load_order_for(session, actor, order_id)
            ops.check_transition(row, actor, action, expected_version)
            extra = apply(session, row, now)
            return row.id, row.agreement_id, ops.snapshot_payload(row, extra)

        request = {"order": order_id, "version": expected_version, **args}
        return self._write(actor, action.value, key, request, run, self._order_result)

    # -- agreements -------------------------------------------------------------------------

    def add_agreement(
        self, actor: Actor, agreement: Agreement, *, idempotency_key: str | None = None
    ) -> bool:
        """Store an agreement to which the actor's partner is a party; False if already there.

        The same terms again are a no-op (no event); other terms under the same id are a
        ConflictError.
        """
        if actor.partner not in agreement.parties:
            raise PermissionDenied(
                f"{actor.partner} is not a party to agreement {agreement.id} "
                f"({' and '.join(agreement.parties)}) and cannot enter it"
            )
        terms = agreement_payload(agreement)

        def run(session: Session, now: dt.datetime) -> Outcome:
            if not store_agreement(session, agreement, now):
                raise _Unchanged
            return None, agreement.id, {"agreement": terms}

        try:
            self._write(actor, "agreement", idempotency_key, terms, run, lambda _s, _o, _a: None)
        except _Unchanged:
            return False
        return True

    def import_agreements(self, actor: Actor, agreements: Iterable[Agreement]) -> ImportResult:
        """Add the agreements to which the actor's partner is a party (others are skipped)."""
        added: list[str] = []
        unchanged: list[str] = []
        skipped: list[str] = []
        for agreement in agreements:
            if actor.partner not in agreement.parties:
                skipped.append(agreement.id)
            elif self.add_agreement(actor, agreement):
                added.append(agreement.id)
            else:
                unchanged.append(agreement.id)
        return ImportResult(added=tuple(added), unchanged=tuple(unchanged), skipped=tuple(skipped))

    def agreements(self, actor: Actor) -> list[Agreement]:
        """The agreements to which the actor's partner is a party."""
        with self.db.session(write=False) as session:
            return visible_agreements(session, actor.partner)

    # -- orders: the life cycle -------------------------------------------------------------

    def request(
        self,
        actor: Actor,
        *,
        agreement_id: str,
        item: str,
        quantity: Decimal,
        needed_on: dt.date | None = None,
        mode: ReimbursementMode | None = None,
        unit_price: Decimal | None = None,
        note: str = "",
        idempotency_key: str | None = None,
    ) -> SupportOrder:
        """The receiver asks the other party of an agreement for ``quantity`` of ``item``.

        ``needed_on`` (default today) must fall in the agreement's period; ``mode`` (default
        cash when allowed) must be one it permits; the value must stay within its ceilings.
        """
        on = needed_on or self._now().date()
        args = {
            "agreement": agreement_id,
            "item": item,
            "quantity": quantity,
            "needed_on": on,
            "mode": mode.value if mode else None,
            "unit_price": unit_price,
            "note": note,
        }

        def run(session: Session, now: dt.datetime) -> Outcome:
            agreement = get_visible_agreement(session, actor.partner, agreement_id)
            chosen = mode or (
                ReimbursementMode.CASH
                if ReimbursementMode.CASH in agreement.reimbursement_modes
                else sorted(agreement.reimbursement_modes)[0]
            )
            row = ops.create_order(
                session,
                agreement,
                actor,
                now,
                item=item,
                quantity=quantity,
                needed_on=on,
                mode=chosen,
                unit_price=unit_price,
                note=note,
            )
            payload = ops.snapshot_payload(
                row,
                {
                    **args,
                    "mode": chosen.value,
                    "provider": row.provider,
                    "receiver": row.receiver,
                    "unit_price": row.unit_price,
                    "value": row.value,
                    "currency": row.currency,
                },
            )
            return row.id, agreement_id, payload

        return self._write(
            actor, Action.REQUEST.value, idempotency_key, args, run, self._order_result
        )

    def accept(
        self,
        actor: Actor,
        order_id: int,
        *,
        note: str = "",
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> SupportOrder:
        """The provider accepts a requested order."""

        def apply(_s: Session, row: OrderRow, now: dt.datetime) -> dict[str, Any]:
            ops.set_status(row, OrderStatus.ACCEPTED, now)
            return {"note": note}

        return self._transition(
            actor, Action.ACCEPT, order_id, idempotency_key, expected_version, {"note": note}, apply
        )

    def reject(
        self,
        actor: Actor,
        order_id: int,
        *,
        reason: str = "",
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> SupportOrder:
        """The provider turns down a requested order."""

        def apply(_s: Session, row: OrderRow, now: dt.datetime) -> dict[str, Any]:
            ops.set_status(row, OrderStatus.REJECTED, now)
            return {"reason": reason}

        return self._transition(
            actor,
            Action.REJECT,
            order_id,
            idempotency_key,
            expected_version,
            {"reason": reason},
            apply,
        )

    def cancel(
        self,
        actor: Actor,
        order_id: int,
        *,
        reason: str = "",
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> SupportOrder:
        """Either party calls off an order before anything is issued."""

        def apply(_s: Session, row: OrderRow, now: dt.datetime) -> dict[str, Any]:
            ops.set_status(row, OrderStatus.CANCELLED, now)
            return {"reason": reason}

        return self._transition(
            actor,
            Action.CANCEL,
            order_id,
            idempotency_key,
            expected_version,
            {"reason": reason},
            apply,
        )

    def issue(
        self,
        actor: Actor,
        order_id: int,
        quantity: Decimal,
        *,
        note: str = "",
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> SupportOrder:
        """The provider issues (part of) an accepted order."""

        def apply(session: Session, row: OrderRow, now: dt.datetime) -> dict[str, Any]:
            return ops.issue_order(session, row, actor, now, quantity, note)

        args = {"quantity": quantity, "note": note}
        return self._transition(
            actor, Action.ISSUE, order_id, idempotency_key, expected_version, args, apply
        )

    def receive(
        self,
        actor: Actor,
        order_id: int,
        *,
        quantity: Decimal | None = None,
        condition: Condition = Condition.SERVICEABLE,
        issue_line: int | None = None,
        note: str = "",
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> SupportOrder:
        """The receiver confirms an issue (the oldest open one unless ``issue_line`` says)."""

        def apply(session: Session, row: OrderRow, now: dt.datetime) -> dict[str, Any]:
            return ops.receive_order(
                session,
                row,
                actor,
                now,
                quantity=quantity,
                condition=condition,
                issue_line=issue_line,
                note=note,
            )

        args = {
            "quantity": quantity,
            "condition": condition.value,
            "issue": issue_line,
            "note": note,
        }
        return self._transition(
            actor, Action.RECEIVE, order_id, idempotency_key, expected_version, args, apply
        )

    def bill(
        self,
        actor: Actor,
        order_id: int,
        *,
        amount: Decimal | None = None,
        quantity: Decimal | None = None,
        due_on: dt.date | None = None,
        note: str = "",
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> SupportOrder:
        """The provider bills what was received (money, or a quantity to replace by a date)."""

        def apply(session: Session, row: OrderRow, now: dt.datetime) -> dict[str, Any]:
            return ops.bill_order(
                session, row, actor, now, amount=amount, quantity=quantity, due_on=due_on, note=note
            )

        args = {"amount": amount, "quantity": quantity, "due_on": due_on, "note": note}
        return self._transition(
            actor, Action.BILL, order_id, idempotency_key, expected_version, args, apply
        )

    def settle(
        self,
        actor: Actor,
        order_id: int,
        *,
        amount: Decimal | None = None,
        quantity: Decimal | None = None,
        note: str = "",
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> SupportOrder:
        """The receiver settles the bill (all that is outstanding unless told how much)."""

        def apply(session: Session, row: OrderRow, now: dt.datetime) -> dict[str, Any]:
            return ops.settle_order(
                session, row, actor, now, amount=amount, quantity=quantity, note=note
            )

        args = {"amount": amount, "quantity": quantity, "note": note}
        return self._transition(
            actor, Action.SETTLE, order_id, idempotency_key, expected_version, args, apply
        )


class _Unchanged(Exception):
    """Internal: an agreement import found the same terms; roll back without an event."""


def open_ledger(url: str | None = None, *, clock: Clock | None = None) -> Ledger:
    """Open (creating or upgrading as needed) the ledger at ``url`` or the configured URL."""
    settings = get_settings()
    db = Database(url or settings.database_url, busy_timeout_s=settings.database_busy_timeout_s)
    upgrade_database(db)
    return Ledger(db, clock=clock)

"""The ledger's use-cases: agreements and the order life cycle, as one class.

:class:`Ledger` is the only way faces touch the ledger. Every call takes an
:class:`~supplyline.services.ledger.views.Actor` (a user of a partner); a partner sees
only the agreements and orders it is a party to. Each mutating call is one transaction
that is identity-checked, idempotent (with a key) and audited (see ``writing``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from supplyline.domain import Agreement, ReimbursementMode
from supplyline.domain.fields import whole_number
from supplyline.errors import PermissionDenied, require
from supplyline.services.db import Database, upgrade_database
from supplyline.services.db.tables import OrderRow
from supplyline.services.ledger import orders as ops
from supplyline.services.ledger.agreements import (
    agreement_payload,
    get_visible_agreement,
    store_agreement,
    visible_agreements,
)
from supplyline.services.ledger.arguments import (
    actor_arg,
    agreements_arg,
    amount_arg,
    clock_arg,
    date_arg,
    member_arg,
    optional_amount_arg,
    text_arg,
    url_arg,
)
from supplyline.services.ledger.intake import create_order
from supplyline.services.ledger.rules import Action
from supplyline.services.ledger.views import Actor, Condition, OrderStatus, SupportOrder
from supplyline.services.ledger.writing import Clock, LedgerCore, Outcome
from supplyline.services.settings import get_settings

__all__ = ["ImportResult", "Ledger", "open_ledger"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    """What an import of agreements did: added, already there unchanged, not ours to add."""

    added: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()


class Ledger(LedgerCore):
    """The mutual-support ledger on one database.

    >>> ledger = open_ledger("sqlite:///ledger.db")  # doctest: +SKIP
    >>> order = ledger.request(Actor(partner="NLD", user="jan"), agreement_id="A1",
    ...                        item="fuel", quantity=Decimal("40"))  # doctest: +SKIP
    """

    # -- agreements -------------------------------------------------------------------------

    def add_agreement(
        self, actor: Actor, agreement: Agreement, *, idempotency_key: str | None = None
    ) -> bool:
        """Store an agreement to which the actor's partner is a party; False if already there.

        The same terms again are a no-op (no event); other terms under the same id are a
        ConflictError.
        """
        actor_arg(actor)
        require(agreement, Agreement, "agreement")  # an id in its place: AttributeError
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
        """Add the agreements to which the actor's partner is a party (others are skipped).

        Every item is checked before any is stored (ArgumentError): a list holding None
        stored the agreements before it, then failed.
        """
        actor_arg(actor)
        taken = agreements_arg(agreements)
        added: list[str] = []
        unchanged: list[str] = []
        skipped: list[str] = []
        for agreement in taken:
            if actor.partner not in agreement.parties:
                skipped.append(agreement.id)
            elif self.add_agreement(actor, agreement):
                added.append(agreement.id)
            else:
                unchanged.append(agreement.id)
        return ImportResult(added=tuple(added), unchanged=tuple(unchanged), skipped=tuple(skipped))

    def agreements(self, actor: Actor) -> list[Agreement]:
        """The agreements to which the actor's partner is a party."""
        actor_arg(actor)
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
        An amount may be given as an int, a float or text, a mode as its value ("cash").
        """
        actor_arg(actor)
        agreement_id = text_arg(agreement_id, "agreement_id")
        item = text_arg(item, "item")
        quantity = amount_arg(quantity, "quantity")
        needed_on = date_arg(needed_on, "needed_on")
        mode = None if mode is None else member_arg(mode, ReimbursementMode, "mode")
        unit_price = optional_amount_arg(unit_price, "unit_price")
        note = text_arg(note, "note")
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
            row = create_order(
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
        note = text_arg(note, "note")

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
        reason = text_arg(reason, "reason")

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
        reason = text_arg(reason, "reason")

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
        quantity = amount_arg(quantity, "quantity")
        note = text_arg(note, "note")

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
        quantity = optional_amount_arg(quantity, "quantity")
        condition = member_arg(condition, Condition, "condition")
        issue_line = None if issue_line is None else whole_number(issue_line, "issue_line")
        note = text_arg(note, "note")

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
        amount = optional_amount_arg(amount, "amount")
        quantity = optional_amount_arg(quantity, "quantity")
        due_on = date_arg(due_on, "due_on")
        note = text_arg(note, "note")

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
        amount = optional_amount_arg(amount, "amount")
        quantity = optional_amount_arg(quantity, "quantity")
        note = text_arg(note, "note")

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
    """Open (creating or upgrading as needed) the ledger at ``url`` or the configured URL.

    A ``url`` that is not text, or is empty, is an ArgumentError (``123`` failed as an
    AttributeError, ``""`` quietly made ./supplyline.db); so is a ``clock`` that is not a
    function returning timezone-aware datetimes (it is read once, here, to see).
    """
    url = url_arg(url)
    clock = clock_arg(clock)
    settings = get_settings()
    db = Database(url or settings.database_url, busy_timeout_s=settings.database_busy_timeout_s)
    upgrade_database(db)
    return Ledger(db, clock=clock)

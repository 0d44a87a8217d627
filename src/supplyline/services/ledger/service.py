"""The ledger's use-cases: agreements and the order life cycle, as one class.

:class:`Ledger` is the only way faces touch the ledger. Every call takes an
:class:`~supplyline.services.ledger.views.Actor` (a user of a partner); a partner sees
only the agreements and orders it is a party to. Each mutating call is one transaction
that is identity-checked, idempotent (with a key) and audited (see ``writing``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from supplyline.domain import Agreement, ReimbursementMode
from supplyline.domain.amounts import MONEY_DECIMALS, QUANTITY_DECIMALS, UNIT_PRICE_DECIMALS
from supplyline.domain.fields import whole_number
from supplyline.errors import (
    ArgumentError,
    PermissionDenied,
    require,
    require_list,
)
from supplyline.services.db import (
    check_ledger,
    current_revision,
    head_revision,
    upgrade_database,
)
from supplyline.services.db.configured import database_at
from supplyline.services.db.tables import OrderRow
from supplyline.services.ledger import orders as ops
from supplyline.services.ledger.agreement_batch import (
    NOTHING_IMPORTED,
    NOTHING_STORED,
    ImportResult,
    all_or_nothing,
    check_import,
    import_step,
    store_step,
)
from supplyline.services.ledger.agreements import (
    check_partner,
    get_visible_agreement,
    visible_agreements,
)
from supplyline.services.ledger.arguments import (
    actor_arg,
    agreements_arg,
    amount_arg,
    clock_arg,
    date_arg,
    key_arg,
    member_arg,
    note_arg,
    optional_amount_arg,
    storable,
    text_arg,
    url_arg,
)
from supplyline.services.ledger.failed_write import AfterFailure
from supplyline.services.ledger.intake import create_order, request_words
from supplyline.services.ledger.mapping import order_view
from supplyline.services.ledger.reconcile import check_agreement
from supplyline.services.ledger.rules import Action
from supplyline.services.ledger.stored import undamaged
from supplyline.services.ledger.views import (
    Actor,
    Condition,
    OrderRequest,
    OrderStatus,
    Requested,
    SupportOrder,
)
from supplyline.services.ledger.writing import (
    Clock,
    LedgerCore,
    Outcome,
    Transaction,
    orders_check,
    retried,
)

__all__ = ["ImportResult", "Ledger", "open_ledger"]

_IMPORT_AGAIN = AfterFailure(
    nothing=NOTHING_IMPORTED,
    again="run the import again",
    safe="an agreement already in the ledger with the same terms is left as it is",
)
"""An import the database failed: nothing of it stored, and running it again is safe."""

_SUBMIT_AGAIN = AfterFailure(
    nothing=NOTHING_STORED,
    again="submit the plan again",
    safe="its idempotency keys request nothing twice",
)
"""A plan's requests the database failed: none made, and submitting again is safe."""


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
        ConflictError. What the ledger's tables could not hold (a price to 5 decimals, two
        prices of one commodity in one currency) the ``Agreement`` itself refuses as it is
        built (ArgumentError, in agreements.yaml's words).
        """
        actor_arg(actor)
        require(agreement, Agreement, "agreement")  # an id in its place: AttributeError
        key = key_arg(idempotency_key)
        _check_party(actor, agreement)
        shown = f"supplyline ledger agreements --as {actor.partner}"
        with self._transaction(actor, retried(key, shown)) as tx:
            return store_step(tx, agreement, key) is not None

    def import_agreements(
        self,
        actor: Actor,
        agreements: Iterable[Agreement],
        *,
        sources: Mapping[str, str] | None = None,
    ) -> ImportResult:
        """Add the agreements to which the actor's partner is a party (others are skipped).

        All or nothing: every item is checked before any is stored (ArgumentError for one
        that is not an Agreement; one the ledger cannot hold could not be built), and
        they are stored in one transaction, so one that fails even then (a conflict, a
        database error) leaves the ledger as it was. The error names the agreement by its
        id and, from ``sources`` (id to words, :func:`supplyline.io.agreement_sources`),
        where it is written: ``agreement 'wm-os-2' (agreements.yaml line 17): …``.
        """
        actor_arg(actor)
        taken = agreements_arg(agreements)
        require(sources, (Mapping, type(None)), "sources")
        ours = [a for a in taken if actor.partner in a.parties]
        check_import(ours, NOTHING_IMPORTED, sources)
        shown = f"supplyline ledger agreements --as {actor.partner}"
        with self._transaction(actor, replace(_IMPORT_AGAIN, check=shown)) as tx:
            return import_step(tx, actor, taken, ours, NOTHING_IMPORTED, sources)

    def agreements(self, actor: Actor) -> list[Agreement]:
        """The agreements to which the actor's partner is a party.

        A partner no agreement names is a NotFoundError offering the nearest (a typo
        listed none, exit 0).
        """
        actor_arg(actor)
        with undamaged(self.db), self.db.session(write=False) as session:
            check_partner(session, actor.partner)
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
        note = note_arg(note)
        key = key_arg(idempotency_key)
        with self._transaction(actor, retried(key, orders_check(actor, agreement_id))) as tx:
            return _request_step(
                tx,
                agreement_id=agreement_id,
                item=item,
                quantity=quantity,
                needed_on=needed_on,
                mode=mode,
                unit_price=unit_price,
                note=note,
                key=key,
            )

    def request_all(
        self,
        actor: Actor,
        requests: Iterable[OrderRequest],
        *,
        agreements: Iterable[Agreement] = (),
        sources: Mapping[str, str] | None = None,
    ) -> tuple[ImportResult, list[SupportOrder]]:
        """Import ``agreements`` and make every request, all in one transaction.

        All or nothing: if one request breaks a rule (a ceiling, the scope) or the
        database fails, no agreement is imported and no order is made, and the error says
        which request it was, in its maker's words (``request_words``: item, partners,
        agreement), or which agreement, as :meth:`import_agreements` names it (with
        ``sources``). Each request is checked as :meth:`request` checks its arguments; its
        idempotency key makes a retry of the whole batch request nothing twice.
        :meth:`request_batch` says, of each, whether this call made it.
        """
        imported, done = self.request_batch(actor, requests, agreements=agreements, sources=sources)
        return imported, [one.order for one in done]

    def request_batch(
        self,
        actor: Actor,
        requests: Iterable[OrderRequest],
        *,
        agreements: Iterable[Agreement] = (),
        sources: Mapping[str, str] | None = None,
    ) -> tuple[ImportResult, list[Requested]]:
        """:meth:`request_all`, saying of each order whether this call made it.

        An order whose key was already used (a retry, or another submit of the same plan
        that committed first) is ``made=False``; that is decided in the transaction that
        found the key taken, so two submits at once never both say they made it.
        """
        actor_arg(actor)
        taken = agreements_arg(agreements)
        wanted = require_list(requests, OrderRequest, "requests")
        for i, one in enumerate(wanted):
            key_arg(one.idempotency_key, f"requests[{i}].idempotency_key")
            note_arg(one.note, f"requests[{i}].note")
        require(sources, (Mapping, type(None)), "sources")
        ours = [a for a in taken if actor.partner in a.parties]
        check_import(ours, NOTHING_STORED, sources)
        made: list[Requested] = []
        with self._transaction(actor, replace(_SUBMIT_AGAIN, check=orders_check(actor))) as tx:
            imported = import_step(tx, actor, taken, ours, NOTHING_STORED, sources)
            for one in wanted:
                where = request_words(actor.partner, one.item, one.agreement_id, taken)
                with all_or_nothing(where, NOTHING_STORED):
                    order = _request_step(
                        tx,
                        agreement_id=one.agreement_id,
                        item=one.item,
                        quantity=one.quantity,
                        needed_on=one.needed_on,
                        mode=one.mode,
                        unit_price=one.unit_price,
                        note=one.note,
                        key=one.idempotency_key,
                    )
                replayed = one.idempotency_key is not None and one.idempotency_key in tx.replayed
                made.append(Requested(order=order, made=not replayed))
        return imported, made

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
        note = note_arg(note)

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
        reason = note_arg(reason, "reason")

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
        reason = note_arg(reason, "reason")

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
        quantity: Decimal | None = None,
        *,
        note: str = "",
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> SupportOrder:
        """The provider issues (part of) an accepted order (by default what is left to issue)."""
        quantity = optional_amount_arg(quantity, "quantity")
        storable(quantity, "quantity", QUANTITY_DECIMALS)
        note = note_arg(note)

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
        storable(quantity, "quantity", QUANTITY_DECIMALS, zero=True)
        condition = member_arg(condition, Condition, "condition")
        issue_line = None if issue_line is None else whole_number(issue_line, "issue_line")
        note = note_arg(note)

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
        storable(amount, "amount", MONEY_DECIMALS, zero=True)
        storable(quantity, "quantity", QUANTITY_DECIMALS, zero=True)
        due_on = date_arg(due_on, "due_on")
        note = note_arg(note)

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
        storable(amount, "amount", MONEY_DECIMALS)
        storable(quantity, "quantity", QUANTITY_DECIMALS)
        note = note_arg(note)

        def apply(session: Session, row: OrderRow, now: dt.datetime) -> dict[str, Any]:
            return ops.settle_order(
                session, row, actor, now, amount=amount, quantity=quantity, note=note
            )

        args = {"amount": amount, "quantity": quantity, "note": note}
        return self._transition(
            actor, Action.SETTLE, order_id, idempotency_key, expected_version, args, apply
        )


def _check_party(actor: Actor, agreement: Agreement) -> None:
    if actor.partner not in agreement.parties:
        raise PermissionDenied(
            f"{actor.partner} is not a party to agreement {agreement.id} "
            f"({' and '.join(agreement.parties)}) and cannot enter it"
        )


def _request_step(
    tx: Transaction,
    *,
    agreement_id: str,
    item: str,
    quantity: Decimal,
    needed_on: dt.date | None,
    mode: ReimbursementMode | None,
    unit_price: Decimal | None,
    note: str,
    key: str | None,
) -> SupportOrder:
    """Make one order request as one audited step of ``tx`` (see :meth:`Ledger.request`)."""
    actor = tx.actor
    storable(quantity, "quantity", QUANTITY_DECIMALS)  # before its key is looked up
    storable(unit_price, "unit price", UNIT_PRICE_DECIMALS, zero=True)
    on = needed_on or tx.now.date()
    # the key is kept with the request as asked: its default day is not part of it, so a
    # retry after midnight UTC replays the order instead of being "a different request"
    # (a client's retry at 00:00:01 of a request made at 23:59:59 was refused so)
    args = {
        "agreement": agreement_id,
        "item": item,
        "quantity": quantity,
        "needed_on": needed_on,
        "mode": mode.value if mode else None,
        "unit_price": unit_price,
        "note": note,
    }

    def run(session: Session, now: dt.datetime) -> Outcome:
        check_agreement(session, agreement_id)  # its prices and terms as its event gives them
        agreement = get_visible_agreement(session, actor.partner, agreement_id)
        chosen = mode or agreement.default_mode  # cash, else the first it permits
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
                "needed_on": on,
                "mode": chosen.value,
                "provider": row.provider,
                "receiver": row.receiver,
                "unit_price": row.unit_price,
                "value": row.value,
                "currency": row.currency,
            },
        )
        return row.id, agreement_id, payload

    # before, the key was kept with the day resolved: a key kept so, on the same day,
    # still finds its request
    done = tx.step(Action.REQUEST.value, key, args, run, formerly={**args, "needed_on": on})
    order_id = None if done is None else done[0]
    assert order_id is not None  # a request always makes (or replays) an order
    row = tx.session.get(OrderRow, order_id)
    assert row is not None
    return order_view(row)


def open_ledger(
    url: str | None = None,
    *,
    clock: Clock | None = None,
    create: bool = True,
    read_only: bool = False,
) -> Ledger:
    """Open (creating or upgrading as needed) the ledger at ``url`` or the configured URL.

    ``create=False`` refuses a SQLite file that does not exist (NotFoundError) instead of
    making an empty ledger there: what a command that only reads wants, so that a typo in
    a path is said rather than answered with an empty ledger (an empty file is refused
    too: SQLite would make a ledger of it).

    ``read_only=True`` (with ``create=False``) opens a SQLite file for reading only, so that
    a ledger in a read-only file or folder reads; a ledger at an older schema is still
    upgraded first (which needs it writable). Its writes fail (StorageError).

    A ``url`` that is not text, or is empty, is an ArgumentError (``123`` failed as an
    AttributeError, ``""`` quietly made ./supplyline.db); so is a ``clock`` that is not a
    function returning timezone-aware datetimes (it is read once, here, to see).
    """
    url = url_arg(url)
    clock = clock_arg(clock)
    if read_only and create:
        raise ArgumentError("open_ledger: read_only=True needs create=False (it writes nothing)")
    db = database_at(url, read_only=read_only)  # says a bad or missing ledger by its source
    if not create:
        db.require_existing()
    new = db.file if db.is_new() else None
    try:
        if not db.read_only:
            upgrade_database(db)  # refuses a database that is not a ledger, writing nothing
        else:
            check_ledger(db)  # a damaged ledger is said by a read as by a write, unread
            if current_revision(db) != head_revision():  # an older ledger: upgraded, as before
                writer = database_at(url)
                try:
                    upgrade_database(writer)
                finally:
                    writer.dispose()
    except BaseException:
        db.dispose()  # its pooled connection, not left to the garbage collector
        raise
    ledger = Ledger(db, clock=clock)
    ledger.new_file = new  # so a first write that fails can leave no empty file behind
    return ledger

"""The ledger's write path: one transaction per call, chain head locked, idempotent, audited.

Every mutating call of :class:`~supplyline.services.ledger.Ledger` goes through
:meth:`LedgerCore._write`:

1. open a write transaction and lock the audit chain head (writers queue here, so the
   chain stays linear and an order's checks see the latest committed state);
2. if an idempotency key is given and this partner used it before, hold the key's row to
   the event it names (:func:`~reconcile.check_key`), then return the recorded outcome
   (same request) or raise ConflictError (a different request); a key with no row that an
   event records is refused (:func:`~reconcile.check_no_key`: its row was deleted);
3. hold the order's row and lines to its own events, and the agreement's terms and
   prices to its event where the change reads them (a request, an in-kind bill's due
   date, an agreement entered again) (:mod:`reconcile`: a row edited in SQL is refused,
   not copied into the new event), check and apply the change, append
   one audit event (which records the key, see :mod:`idempotency`), record the key;
4. commit — or roll back everything if any step failed. A failure in the commit itself
   leaves the outcome unknown (:mod:`failed_write` says how to find it out).

A call that makes several changes (an import of agreements, a plan's requests) makes
them as steps 2–3 of one :class:`Transaction` (:meth:`LedgerCore._transaction`): all of
them are stored, or none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from supplyline.errors import ConflictError, StorageError
from supplyline.services.db import Database
from supplyline.services.db.tables import ChainHeadRow, IdempotencyRow, OrderRow
from supplyline.services.ledger import orders as ops
from supplyline.services.ledger.arguments import (
    actor_arg,
    aware_time,
    key_arg,
    order_id_arg,
    version_arg,
)
from supplyline.services.ledger.audit import append_event, canonical, lock_head
from supplyline.services.ledger.failed_write import AfterFailure, said_after_failure
from supplyline.services.ledger.idempotency import spellings, with_key
from supplyline.services.ledger.mapping import order_view
from supplyline.services.ledger.reading import LedgerReads
from supplyline.services.ledger.reconcile import check_key, check_no_key, check_order
from supplyline.services.ledger.rules import Action
from supplyline.services.ledger.stored import undamaged
from supplyline.services.ledger.views import Actor, SupportOrder

__all__ = ["Clock", "LedgerCore", "Outcome", "Transaction", "orders_check", "retried"]

Clock = Callable[[], dt.datetime]
T = TypeVar("T")
Outcome = tuple[int | None, str | None, dict[str, Any]]
"""What a change returns to the write path: order id, agreement id, event payload."""


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _request_digest(kind: str, request: Mapping[str, Any]) -> str:
    """The digest an idempotency key is kept with: the request's kind and arguments."""
    return hashlib.sha256(canonical({"kind": kind, **request}).encode()).hexdigest()


def _kept_for(
    held: str, kind: str, request: dict[str, Any], formerly: dict[str, Any] | None
) -> bool:
    """Whether ``held``, a key's digest, is one this request may have been kept with.

    The request's amounts as stored (what a key is kept with now), and as a version
    before kept them: as typed, in any spelling of the same amounts
    (:func:`~idempotency.spellings`); and the same of ``formerly``, the request as an
    earlier version asked it. A digest cannot be read back, so the spellings are hashed
    one by one until one is ``held``: only a key kept before, or a different request,
    gets that far.
    """
    forms = [request] if formerly is None else [request, formerly]
    for form in forms:
        kept, earlier = spellings(form)
        if any(_request_digest(kind, one) == held for one in itertools.chain([kept], earlier)):
            return True
    return False


_KEY_MAKES_IT_SAFE = "with the same idempotency key it does nothing twice"


def retried(key: str | None, check: str = "supplyline ledger events") -> AfterFailure:
    """What a single write the database failed says: nothing written, and run it again.

    ``check`` is the command that shows whether a write whose commit failed was kept.

    >>> retried("req-1").safe
    'with the same idempotency key it does nothing twice'
    """
    return AfterFailure(safe="" if key is None else _KEY_MAKES_IT_SAFE, check=check)


def orders_check(actor: Actor, agreement_id: str | None = None) -> str:
    """The command that lists ``actor``'s orders (under ``agreement_id``), to see one made.

    >>> orders_check(Actor(partner="NLD", user="jan"), "NLD-DEU-1")
    'supplyline ledger orders --as NLD --agreement NLD-DEU-1'
    """
    under = "" if agreement_id is None else f" --agreement {agreement_id}"
    return f"supplyline ledger orders --as {actor.partner}{under}"


class Transaction:
    """An open write transaction: each :meth:`step` is one audited, idempotent change."""

    def __init__(self, session: Session, head: ChainHeadRow, actor: Actor, now: dt.datetime):
        self.session = session
        self.head = head
        self.actor = actor
        self.now = now
        self.replayed: set[str] = set()
        """The keys a :meth:`step` of this transaction found used, and replayed rather than
        applied: what a batch made now, and what was there before it, is decided here, in
        the transaction that holds the chain head (a submit that lost a race to another
        found its keys taken, and said it had requested the orders itself)."""

    def step(
        self,
        kind: str,
        key: str | None,
        request: dict[str, Any],
        action: Callable[[Session, dt.datetime], Outcome | None],
        *,
        formerly: dict[str, Any] | None = None,
    ) -> tuple[int | None, str | None] | None:
        """Do one change: replay it if ``key`` was used for it, else apply and audit it.

        Returns the order and agreement it was about, or None if ``action`` returned None
        (nothing changed: no event, no key kept). A key used for a different request is a
        ConflictError; the same amount written another way (``10``, ``10.000``) is the
        same request. ``request`` is what the caller asked, as asked; ``formerly``, the
        same request as an earlier version hashed it, is replayed too (a key kept before
        the upgrade still finds its request).
        """
        key = key_arg(key)
        actor = self.actor
        digest = _request_digest(kind, spellings(request)[0])  # its amounts as stored
        if key is not None:
            done = self.session.get(IdempotencyRow, (actor.partner, key))
            if done is None:
                check_no_key(self.session, actor.partner, key)
            else:
                check_key(self.session, actor.partner, key, done.event_seq)
                if not _kept_for(done.request_hash, kind, request, formerly):
                    raise ConflictError(
                        f"idempotency key {key!r} was already used by {actor.partner} for "
                        f"a different request ({done.kind} at event {done.event_seq})"
                    )
                self.replayed.add(key)
                return done.order_id, done.agreement_id
        outcome = action(self.session, self.now)
        if outcome is None:
            return None
        order_id, agreement_id, payload = outcome
        event = append_event(
            self.session,
            self.head,
            actor=actor,
            kind=kind,
            at=self.now,
            payload=with_key(payload, key, digest),  # so verify can rebuild the key's row
            agreement_id=agreement_id,
            order_id=order_id,
        )
        if key is not None:
            self.session.add(
                IdempotencyRow(
                    partner=actor.partner,
                    key=key,
                    request_hash=digest,
                    kind=kind,
                    order_id=order_id,
                    agreement_id=agreement_id,
                    event_seq=event.seq,
                    created_at=self.now,
                )
            )
        return order_id, agreement_id


class LedgerCore(LedgerReads):
    """The machinery under :class:`~supplyline.services.ledger.Ledger`'s mutating calls."""

    def __init__(self, db: Database, *, clock: Clock | None = None) -> None:
        self.db = db
        self._clock = clock or _utcnow
        self.new_file: Path | None = None
        """The SQLite file :func:`open_ledger` made for this ledger, if it made one."""

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
        check: str,
    ) -> T:
        key = key_arg(key)  # refused before the transaction, as every argument is
        with self._transaction(actor, retried(key, check)) as tx:
            done = tx.step(kind, key, request, action)
            assert done is not None  # only an action that may return None gets None back
            return result(tx.session, *done)

    @contextmanager
    def _transaction(
        self, actor: Actor, after: AfterFailure | None = None
    ) -> Iterator[Transaction]:
        """One write transaction with the chain head locked, for one change or several.

        Everything done through it is committed together when the block ends, or rolled
        back together if anything in it fails: several changes are all-or-nothing. A
        database failure says so, and how to do it again (``after``).
        """
        actor_arg(actor)
        now = self._now()
        try:
            with undamaged(self.db), self.db.session(write=True) as session:
                yield Transaction(session, lock_head(session), actor, now)
        except StorageError as error:
            said = said_after_failure(error, after or retried(None))
            if said is None:
                raise
            raise type(error)(said) from error  # a commit's unknown outcome stays known as such

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
            check_order(session, row.id)  # the row is what its events say, or nothing is written
            ops.check_transition(row, actor, action, expected_version)
            extra = apply(session, row, now)
            return row.id, row.agreement_id, ops.snapshot_payload(row, extra)

        request = {"order": order_id, "version": expected_version, **args}
        shown = f"supplyline ledger show {order_id} --as {actor.partner}"  # its version, lines
        return self._write(actor, action.value, key, request, run, self._order_result, shown)

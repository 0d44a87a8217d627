"""The append-only audit chain: canonical encoding, SHA-256 links, appending, verifying.

Each event's hash covers a canonical JSON encoding of its sequence number, time, acting
partner and user, kind, subject (agreement, order), payload, and the previous event's
hash. Editing, deleting or reordering any event therefore breaks the chain at that
event, and :func:`verify_chain` names the first one that does not fit.

Appends are linear because every writer locks the single chain-head row first (FOR
UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already admits one writer at a time).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from supplyline.errors import DamagedDataError
from supplyline.services.db.tables import ChainHeadRow, EventRow, OrderRow
from supplyline.services.ledger.replay import Fields, Replayed, replay_row
from supplyline.services.ledger.stored import TABLES, stored_rows
from supplyline.services.ledger.views import Actor

__all__ = [
    "GENESIS_HASH",
    "AuditEvent",
    "VerifyReport",
    "append_event",
    "canonical",
    "event_hash",
    "lock_head",
    "order_snapshot",
    "row_hash",
    "verify_chain",
]

GENESIS_HASH = "0" * 64


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def canonical(value: Any) -> str:
    """The one encoding that is hashed: JSON, sorted keys, no spaces, ASCII, Decimals as text.

    >>> canonical({"b": Decimal("1.50"), "a": [1, "x"]})
    '{"a":[1,"x"],"b":"1.50"}'
    """
    return json.dumps(_plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def event_hash(
    *,
    seq: int,
    at: str,
    partner: str,
    user: str,
    kind: str,
    agreement_id: str | None,
    order_id: int | None,
    payload: str,
    prev_hash: str,
) -> str:
    """SHA-256 (hex) of an event's canonical encoding, linked to the previous hash."""
    body = canonical(
        {
            "seq": seq,
            "at": at,
            "partner": partner,
            "user": user,
            "kind": kind,
            "agreement_id": agreement_id,
            "order_id": order_id,
            "payload": json.loads(payload),
            "prev_hash": prev_hash,
        }
    )
    return hashlib.sha256(body.encode("ascii")).hexdigest()


def row_hash(row: EventRow) -> str:
    """A stored event's hash recomputed from its own columns.

    Its link to the chain (``prev_hash``) is the caller's to check; ``""`` for a payload
    that is no longer JSON (an edit no hash can match).
    """
    try:
        return event_hash(**row.content(), prev_hash=row.prev_hash)
    except ValueError:
        return ""


def lock_head(session: Session) -> ChainHeadRow:
    """Lock and return the chain head: the first statement of every ledger write.

    A ledger without its head row (deleted outside supplyline) is damaged, and every write
    failed with SQLAlchemy's "No row was found" as a database error (exit 7), which named
    neither the damage nor what to do: it is a :class:`DamagedDataError` that says both.
    """
    head = session.execute(
        select(ChainHeadRow).where(ChainHeadRow.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        raise DamagedDataError(
            "the ledger's chain head (row 1 of ledger_chain_head) is missing, so nothing can "
            "be written: the database was edited outside supplyline; run `supplyline ledger "
            "verify` to see what else changed, and restore the ledger from a copy"
        )
    return head


def order_snapshot(row: OrderRow) -> dict[str, Any]:
    """The state of an order after a transition, as it goes into the event payload.

    Amounts are written at their column's scale, so that a row read back from the
    database (``Decimal("0.000")``) and one just built (``Decimal(0)``) encode the same.
    """
    qty, money = Decimal("0.001"), Decimal("0.01")
    return {
        "status": row.status,
        "version": row.version,
        "issued_qty": row.issued_qty.quantize(qty),
        "received_qty": row.received_qty.quantize(qty),
        "billed_amount": row.billed_amount.quantize(money),
        "billed_qty": row.billed_qty.quantize(qty),
        "settled_amount": row.settled_amount.quantize(money),
        "settled_qty": row.settled_qty.quantize(qty),
    }


def append_event(
    session: Session,
    head: ChainHeadRow,
    *,
    actor: Actor,
    kind: str,
    at: dt.datetime,
    payload: Mapping[str, Any],
    agreement_id: str | None = None,
    order_id: int | None = None,
) -> EventRow:
    """Append one event after the locked ``head`` and move the head to it."""
    seq = head.seq + 1
    at_text = at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    body = canonical(payload)
    digest = event_hash(
        seq=seq,
        at=at_text,
        partner=actor.partner,
        user=actor.user,
        kind=kind,
        agreement_id=agreement_id,
        order_id=order_id,
        payload=body,
        prev_hash=head.hash,
    )
    row = EventRow(
        seq=seq,
        at=at_text,
        partner=actor.partner,
        user_name=actor.user,
        kind=kind,
        agreement_id=agreement_id,
        order_id=order_id,
        payload=body,
        prev_hash=head.hash,
        hash=digest,
    )
    session.add(row)
    head.seq = seq
    head.hash = digest
    return row


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEvent:
    """One event of the log, as shown to a partner."""

    seq: int
    at: str
    partner: str
    user: str
    kind: str
    agreement_id: str | None
    order_id: int | None
    payload: str
    hash: str

    @property
    def note(self) -> str:
        """The note (or a rejection's or cancellation's reason) the event was made with.

        Stored in the payload and shown nowhere: a provider's ``reject --note "no fuel
        to spare"`` never reached the receiver. A payload that is not the JSON object
        supplyline writes is said so, not hidden (``verify`` names the event).
        """
        try:
            data = json.loads(self.payload)
        except ValueError:
            return UNREADABLE_NOTE
        if not isinstance(data, Mapping):
            return UNREADABLE_NOTE
        said = data.get("note") or data.get("reason") or ""
        return said if isinstance(said, str) else UNREADABLE_NOTE


UNREADABLE_NOTE = "(its payload cannot be read: run `supplyline ledger verify`)"
"""What an event's note reads when its payload was edited outside supplyline."""


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyReport:
    """The outcome of checking the chain: ``ok``, or the first bad event and why.

    ``findings`` lists every row of the tables that differs from what the events say
    (``problem`` is the first of them, ``bad_seq`` the event that set what it differs
    from, None for a row no event made).
    """

    ok: bool
    events: int
    head_seq: int
    bad_seq: int | None = None
    problem: str = ""
    findings: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.ok:
            return (
                f"ledger verified: {self.events} events, chain intact up to event {self.head_seq}"
            )
        if not self.findings:
            return f"ledger NOT verified: event {self.bad_seq}: {self.problem}"
        shown = self.findings[:MAX_FINDINGS_SHOWN]
        more = len(self.findings) - len(shown)
        tail = [f"  … and {more:,} more"] if more else []
        head = (
            f"ledger NOT verified: the chain of {self.events} events is intact, but "
            f"the tables differ from what the events record in {len(self.findings):,} place(s) "
            "(edited outside the ledger):"
        )
        return "\n".join([head, *(f"  {f}" for f in shown), *tail])


MAX_FINDINGS_SHOWN = 50
"""Findings printed at most; the count says how many more there are."""


def _show(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="microseconds")
    if value is None:
        return "empty"
    if isinstance(value, Decimal | dt.date):
        return repr(str(value))
    return repr(value)


def _compare_tables(session: Session, state: Replayed) -> list[tuple[int | None, str]]:
    """Every difference between the rows and the events' state, with the event to blame."""
    found: list[tuple[int | None, str]] = []
    for what in TABLES:
        expected: dict[tuple[Any, ...], Fields] = getattr(state, what)
        seen: set[tuple[Any, ...]] = set()
        for row in stored_rows(session, what):
            found.extend((None, f"{d} ({d.where})") for d in row.damage)
            fields = expected.get(row.key)
            if fields is None and what == "idempotency":
                fields = _unrecorded_key(state, row.cells)
            if fields is None:
                found.append((None, f"{row.name} is in the {what} table but no event made it"))
                continue
            seen.add(row.key)
            bad = {d.column for d in row.damage}
            for column, (value, setter) in fields.items():
                if column in bad or column not in row.cells or row.cells[column] == value:
                    continue
                found.append(
                    (
                        setter.seq,
                        f"{row.name}: {column} is {_show(row.cells[column])} in the table "
                        f"but {_show(value)} by the events (set by {setter})",
                    )
                )
        for key, fields in expected.items():
            if key not in seen:
                first = min((s for _v, s in fields.values()), key=lambda s: s.seq)
                spec = TABLES[what]
                cells = {k: v for k, (v, _s) in fields.items()} | dict(
                    zip(spec.key, key, strict=True)
                )
                name = spec.name(cells)
                found.append((first.seq, f"{name} made by {first} is missing from the table"))
    return found


def _unrecorded_key(state: Replayed, cells: dict[str, Any]) -> Fields | None:
    """What a key row pointing at an event made before keys were recorded must hold.

    Such an event (see :mod:`idempotency`) says everything but the key and the request's
    hash, so those are taken as the row has them; the rest is compared. One row per
    event: a second pointing at the same event is a row no event made.
    """
    event = cells.get("event_seq")
    fields = state.unrecorded.pop(event, None) if isinstance(event, int) else None
    if fields is None:
        return None
    setter = fields["event_seq"][1]
    return fields | {name: (cells[name], setter) for name in ("key", "request_hash")}


def _out_of_sequence(session: Session, found: int, expected: int) -> str:
    """What is found where event ``expected`` should be: say the number, then what it means.

    An event copied in with its number raised by 1000 read "event 69 is missing", as though
    one had been deleted; the chain head, which names the last event written, tells an
    event added after it (inserted) from a gap before it (deleted).
    """
    after = f"after event {expected - 1}" if expected > 1 else "first"
    said = f"an event numbered {found} comes {after}, where {expected} was expected"
    head = session.get(ChainHeadRow, 1)
    if head is not None and head.seq == expected - 1:
        return (
            f"{said}: it was inserted or renumbered (the chain head names event {head.seq} "
            "as the last one written)"
        )
    gap = (
        f"event {expected} was" if found == expected + 1 else f"events {expected}–{found - 1} were"
    )
    return f"{said}: {gap} deleted, or this event was inserted or renumbered"


def verify_chain(session: Session) -> VerifyReport:
    """Walk the chain from the first event; name the first edited, missing or moved event.

    Also checks that the chain head names the last event (a deleted tail), then rebuilds
    every agreement, price, order, line and idempotency key from the events
    (:mod:`replay`) and compares each column of each row with it, both ways: an edited,
    deleted or added row, or a cell supplyline could not have written, is named with the
    event it contradicts. An order's totals, status and version are added up from its
    whole history (:mod:`history`), not taken from its last event, so an edit that a later
    write copied into its event is named with that event.
    """
    prev = GENESIS_HASH
    expected = 1
    count = 0
    state = Replayed()
    for row in session.execute(select(EventRow).order_by(EventRow.seq)).scalars():
        count += 1
        if row.seq != expected:
            return VerifyReport(
                ok=False,
                events=count,
                head_seq=0,
                bad_seq=expected,
                problem=_out_of_sequence(session, row.seq, expected),
            )
        if row.prev_hash != prev:
            return VerifyReport(
                ok=False,
                events=count,
                head_seq=0,
                bad_seq=row.seq,
                problem="its previous-hash does not match the event before it "
                "(an event was removed, inserted or reordered)",
            )
        if row_hash(row) != row.hash:
            return VerifyReport(
                ok=False,
                events=count,
                head_seq=0,
                bad_seq=row.seq,
                problem=f"its content does not match its hash (the {row.kind} event was edited)",
            )
        replay_row(state, row)
        prev = row.hash
        expected += 1
    heads = session.execute(select(ChainHeadRow).order_by(ChainHeadRow.id)).scalars().all()
    head = next((h for h in heads if h.id == 1), None)
    if head is None:
        gone = "the chain head (row 1 of ledger_chain_head) is missing: it was deleted"
        return VerifyReport(ok=False, events=count, head_seq=0, problem=gone, findings=(gone,))
    if head.seq != count:
        return VerifyReport(
            ok=False,
            events=count,
            head_seq=head.seq,
            bad_seq=count + 1 if head.seq > count else head.seq,
            problem=f"the chain head names event {head.seq} but the log ends at event {count} "
            "(events at the end were deleted)",
        )
    if head.hash != prev:
        return VerifyReport(
            ok=False,
            events=count,
            head_seq=head.seq,
            bad_seq=count,
            problem=f"the chain head names event {count} with a hash that is not that event's "
            "(the chain head was edited)",
        )
    found: list[tuple[int | None, str]] = [
        (None, f"ledger_chain_head has a row {h.id!r} besides the chain head (row 1)")
        for h in heads
        if h is not head
    ]
    found += state.broken  # a step or an ``after`` the order's own history contradicts
    found += _compare_tables(session, state)
    if found:
        return VerifyReport(
            ok=False,
            events=count,
            head_seq=head.seq,
            bad_seq=found[0][0],
            problem=found[0][1],
            findings=tuple(f for _s, f in found),
        )
    return VerifyReport(ok=True, events=count, head_seq=head.seq)


def count_events(session: Session) -> int:
    """How many events the log holds."""
    return int(session.execute(select(func.count()).select_from(EventRow)).scalar_one())

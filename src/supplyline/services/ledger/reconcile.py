"""Before a write reads an order, hold its row and lines to what its own events record.

Every transition reads the order's row (its totals, status and version) to decide and to
write the next event, whose ``after`` copies them. A row edited in SQL between two writes
(``billed_amount`` raised to 99,999) was therefore taken as it stood, defaulted the next
settlement to the inflated amount, and was sealed into the chain as if supplyline had
computed it. :func:`check_order` replays the order's events alone (an index on the event's
order keeps it to that order's few events, not the whole chain) and compares, as ``verify``
does for the whole ledger; :func:`check_committed` does the same for what a request reads
against an agreement's total ceiling (each order's value, currency, and whether it was
rejected or cancelled). A difference is a :class:`TamperedLedgerError`, before anything is
written.

The agreement an order is made or moved under and the idempotency key a retry replays are
read too: a price raised in ``ledger_price`` by SQL was billed in the next request, and
that request's event sealed it. :func:`check_agreement` replays the agreement's own event
(its terms and price list) against its rows; :func:`check_key` the event a key's row names
against that row, and :func:`check_no_key` refuses a key whose row is gone while an event
still records it (a retry would have acted twice).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from supplyline.domain.amounts import money_text, quantity_text, unit_price_text
from supplyline.services.db.tables import EventRow
from supplyline.services.ledger.audit import canonical, row_hash
from supplyline.services.ledger.errors import TamperedLedgerError
from supplyline.services.ledger.idempotency import KEY_FIELD
from supplyline.services.ledger.replay import Fields, Replayed, replay_row
from supplyline.services.ledger.stored import MONEY, PRICE, QUANTITY, TABLES, Parser, stored_rows
from supplyline.services.ledger.views import OrderStatus

__all__ = ["check_agreement", "check_committed", "check_key", "check_no_key", "check_order"]

Committed = dict[int, tuple[Decimal, str, bool, str]]
"""Order id → (value, currency, neither rejected nor cancelled, the event that said so)."""

_DEAD = frozenset({OrderStatus.REJECTED.value, OrderStatus.CANCELLED.value})
_SHOWN_AT_MOST = 3


def _replayed(session: Session, events: Select[EventRow]) -> tuple[Replayed, list[str]]:
    """The rows ``events`` leave, replayed in order; or the first event its hash disowns.

    Past an event that does not match its hash nothing is replayed: the rows it would
    leave are no evidence either way.
    """
    state = Replayed()
    for event in session.execute(events).scalars():
        if row_hash(event) != event.hash:
            return state, [f"event {event.seq} ({event.kind}) does not match its hash"]
        replay_row(state, event)
    return state, []


def check_order(session: Session, order_id: int) -> None:
    """Refuse (TamperedLedgerError) an order whose row or lines are not what its events say."""
    events = select(EventRow).where(EventRow.order_id == order_id).order_by(EventRow.seq)
    state, problems = _replayed(session, events)
    if not problems:
        problems += [words for _seq, words in state.broken]
        spec = TABLES["order"].table.c
        problems += _differences(session, "order", spec.id == order_id, state.order)
        lines = TABLES["line"].table.c
        problems += _differences(session, "line", lines.order_id == order_id, state.line)
    if problems:
        raise TamperedLedgerError(_refusal(problems))


def check_agreement(session: Session, agreement_id: str) -> None:
    """Refuse (TamperedLedgerError) an agreement whose row or prices its event does not give.

    One read of the events that entered ``agreement_id`` (one, as terms are immutable),
    then of its row and its price list; an agreement the ledger never held passes, for the
    caller to say it is not there.
    """
    events = (
        select(EventRow)
        .where(EventRow.agreement_id == agreement_id)
        .where(EventRow.kind == "agreement")
        .order_by(EventRow.seq)
    )
    state, problems = _replayed(session, events)
    if not problems:
        terms = TABLES["agreement"].table.c
        problems += _differences(
            session, "agreement", terms.id == agreement_id, state.agreement, table_named=True
        )
        prices = TABLES["price"].table.c
        problems += _differences(
            session, "price", prices.agreement_id == agreement_id, state.price, table_named=True
        )
    if problems:
        raise TamperedLedgerError(_refusal(problems))


def check_key(session: Session, partner: str, key: str, event_seq: int) -> None:
    """Refuse a retry whose idempotency row (naming ``event_seq``) its event does not give.

    The row decides what a retry returns (its order) and whether the retry is the same
    request (its request hash): a row edited in SQL replayed another partner's order, or
    refused the very request it was kept for. The event it names must record this key
    (or, written before keys were recorded, at least this partner, kind, order, agreement
    and time).
    """
    state = Replayed()
    event = session.get(EventRow, event_seq)
    spec = TABLES["idempotency"]
    name = spec.name({"partner": partner, "key": key})
    if event is not None and row_hash(event) != event.hash:
        raise TamperedLedgerError(
            _refusal([f"event {event.seq} ({event.kind}) does not match its hash"])
        )
    if event is not None:
        replay_row(state, event)
    expected = {k: v for k, v in state.idempotency.items() if k == (partner, key)}
    if not expected and event_seq in state.unrecorded:
        expected = {(partner, key): state.unrecorded[event_seq]}
    if not expected:
        made = "there is no such event" if event is None else f"it was not made under {key!r}"
        raise TamperedLedgerError(
            _refusal(
                [
                    f"{name} names event {event_seq} in table {spec.table.name}, column "
                    f"event_seq, but {made}"
                ]
            )
        )
    where = (spec.table.c.partner == partner) & (spec.table.c.key == key)
    problems = _differences(session, "idempotency", where, expected, table_named=True)
    if problems:
        raise TamperedLedgerError(_refusal(problems))


def check_no_key(session: Session, partner: str, key: str) -> None:
    """Refuse a key with no row when an event of ``partner`` records it: the row was deleted.

    Without its row a retry is taken for a new request and acts a second time. Events
    record their key in their payload (:mod:`idempotency`), so this is one scan of the
    partner's events for that text; it runs only for a write given a key not found.
    """
    recorded = f'"{KEY_FIELD}":{{"key":{canonical(key)},'  # as the canonical payload has it
    events = (
        select(EventRow)
        .where(EventRow.partner == partner)
        .where(EventRow.payload.contains(recorded, autoescape=True))
        .order_by(EventRow.seq)
    )
    for event in session.execute(events).scalars():
        state = Replayed()
        replay_row(state, event)
        if (partner, key) in state.idempotency:  # not merely a note that quotes it
            spec = TABLES["idempotency"]
            raise TamperedLedgerError(
                _refusal(
                    [
                        f"{spec.name({'partner': partner, 'key': key})} is missing from table "
                        f"{spec.table.name}, but event {event.seq} ({event.kind}) was made "
                        "under it"
                    ]
                )
            )


def check_committed(session: Session, agreement_id: str, currency: str, committed: Decimal) -> None:
    """Refuse a request whose total-ceiling sum, ``committed``, its events do not give.

    The sum counts each order's value in ``currency``, unless the order was rejected or
    cancelled: an order deleted, revalued or marked cancelled in SQL made room under the
    ceiling. The events' sum is one read of the agreement's request, reject and cancel
    events; only when it differs are the orders compared one by one, to name them.
    """
    wanted = _ceiling_events(session, agreement_id)
    by_events = sum(
        (value for value, money, live, _by in wanted.values() if live and money == currency),
        Decimal(0),
    )
    if by_events == committed:
        return
    problems: list[str] = []
    column = TABLES["order"].table.c.agreement_id
    only = ("value", "currency", "status")
    for row in stored_rows(session, "order", column == agreement_id, only):
        problems += [str(d) for d in row.damage]
        order_id = row.key[0]
        if order_id not in wanted:
            problems.append(
                f"order {order_id} is under agreement {agreement_id} in the table, "
                "but no event requested it there"
            )
            continue
        value, money, live, by = wanted.pop(order_id)
        if row.cells["value"] != value:
            problems.append(_said(row.name, "value", row.cells["value"], value, MONEY, by))
        if row.cells["currency"] != money:
            problems.append(_said(row.name, "currency", row.cells["currency"], money, None, by))
        if (row.cells["status"] not in _DEAD) != live:
            should = "neither rejected nor cancelled" if live else "rejected or cancelled"
            problems.append(
                f"{row.name}'s status is {row.cells['status']} in the table but {should} "
                f"by its events ({by})"
            )
    problems += [
        f"order {order_id} (made by {by}) is missing from agreement {agreement_id}'s orders "
        "in the table"
        for order_id, (_v, _c, _l, by) in wanted.items()
    ]
    problems = problems or [  # the sum differs, yet no order does: said rather than let pass
        f"agreement {agreement_id}'s orders hold {money_text(committed)} {currency} against its "
        f"total ceiling in the table but {money_text(by_events)} {currency} by its events"
    ]
    raise TamperedLedgerError(_refusal(problems))


def _ceiling_events(session: Session, agreement_id: str) -> Committed:
    """Each order of the agreement by its events: value, currency, live, and the event."""
    wanted: Committed = {}
    events = (
        select(EventRow.seq, EventRow.kind, EventRow.order_id, EventRow.payload)
        .where(EventRow.agreement_id == agreement_id)
        .where(EventRow.kind.in_(("request", "reject", "cancel")))
        .order_by(EventRow.seq)
    )
    for seq, kind, order_id, payload in session.execute(events):
        if order_id is None:
            continue
        if kind == "request":
            data = json.loads(payload)
            value = Decimal(str(data["value"])).quantize(Decimal("0.01"))
            wanted[order_id] = (value, data["currency"], True, f"event {seq}, request")
        elif order_id in wanted:
            value, money, _live, _by = wanted[order_id]
            wanted[order_id] = (value, money, False, f"event {seq}, {kind}")
    return wanted


def _differences(
    session: Session,
    what: str,
    where: Any,
    expected: dict[Any, Fields],
    *,
    table_named: bool = False,
) -> list[str]:
    """Each cell of the rows ``where`` selects that the events do not give, in words.

    ``table_named`` adds the table and column (``table ledger_price, column per_t``): an
    agreement's price or a key's row is not what a user sees under that name.
    """
    spec = TABLES[what]
    found: list[str] = []
    seen = set()
    for row in stored_rows(session, what, where):
        found += [str(d) for d in row.damage]
        fields = expected.get(row.key)
        if fields is None:
            found.append(f"{row.name} is in the table but no event made it")
            continue
        seen.add(row.key)
        bad = {d.column for d in row.damage}
        for column, (value, setter) in fields.items():
            held = row.cells.get(column, value)
            if column in bad or held == value:
                continue
            parser = spec.columns[column]
            by = f"event {setter.seq}"
            if table_named:
                by += f"; table {spec.table.name}, column {column}"
            found.append(_said(row.name, column, held, value, parser, by))
    found += [
        f"{spec.name(_named(spec.key, key, fields))} made by event "
        f"{min(s.seq for _v, s in fields.values())} is missing from the table"
        for key, fields in expected.items()
        if key not in seen
    ]
    return found


def _named(key_columns: tuple[str, ...], key: tuple[Any, ...], fields: Fields) -> dict[str, Any]:
    return {name: value for name, (value, _s) in fields.items()} | dict(
        zip(key_columns, key, strict=True)
    )


def _said(name: str, column: str, held: Any, should: Any, parser: Parser | None, by: str) -> str:
    """``order 1's settled_amount is 20,000.00 in the table but 10,000.00 by its events``."""
    return (
        f"{name}'s {column} is {_shown(held, parser)} in the table but "
        f"{_shown(should, parser)} by its events ({by})"
    )


def _shown(value: Any, parser: Parser | None) -> str:
    if isinstance(value, Decimal):
        if parser is MONEY:
            return money_text(value)
        if parser is QUANTITY:
            return quantity_text(value)
        if parser is PRICE:
            return unit_price_text(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="microseconds")
    return "empty" if value is None else str(value)


def _refusal(problems: list[str]) -> str:
    shown = "; ".join(problems[:_SHOWN_AT_MOST])
    more = len(problems) - _SHOWN_AT_MOST
    tail = f" (and {more} more)" if more > 0 else ""
    return (
        f"{shown}{tail}: the ledger was changed outside supplyline, so nothing was written; "
        "run `supplyline ledger verify` to see every change, and restore the ledger from a "
        "copy"
    )

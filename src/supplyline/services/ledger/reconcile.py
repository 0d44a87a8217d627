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
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from supplyline.domain.amounts import money_text, quantity_text, unit_price_text
from supplyline.services.db.tables import EventRow
from supplyline.services.ledger.audit import row_hash
from supplyline.services.ledger.errors import TamperedLedgerError
from supplyline.services.ledger.replay import Fields, Replayed, replay_row
from supplyline.services.ledger.stored import MONEY, PRICE, QUANTITY, TABLES, Parser, stored_rows
from supplyline.services.ledger.views import OrderStatus

__all__ = ["check_committed", "check_order"]

Committed = dict[int, tuple[Decimal, str, bool, str]]
"""Order id → (value, currency, neither rejected nor cancelled, the event that said so)."""

_DEAD = frozenset({OrderStatus.REJECTED.value, OrderStatus.CANCELLED.value})
_SHOWN_AT_MOST = 3


def check_order(session: Session, order_id: int) -> None:
    """Refuse (TamperedLedgerError) an order whose row or lines are not what its events say."""
    state = Replayed()
    events = select(EventRow).where(EventRow.order_id == order_id).order_by(EventRow.seq)
    problems: list[str] = []
    for event in session.execute(events).scalars():
        if row_hash(event) != event.hash:
            problems.append(f"event {event.seq} ({event.kind}) does not match its hash")
            break
        replay_row(state, event)
    if not problems:
        problems += [words for _seq, words in state.broken]
        spec = TABLES["order"].table.c
        problems += _differences(session, "order", spec.id == order_id, state.order)
        lines = TABLES["line"].table.c
        problems += _differences(session, "line", lines.order_id == order_id, state.line)
    if problems:
        raise TamperedLedgerError(_refusal(problems))


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


def _differences(session: Session, what: str, where: Any, expected: dict[Any, Fields]) -> list[str]:
    """Each cell of the rows ``where`` selects that the events do not give, in words."""
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
            found.append(_said(row.name, column, held, value, parser, f"event {setter.seq}"))
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

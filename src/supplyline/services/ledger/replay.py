"""The ledger's state rebuilt from its events alone, to hold the tables against.

Each event's payload records what it did: an agreement's whole terms, a request's
parties, item, amounts and mode, each transition's line and the order's totals after it,
and the idempotency key it was made under (:mod:`idempotency`). Replaying them gives,
for every agreement, price, order, line and key, the value each column must hold and the
event that last set it. :mod:`audit` compares that with the rows (:mod:`stored`), both
ways, so a row edited, deleted or added behind the ledger's back is caught, not only an
edited event.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from supplyline.domain import ReimbursementMode
from supplyline.domain.amounts import (
    MONEY_DECIMALS,
    QUANTITY_DECIMALS,
    UNIT_PRICE_DECIMALS,
    unit_price_text,
)
from supplyline.services.db.tables import EventRow
from supplyline.services.ledger.history import OrderTally, Setter, shown_total
from supplyline.services.ledger.idempotency import expected_key_row, recorded, row_fields
from supplyline.services.ledger.views import ItemKind, LineKind

__all__ = ["Replayed", "Setter", "replay_event", "replay_row"]

_MONEY = Decimal(1).scaleb(-MONEY_DECIMALS)
_QTY = Decimal(1).scaleb(-QUANTITY_DECIMALS)
_PRICE = Decimal(1).scaleb(-UNIT_PRICE_DECIMALS)
_TOTALS = {
    "issued_qty": _QTY,
    "received_qty": _QTY,
    "billed_amount": _MONEY,
    "billed_qty": _QTY,
    "settled_amount": _MONEY,
    "settled_qty": _QTY,
}
_LINE_OF = {
    "issue": LineKind.ISSUE,
    "receive": LineKind.RECEIPT,
    "bill": LineKind.BILL,
    "settle": LineKind.SETTLEMENT,
}


Fields = dict[str, tuple[Any, Setter]]
"""Column name → (the value the events give it, the event that set it)."""


@dataclass(slots=True)
class Replayed:
    """What the events say every row holds, keyed as :data:`stored.TABLES` keys them."""

    agreement: dict[tuple[Any, ...], Fields] = field(default_factory=dict)
    price: dict[tuple[Any, ...], Fields] = field(default_factory=dict)
    order: dict[tuple[Any, ...], Fields] = field(default_factory=dict)
    line: dict[tuple[Any, ...], Fields] = field(default_factory=dict)
    idempotency: dict[tuple[Any, ...], Fields] = field(default_factory=dict)
    unrecorded: dict[int, Fields] = field(default_factory=dict)
    """Events from before keys were recorded, by number: what a row pointing at one holds."""
    scope: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    tallies: dict[int, OrderTally] = field(default_factory=dict)
    """Each order as its events add up, by id (:mod:`history`)."""
    broken: list[tuple[int, str]] = field(default_factory=list)
    """(event, words) for each event whose step or recorded ``after`` its order's history
    contradicts: a row edited outside supplyline, carried into the event written after."""


def _amount(value: Any, quantum: Decimal) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(quantum)


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def replay_row(state: Replayed, row: EventRow) -> None:
    """Apply one stored (verified) event to ``state``: :func:`replay_event` on its columns."""
    replay_event(state, **row.content())


def replay_event(
    state: Replayed,
    *,
    seq: int,
    at: str,
    partner: str,
    user: str,
    kind: str,
    agreement_id: str | None,
    order_id: int | None,
    payload: str,
) -> None:
    """Apply one (verified) event to ``state``.

    The payload's hash was checked before, so a value that does not parse here is a
    bug of the writer, not tampering: it is raised as it comes.
    """
    data = json.loads(payload)
    who = Setter(seq, kind)
    moment = dt.datetime.fromisoformat(at).astimezone(dt.UTC)
    _key(state, data, who, moment, partner, agreement_id, order_id)
    if kind == "agreement":
        _agreement(state, data["agreement"], who, moment)
        return
    if order_id is None:
        return
    key = (order_id,)
    if kind == "request":
        state.order[key] = _requested(state, data, who, moment, user)
        state.tallies[order_id] = OrderTally.requested(order_id, data, who)
        state.broken += [(who.seq, words) for words in _off_terms(state, data, who, order_id)]
    order = state.order.setdefault(key, {})
    after = data.get("after", {})
    tally = state.tallies.get(order_id)
    if tally is None:  # no request event made it (a chain checked intact always has one)
        for name, quantum in _TOTALS.items():
            if name in after:
                order[name] = (_amount(after[name], quantum), who)
        for name in ("status", "version"):
            if name in after:
                order[name] = (after[name], who)
    else:
        _tally(state, tally, kind, data, who)
        for name, value in tally.snapshot().items():
            order[name] = (value, tally.setters[name])
    order["updated_at"] = (moment, who)
    line_kind = _LINE_OF.get(kind)
    if line_kind is not None and "line" in data:
        state.line[(data["line"],)] = _line(data, line_kind, order_id, who, moment, partner, user)
        if line_kind is LineKind.BILL and "due_on" in data:
            order["due_on"] = (_date(data["due_on"]), who)


def _tally(
    state: Replayed, tally: OrderTally, kind: str, data: dict[str, Any], who: Setter
) -> None:
    """Take one event into its order's tally; note what in it the history contradicts."""
    if kind != "request":
        state.broken += [(who.seq, words) for words in tally.step(kind, data, who)]
    after = data.get("after", {})
    quanta: dict[str, Decimal | None] = {**_TOTALS, "status": None, "version": None}
    for name, should in tally.snapshot().items():
        if name not in after:
            continue
        quantum = quanta[name]
        said = after[name] if quantum is None else _amount(after[name], quantum)
        if said != should:
            by = tally.setters[name]
            state.broken.append(
                (
                    who.seq,
                    f"event {who.seq} ({kind}) recorded order {tally.order_id}'s {name} as "
                    f"{shown_total(name, said)}, but its events make it "
                    f"{shown_total(name, should)} ({by}): the table was edited before "
                    "that event and the edit was carried into it",
                )
            )


def _key(
    state: Replayed,
    data: dict[str, Any],
    who: Setter,
    moment: dt.datetime,
    partner: str,
    agreement_id: str | None,
    order_id: int | None,
) -> None:
    """The idempotency row the event left (if it says), or what one pointing at it holds."""
    known = row_fields(
        seq=who.seq,
        moment=moment,
        partner=partner,
        kind=who.kind,
        order_id=order_id,
        agreement_id=agreement_id,
    )
    if not recorded(data):
        state.unrecorded[who.seq] = {name: (value, who) for name, value in known.items()}
        return
    row = expected_key_row(data, known)
    if row is not None:
        fields = {name: (value, who) for name, value in row.items()}
        state.idempotency[(row["partner"], row["key"])] = fields


def _agreement(state: Replayed, terms: dict[str, Any], who: Setter, moment: dt.datetime) -> None:
    aid = terms["id"]
    row: dict[str, Any] = {
        "id": aid,
        "name": terms["name"],
        "party_a": terms["parties"][0],
        "party_b": terms["parties"][1],
        "valid_from": _date(terms["valid_from"]),
        "valid_to": _date(terms["valid_to"]),
        "commodities": json.dumps(sorted(terms["commodities"])),
        "services": json.dumps(sorted(terms["services"])),
        "reimbursement_modes": json.dumps(list(terms["reimbursement_modes"])),  # as stored
        "currency": terms["currency"],
        "ceiling_per_order": _amount(terms["ceiling_per_order"], _MONEY),
        "ceiling_total": _amount(terms["ceiling_total"], _MONEY),
        "created_at": moment,
    }
    state.agreement[(aid,)] = {name: (value, who) for name, value in row.items()}
    state.scope[aid] = (frozenset(terms["commodities"]), frozenset(terms["services"]))
    for price in terms["prices"]:
        key = (aid, price["commodity"], price["currency"])
        state.price[key] = {
            "agreement_id": (aid, who),
            "commodity": (price["commodity"], who),
            "currency": (price["currency"], who),
            "per_t": (_amount(price["per_t"], _PRICE), who),
        }


def _requested(
    state: Replayed, data: dict[str, Any], who: Setter, moment: dt.datetime, user: str
) -> Fields:
    row: dict[str, Any] = {
        "agreement_id": data["agreement"],
        "provider": data["provider"],
        "receiver": data["receiver"],
        "item": data["item"],
        "quantity": _amount(data["quantity"], _QTY),
        "unit_price": _amount(data["unit_price"], _PRICE),
        "currency": data["currency"],
        "value": _amount(data["value"], _MONEY),
        "mode": data["mode"],
        "needed_on": _date(data["needed_on"]),
        "due_on": None,
        "requested_by": user,
        "note": data["note"],
        "created_at": moment,
    }
    scope = state.scope.get(data["agreement"])
    if scope is not None and data["item"] in scope[0] | scope[1]:
        in_commodities = data["item"] in scope[0]
        row["item_kind"] = (ItemKind.COMMODITY if in_commodities else ItemKind.SERVICE).value
    return {name: (value, who) for name, value in row.items()}


def _off_terms(state: Replayed, data: dict[str, Any], who: Setter, order_id: int) -> list[str]:
    """What in a request its agreement's event contradicts: its currency, a commodity's price.

    A request is priced from the agreement's rows: a price raised in ``ledger_price``
    (or a currency changed) before it was carried into its event, and the rows put back
    afterwards left nothing in the tables to see; the agreement's event still says.
    """
    terms = state.agreement.get((data["agreement"],))
    if terms is None:
        return []
    aid = data["agreement"]
    currency, made = terms["currency"]
    carried = "the table was edited before that event and the edit was carried into it"
    if data["currency"] != currency:
        return [
            f"event {who.seq} (request) made order {order_id} in {data['currency']}, but "
            f"agreement {aid}'s currency is {currency} by its events ({made}): {carried}"
        ]
    price = state.price.get((aid, data["item"], currency))
    if price is None or data["item"] not in state.scope[aid][0]:
        return []
    per_t, by = price["per_t"]
    said = Decimal(str(data["unit_price"])).quantize(_PRICE)
    if said == per_t:
        return []
    return [
        f"event {who.seq} (request) priced order {order_id}'s {data['item']} at "
        f"{unit_price_text(said)} {currency}/t, but agreement {aid}'s price is "
        f"{unit_price_text(per_t)} by its events ({by}): {carried}"
    ]


def _line(
    data: dict[str, Any],
    kind: LineKind,
    order_id: int,
    who: Setter,
    moment: dt.datetime,
    partner: str,
    user: str,
) -> Fields:
    in_kind = data.get("mode") == ReimbursementMode.REPLACEMENT_IN_KIND.value
    money = kind in (LineKind.BILL, LineKind.SETTLEMENT) and not in_kind
    row: dict[str, Any] = {
        "id": data["line"],
        "order_id": order_id,
        "kind": kind.value,
        "ref_line": data.get("issue_line"),
        "quantity": None if money else _amount(data.get("quantity"), _QTY),
        "amount": _amount(data.get("amount"), _MONEY) if money else None,
        "condition": data.get("condition"),
        "mode": data.get("mode"),
        "due_on": _date(data.get("due_on")),
        "partner": partner,
        "user_name": user,
        "note": data.get("note", ""),
        "at": moment,
    }
    return {name: (value, who) for name, value in row.items()}

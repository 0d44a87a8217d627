"""What the audit log records of the idempotency table, and how verify rebuilds that table.

The idempotency table remembers each ``(partner, key)`` a mutating call was given, with
a hash of the request and the event it made, so that a retry returns the first result
instead of acting twice. A row deleted behind the ledger's back would let a repeated
import apply twice, and an edited one would replay the wrong order; so each event now
records the key it was made under (``"idempotency": {"key": …, "request_hash": …}``, or
``null`` without one), inside its hashed payload, and :mod:`audit` compares the table
with what the events say, both ways, as it does the order table.

Events written before this record existed carry no ``"idempotency"`` field. A row that
points at such an event is held against what the event does say (partner, kind, order,
agreement, time); its key and request hash cannot be checked, and a deleted row of such
an event cannot be seen. Ledgers made before still verify.

A request is kept with its amounts as the ledger stores them (:func:`spellings`): ``10``,
``10.000``, ``1E+1`` and the float ``10.0`` are one quantity, so a retry that types back
the ``10.000`` a table shows replays the order (it was "a different request").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from supplyline.domain.amounts import (
    MONEY_DECIMALS,
    QUANTITY_DECIMALS,
    UNIT_PRICE_DECIMALS,
    largest_amount,
)

__all__ = ["KEY_FIELD", "expected_key_row", "recorded", "row_fields", "spellings", "with_key"]

_AMOUNT_DECIMALS = {
    "quantity": QUANTITY_DECIMALS,
    "amount": MONEY_DECIMALS,
    "unit_price": UNIT_PRICE_DECIMALS,
}
"""The amounts of a keyed order request or transition, by argument, and the decimals the
ledger stores of each (tonnes to the kilogram, money to the cent, prices to 0.0001)."""

KEY_FIELD = "idempotency"
"""The payload field that records the key an event was made under (absent in old events)."""


def with_key(payload: Mapping[str, Any], key: str | None, request_hash: str) -> dict[str, Any]:
    """The payload an event is written with: ``payload`` and the key it was made under.

    >>> with_key({"note": ""}, "req-1", "ab")
    {'note': '', 'idempotency': {'key': 'req-1', 'request_hash': 'ab'}}
    >>> with_key({"note": ""}, None, "ab")
    {'note': '', 'idempotency': None}
    """
    record = None if key is None else {"key": key, "request_hash": request_hash}
    return {**payload, KEY_FIELD: record}


def _as_stored(value: Decimal, decimals: int) -> Decimal:
    """``value`` as the ledger stores it, if it can: to ``decimals`` places, exactly.

    One it cannot store (more decimals, too large, not finite) is left as given: the
    ledger refuses it when it applies it, and a replay must not take it for the stored
    amount it would round to.
    """
    quantum = Decimal(1).scaleb(-decimals)
    if not value.is_finite() or abs(value) > largest_amount(decimals):
        return value
    stored = value.quantize(quantum)
    return stored + 0 if stored == value else value  # + 0: -0 is 0


def _plain(value: Decimal) -> Decimal:
    """``value`` with no trailing zeros and no exponent: ``10.000`` and ``1E+1`` are ``10``."""
    if not value.is_finite():
        return value
    return Decimal(format(value.normalize(), "f")) + 0


def _spelled(request: Mapping[str, Any], how: Callable[[Decimal, int], Decimal]) -> dict[str, Any]:
    return {
        name: how(value, _AMOUNT_DECIMALS[name])
        if name in _AMOUNT_DECIMALS and isinstance(value, Decimal)
        else value
        for name, value in request.items()
    }


def spellings(request: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The request a key is kept with, and the forms an earlier version may have kept.

    The first is ``request`` with each amount (``quantity``, ``amount``, ``unit_price``)
    as the ledger stores it (``10.000`` t, ``100.00`` EUR): the same amount, however it
    is written, is the same request. A key kept before (with the amounts as they were
    typed) still finds its request when the retry is typed the same, or is written as
    either plain form, ``10`` or ``10.000``: the others follow, as typed and with each
    amount plain. A request without amounts has itself alone.

    >>> kept, earlier = spellings({"quantity": Decimal("1E+1"), "note": ""})
    >>> kept, earlier
    ({'quantity': Decimal('10.000'), 'note': ''}, [{'quantity': Decimal('1E+1'), 'note': ''}, {'quantity': Decimal('10'), 'note': ''}])
    """  # noqa: E501
    kept = _spelled(request, _as_stored)
    return kept, [dict(request), _spelled(request, lambda value, _d: _plain(value))]


def row_fields(
    *,
    seq: int,
    moment: dt.datetime,
    partner: str,
    kind: str,
    order_id: int | None,
    agreement_id: str | None,
) -> dict[str, Any]:
    """The columns of an idempotency row that the event itself determines, key or no key."""
    return {
        "partner": partner,
        "kind": kind,
        "order_id": order_id,
        "agreement_id": agreement_id,
        "event_seq": seq,
        "created_at": moment,
    }


def expected_key_row(data: Mapping[str, Any], known: dict[str, Any]) -> dict[str, Any] | None:
    """The whole idempotency row an event's payload says it left, or None if it left none.

    ``known`` is :func:`row_fields` of the event. None for an event made without a key;
    an old event (no ``"idempotency"`` field) is not handled here (see :mod:`audit`).
    """
    record = data.get(KEY_FIELD)
    if not isinstance(record, Mapping):
        return None
    return {**known, "key": record["key"], "request_hash": record["request_hash"]}


def recorded(data: Mapping[str, Any]) -> bool:
    """Whether an event's payload says which key (or none) it was made under."""
    return KEY_FIELD in data

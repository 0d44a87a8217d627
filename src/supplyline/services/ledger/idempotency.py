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
import itertools
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from supplyline.domain.amounts import (
    AMOUNT_DIGITS,
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


_TYPED_DECIMALS = AMOUNT_DIGITS
"""The most decimals an amount kept before as typed is looked for with (``10.0``, ``10.00``,
… to 18 places): a digest cannot be read back, so each way the retry's amount could have
been written is hashed in turn, and those are finitely many only to a bound."""


def _written(value: Decimal) -> Iterator[Decimal]:
    """Every way finite ``value`` may have been typed, as a Decimal keeps it.

    A Decimal's text is fixed by its digits and exponent, so ``10`` is written ``1E+1``,
    ``10``, ``10.0`` … ``10.000000000000000000``: one each exponent from the most decimals
    (:data:`_TYPED_DECIMALS`) up to the largest that leaves whole digits. A leading zero or
    a plus (``010``, ``+10``) is the same Decimal as ``10``.

    >>> [str(one) for one in _written(Decimal("1E+1"))][-3:]
    ['10.0', '10', '1E+1']
    """
    sign, digits, written = value.as_tuple()
    if not isinstance(written, int):  # not finite: itself alone
        yield value
        return
    exponent: int = written
    coefficient = int("".join(map(str, digits)))
    while coefficient and coefficient % 10 == 0:  # the plain form, without the context's
        coefficient, exponent = coefficient // 10, exponent + 1  # rounding (normalize has)
    if not coefficient:
        exponent = max(exponent, 0)  # 0.0 may have been typed 0
    for place in range(min(-_TYPED_DECIMALS, exponent), exponent + 1):
        padded = coefficient * 10 ** (exponent - place)
        yield Decimal((sign, tuple(int(d) for d in str(padded)), place))


def _every_spelling(request: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """``request`` with its amounts written each way :func:`_written` says, in every mix."""
    names = [n for n, v in request.items() if n in _AMOUNT_DECIMALS and isinstance(v, Decimal)]
    ways = [list(_written(request[name])) for name in names]
    for amounts in itertools.product(*ways):
        yield {**request, **dict(zip(names, amounts, strict=True))}


def spellings(request: Mapping[str, Any]) -> tuple[dict[str, Any], Iterable[dict[str, Any]]]:
    """The request a key is kept with, and the forms an earlier version may have kept.

    The first is ``request`` with each amount (``quantity``, ``amount``, ``unit_price``)
    as the ledger stores it (``10.000`` t, ``100.00`` EUR): the same amount, however it
    is written, is the same request. A key kept before (by a version before
    keys were kept so, with each amount as it was typed) cannot be read back, so
    the others are the request as typed, then with its amounts in every spelling of the
    same value (:func:`_written`): a retry of ``10`` finds a key kept for ``10.0``, and
    one of ``11`` still finds none. They are made only as they are asked for.

    >>> kept, earlier = spellings({"quantity": Decimal("1E+1"), "note": ""})
    >>> kept
    {'quantity': Decimal('10.000'), 'note': ''}
    >>> [str(one["quantity"]) for one in earlier][:2]
    ['1E+1', '10.000000000000000000']
    """
    kept = {
        name: _as_stored(value, _AMOUNT_DECIMALS[name])
        if name in _AMOUNT_DECIMALS and isinstance(value, Decimal)
        else value
        for name, value in request.items()
    }
    return kept, itertools.chain([dict(request)], _every_spelling(request))


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

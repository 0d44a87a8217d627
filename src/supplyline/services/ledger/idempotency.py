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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

__all__ = ["KEY_FIELD", "expected_key_row", "recorded", "row_fields", "with_key"]

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

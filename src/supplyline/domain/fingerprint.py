"""The scenario's fingerprint: a digest of its content, as loaded, that its output files record.

A tester planned ``hub1e`` (``hub1`` with a unit's personnel 1000 → 3000, the same name)
into a folder holding ``hub1``'s requirements: nothing was said, as files were judged by
their scenario's name alone, and the folder's requirements said the unit needs 80 t of
food beside deliveries of 30 t a day. Every ``init`` template is called "My operation",
so one name for two scenarios is common. ``requirements.json``, ``plan.json`` and
``routes.json`` record :func:`scenario_id` beside the name, and files whose fingerprint
differs from a run's are of another scenario (:mod:`supplyline.io.earlier_outputs`).

Computed here, once from the loaded :class:`~supplyline.domain.Scenario` (not from its
files' bytes): a comment, a column's order or a number's spelling (``1000`` against
``1e3``) do not change what is planned, so they do not change the fingerprint.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supplyline.domain.scenario import Scenario

__all__ = ["scenario_id"]


def _canonical(value: object) -> object:
    """``value`` as JSON-ready data in one spelling for all values equal as Python sees them.

    A record becomes its type's name and its compared fields (two kinds of record with
    the same fields differ), a mapping its items sorted, a whole float its integer and
    ``-0.0`` zero (``1.0 == 1`` and ``-0.0 == 0.0``: equal scenarios, one fingerprint).
    """
    if value is None or isinstance(value, bool | str):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return repr(value)
        return int(value) if float(value).is_integer() and abs(value) < 2**53 else value
    if isinstance(value, Decimal):  # an agreement's money: exact, as written
        return int(value) if value == value.to_integral_value() else str(value.normalize())
    if isinstance(value, enum.Enum):
        return _canonical(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        return [kind.__name__, {n: _canonical(getattr(value, n)) for n in _compared(kind)}]
    if isinstance(value, Mapping):
        items = [[_canonical(k), _canonical(v)] for k, v in value.items()]
        return sorted(items, key=lambda kv: json.dumps(kv[0], sort_keys=True))
    if isinstance(value, frozenset | set):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, tuple | list):
        return [_canonical(v) for v in value]
    raise TypeError(f"a scenario's fingerprint has no spelling for {type(value).__name__}")


@functools.cache
def _compared(kind: type) -> tuple[str, ...]:
    """The names of a record type's compared fields, found once per type.

    ``dataclasses.fields`` per record was a third of the fingerprint's time: 6 s of a
    tester's 200,000 links.
    """
    return tuple(f.name for f in dataclasses.fields(kind) if f.compare)


def scenario_id(scenario: Scenario) -> str:
    """The scenario's fingerprint: a short digest of all it holds, its name among it.

    Equal scenarios have one; a scenario with any field changed has another.

    >>> import datetime as dt
    >>> from dataclasses import replace
    >>> from supplyline.domain import Scenario
    >>> s = Scenario(name="My operation", start_date=dt.date(2026, 1, 1), horizon_days=30)
    >>> scenario_id(s) == scenario_id(replace(s)) != scenario_id(replace(s, horizon_days=31))
    True
    """
    text = json.dumps(
        _canonical(scenario), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]

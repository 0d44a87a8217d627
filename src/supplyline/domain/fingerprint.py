"""The scenario's fingerprint: a digest of its content, as loaded, that its output files record.

A tester planned ``hub1e`` (``hub1`` with a unit's personnel 1000 → 3000, the same name)
into a folder holding ``hub1``'s requirements: nothing was said, as files were judged by
their scenario's name alone, and the folder's requirements said the unit needs 80 t of
food beside deliveries of 30 t a day. Every ``init`` template is called "My operation",
so one name for two scenarios is common. ``requirements.json``, ``plan.json`` and
``routes.json`` record :func:`scenario_id` beside the name, and files whose fingerprint
differs from a run's are of another scenario (:mod:`supplyline.io.earlier_outputs`).

``plan.json`` records :func:`plan_basis_id` too: the fingerprint of what the movement plan
depends on, the scenario less :data:`NOT_PLANNED` (the truck fleet, the agreements, the
routing options), which the planner and the requirements never read. A planner who tried
another fleet with ``routes --plan``, or raised an agreement's ceiling before ``ledger
propose --submit``, was told to plan again, though the plan would have come out the same
(the bilateral example planned with either changed wrote plan.json and the CSVs byte for
byte alike, but for ``scenario_id`` and the solve's timings); a plan is judged by its
basis where it records one (:mod:`supplyline.services.given_plan`).

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

__all__ = ["NOT_PLANNED", "fingerprints", "plan_basis_id", "scenario_id"]

NOT_PLANNED = ("fleet", "agreements", "routing")
"""The :class:`~supplyline.domain.Scenario` fields the movement plan does not depend on.

Neither the requirements nor the planner read them (the fleet and the routing options are
the convoy router's, the agreements the ledger's): a plan made before they changed is the
plan made after. ``reach.csv``, written beside a plan, does read the fleet and the routing
options: it is the router's check, not the plan.
"""


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


def _fields(scenario: Scenario) -> dict[str, str]:
    """The scenario's compared fields, each as :func:`_canonical` spells it, in JSON text.

    Each field's text once: :func:`fingerprints` digests them twice, all of them and the
    plan's basis, and a second spelling of every link would have cost as much again.
    """
    kind: type = type(scenario)  # as a plain type: mypy takes type[Scenario] as unhashable
    return {n: _json(_canonical(getattr(scenario, n))) for n in _compared(kind)}


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _planned(fields: Mapping[str, str]) -> dict[str, str]:
    """The fields of :func:`_fields` a movement plan depends on (less :data:`NOT_PLANNED`)."""
    return {n: v for n, v in fields.items() if n not in NOT_PLANNED}


def _digest(fields: Mapping[str, str]) -> str:
    """The short digest of a scenario's fields as :func:`_fields` spells them.

    The text is :func:`_json` of the scenario as :func:`_canonical` spells a record
    (``["Scenario", {field: value}]``, the keys sorted), put together from its fields'.
    """
    members = ",".join(f"{_json(n)}:{fields[n]}" for n in sorted(fields))
    text = f'["Scenario",{{{members}}}]'
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def fingerprints(scenario: Scenario) -> tuple[str, str]:
    """The scenario's :func:`scenario_id` and :func:`plan_basis_id`, its fields spelt once.

    Spelling the fields is most of a fingerprint's time (seconds for a tester's 200,000
    links), and a run that opens a scenario wants both.
    """
    fields = _fields(scenario)
    return _digest(fields), _digest(_planned(fields))


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
    return _digest(_fields(scenario))


def plan_basis_id(scenario: Scenario) -> str:
    """The fingerprint of what a movement plan of the scenario depends on.

    All the scenario holds but :data:`NOT_PLANNED`: another fleet, agreement or routing
    option keeps it; any other field changed does not.

    >>> import datetime as dt
    >>> from dataclasses import replace
    >>> from supplyline.domain import RoutingOptions, Scenario
    >>> s = Scenario(name="My operation", start_date=dt.date(2026, 1, 1), horizon_days=30)
    >>> wider = replace(s, routing=RoutingOptions(detour_factor=1.6))
    >>> plan_basis_id(s) == plan_basis_id(wider) != plan_basis_id(replace(s, horizon_days=31))
    True
    >>> scenario_id(s) == scenario_id(wider)
    False
    """
    return _digest(_planned(_fields(scenario)))

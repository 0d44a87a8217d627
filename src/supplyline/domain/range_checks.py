"""A scenario's numbers held to the ranges its files take (:mod:`~supplyline.domain.field_ranges`).

The loader refuses a cell outside its column's range; a scenario built in Python reaches
the planner through its records, which refuse only what cannot be computed with. A
tester's unit with ``deployment_lift_t=1e11`` planned "optimal 0.0 1679999925956785.0",
where the same scenario's ``units.csv`` would not load (at most 10,000,000 t). Here every
such field is checked, and each one out of range is a finding in the loader's words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from supplyline.domain.amounts import MONEY_DECIMALS, UNIT_PRICE_DECIMALS, amount_problem
from supplyline.domain.field_ranges import (
    FIELD_RANGES,
    SECTION_ENTITIES,
    VEHICLES_RANGE,
    FieldRange,
)
from supplyline.domain.findings import Finding
from supplyline.domain.scenario import Scenario

__all__ = ["range_findings"]


def range_findings(scenario: Scenario) -> list[Finding]:
    """Every field of ``scenario``'s records outside the range its file's column takes.

    Each finding names the record and the field, and says the value (exactly) and the
    range as the loader does (``100000000000.0 is too large (a number from 0 to 10,000,000 t)``);
    a field of the ``solver`` or ``routing`` section has no record id (``entity_id`` is
    empty) and is named as scenario.yaml names it, ``routing.detour_factor``.
    """
    found: list[Finding] = []
    records: Iterable[tuple[str, str, object]] = (
        *(("location", r.id, r) for r in scenario.locations),
        *(("link", r.id, r) for r in scenario.links),
        *(("unit", r.id, r) for r in scenario.units),
        *(("stock", f"{r.location}/{r.commodity}", r) for r in scenario.stocks),
        *(("fleet", r.id, r) for r in scenario.fleet),
        *(("commodity", r.id, r) for r in scenario.commodities),
        *(("vehicle class", r.id, r) for r in scenario.vehicle_classes),
        *((section, "", getattr(scenario, section)) for section in sorted(SECTION_ENTITIES)),
    )
    for entity, entity_id, record in records:
        found += _out_of_range(entity, entity_id, record, FIELD_RANGES[entity])
    for unit in scenario.units:
        for cls, count in unit.vehicles.items():
            if (problem := VEHICLES_RANGE.problem(count)) is not None:
                found.append(_finding("unit", unit.id, f"vehicles_{cls}", problem))
    found += _amount_findings(scenario)
    return found


def _finding(entity: str, entity_id: str, field: str, message: str) -> Finding:
    return Finding(entity=entity, entity_id=entity_id, field=field, message=message)


def _out_of_range(
    entity: str, entity_id: str, record: object, ranges: Mapping[str, FieldRange]
) -> list[Finding]:
    found = []
    for name, allowed in ranges.items():
        value = getattr(record, name)
        # None is "not limited" or "not given"; text is a planning-factor key
        if isinstance(value, int | float) and (problem := allowed.problem(value)) is not None:
            found.append(_finding(entity, entity_id, name, problem))
    return found


def _amount_findings(scenario: Scenario) -> list[Finding]:
    """Amounts with more decimals than the ledger keeps, which agreements.yaml refuses.

    The records take them (the ledger says so when asked to store one); the file, and so
    a scenario to be planned, does not.
    """
    found = []
    for ag in scenario.agreements:
        amounts: list[tuple[str, str, Decimal | None, int]] = [
            ("prices", f"price of {p.commodity!r}: ", p.per_t, UNIT_PRICE_DECIMALS)
            for p in ag.prices
        ]
        amounts += [
            (name, "", getattr(ag, name), MONEY_DECIMALS)
            for name in ("ceiling_per_order", "ceiling_total")
        ]
        for field, prefix, value, decimals in amounts:
            if value is not None and (problem := amount_problem(value, decimals)) is not None:
                found.append(_finding("agreement", ag.id, field, f"{prefix}{value} {problem}"))
    return found

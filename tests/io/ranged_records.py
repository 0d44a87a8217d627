"""The example's records by kind, for tests of the ranges of FIELD_RANGES (one copy).

Shared by the tests that set one ranged field of one record of the bilateral example:
which record can hold the field at all, and how a message names it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from supplyline.domain import Scenario
from supplyline.domain.field_ranges import SECTION_ENTITIES
from supplyline.io import load_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"

KINDS = {
    "location": "locations",
    "link": "links",
    "unit": "units",
    "stock": "stocks",
    "fleet": "fleet",
    "commodity": "commodities",
    "vehicle class": "vehicle_classes",
    "solver": "solver",
    "routing": "routing",
}
"""The scenario's attribute for each entry of FIELD_RANGES but the scenario's own: a tuple
of records, or one section (``solver``, ``routing``) that scenario.yaml holds once."""


@functools.cache
def example() -> Scenario:
    """The bilateral example, loaded once per process."""
    return load_scenario(EXAMPLE)


def record_at(entity: str, field: str) -> int:
    """The index of the example's record that can hold ``field`` at all (a rail gauge…)."""
    records = getattr(example(), KINDS[entity])
    if field == "gauge_mm":
        return next(i for i, r in enumerate(records) if r.gauge_mm is not None)
    if field == "on_hand_days":
        return next(i for i, r in enumerate(records) if r.in_place)
    if field == "kg_per_demand_unit":
        return next(i for i, r in enumerate(records) if r.demand_unit == "L")
    return 0


def record_id(entity: str, record: Any) -> str:
    """The record's name in messages: its id, a stock's place and commodity, a section none."""
    if entity in SECTION_ENTITIES:
        return ""
    if entity == "stock":
        return f"{record.location}/{record.commodity}"
    return str(record.name if entity == "scenario" else record.id)


def base_record(entity: str, field: str) -> Any:
    """The example's record (or section, or the scenario itself) to set ``field`` of."""
    if entity == "scenario":
        return example()
    if entity in SECTION_ENTITIES:
        return getattr(example(), KINDS[entity])
    return getattr(example(), KINDS[entity])[record_at(entity, field)]

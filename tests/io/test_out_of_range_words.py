"""A value outside its field's range is said alike below the range and above it.

A record built in Python refuses at once what cannot be computed with (a negative, a NaN),
and a value above its file's range when the scenario is checked. The second said the
record, the field, the value and the range (``link 'L1': capacity_t_per_day: 2000000.0 is
too large (a number from 0 to 1,000,000 t/day)``); the first, ``capacity_t_per_day(=-1.0)
must be a finite number >= 0``: neither the record nor what the field takes. Both now say
:func:`~supplyline.domain.field_ranges.field_named` and the loader's
:meth:`~supplyline.domain.field_ranges.FieldRange.problem`.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain import Scenario, check_scenario_sound
from supplyline.domain.field_ranges import FIELD_RANGES, SECTION_ENTITIES, FieldRange, field_named
from supplyline.errors import ArgumentError, ScenarioError
from supplyline.io import load_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
LARGEST_DRAWN = 1e11
"""Beyond about 1e12, and a NaN, a record refuses any number as one it cannot compute with,
in words of its own (``supplyline.domain.fields``): not a range's, so not drawn here."""

_KINDS = {
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
"""The scenario's attribute for each entry of FIELD_RANGES but the scenario's own."""

_OWN_RULE_ABOVE = {("commodity", "kg_per_demand_unit")}
"""Fields whose values above the range a record refuses by a rule of its own first: a
commodity's kilograms a litre (at most 25) or a kg's or t's, which must be 1 or 1,000."""


@functools.cache
def _example() -> Scenario:
    return load_scenario(EXAMPLE)


def _record_at(entity: str, field: str) -> int:
    """The example's record that can hold ``field`` at all (a rail link's gauge…)."""
    records = getattr(_example(), _KINDS[entity])
    if field == "gauge_mm":
        return next(i for i, r in enumerate(records) if r.gauge_mm is not None)
    if field == "on_hand_days":
        return next(i for i, r in enumerate(records) if r.in_place)
    return 0


def _record_id(entity: str, record: Any) -> str:
    """The record's name in messages: its id, a stock's place and commodity, a section none."""
    if entity in SECTION_ENTITIES:
        return ""
    if entity == "stock":
        return f"{record.location}/{record.commodity}"
    return str(record.id)


def _outside(allowed: FieldRange, *, below: bool) -> st.SearchStrategy[Any]:
    """Values just or far outside the range, on one side, of the kind the field takes."""
    if allowed.whole:
        lo, hi = int(allowed.lo), int(allowed.hi)
        return st.integers(lo - 10**6, lo - 1) if below else st.integers(hi + 1, hi * 1000)
    if below:
        return st.floats(-LARGEST_DRAWN, allowed.lo, exclude_max=not allowed.above_lo)
    return st.floats(allowed.hi, LARGEST_DRAWN, exclude_min=True)


@st.composite
def _case(draw: st.DrawFn) -> tuple[str, str, bool, Any]:
    """A field of FIELD_RANGES, a side, and a value outside the range on that side."""
    entity, field = draw(
        st.sampled_from(
            [(e, f) for e, ranges in FIELD_RANGES.items() if e in _KINDS for f in ranges]
        )
    )
    below = draw(st.booleans()) or (entity, field) in _OWN_RULE_ABOVE
    return entity, field, below, draw(_outside(FIELD_RANGES[entity][field], below=below))


def _refusal(entity: str, field: str, value: Any) -> tuple[str, str]:
    """The words refusing ``value`` for the example's record, and the record's name.

    At the record's construction (ArgumentError), else when the scenario is checked
    (ScenarioError, each issue as it reads).
    """
    base = _example()
    kind = _KINDS[entity]
    if entity in SECTION_ENTITIES:
        section = getattr(base, kind)
        name = _record_id(entity, section)
        try:
            changed = dataclasses.replace(
                base, **{kind: dataclasses.replace(section, **{field: value})}
            )
        except ArgumentError as error:
            return str(error), name
    else:
        records = list(getattr(base, kind))
        at = _record_at(entity, field)
        name = _record_id(entity, records[at])
        try:
            records[at] = dataclasses.replace(records[at], **{field: value})
        except ArgumentError as error:
            return str(error), name
        changed = dataclasses.replace(base, **{kind: tuple(records)})
    with pytest.raises(ScenarioError) as raised:
        check_scenario_sound(changed)
    return "\n".join(str(i) for i in raised.value.issues), name


@settings(max_examples=150, deadline=None)
@given(_case())
def test_every_refusal_names_record_field_value_and_range(
    case: tuple[str, str, bool, Any],
) -> None:
    """Below or above, at construction or when checked: the record, field, value, range."""
    entity, field, _, value = case
    said, name = _refusal(entity, field, value)
    problem = FIELD_RANGES[entity][field].problem(value)
    assert problem is not None
    assert f"{field_named(entity, name, field)}: {problem}" in said, said


@pytest.mark.parametrize(
    ("entity", "field", "low", "high"),
    [
        ("link", "capacity_t_per_day", -1.0, 2e6),
        ("link", "transit_days", -1, 400),
        ("location", "handling_t_per_day", -5.0, 2e6),
        ("location", "storage_t", -1.0, 2e8),
        ("unit", "days_of_supply", -1.0, 400.0),
        ("unit", "deployment_lift_t", -1.0, 2e7),
        ("commodity", "per_person_per_day", -0.5, 2e6),
        ("vehicle class", "fuel_l_per_100km", -1.0, 20_000.0),
        ("fleet", "max_route_hours", 0.0, 200.0),
        ("fleet", "payload_t", 0.0005, 300.0),
        ("solver", "threads", 0, 2000),
        ("routing", "detour_factor", 0.5, 11.0),
    ],
)
def test_below_and_above_read_alike(entity: str, field: str, low: Any, high: Any) -> None:
    """A dozen fields: the words below the range are as complete as those above it."""
    below, name = _refusal(entity, field, low)
    above, _ = _refusal(entity, field, high)
    allowed = FIELD_RANGES[entity][field]
    for value, said in ((low, below), (high, above)):
        assert f"{field_named(entity, name, field)}: {value!r} is " in said, said
        assert f"({allowed.hint})" in said, said


def test_the_scenarios_horizon_names_the_scenario() -> None:
    """horizon_days out of range, below or above, names the scenario it is of."""
    for days, what in ((0, "too small"), (3661, "too large")):
        with pytest.raises(ArgumentError) as raised:
            dataclasses.replace(_example(), horizon_days=days)
        name = _example().name
        hint = "(a whole number from 1 to 3,660 days)"
        assert str(raised.value) == f"scenario {name!r}: horizon_days: {days} is {what} {hint}"

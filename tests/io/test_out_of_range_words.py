"""A value outside its field's range is said alike below the range and above it.

A record built in Python refused at once what cannot be computed with (a negative, a NaN),
and a value above its file's range only when the scenario was checked. The second said the
record, the field, the value and the range (``link 'L1': capacity_t_per_day: 2000000.0 is
too large (a number from 0 to 1,000,000 t/day)``); the first, ``capacity_t_per_day(=-1.0)
must be a finite number >= 0``: neither the record nor what the field takes. Both are
refused as the record is built now, and say
:func:`~supplyline.domain.field_ranges.field_named` and the loader's
:meth:`~supplyline.domain.field_ranges.FieldRange.problem`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ranged_records import KINDS, base_record, example, record_id

from supplyline.domain.field_ranges import FIELD_RANGES, FieldRange, field_named
from supplyline.errors import ArgumentError

LARGEST_DRAWN = 1e11
"""The draws stay near the ranges; 1e13, infinities and NaN, refused in the same words,
are drawn by test_constructors_refuse_as_files."""


_OWN_RULE_ABOVE = {("commodity", "kg_per_demand_unit")}
"""Fields whose values above the range a record refuses by a rule of its own first: a
commodity's kilograms a litre (at most 25) or a kg's or t's, which must be 1 or 1,000."""


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
            [(e, f) for e, ranges in FIELD_RANGES.items() if e in KINDS for f in ranges]
        )
    )
    below = draw(st.booleans()) or (entity, field) in _OWN_RULE_ABOVE
    return entity, field, below, draw(_outside(FIELD_RANGES[entity][field], below=below))


def _refusal(entity: str, field: str, value: Any) -> tuple[str, str]:
    """The words refusing ``value`` for the example's record as it is built; its name."""
    base = base_record(entity, field)
    with pytest.raises(ArgumentError) as raised:
        dataclasses.replace(base, **{field: value})
    return str(raised.value), record_id(entity, base)


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
            dataclasses.replace(example(), horizon_days=days)
        name = example().name
        hint = "(a whole number from 1 to 3,660 days)"
        assert str(raised.value) == f"scenario {name!r}: horizon_days: {days} is {what} {hint}"

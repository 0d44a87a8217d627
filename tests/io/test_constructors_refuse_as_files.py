"""Every number a scenario's file refuses, its record refuses as it is built, in the same words.

A planner's unit built in Python with 200,000 vehicles of a class was refused only by
``validate`` or ``plan``, and an activity period from day -1 not at all; units.csv refused
both on their line. One table (``FIELD_RANGES``) holds the ranges of both ways in.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ranged_records import base_record, example, record_id

from supplyline.domain import ActivityPeriod
from supplyline.domain.field_ranges import (
    FIELD_RANGES,
    MAX_VEHICLES,
    VEHICLES_RANGE,
    FieldRange,
    exact_text,
    field_named,
)
from supplyline.errors import ArgumentError
from supplyline.io._cells import BadValue, parse_degrees, parse_in_range
from supplyline.io._day_cells import parse_activity


def _file_parser(entity: str, field: str) -> Callable[[str], Any]:
    """The parser the loader reads the field's column with."""
    if entity == "location" and field in ("lat", "lon"):
        return partial(parse_degrees, hi=FIELD_RANGES[entity][field].hi)
    return parse_in_range(FIELD_RANGES[entity][field])


def _values(allowed: FieldRange) -> st.SearchStrategy[Any]:
    """Values in, at and beyond a field's range, of the kind its record takes."""
    edges = [allowed.lo, allowed.hi, allowed.hi + 1, allowed.lo - 1, allowed.hi * 10, 1e11]
    if allowed.whole:
        ints = st.integers(int(allowed.lo) - 3, int(allowed.hi) * 3)
        return st.one_of(ints, st.sampled_from([int(e) for e in edges]))
    floats = st.floats(allowed.lo - 1, allowed.hi * 3)
    odd = [math.nan, math.inf, -math.inf, 5e-324, 1e13]
    return st.one_of(floats, st.sampled_from([float(e) for e in edges] + odd))


def _cell(value: float) -> str:
    """The value as a cell of the file would write it."""
    return exact_text(value) if math.isfinite(value) else str(value)


def _said(problem: str) -> str:
    """What a message says of the value, after the value itself (quoted or not)."""
    return problem.split(" is ", 1)[1]


_FIELDS = [(entity, field) for entity, ranges in FIELD_RANGES.items() for field in ranges]


@st.composite
def _field_and_value(draw: st.DrawFn) -> tuple[str, str, Any]:
    entity, field = draw(st.sampled_from(_FIELDS))
    return entity, field, draw(_values(FIELD_RANGES[entity][field]))


@given(_field_and_value())
def test_what_the_file_refuses_the_record_refuses_in_its_words(case: tuple[str, str, Any]) -> None:
    """Any value of any ranged field its column refuses, the record refuses in its words.

    The record names itself and the field, then says the value and the range as the file
    does; a value the column takes, the record refuses for no range.
    """
    entity, field, value = case
    try:
        _file_parser(entity, field)(_cell(value))
        file_says = None
    except BadValue as bad:
        file_says = str(bad)
    base = base_record(entity, field)
    try:
        dataclasses.replace(base, **{field: value})
        record_says = None
    except ArgumentError as error:
        record_says = str(error)
    allowed = FIELD_RANGES[entity][field]
    if file_says is None:  # in range: the record may refuse it only for another reason
        assert record_says is None or allowed.hint not in record_says, record_says
        return
    assert record_says == f"{field_named(entity, record_id(entity, base), field)}: " + str(
        allowed.problem(value)
    )
    assert _said(record_says) == _said(file_says), (record_says, file_says)


@given(_values(VEHICLES_RANGE))
def test_a_vehicle_count_units_csv_refuses_the_unit_refuses(count: int) -> None:
    """A ``vehicles_<class>`` count out of 0..100,000 is refused by the unit, in its words."""
    unit = example().units[0]
    try:
        parse_in_range(VEHICLES_RANGE)(_cell(count))
        file_says = None
    except BadValue as bad:
        file_says = str(bad)
    vehicles = {**unit.vehicles, "heavy": count}
    if file_says is None:
        assert dataclasses.replace(unit, vehicles=vehicles).vehicles["heavy"] == count
        return
    with pytest.raises(ArgumentError) as raised:
        dataclasses.replace(unit, vehicles=vehicles)
    assert (
        str(raised.value) == f"unit {unit.id!r}: vehicles['heavy']: {VEHICLES_RANGE.problem(count)}"
    )
    assert _said(str(raised.value).split(": ", 2)[2]) == _said(file_says)


def test_more_vehicles_than_max_vehicles_refused_as_the_unit_is_built() -> None:
    """The known gap: one vehicle above MAX_VEHICLES was taken, and refused only by plan."""
    unit = example().units[0]
    with pytest.raises(ArgumentError) as raised:
        dataclasses.replace(unit, vehicles={"heavy": MAX_VEHICLES + 1})
    assert str(raised.value) == (
        f"unit {unit.id!r}: vehicles['heavy']: 100001 is too large "
        "(a whole number from 0 to 100,000 vehicles)"
    )


@given(st.integers(-10_000, -1))
def test_an_activity_period_before_c0_is_refused_both_ways(day: int) -> None:
    """The known gap: ``ActivityPeriod(start_day=-1)`` was taken; units.csv refused it."""
    with pytest.raises(ArgumentError, match=rf"^start_day: {day} is C{day}, before the horizon's"):
        ActivityPeriod(start_day=day, level="high")
    with pytest.raises(BadValue, match=rf"^the period 'high' from C{day} is before the horizon's"):
        parse_activity(f"C{day}:high", None)


@given(st.integers(0, 3660))
def test_an_activity_period_from_c0_on_is_taken(day: int) -> None:
    """Any day from C+0 builds: a day past the horizon is the scenario's check, not its own."""
    assert ActivityPeriod(start_day=day, level="high").start_day == day

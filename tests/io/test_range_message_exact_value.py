"""A script's out-of-range number is quoted exactly, as the loader quotes its cell.

The API's range messages rounded the bad value until it looked allowed: a tester's
40000.01 km was told "distance_km: 40000 is too large (a number from 0 to 40,000 km)",
100000010 t "1e+08 is too large", 1000000.5 t/day "1e+06 is too large". The record
refuses it as it is built (it was ``compute_requirements``, later), in the same words.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from supplyline.domain import Scenario
from supplyline.domain.field_ranges import FieldRange, exact_text
from supplyline.errors import ArgumentError
from supplyline.io import load_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"


@functools.cache
def _example() -> Scenario:
    return load_scenario(EXAMPLE)


def _refusal(build: Callable[[], Any]) -> str:
    """What the record's constructor says of the value (it must refuse it)."""
    with pytest.raises(ArgumentError) as raised:
        build()
    return str(raised.value)


@pytest.mark.parametrize(
    ("kind", "field", "value", "said"),
    [
        ("links", "distance_km", 40000.01, "distance_km: 40000.01 is too large"),
        ("links", "capacity_t_per_day", 1000000.5, "capacity_t_per_day: 1000000.5 is too large"),
        ("locations", "storage_t", 100000010.0, "storage_t: 100000010.0 is too large"),
    ],
)
def test_a_record_value_is_quoted_exactly(kind: str, field: str, value: float, said: str) -> None:
    """The tester's three values, each quoted with every digit it was given."""
    record = getattr(_example(), kind)[0]
    assert said in _refusal(lambda: dataclasses.replace(record, **{field: value}))


@pytest.mark.parametrize(
    ("section", "field", "value", "column", "said"),
    [
        (
            "routing",
            "detour_factor",
            100.0,
            "routing.detour_factor",
            "100.0 is too large (a number from 1 to 10)",
        ),
        (
            "routing",
            "service_minutes",
            1e6,
            "routing.service_minutes",
            "1000000.0 is too large (a number from 0 to 1,440 min)",
        ),
        (
            "solver",
            "time_limit_s",
            1e7,
            "solver.time_limit_s",
            "10000000.0 is too large (a number from 0.001 to 1,000,000 s)",
        ),
        (
            "solver",
            "threads",
            10_000,
            "solver.threads",
            "10000 is too large (a whole number from 1 to 1,024)",
        ),
    ],
)
def test_a_section_field_is_named_as_scenario_yaml_names_it(
    section: str, field: str, value: float, column: str, said: str
) -> None:
    """The tester's solver and routing values, refused as scenario.yaml refuses them."""
    options = getattr(_example(), section)
    refused = _refusal(lambda: dataclasses.replace(options, **{field: value}))
    assert re.fullmatch(rf"{re.escape(column)}: {re.escape(said)}", refused), refused


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (40000.01, "40000.01"),
        (100000010.0, "100000010.0"),
        (1e11, "100000000000.0"),
        (3661, "3661"),
    ],
)
def test_exact_text_keeps_every_digit(value: float, text: str) -> None:
    """A float is its repr, a whole number its digits: never rounded to look in range."""
    assert exact_text(value) == text


def test_the_bound_itself_is_accepted_and_the_next_float_is_not() -> None:
    """The message for the next float above the bound does not read as the bound."""
    allowed = FieldRange(0.0, 40_000, "km")
    above = 40_000.000000000004
    assert allowed.problem(40_000.0) is None
    problem = allowed.problem(above)
    assert problem is not None
    assert not problem.startswith("40000 ")
    assert problem.startswith(repr(above))

"""An override past a float's range, or a negative zero, is taken as the loader takes it.

A tester's ``factors_for({key: 10**400})`` raised a bare ``OverflowError: int too large
to convert to float`` where 1e308 was told "is above 1e+09"; and ``-0.0`` was stored as
``-0.0``, where scenario.yaml's loader stores 0.0.
"""

from __future__ import annotations

import math
import re

import pytest

from supplyline.domain import PlanningFactor
from supplyline.errors import ArgumentError, ScenarioError
from supplyline.io.factors import default_factors, factors_for

WATER = "water.sphere.total_min_lppd"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (10**400, "a whole number of 401 digits is above 1e+09"),
        (-(10**400), "a negative whole number of 401 digits is negative"),
        (10**5000, "a whole number of about 5001 digits is above 1e+09"),
    ],
    ids=["10**400", "-10**400", "10**5000"],
)
def test_an_int_past_a_float_is_a_scenario_error(value: int, words: str) -> None:
    """``factors_for`` and ``with_overrides`` refuse it with the typed error, saying its size."""
    for make in (
        lambda: factors_for({WATER: value}),
        lambda: default_factors().with_overrides({WATER: value}),
    ):
        with pytest.raises(ScenarioError, match=re.escape(f"{WATER}: {words}")):
            make()


def test_a_factor_made_of_a_huge_int_is_refused() -> None:
    """A PlanningFactor of 10**5000 is an ArgumentError, not a ValueError from printing it."""
    with pytest.raises(
        ArgumentError, match=r"value\(=a whole number of about 5001 digits\) is above"
    ):
        PlanningFactor(key="water.x", value=10**5000, unit="L")


def test_negative_zero_is_stored_as_zero() -> None:
    """``-0.0`` is taken, and kept as 0.0 (its sign would show in a table or a file)."""
    value = factors_for({WATER: -0.0}).value(WATER)
    assert value == 0.0
    assert math.copysign(1.0, value) == 1.0

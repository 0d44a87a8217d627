"""scenario.yaml's numbers are read by the rules of a CSV cell, whatever YAML makes of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import edit

from supplyline.errors import ScenarioError, Severity
from supplyline.io import load_scenario
from supplyline.io._cells import parse_rate


@pytest.mark.parametrize(
    ("written", "rate"), [("1.5e3", 1500.0), ("1e3", 1000.0), ("2E2", 200.0), ("1.2e1", 12.0)]
)
def test_a_rate_in_scientific_notation_is_that_number(
    folder: Path, written: str, rate: float
) -> None:
    """``per_person_per_day: 1.5e3`` (text to YAML 1.1: no dot or no signed exponent) is 1500."""
    edit(
        folder,
        "scenario.yaml",
        "per_person_per_day: food.mil.ration_3mre_kg_ppd",
        f"per_person_per_day: {written}",
    )
    food = next(c for c in load_scenario(folder).commodities if c.id == "food")
    assert food.per_person_per_day == rate


@given(
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
    st.sampled_from(["kg", "L", "t"]),
)
def test_any_rate_written_with_an_exponent_is_read_as_its_number(x: float, unit: str) -> None:
    """Every rate in range, written as ``<mantissa>e<exponent>``, is read back exactly."""
    written = f"{x:e}".replace("e+", "e")
    assert parse_rate(written, hi=1e6, unit="a day", demand_unit=unit) == float(written)


@pytest.mark.parametrize(
    ("old", "plain", "exponent"),
    [
        ("exercise: 1.8", "exercise: 1.9", "exercise: 19e-1"),
        (
            "planning_factors: {}",
            "planning_factors: {food.mil.ration_3mre_kg_ppd: 2.2}",
            "planning_factors: {food.mil.ration_3mre_kg_ppd: 22e-1}",
        ),
        ("time_limit_s: 60", "time_limit_s: 70", "time_limit_s: 7e1"),
        ("detour_factor: 1.3", "detour_factor: 1.4", "detour_factor: 14e-1"),
        ("km_per_day: 60", "km_per_day: 70", "km_per_day: 7e1"),
        ("kg_per_demand_unit: 0.84", "kg_per_demand_unit: 0.85", "kg_per_demand_unit: 85e-2"),
    ],
)
def test_every_number_of_scenario_yaml_takes_an_exponent(
    folder: Path, old: str, plain: str, exponent: str
) -> None:
    """Not only rates: each key that takes a number reads ``7e1`` as if it were written 70."""
    other = shutil.copytree(folder, folder.parent / "plain")
    edit(other, "scenario.yaml", old, plain)
    edit(folder, "scenario.yaml", old, exponent)
    assert load_scenario(folder) == load_scenario(other)


def test_a_leading_zero_is_not_octal(folder: Path) -> None:
    """``horizon_days: 030`` is 30 days, as in a CSV cell, not YAML 1.1's octal 24."""
    edit(folder, "scenario.yaml", "horizon_days: 30", "horizon_days: 030")
    assert load_scenario(folder).horizon_days == 30


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("1:30", "'1:30' is not a number"),  # YAML 1.1: 90, in base 60
        ("0x1E", "'0x1E' is not a decimal number"),  # YAML 1.1: 30
        ("0b11110", "'0b11110' is not a decimal number"),  # YAML 1.1: 30
        ("3_0", "'3_0' is not a number"),  # YAML 1.1: 30
    ],
)
def test_a_number_yaml_reads_in_another_base_is_refused_as_a_csv_cell_is(
    folder: Path, written: str, says: str
) -> None:
    """A form no planner means (base 60, hex, binary, underscores) is said, not silently read."""
    edit(folder, "scenario.yaml", "horizon_days: 30", f"horizon_days: {written}")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    assert [str(i) for i in caught.value.issues if i.severity is Severity.ERROR] == [
        f"scenario.yaml:6: horizon_days: {says} (a whole number from 1 to 3,660 days)"
    ]

"""A factor table cannot be changed in place, and a changed one is a new, checked table.

A tester's what-if edit of "their" table (``t.factors[k]`` 15 → 30 L/person/day) edited
the cached defaults: every later ``factors_for``, ``assess_requirements`` and
``plan_scenario`` call in the process planned with it (the relief example's demand
19,234.478 t before, 37,624.478 t after, its folder untouched). A factor of -1000 gave a
total demand of -59,155 t, and an entry that was no PlanningFactor failed inside
``compute_requirements`` with an AttributeError.
"""

from __future__ import annotations

import dataclasses
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain import FactorTable, PlanningFactor, Scenario
from supplyline.errors import ArgumentError, ScenarioError
from supplyline.io import load_scenario
from supplyline.io.factors import default_factors, factors_for
from supplyline.requirements import compute_requirements
from supplyline.services.scenarios import assess_requirements

EXAMPLE = Path(__file__).parents[2] / "examples" / "relief-operation"
WATER = "water.sphere.total_min_lppd"

wrong_values = st.one_of(
    st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=True),
    st.sampled_from([math.nan, math.inf, -math.inf, 2e9]),
)
"""Values no factor may have: negative, NaN, infinite, beyond 1e9."""


@pytest.fixture(scope="module")
def relief() -> Scenario:
    """The bundled relief operation, as loaded (no overrides of its own)."""
    return load_scenario(EXAMPLE)


def test_a_what_if_edit_in_place_is_refused_and_leaves_later_calls_alone() -> None:
    """Editing the table factors_for gave is a TypeError; the next call's demand is as before."""
    before = float(assess_requirements(EXAMPLE).demand.total_t.sum())
    mine = factors_for(None)
    changed = dataclasses.replace(mine[WATER], value=30.0)
    with pytest.raises(TypeError):
        mine.factors[WATER] = changed  # type: ignore[index]
    with pytest.raises(TypeError):
        mine[WATER] = changed  # type: ignore[index]
    with pytest.raises(TypeError):
        del mine.factors[WATER]  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        mine.factors = {WATER: changed}  # type: ignore[misc]
    after = float(assess_requirements(EXAMPLE).demand.total_t.sum())
    assert (after, factors_for(None).value(WATER)) == (before, 15.0)


def test_with_overrides_makes_a_new_table_and_leaves_the_defaults(relief: Scenario) -> None:
    """The documented way to a what-if: a new table; the defaults' demand is unchanged."""
    defaults = factors_for(dict(relief.factor_overrides))
    before = compute_requirements(relief, defaults).total_t.sum()
    wetter = defaults.with_overrides({WATER: 30.0})
    assert compute_requirements(relief, wetter).total_t.sum() > before
    assert compute_requirements(relief, factors_for(None)).total_t.sum() == before
    assert default_factors().value(WATER) == 15.0


def test_a_table_made_from_a_dict_does_not_follow_the_dict() -> None:
    """FactorTable copies what it is given: the caller's dict, changed later, changes nothing."""
    given_factors = {WATER: default_factors()[WATER]}
    table = FactorTable(given_factors)
    given_factors[WATER] = dataclasses.replace(given_factors[WATER], value=99.0)
    assert table.value(WATER) == 15.0


@given(value=wrong_values)
def test_a_wrong_factor_value_is_refused_naming_the_factor(value: float) -> None:
    """A factor that is negative, NaN, infinite or too large is an ArgumentError naming it."""
    with pytest.raises(ArgumentError, match=f"planning factor '{WATER}': value"):
        dataclasses.replace(default_factors()[WATER], value=value)


@given(value=wrong_values)
def test_a_wrong_override_is_refused_naming_the_factor(value: float) -> None:
    """with_overrides refuses the same values as a ScenarioError naming the factor."""
    with pytest.raises(ScenarioError, match=f"{WATER}: .* from 0 to 1e\\+09"):
        default_factors().with_overrides({WATER: value})


@pytest.mark.parametrize("value", ["15", None, True, [15.0]])
def test_a_factor_value_of_the_wrong_kind_is_refused(value: object) -> None:
    """Text, None, a bool or a list where the number goes: ArgumentError naming the factor."""
    with pytest.raises(ArgumentError, match=f"planning factor '{WATER}': .*is not a number"):
        PlanningFactor(key=WATER, value=value, unit="L/person/day")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        (None, "holds NoneType None, not a PlanningFactor"),
        (15.0, "holds float 15.0, not a PlanningFactor"),
        (PlanningFactor(key="food.kg", value=2.0, unit="kg"), "holds the factor 'food.kg'"),
    ],
)
def test_a_table_entry_that_is_no_factor_of_its_key_is_refused(entry: object, words: str) -> None:
    """An entry that is no PlanningFactor (under its own key) is refused when the table is made."""
    with pytest.raises(ArgumentError, match=f"'{WATER}' {words}"):
        FactorTable({**default_factors().factors, WATER: entry})  # type: ignore[dict-item]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the relief example whose scenario.yaml the next test rewrites."""
    copy = tmp_path_factory.mktemp("what_if") / "relief"
    shutil.copytree(EXAMPLE, copy)
    return copy


@settings(max_examples=8)
@given(quarter_litres=st.integers(min_value=0, max_value=400))
def test_a_table_made_in_python_gives_the_demand_of_the_same_factor_in_a_file(
    quarter_litres: int, relief: Scenario, folder: Path
) -> None:
    """A valid value in a table made in Python plans as the same value in scenario.yaml."""
    value = quarter_litres / 4
    yaml = folder / "scenario.yaml"
    text = (EXAMPLE / "scenario.yaml").read_text(encoding="utf-8")
    assert "planning_factors: {}" in text
    yaml.write_text(text.replace("planning_factors: {}", f"planning_factors: {{{WATER}: {value}}}"))
    from_file = load_scenario(folder)
    file_demand = compute_requirements(from_file, factors_for(dict(from_file.factor_overrides)))
    made = dataclasses.replace(default_factors()[WATER], value=value)
    table = FactorTable({**default_factors().factors, WATER: made})
    python_demand = compute_requirements(relief, table)
    np.testing.assert_array_equal(python_demand.total_t, file_demand.total_t)

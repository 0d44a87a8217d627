"""A litre's mass (``kg_per_demand_unit`` of a commodity counted in L) is held to what is shipped.

A tester's diesel at 840 (kg/m³ typed for kg/L) validated, and its requirements asked
44,506 t of fuel for 44.5 t: the bound of 1,000,000 caught no unit slip.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_helpers import edit

from supplyline.domain import Commodity, DemandUnit, SupplyClass
from supplyline.domain.commodities import MAX_KG_PER_LITRE, USUAL_KG_PER_LITRE
from supplyline.errors import ArgumentError, Issue, ScenarioError, Severity
from supplyline.io import load_scenario_with_warnings, write_template

DIESEL = "kg_per_demand_unit: 0.84"
COLUMN = "commodities[2].kg_per_demand_unit"


def _issues(folder: Path, value: str) -> list[Issue]:
    """The issues of the template with the diesel's litre mass written as ``value``."""
    edit(folder, "scenario.yaml", DIESEL, f"kg_per_demand_unit: {value}")
    try:
        return load_scenario_with_warnings(folder)[1]
    except ScenarioError as error:
        return list(error.issues)
    finally:
        edit(folder, "scenario.yaml", f"kg_per_demand_unit: {value}", DIESEL)


@pytest.mark.parametrize(
    ("value", "severity", "words"),
    [
        pytest.param("840", Severity.ERROR, "did you mean 0.84? kg per litre, not per m³", id="m3"),
        pytest.param("1000", Severity.ERROR, "did you mean 1? kg per litre", id="water-m3"),
        pytest.param("30000", Severity.ERROR, "at most 25", id="far-off"),
        pytest.param("8.4", Severity.WARNING, "heavier than what is usually", id="heavy"),
        pytest.param("0.00084", Severity.WARNING, "did you mean 0.84? kg per litre, not tonnes",
                     id="tonnes"),
        pytest.param("0.1", Severity.WARNING, "lighter than what is usually", id="light"),
        pytest.param("25.000001", Severity.ERROR, "25.000001 kg a litre is denser", id="just-over"),
        pytest.param("0", Severity.ERROR, "0 is zero (more than 0, up to 25 kg a litre)",
                     id="zero"),
        pytest.param("-0.84", Severity.ERROR, "is negative (more than 0, up to 25 kg a litre)",
                     id="negative"),
    ],
)  # fmt: skip
def test_a_litre_mass_slip_is_named(
    folder: Path, value: str, severity: Severity, words: str
) -> None:
    """A density far from any liquid's is said on its key, with the value a slip meant."""
    (issue,) = _issues(folder, value)
    assert (issue.file, issue.line, issue.column) == ("scenario.yaml", 32, COLUMN)
    assert issue.severity is severity
    assert words in issue.message


@pytest.mark.parametrize("value", ["0.51", "0.74", "0.84", "1.0", "1.84"])
def test_liquids_shipped_pass(folder: Path, value: str) -> None:
    """LPG, petrol, diesel, water and sulphuric acid load without a word."""
    assert _issues(folder, value) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.floats(min_value=MAX_KG_PER_LITRE, max_value=1e6, exclude_min=True)
    | st.floats(min_value=1e-6, max_value=USUAL_KG_PER_LITRE[0], exclude_max=True)
    | st.floats(*USUAL_KG_PER_LITRE)
)
def test_bounds_hold_for_any_value(value: float) -> None:
    """Above the densest an error, below the usual a warning, within it nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_template(Path(tmp) / "s")
        issues = _issues(folder, repr(value))
        shutil.rmtree(folder)
    low, high = USUAL_KG_PER_LITRE
    if low <= value <= high:
        assert issues == []
    else:
        (issue,) = issues
        expected = Severity.ERROR if value > MAX_KG_PER_LITRE else Severity.WARNING
        assert issue.severity is expected


def test_python_api_refuses_a_litre_per_m3() -> None:
    """A Commodity counted in L and weighing 840 kg a litre is refused from Python too."""
    with pytest.raises(ArgumentError, match=r"kg per litre, not per m³: 0\.84\?"):
        Commodity(
            id="fuel",
            name="Diesel",
            supply_class=SupplyClass.FUEL,
            demand_unit=DemandUnit.L,
            kg_per_demand_unit=840,
        )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.floats(min_value=MAX_KG_PER_LITRE, max_value=1e6, exclude_min=True))
def test_a_density_over_the_most_is_said_with_every_digit_it_has(value: float) -> None:
    """The value said reads back as the value given: 25.000001 was said as 25, the most."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_template(Path(tmp) / "s")
        (issue,) = _issues(folder, repr(value))
        shutil.rmtree(folder)
    said = issue.message.split(" kg a litre", 1)[0]
    assert float(said) == value

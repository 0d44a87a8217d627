"""A misspelt planning-factor key is refused through the Python API as by the loader.

``planning_factors: {food.mil.ration_3mre_kg_pd: 5.0}`` (one letter off ``…_ppd``) was
refused by ``supplyline validate`` but taken by ``factors_for``, ``compute_requirements``
and ``plan_movements``, which planned with the default ration.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from supplyline.domain import Scenario
from supplyline.errors import ScenarioError, Severity
from supplyline.io import load_scenario
from supplyline.io.factors import factors_for
from supplyline.planning import PlanParams, plan_movements
from supplyline.requirements import compute_requirements

EXAMPLE = Path(__file__).parents[2] / "examples" / "bilateral-exercise"
SLIP = "food.mil.ration_3mre_kg_pd"


@pytest.fixture(scope="module")
def bilateral() -> Scenario:
    """The bundled bilateral exercise, as loaded (no overrides of its own)."""
    return load_scenario(EXAMPLE)


@pytest.fixture(scope="module")
def loader_words(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What the loader says of the slip in scenario.yaml (its message, without the place)."""
    folder = tmp_path_factory.mktemp("slip") / "scenario"
    shutil.copytree(EXAMPLE, folder)
    yaml = folder / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text.replace("planning_factors: {}", f"planning_factors: {{{SLIP}: 5.0}}"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    (issue,) = [i for i in caught.value.issues if i.severity is Severity.ERROR]
    assert (issue.file, issue.column) == ("scenario.yaml", f"planning_factors.{SLIP}")
    return issue.message


def _said(error: ScenarioError) -> str:
    (issue,) = error.issues
    assert issue.line is None  # a scenario built in Python has no file
    assert issue.column == "factor_overrides"  # the Python field, not scenario.yaml's key
    return issue.message


def test_the_factor_table_of_a_slip_is_refused_by_compute_requirements(
    bilateral: Scenario, loader_words: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        compute_requirements(bilateral, factors_for({SLIP: 5.0}))
    assert _said(caught.value) == loader_words
    assert "did you mean food.mil.ration_3mre_kg_ppd?" in loader_words


def test_a_scenario_with_a_slip_is_refused_by_compute_requirements(
    bilateral: Scenario, loader_words: str
) -> None:
    slipped = dataclasses.replace(bilateral, factor_overrides={SLIP: 5.0})
    with pytest.raises(ScenarioError) as caught:
        compute_requirements(slipped, factors_for(None))
    assert _said(caught.value) == loader_words


def test_a_scenario_with_a_slip_is_refused_by_plan_movements(
    bilateral: Scenario, loader_words: str
) -> None:
    demand = compute_requirements(bilateral, factors_for(None))
    slipped = dataclasses.replace(bilateral, factor_overrides={SLIP: 5.0})
    with pytest.raises(ScenarioError) as caught:
        plan_movements(slipped, demand, PlanParams(time_limit_s=30, explain_top=0))
    assert _said(caught.value) == loader_words


def test_the_key_meant_and_a_new_factor_a_rate_names_are_taken(bilateral: Scenario) -> None:
    """Only a key that changes nothing is refused: the right key, or one a rate names."""
    right = compute_requirements(
        bilateral, factors_for({"food.mil.ration_3mre_kg_ppd": 5.0})
    ).consumption_t.sum()
    base = compute_requirements(bilateral, factors_for(None)).consumption_t.sum()
    assert right > base
    food = dataclasses.replace(bilateral.commodities[0], per_person_per_day=SLIP)
    named = dataclasses.replace(
        bilateral, commodities=(food, *bilateral.commodities[1:]), factor_overrides={SLIP: 5.0}
    )
    assert compute_requirements(named, factors_for({SLIP: 5.0})).consumption_t.sum() == right

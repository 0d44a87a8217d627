"""A scenario whose demand a plan cannot count is refused by validate, on the unit's row.

Each number within its own bound, together past 1e12 t: 10,000,000 people eating 1,000,000
kg a day each (1e10 t a day), with 365 days of supply (3.65e12 t held). It validated, and
``plan`` failed with "demand: buildup_t ... not tonnes from 0 to 1e+12", no file or line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.domain.demand import MAX_TONNES
from supplyline.errors import ScenarioError
from supplyline.io import load_scenario, write_template
from supplyline.io.factors import factors_for
from supplyline.planning.fits import check_demand_fits
from supplyline.requirements.sizes import demand_beyond_counting
from supplyline.services.scenarios import assess_requirements, open_scenario

ROW = "bn-1,1st Battalion,home,home-base,field-camp,450,40,0,C+6,900,0:normal;8:exercise;20:low,3,"


def huge(tmp_path: Path, *, days_of_supply: int) -> Path:
    """The template with 10,000,000 people eating 1,000,000 kg of food a person a day."""
    folder = write_template(tmp_path / "huge")
    units = (folder / "units.csv").read_text(encoding="utf-8")
    row = ROW.replace(",450,", ",10000000,").replace(",3,", f",{days_of_supply},")
    (folder / "units.csv").write_text(units.replace(ROW, row), encoding="utf-8")
    yaml = (folder / "scenario.yaml").read_text(encoding="utf-8")
    big = "planning_factors: {food.mil.ration_3mre_kg_ppd: 1000000}"
    (folder / "scenario.yaml").write_text(yaml.replace("planning_factors: {}", big), "utf-8")
    return folder


def test_validate_names_the_unit_whose_stock_a_plan_cannot_count(tmp_path: Path) -> None:
    """365 days of 1e10 t a day is an error on units.csv line 4, personnel, saying why."""
    with pytest.raises(ScenarioError) as caught:
        open_scenario(huge(tmp_path, days_of_supply=365))
    (error,) = [i for i in caught.value.issues if "a plan can count" in i.message]
    assert (error.file, error.line, error.column) == ("units.csv", 4, "personnel")
    assert error.message.startswith(
        "unit 'bn-1' would need up to 3.65e+12 t of 'food' held (365 days of supply of "
        "1e+10 t a day), more than the 1e+12 t a plan can count"
    )


def test_a_huge_demand_within_the_bound_validates_and_fits(tmp_path: Path) -> None:
    """Without days of supply the same unit needs 1e10 t a day: the planner takes it."""
    folder = huge(tmp_path, days_of_supply=0)
    scenario = load_scenario(folder)
    assert demand_beyond_counting(scenario, factors_for(dict(scenario.factor_overrides))) == []
    demand = assess_requirements(folder).demand
    check_demand_fits(scenario, demand)
    assert 1e10 <= float(demand.consumption_t.max()) <= MAX_TONNES


def test_a_unit_that_cannot_deploy_is_still_refused_past_counting(tmp_path: Path) -> None:
    """The loader left out every finding of a unit with no way there, errors too.

    Its plan demand still counted the 1.4e12 t (a property test's example): validate
    passed and plan failed naming no file.
    """
    folder = huge(tmp_path, days_of_supply=365)
    links = (folder / "links.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "links.csv").write_text(
        "".join(x for x in links if not x.startswith("road-1,")), encoding="utf-8"
    )
    with pytest.raises(ScenarioError) as caught:
        open_scenario(folder)
    assert [i.column for i in caught.value.issues if "a plan can count" in i.message] == [
        "personnel"
    ]

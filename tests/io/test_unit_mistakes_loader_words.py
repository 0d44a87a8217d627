"""units.csv and scenario.yaml say a unit's and a level's mistakes in their own words.

The records built in Python now name the unit, the field and the range
(tests/domain/test_python_unit_messages.py); the loader, which checks these cells itself
before it builds a record, keeps its messages word for word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from io_helpers import edit

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario

ROW = "bn-1,1st Battalion,home,home-base,field-camp,450,40,0,C+6,900,0:normal;8:exercise;20:low,"


@pytest.mark.parametrize(
    ("file", "old", "new", "said"),
    [
        pytest.param(
            "units.csv", ROW, ROW.replace(",450,40,", ",450,-2,"),
            "units.csv:4: vehicles_truck: '-2' is negative (a whole number from 0 to 100,000 "
            "vehicles)",
            id="negative-vehicles",
        ),
        pytest.param(
            "units.csv", ROW, ROW.replace(",40,0,C+6,", ",40,-1,C+6,"),
            "units.csv:4: available_day: '-1' is not a day (a number of days such as 12, C+12, "
            "or a date YYYY-MM-DD)",
            id="available-before-start",
        ),
        pytest.param(
            "units.csv", ROW, ROW.replace(",40,0,C+6,", ",40,9,C+6,"),
            "units.csv:4: required_day: required_day 6 is before available_day 9 (a day on or "
            "after it)",
            id="required-before-available",
        ),
        pytest.param(
            "units.csv", ROW, ROW.replace("8:exercise;20:low", "20:exercise;8:low"),
            "units.csv:4: activity: period '8:low' does not start after C+20 (list periods in "
            "increasing day order)",
            id="periods-out-of-order",
        ),
        pytest.param(
            "scenario.yaml", "  exercise: 1.8", "  exercise: -1.8",
            "activity_levels.exercise: -1.8 is negative (a number from 0 to 10 × normal)",
            id="negative-level",
        ),
    ],
)  # fmt: skip
def test_the_loader_says_a_units_mistake_as_before(
    folder: Path, file: str, old: str, new: str, said: str
) -> None:
    """Each mistake is said on its row and column, in the loader's own words."""
    edit(folder, file, old, new)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    lines = [str(issue) for issue in caught.value.issues]
    assert any(said in line for line in lines), lines

"""A repeated id is said whatever else is wrong with either row, in CSV files and YAML lists.

A tester's locations.csv gave D twice, the first row with a handling of -5: validate said
the handling alone, and the repeat (line 4) only once it was mended. The same for a unit
of personnel -3 given twice, and for two ``food`` commodities, the first of priority 0:
the failed row's id was never compared. Every problem is said at once.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario

SCENARIO = (
    "name: dup\nstart_date: 2026-01-01\nhorizon_days: 5\npartners:\n  - {{id: a}}\n"
    "commodities:\n{commodities}"
)
COMMODITY = (
    "  - {{id: food, supply_class: food, priority: {priority}, demand_unit: kg, "
    "per_person_per_day: 1}}\n"
)
LOCATIONS = "id,name,partner,kind,lat,lon,handling_t_per_day\n{rows}C,Camp,a,unit_area,50.1,10.1,\n"
LOCATION = "D,Depot,a,depot,50,10,{handling}\n"
LINKS = "id,from,to,mode,distance_km,transit_days,cost_per_t\nr1,D,C,road,20,1,1\n"
UNITS = "id,partner,home,destination,personnel\n{rows}"
UNIT = "U,a,C,C,{personnel}\n"

_BAD = {"scenario.yaml": ("0", "1"), "locations.csv": ("-5", "4"), "units.csv": ("-3", "10")}
"""Per file, the bad and the good value of the field the rows differ in."""
_LINE_OF_ROW = {"scenario.yaml": 7, "locations.csv": 2, "units.csv": 2}
"""The line of the first repeated row (or entry) in each file."""
_SAID = {
    "scenario.yaml": "duplicate commodity id 'food' (first on line 7; ids must be unique)",
    "locations.csv": "duplicate location 'D' (first on line 2; locations must be unique)",
    "units.csv": "duplicate unit 'U' (first on line 2; units must be unique)",
}
_ERROR = {
    "scenario.yaml": "is too small",
    "locations.csv": "is negative",
    "units.csv": "is negative",
}


def _files(file: str, bad: list[bool]) -> dict[str, str]:
    """The scenario with ``file``'s repeated row written once per ``bad`` (bad or good)."""
    value = [_BAD[file][0] if b else _BAD[file][1] for b in bad]
    once = {"scenario.yaml": ["1"], "locations.csv": [""], "units.csv": ["10"]}
    rows = {name: (value if name == file else once[name]) for name in _BAD}
    return {
        "scenario.yaml": SCENARIO.format(
            commodities="".join(COMMODITY.format(priority=v) for v in rows["scenario.yaml"])
        ),
        "locations.csv": LOCATIONS.format(
            rows="".join(LOCATION.format(handling=v) for v in rows["locations.csv"])
        ),
        "links.csv": LINKS,
        "units.csv": UNITS.format(
            rows="".join(UNIT.format(personnel=v) for v in rows["units.csv"])
        ),
    }


@settings(max_examples=20, deadline=None)
@given(
    file=st.sampled_from(sorted(_BAD)),
    first_bad=st.booleans(),
    later_bad=st.booleans(),
    copies=st.integers(2, 3),
)
def test_the_repeat_is_said_beside_any_other_error(
    file: str, first_bad: bool, later_bad: bool, copies: int
) -> None:
    """Each later copy is named at its line with the first's, and each bad value at its own."""
    bad = [first_bad] + [later_bad] * (copies - 1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text in _files(file, bad).items():
            (folder / name).write_text(text, encoding="utf-8")
        with pytest.raises(ScenarioError) as caught:
            load_scenario(folder)
    issues = [i for i in caught.value.issues if i.file == file]
    first = _LINE_OF_ROW[file]
    repeats = [(i.line, i.message) for i in issues if "duplicate" in i.message]
    assert repeats == [(first + n, _SAID[file]) for n in range(1, copies)]
    errors = [i.line for i in issues if _ERROR[file] in i.message]
    assert errors == [first + n for n, b in enumerate(bad) if b]


def test_the_testers_locations_say_both(tmp_path: Path) -> None:
    """b24: handling -5 on line 2, and D again on line 4, in one validate."""
    files = _files("locations.csv", [True, False])
    files["locations.csv"] = (
        "id,name,partner,kind,lat,lon,handling_t_per_day\nD,Depot,a,depot,50,10,-5\n"
        "C,Camp,a,unit_area,50.1,10.1,\nD,Depot2,a,depot,51,10,\n"
    )
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path)
    said = [(i.file, i.line, i.column) for i in caught.value.issues]
    assert ("locations.csv", 2, "handling_t_per_day") in said
    assert ("locations.csv", 4, "id") in said

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


_REFERRING = {
    "locations.csv": ("id,name,partner,kind,lat,lon\n", "D,Depot,{ref},depot,50,10\n", "a"),
    "links.csv": (
        "id,from,to,mode,distance_km,transit_days,cost_per_t\n",
        "r1,D,{ref},road,20,1,1\n",
        "C",
    ),
    "units.csv": ("id,partner,home,destination,personnel\n", "U,a,C,{ref},10\n", "C"),
    "stocks.csv": ("location,commodity,initial_t,owner\n", "D,food,5,{ref}\n", "a"),
    "fleet.csv": (
        "id,depot,partner,vehicle_type,count,payload_t,speed_kmh\n",
        "F,{ref},a,truck,1,10,50\n",
        "D",
    ),
    "agreements.yaml": (
        "",
        "- {{id: m1, parties: [a, {ref}], valid_from: 2026-01-01, valid_to: 2026-01-05}}\n",
        "b",
    ),
}
"""Per file with references: its header, its repeated row (``{ref}`` names another
entity) and the known id that row names when it does not name an unknown one."""
_OTHERS = {
    "scenario.yaml": SCENARIO.replace("  - {{id: a}}", "  - {{id: a}}\n  - {{id: b}}").format(
        commodities=COMMODITY.format(priority=1)
    ),
    "locations.csv": "C,Camp,a,unit_area,50.1,10.1\n",
    "links.csv": "",
    "units.csv": "",
    "stocks.csv": "",
    "fleet.csv": "",
    "agreements.yaml": "",
}
"""The rest of each file, after the repeated rows."""


@settings(max_examples=30, deadline=None)
@given(
    file=st.sampled_from(sorted(_REFERRING)), refers=st.lists(st.booleans(), min_size=1, max_size=2)
)
def test_a_repeat_still_says_what_it_names_wrongly(file: str, refers: list[bool]) -> None:
    """A repeated row naming an unknown id is told both the repeat and the unknown id.

    b25: fleet.csv line 4 repeated ``host-trucks`` with the depot ``nowhere`` and was told
    the repeat alone; the same row under a new id was told the unknown depot.
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, (header, row, known) in _REFERRING.items():
            names = [known] + (["nowhere" if r else known for r in refers] if name == file else [])
            rows = "".join(row.format(ref=n) for n in names)
            (folder / name).write_text(header + rows + _OTHERS[name], encoding="utf-8")
        (folder / "scenario.yaml").write_text(_OTHERS["scenario.yaml"], encoding="utf-8")
        with pytest.raises(ScenarioError) as caught:
            load_scenario(folder)
    first = 1 if file.endswith(".yaml") else 2
    issues = [(i.line, i.message) for i in caught.value.issues if i.file == file]
    repeated = [line for line, message in issues if "duplicate" in message]
    assert repeated == [first + n for n in range(1, len(refers) + 1)]
    unknown = [line for line, message in issues if "unknown" in message and "'nowhere'" in message]
    assert unknown == [first + n for n, r in enumerate(refers, start=1) if r]

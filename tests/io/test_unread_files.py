"""A file that cannot be read hides only the checks that need it.

A tester's Latin-1 locations.csv hid a factor key's typo in scenario.yaml until the CSV
file was mended, though the README says the problems of a scenario are reported together.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from io_helpers import edit

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario

WAITING_ON_LOCATIONS = (
    "locations.csv: warning: locations.csv could not be read (mend it and validate again), "
    "so these were not checked: the locations that links.csv, units.csv, stocks.csv and "
    "fleet.csv name; the rail gauges where links meet; rail gauges left empty where gauged "
    "rail meets; link distances against the map (and swapped coordinates); whether each "
    "unit can reach its destination; whether each destination can be supplied from the "
    "stocks (everything else was checked)"
)
"""The one line of an unreadable locations.csv: the references to it, and every check that
reads the locations, wait; no other file has an error, so it ends as the only wait."""


def issues_of(folder: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [str(i) for i in caught.value.issues]


def latin1_locations(folder: Path) -> None:
    """Save locations.csv with one Latin-1 name on its line 5."""
    path = folder / "locations.csv"
    text = path.read_text(encoding="utf-8").replace("Home garrison", "Home garrisoné")
    path.write_bytes(text.encode("latin-1"))


def test_a_factor_key_typo_is_said_beside_a_csv_encoding_error(folder: Path) -> None:
    """scenario.yaml's unknown factor key is reported in the same run as locations.csv's byte."""
    latin1_locations(folder)
    edit(folder, "scenario.yaml", "ration_3mre_kg_ppd   #", "ration_3mre_kgppd   #")
    issues = issues_of(folder)
    assert issues[0] == (
        "scenario.yaml:19: commodities[0].per_person_per_day: 'food.mil.ration_3mre_kgppd' is "
        "not a planning factor (known keys like it: food.mil.ration_3mre_kg_ppd, "
        "food.mil.ration_2group_1mre_kg_ppd, food.mil.ration_1group_2mre_kg_ppd, "
        "food.wfp.full_ration_net_kg_ppd; or a number)"
    )
    assert issues[1].startswith("locations.csv:5: name: byte 0xe9 is not UTF-8 text")


def test_what_needs_the_unread_file_is_said_to_wait_once(folder: Path) -> None:
    """One line says the references to locations wait; none of them is called unknown."""
    latin1_locations(folder)
    issues = issues_of(folder)
    assert issues.count(WAITING_ON_LOCATIONS) == 1
    assert not [i for i in issues if "unknown location" in i]


def test_references_of_other_kinds_are_checked_beside_an_unread_file(folder: Path) -> None:
    """A unit's unknown partner is said although locations.csv cannot be read."""
    latin1_locations(folder)
    edit(folder, "units.csv", "bn-1,1st Battalion,home,", "bn-1,1st Battalion,hom,")
    assert (
        "units.csv:4: partner: unit 'bn-1' refers to unknown partner 'hom' (did you mean "
        "'home'?; known: home, host)"
    ) in issues_of(folder)


def test_csv_references_are_checked_when_scenario_yaml_cannot_be_read(folder: Path) -> None:
    """A link's unknown location is said in the same run as scenario.yaml's syntax error.

    The link is lost to its error, so the checks that read every link wait for links.csv in
    a line of their own; with two such lines, neither says everything else was checked.
    """
    edit(folder, "scenario.yaml", "name: My operation", "name:\tMy operation")
    edit(folder, "links.csv", "rail-1,home-base,", "rail-1,home-bas,")
    assert issues_of(folder) == [
        "scenario.yaml:2: column 6: a tab; YAML indents with spaces only: replace it with spaces",
        "scenario.yaml: warning: scenario.yaml could not be read (mend it and validate again), "
        "so these were not checked: the partners, commodities, vehicle classes and activity "
        "levels that the other files name; their days and dates",
        "links.csv:5: from: link 'rail-1' refers to unknown location 'home-bas' (did you mean "
        "'home-base'?; known: field-camp, home-base, host-depot)",
        "links.csv: warning: links.csv has errors (mend them and validate again), and these "
        "need every row of it, so were not checked: rail gauges left empty where gauged rail "
        "meets; link distances against the map (and swapped coordinates); one-way roads with "
        "no way back; whether each unit can reach its destination; whether each destination "
        "can be supplied from the stocks",
    ]


def test_a_partners_key_that_is_no_list_hides_no_location_reference(folder: Path) -> None:
    """A partners key written as a mapping leaves the locations' references still checked."""
    edit(
        folder,
        "scenario.yaml",
        "  - {id: home, name: Home Nation, currency: EUR}\n"
        "  - {id: host, name: Host Nation, currency: EUR}",
        "  {id: home}",
    )
    edit(folder, "links.csv", "rail-1,home-base,", "rail-1,home-bas,")
    issues = issues_of(folder)
    assert (
        "links.csv:5: from: link 'rail-1' refers to unknown location 'home-bas' (did you mean "
        "'home-base'?; known: field-camp, home-base, host-depot)"
    ) in issues
    assert not [i for i in issues if "unknown partner" in i]

"""Spreadsheet exports and rows with several mistakes: what a relief planner's tester met.

Dates with midnight, date serials, spaces as thousands separators, an empty units.csv, and
rows whose field errors hid the checks that combine fields.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from io_helpers import edit

from supplyline.errors import Issue, ScenarioError, Severity
from supplyline.io import load_scenario


def errors_of(folder: Path) -> list[Issue]:
    """The errors a load of ``folder`` reports (it must fail)."""
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [i for i in caught.value.issues if i.severity is Severity.ERROR]


def messages(folder: Path) -> list[str]:
    """The errors of a load as ``file:line: column: message`` lines."""
    return [f"{i.file}:{i.line}: {i.column}: {i.message}" for i in errors_of(folder)]


def test_midnight_dates_load_as_their_days(folder: Path) -> None:
    """A start date and a unit's day exported with midnight are the dates themselves."""
    edit(folder, "scenario.yaml", "start_date: 2025-06-01", "start_date: 2025-06-01 00:00:00")
    edit(folder, "units.csv", ",0,C+6,", ",2025-06-02T00:00,2025-06-05 00:00:00,")
    scenario = load_scenario(folder)
    assert scenario.start_date == dt.date(2025, 6, 1)
    assert (scenario.units[0].available_day, scenario.units[0].required_day) == (1, 4)


def test_time_of_day_in_a_day_column_says_so(folder: Path) -> None:
    """A day with a time of day gets the words scenario.yaml gives a start date with one."""
    edit(folder, "units.csv", ",0,C+6,", ",0,2025-06-05 08:00,")
    assert messages(folder) == [
        "units.csv:4: required_day: '2025-06-05 08:00' is a date and time "
        "(a date is expected, YYYY-MM-DD: 2025-06-05)"
    ]


def test_date_serial_in_a_day_column(folder: Path) -> None:
    """A spreadsheet date serial in a day column is named with the date it stands for."""
    edit(folder, "units.csv", ",0,C+6,", ",0,45813,")
    assert messages(folder) == [
        "units.csv:4: required_day: 45813 looks like a spreadsheet date serial (2025-06-05); "
        "write the date as YYYY-MM-DD or the day as C+N"
    ]


@pytest.mark.parametrize(
    ("space", "named"),
    [("\u00a0", "a no-break space (U+00A0)"), ("\u202f", "a narrow no-break space (U+202F)")],
)
def test_invisible_thousands_separator_in_a_cell(folder: Path, space: str, named: str) -> None:
    """French Excel's 1 450 (a no-break space in it) is shown readably, with the fix."""
    edit(folder, "units.csv", ",450,40,", f",1{space}450,40,")
    assert messages(folder) == [
        f"units.csv:4: personnel: '1 450' has {named} as a thousands separator: write 1450 "
        "(a whole number from 0 to 10,000,000 people, without thousands separators)"
    ]


def test_empty_units_file_suggests_the_vehicle_columns(folder: Path) -> None:
    """An empty units.csv's suggested header has a vehicles_<class> column per class."""
    (folder / "units.csv").write_bytes(b"")
    (issue,) = errors_of(folder)
    assert (
        "it needs a header line: id,name,partner,home,destination,personnel,vehicles_truck,"
        "available_day," in issue.message
    )


def test_receiving_window_checked_beside_a_field_error(folder: Path) -> None:
    """A window that closes before it opens is said in the same run as a bad personnel."""
    edit(folder, "units.csv", ",450,40,", ",450.5,40,")
    edit(folder, "units.csv", ",3,6,18", ",3,18,7")
    assert messages(folder) == [
        "units.csv:4: personnel: '450.5' is not a whole number "
        "(a whole number from 0 to 10,000,000 people)",
        "units.csv:4: receive_close_h: the receiving window closes at 7 h, before it opens at "
        "18 h (open < close, hours of the day)",
    ]


def test_unknown_activity_level_beside_an_order_error(folder: Path) -> None:
    """An activity schedule out of order still has its unknown level said, in one run."""
    edit(folder, "units.csv", "0:normal;8:exercise;20:low", "0:normal;8:exercse;5:low")
    found = messages(folder)
    assert found[0].startswith("units.csv:4: activity: period '5:low' does not start after C+8")
    assert found[1].startswith(
        "units.csv:4: activity: unit 'bn-1' refers to unknown activity level 'exercse' "
        "(did you mean 'exercise'?"
    )
    assert len(found) == 2


def test_agreement_with_a_bad_date_has_its_other_problems_said(folder: Path) -> None:
    """An agreement entry with a bad date still reports its unknown commodity and price."""
    edit(folder, "agreements.yaml", "valid_to: 2025-07-31", "valid_to: 2025-07-32")
    edit(folder, "agreements.yaml", "commodities: [water, fuel]", "commodities: [water, fule]")
    edit(folder, "agreements.yaml", "parties: [home, host]", "parties: [home, hots]")
    assert sorted(messages(folder)) == [
        "agreements.yaml:11: [0].prices.fuel: price for 'fuel', which is not in the "
        "agreement's commodities (fule, water)",
        "agreements.yaml:4: [0].parties: agreement 'mou-1' refers to unknown partner 'hots' "
        "(did you mean 'host'?; known: home, host)",
        "agreements.yaml:6: [0].valid_to: '2025-07-32' is not a real date (July 2025 has 31 days)",
        "agreements.yaml:7: [0].commodities: agreement 'mou-1' refers to unknown commodity "
        "'fule' (did you mean 'fuel'?; known: food, fuel, water)",
    ]


def test_agreement_dates_in_reverse_beside_another_error(folder: Path) -> None:
    """valid_to before valid_from is said even when another key of the entry is wrong."""
    edit(folder, "agreements.yaml", "valid_to: 2025-07-31", "valid_to: 2025-05-01")
    edit(folder, "agreements.yaml", "currency: EUR", "currency: EURO")
    found = messages(folder)
    assert "agreements.yaml:6: [0].valid_to: 2025-05-01 is before valid_from 2025-05-15" in (
        " ".join(found)
    )
    assert any("[0].currency: 'EURO' is not a currency code" in m for m in found)


def test_link_to_itself_said_beside_a_bad_distance(folder: Path) -> None:
    """A link from a place to itself is said in the same run as its bad distance."""
    edit(
        folder,
        "links.csv",
        "rail-1,home-base,host-depot,rail,1435,420,",
        "rail-1,home-base,home-base,rail,1435,42O,",
    )
    found = messages(folder)
    assert any(m.startswith("links.csv:5: distance_km: '42O' is not a number") for m in found)
    assert "links.csv:5: to: link starts and ends at 'home-base' (a link joins two locations)" in (
        found
    )

"""Messages that name the thing that is wrong, not a neighbour of it (QA testers' cases)."""

from __future__ import annotations

from pathlib import Path

import pytest
from io_helpers import edit

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario


def issues_of(folder: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [str(i) for i in caught.value.issues]


def test_a_horizon_past_the_calendar_does_not_blame_horizon_days(folder: Path) -> None:
    """``start_date: 9999-12-20`` with 30 days: the warning is on start_date, not horizon_days."""
    edit(folder, "scenario.yaml", "start_date: 2025-06-01", "start_date: 9999-12-20")
    issues = issues_of(folder)
    assert len(issues) == 2
    assert issues[0].startswith("scenario.yaml:5: start_date: 9999-12-20 with horizon_days 30:")
    assert issues[1] == (
        "scenario.yaml:5: start_date: warning: days were not checked against the horizon, as it "
        "runs past 9999-12-31; mend it and validate again (everything else was checked)"
    )


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (
            "99999",
            "'99999' (2299-03-16) is C+99999, after the horizon's last day C+29 (2025-06-30)",
        ),
        ("2025-05-01", "2025-05-01 (day -31) is before start_date 2025-06-01 (day 0 or later)"),
    ],
)
def test_an_empty_required_day_is_not_blamed_for_the_available_day(
    folder: Path, day: str, said: str
) -> None:
    """An empty required_day is the available day: its mistake is said once, on available_day."""
    edit(folder, "units.csv", ",0,C+6,", f",{day},,")
    assert issues_of(folder) == [f"units.csv:4: available_day: {said}"]


def test_a_written_required_day_out_of_the_horizon_is_still_said(folder: Path) -> None:
    """Both days written outside the horizon: each cell is told, as before."""
    edit(folder, "units.csv", ",0,C+6,", ",99999,99999,")
    assert [i.split(":")[2] for i in issues_of(folder)] == [" available_day", " required_day"]


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        (
            "fuel_l_per_100km: fuel.medium_truck.payload_16t_l_per_100km",
            "fuel_l_per_100km: -25",
            "such as fuel.medium_truck.payload_16t_l_per_100km",
        ),
        (
            "per_person_per_day: water.mil.unit_sustaining_temperate_lppd",
            "per_person_per_day: -3",
            "such as water.mil.unit_sustaining_temperate_lppd",
        ),
        (
            "per_person_per_day: food.mil.ration_3mre_kg_ppd",
            "per_person_per_day: -3",
            "such as food.wfp.full_ration_net_kg_ppd",
        ),
        (
            "    vehicle_fuel: true",
            "    vehicle_fuel: true\n    per_person_per_day: -3",
            "(`supplyline factors` lists them)",
        ),
    ],
)
def test_a_rate_offers_a_factor_key_of_its_own_kind(
    folder: Path, old: str, new: str, key: str
) -> None:
    """A vehicle's fuel rate offers a fuel key, water a water key; fuel per person, none."""
    edit(folder, "scenario.yaml", old, new)
    (issue,) = issues_of(folder)
    assert issue.endswith(f"— or a planning-factor key {key}")


def test_a_link_to_itself_is_said_to_be_a_loop(folder: Path) -> None:
    """units.csv linked to itself is a loop of links, not a link to a file that does not exist."""
    (folder / "units.csv").unlink()
    (folder / "units.csv").symlink_to("units.csv")
    assert issues_of(folder)[0] == (
        "units.csv: is a link to units.csv in a loop of links that never reaches a file "
        "(make it a plain file, or a link to one)"
    )

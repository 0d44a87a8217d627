"""A scenario written from scratch in a spreadsheet: each slip is told once, truly.

A tester's scenario (a relief operation typed by hand) met messages that spoke of a
typo's consequences before the typo, counted a false error, or gave advice that does
not work; these tests hold the messages to what the row really says.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from io_helpers import edit

from supplyline.errors import Issue, ScenarioError, Severity
from supplyline.io import load_scenario


@pytest.fixture
def relief(tmp_path: Path, relief_dir: Path) -> Path:
    """A copy of the relief example (six sites in place, a hub, roads)."""
    return Path(shutil.copytree(relief_dir, tmp_path / "relief"))


def errors_of(folder: Path) -> list[Issue]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [i for i in caught.value.issues if i.severity is Severity.ERROR]


def only_error(folder: Path) -> Issue:
    errors = errors_of(folder)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def _with_on_hand(folder: Path, home: str, destination: str) -> None:
    """Give units.csv an on_hand_days column and site-1 the places given."""
    edit(folder, "units.csv", "receive_close_h\n", "receive_close_h,on_hand_days\n")
    edit(
        folder,
        "units.csv",
        "site-1,Saldana stadium,meridia,site-stadium,site-stadium,12000,6,0,0,0,,2,6,20\n",
        f"site-1,Saldana stadium,meridia,{home},{destination},12000,6,0,0,0,,2,6,20,1\n",
    )


@pytest.mark.parametrize(
    ("home", "destination", "column", "typo"),
    [
        ("site-stadium", "site-stadum", "destination", "site-stadum"),
        ("sitestadium", "site-stadium", "home", "sitestadium"),
    ],
)
def test_a_misspelt_place_is_the_one_error_not_on_hand_days(
    relief: Path, home: str, destination: str, column: str, typo: str
) -> None:
    """A misspelt place of a unit in place is told alone, not on_hand_days' rule.

    on_hand_days is only for a unit in place, which it is once the typo is mended.
    """
    _with_on_hand(relief, home, destination)
    error = only_error(relief)
    assert (error.file, error.line, error.column) == ("units.csv", 3, column)
    assert f"unknown location {typo!r} (did you mean 'site-stadium'?" in error.message


def test_on_hand_days_of_a_deploying_unit_is_still_refused(relief: Path) -> None:
    """Between two known places, on_hand_days on a deploying unit is still an error."""
    _with_on_hand(relief, "larnis-hub", "site-stadium")
    error = only_error(relief)
    assert (error.line, error.column) == (3, "on_hand_days")
    assert "is for a unit already in place" in error.message

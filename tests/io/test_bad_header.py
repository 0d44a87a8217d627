"""A wrong start_date or horizon_days in scenario.yaml hides none of the CSV files' errors.

A tester's horizon of ``21d`` reported one error where the same folder with a good header
reported three: the load stopped before the references were checked. The checks that need
the bad value wait, said in one line; everything else is reported in the same run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from io_helpers import append, edit

from supplyline.errors import Issue, ScenarioError, Severity
from supplyline.io import load_scenario

HEADER_BREAKS = [
    pytest.param("horizon_days: 30", "horizon_days: 30d", "horizon_days", id="horizon-unit"),
    pytest.param("horizon_days: 30", "horizon_days: thirty", "horizon_days", id="horizon-word"),
    pytest.param("horizon_days: 30", "horizon_days: 0", "horizon_days", id="horizon-zero"),
    pytest.param("start_date: 2025-06-01", "start_date: 2025-06-31", "start_date", id="start-31"),
    pytest.param("start_date: 2025-06-01", "start_date: 01/06/2025", "start_date", id="start-dmy"),
]


def _issues(folder: Path) -> list[Issue]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return list(caught.value.issues)


@pytest.mark.parametrize(("old", "new", "key"), HEADER_BREAKS)
@pytest.mark.parametrize("n", [1, 3, 7])
def test_bad_header_keeps_every_reference_error(
    folder: Path, old: str, new: str, key: str, n: int
) -> None:
    """A bad header value plus N links to unknown places reports the header and all N."""
    edit(folder, "scenario.yaml", old, new)
    for i in range(n):
        append(folder, "links.csv", f"x-{i},host-depot,nowhere-{i},road,,10,1,,100,,1,,true,")
    issues = _issues(folder)
    errors = [i for i in issues if i.severity is Severity.ERROR]
    assert (errors[0].file, errors[0].column) == ("scenario.yaml", key)
    dangling = sorted(i.message.split("'")[3] for i in errors if i.file == "links.csv")
    assert dangling == sorted(f"nowhere-{i}" for i in range(n))
    assert len(errors) == n + 1


@pytest.mark.parametrize(("old", "new", "key"), HEADER_BREAKS)
def test_bad_header_says_once_what_waits(folder: Path, old: str, new: str, key: str) -> None:
    """One warning on the bad key says which checks wait for it, and that the rest ran."""
    edit(folder, "scenario.yaml", old, new)
    waiting = [i for i in _issues(folder) if i.severity is Severity.WARNING]
    assert [(i.file, i.column) for i in waiting] == [("scenario.yaml", key)]
    what = "checked against the horizon" if key == "horizon_days" else "turned into days"
    assert what in waiting[0].message
    assert "everything else was checked" in waiting[0].message


def test_wrong_horizon_leaves_days_unchecked(folder: Path) -> None:
    """With no horizon to hold them to, days are not called outside it."""
    edit(folder, "scenario.yaml", "horizon_days: 30", "horizon_days: 30d")
    edit(folder, "units.csv", ",0,C+6,", ",0,C+400,")
    errors = [i for i in _issues(folder) if i.severity is Severity.ERROR]
    assert [(i.file, i.column) for i in errors] == [("scenario.yaml", "horizon_days")]


def test_wrong_start_holds_dates_but_checks_the_row(folder: Path) -> None:
    """A date in a row waits for the start; the row's other references are still checked."""
    edit(folder, "scenario.yaml", "start_date: 2025-06-01", "start_date: 2025-06-31")
    edit(folder, "units.csv", ",home,home-base,field-camp,450,40,0,C+6,", ",mars,home-base,"
         "field-camp,450,40,0,2025-06-07,")  # fmt: skip
    issues = _issues(folder)
    errors = [(i.file, i.line, i.column) for i in issues if i.severity is Severity.ERROR]
    assert errors == [("scenario.yaml", 5, "start_date"), ("units.csv", 4, "partner")]
    (waiting,) = [i for i in issues if i.severity is Severity.WARNING and i.file == "scenario.yaml"]
    assert "(units.csv line 4: their rows wait)" in waiting.message


def test_wrong_start_still_checks_numbered_days(folder: Path) -> None:
    """Days written as numbers need no start: they are still held to the horizon."""
    edit(folder, "scenario.yaml", "start_date: 2025-06-01", "start_date: 2025-13-01")
    edit(folder, "units.csv", ",0,C+6,", ",0,C+40,")
    errors = [i for i in _issues(folder) if i.severity is Severity.ERROR]
    assert [(i.file, i.column) for i in errors] == [
        ("scenario.yaml", "start_date"),
        ("units.csv", "required_day"),
    ]
    assert errors[1].message == "C+40 is after the horizon's last day C+29"

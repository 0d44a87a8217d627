"""A repeated CSV row is told every error the same row would be told were it not repeated.

A second ``rail-east-2`` with another gauge and an outage past the horizon was told
the repeat alone: the row was left out of the scenario before the checks of the whole
scenario (days against the horizon, gauges where rails meet, reach), and only its
references were checked. The same row under a new id was told both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from io_helpers import append

from supplyline.errors import Issue, ScenarioError, Severity
from supplyline.io import load_scenario_with_warnings

REPEATED = "rail-east-2,samar-jct,temir,rail,1600,2050,,900,1500,600,55.0,200,true,40"
"""links.csv's ``rail-east-2`` again (line 11), of a gauge no rail it meets has, and closed
on day 40 of a 35-day horizon."""
LINE = 20
"""The line the repeated row is appended at in the bilateral example's links.csv."""


def _issues(folder: Path) -> list[Issue]:
    """Every issue the load of ``folder`` says, errors and warnings."""
    try:
        return list(load_scenario_with_warnings(folder)[1])
    except ScenarioError as error:
        return list(error.issues)


def _at(issues: list[Issue], file: str, line: int) -> list[tuple[str | None, str]]:
    """The (column, message) of the errors said at one line of one file."""
    return [
        (i.column, i.message)
        for i in issues
        if (i.file, i.line) == (file, line) and i.severity is Severity.ERROR
    ]


def test_a_repeated_row_is_told_its_own_and_whole_scenario_errors(
    tmp_path: Path, bilateral_dir: Path
) -> None:
    """The repeat, its outage day past the horizon and its gauge break, each at its column."""
    folder = Path(shutil.copytree(bilateral_dir, tmp_path / "s"))
    append(folder, "links.csv", REPEATED)
    said = _at(_issues(folder), "links.csv", LINE)
    assert said[0] == (
        "id",
        "duplicate link 'rail-east-2' (first on line 11; links must be unique)",
    )
    assert [c for c, m in said if m.startswith("outage day 40 is C+40")] == ["outage_days"]
    gauge = [m for c, m in said if c == "gauge_mm"]
    assert gauge
    assert gauge[0].startswith("rail link 'rail-east-2' (1600 mm) meets link 'rail-east-1'")
    assert len(said) == 2 + len(gauge)


@pytest.mark.parametrize(
    "required_day",
    [pytest.param("3", id="warnings"), pytest.param("99", id="error-past-horizon")],
)
def test_the_repeat_is_told_what_the_same_row_under_a_new_id_is(
    tmp_path: Path, relief_dir: Path, required_day: str
) -> None:
    """Beside "duplicate", a repeated unit's errors and warnings are the renamed row's.

    Bound for a place no link reaches: a unit stands alone in the checks, so its words
    are the same whichever id it has (a link's gauge is said against the links it meets,
    and a repeat stands where its id's first row was).
    """
    said = {}
    for name, uid in (("repeated", "site-6"), ("renamed", "site-9")):
        folder = Path(shutil.copytree(relief_dir, tmp_path / name))
        append(folder, "locations.csv", "island,Lonely isle,meridia,unit_area,37.50,37.20,,,0")
        row = f"{uid},New camp,meridia,site-ridge,island,300,0,0,{required_day},5,,3,8,17"
        append(folder, "units.csv", row)
        said[name] = [
            (i.column, i.severity, i.message.replace(uid, "U"))
            for i in _issues(folder)
            if (i.file, i.line) == ("units.csv", 9)
        ]
    assert said["repeated"][0][:2] == ("id", Severity.ERROR)
    assert said["repeated"][1:] == said["renamed"]
    assert said["renamed"]


def test_a_repeated_unit_is_told_its_destination_has_no_way_in(
    tmp_path: Path, relief_dir: Path
) -> None:
    """A unit given twice, bound the second time for a place no link reaches: both said."""
    folder = Path(shutil.copytree(relief_dir, tmp_path / "s"))
    append(folder, "locations.csv", "island,Lonely isle,meridia,unit_area,37.50,37.20,,,0")
    append(folder, "units.csv", "site-6,New camp,meridia,site-ridge,island,300,0,0,3,5,,3,8,17")
    said = [(i.column, i.severity, i.message) for i in _issues(folder) if i.line == 9]
    assert said[0][:2] == ("id", Severity.ERROR)
    assert (
        "destination",
        Severity.WARNING,
        "destination 'island' cannot be reached from home 'site-ridge' over any chain of "
        "links: the unit cannot deploy",
    ) in said


_LINK_ROWS = st.integers(7, 19)
"""The lines of links.csv's rows in the bilateral example (its header is line 6)."""
_BREAKS = st.sampled_from(
    [
        ("units.csv", "wm-hq,", "wm hq,"),  # an id refused
        ("links.csv", ",35.0,", ",-35.0,"),
        ("units.csv", ",wm-garrison,", ",wm-nowhere,"),
        ("links.csv", ",true,20", ",true,50"),
        ("locations.csv", ",railhead,", ",railhed,"),
        ("scenario.yaml", "horizon_days: 35", "horizon_days: 30"),
        ("links.csv", ",1520,", ",1600,"),
    ]
)
"""Mistakes to make in the bilateral example (file, text, replaced by), or none."""


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    line=_LINK_ROWS,
    mistake=st.none() | _BREAKS,
    copies=st.integers(1, 2),
)
def test_adding_a_copy_of_a_valid_row_hides_no_error(
    tmp_path_factory: pytest.TempPathFactory,
    bilateral_dir: Path,
    line: int,
    mistake: tuple[str, str, str] | None,
    copies: int,
) -> None:
    """Every error a scenario had is still said, at its place, once a link row is repeated.

    The row copied is one of the example's as written, which the mistake left as it was
    (so with no error of its own), appended once or twice.
    """
    folder = Path(shutil.copytree(bilateral_dir, tmp_path_factory.mktemp("p") / "s"))
    original = (folder / "links.csv").read_text(encoding="utf-8").splitlines()[line - 1]
    if mistake is not None:
        file, old, new = mistake
        path = folder / file
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    before = {
        (i.file, i.line, i.column, i.message)
        for i in _issues(folder)
        if i.severity is Severity.ERROR
    }
    row = (folder / "links.csv").read_text(encoding="utf-8").splitlines()[line - 1]
    assume(row == original)
    for _ in range(copies):
        append(folder, "links.csv", row)
    after = {(i.file, i.line, i.column, i.message) for i in _issues(folder)}
    assert before <= after

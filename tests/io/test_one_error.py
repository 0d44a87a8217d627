"""One mistake, one error: what only follows from an error already reported is left out.

A bad entry of scenario.yaml keeps the good ones, references to it are not "unknown", an
empty list or file is said once, a wrongly delimited header is named once, and a file with
thousands of bad rows lists the first ones and counts the rest.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import append, edit
from rich.console import Console

from supplyline.cli.errors import MAX_SHOWN_PER_FILE, report_error
from supplyline.errors import Issue, ScenarioError, Severity
from supplyline.io import load_scenario
from supplyline.io._csvtable import read_table
from supplyline.io._source import Report
from supplyline.io._tables import LOCATION_COLUMNS


@pytest.fixture
def bilateral(tmp_path: Path, bilateral_dir: Path) -> Path:
    """A copy of the bilateral example (three vehicle classes, all used by units.csv)."""
    return Path(shutil.copytree(bilateral_dir, tmp_path / "bilateral"))


def failure(folder: Path) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return caught.value


def errors_of(folder: Path) -> list[Issue]:
    return [i for i in failure(folder).issues if i.severity is Severity.ERROR]


def only_error(folder: Path) -> Issue:
    errors = errors_of(folder)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


@pytest.mark.parametrize(
    ("old", "new", "line", "column"),
    [
        ("    km_per_day: 60\n", "    km_per_day: -60\n", 70, "vehicle_classes[0].km_per_day"),
        ("    km_per_day: 60\n", "    km_per_day: 1e308\n", 70, "vehicle_classes[0].km_per_day"),
        ("  - id: medium\n", "  - id: heavy\n", 71, "vehicle_classes[1].id"),
        ("  - id: medium\n", "  - id: medium truck\n", 71, "vehicle_classes[1].id"),
        ("  - id: medium\n", "  - id:\n", 71, "vehicle_classes[1].id"),
        ("  - id: medium\n", "  -\n", 72, "vehicle_classes[1].id"),
        ("  - id: light\n", "  - 12\n  - id: light\n", 75, "vehicle_classes[2]"),
    ],
    ids=["negative", "huge", "duplicate-id", "bad-id", "empty-id", "no-id", "not-a-mapping"],
)
def test_bad_vehicle_class_is_one_error(
    bilateral: Path, old: str, new: str, line: int, column: str
) -> None:
    """A broken vehicle class is one error: units.csv's columns for the classes stay known."""
    edit(bilateral, "scenario.yaml", old, new)
    issue = only_error(bilateral)
    assert (issue.file, issue.line, issue.column) == ("scenario.yaml", line, column)


def test_good_vehicle_classes_are_kept(bilateral: Path) -> None:
    """Beside a broken class, the good ones still judge units.csv: a real typo is reported."""
    edit(bilateral, "scenario.yaml", "    km_per_day: 60\n", "    km_per_day: -60\n")
    edit(bilateral, "units.csv", ",vehicles_light,", ",vehicles_lite,")
    found = [(i.file, i.column) for i in errors_of(bilateral)]
    assert found == [
        ("scenario.yaml", "vehicle_classes[0].km_per_day"),
        ("units.csv", "vehicles_lite"),
    ]


@pytest.mark.parametrize("value", ["-1.8", "lots", "[1.8]", "11"])
def test_bad_activity_level_is_one_error(folder: Path, value: str) -> None:
    """A bad activity level is one error, not also an unknown level in every unit using it."""
    edit(folder, "scenario.yaml", "  exercise: 1.8", f"  exercise: {value}")
    issue = only_error(folder)
    assert (issue.file, issue.column) == ("scenario.yaml", "activity_levels.exercise")


def test_bad_planning_factor_is_one_error(folder: Path) -> None:
    """A bad value of a scenario's own factor is not also "not a planning factor" in a rate."""
    edit(folder, "scenario.yaml", "planning_factors: {}", "planning_factors: {my.ration_kg: -2}")
    edit(folder, "scenario.yaml", "food.mil.ration_3mre_kg_ppd   #", "my.ration_kg   #")
    assert only_error(folder).column == "planning_factors.my.ration_kg"


@pytest.mark.parametrize(
    ("old", "new", "pattern"),
    [
        ("name: My operation", "name: " + "x" * 201, r"^name is too long"),
        (
            "name: My operation",
            "name: &n [a, b]",
            r"^must be a single value, not a list \(\[a, b\]\)$",
        ),
        ("name: My operation", "name: ''", r"^the scenario needs a name"),
        ("name: My operation", "title: My operation", r"^required key 'name' is missing$"),
    ],
    ids=["too-long", "a-list", "empty", "missing"],
)
def test_bad_name_is_one_error(folder: Path, old: str, new: str, pattern: str) -> None:
    """A bad or missing name is one error (not also "the scenario needs a name")."""
    edit(folder, "scenario.yaml", old, new)
    if "title" in new:
        edit(folder, "scenario.yaml", "title: My operation", "description: My operation")
        edit(folder, "scenario.yaml", "description: >-", "# description: >-")
        edit(folder, "scenario.yaml", "  A template", "# A template")
    issue = only_error(folder)
    assert issue.file == "scenario.yaml"
    assert re.search(pattern, issue.message), issue.message


@pytest.mark.parametrize(
    ("key", "length", "limit"), [("name", 1_234, "200"), ("description", 12_345, "10,000")]
)
def test_too_long_text_says_its_length(folder: Path, key: str, length: int, limit: str) -> None:
    """A name or description past its limit is told its length beside the limit, alike."""
    edit(folder, "scenario.yaml", "  A template", "# A template")
    edit(folder, "scenario.yaml", f"{key}: ", f"{key}: {'x' * length}  # ")
    issue = only_error(folder)
    assert issue.message == f"{key} is too long ({length:,} characters; at most {limit})"


@pytest.mark.parametrize("empty", ["[]", "", "~"])
@pytest.mark.parametrize("key", ["partners", "commodities"])
def test_empty_list_is_one_error(bilateral: Path, key: str, empty: str) -> None:
    """An empty partners or commodities list is said once, not as every reference unknown."""
    path = bilateral / "scenario.yaml"
    text, n = re.subn(rf"(?m)^{key}:\n(?:(?:  .*)?\n)+", f"{key}: {empty}\n\n", path.read_text())
    assert n == 1
    path.write_text(text)
    issue = only_error(bilateral)
    assert (issue.file, issue.column) == ("scenario.yaml", key)
    assert f"the list of {key} is empty" in issue.message


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        ("  - {id: host, name", "  - {id: home, name", "partners[1].id"),
        ("  - id: water\n", "  - id: food\n", "commodities[1].id"),
    ],
    ids=["partner", "commodity"],
)
def test_duplicate_entry_is_said_first_and_named_by_the_rest(
    folder: Path, old: str, new: str, column: str
) -> None:
    """A repeated id is said first; each reference to the id it replaced names it as the cause.

    (Until the CSV files' duplicates did, a repeat hid those references altogether.)
    """
    edit(folder, "scenario.yaml", old, new)
    first, *rest = errors_of(folder)
    assert first.column == column
    assert rest
    assert all(f"likely the entry on scenario.yaml line {first.line}" in e.message for e in rest)


@pytest.mark.parametrize("commodity_id", ["deploy:bn-1", "deploy-pax:bn-1", "Deploy:BN-1"])
def test_commodity_named_like_a_units_lift_is_one_error(folder: Path, commodity_id: str) -> None:
    """A commodity id kept for a unit's lift is one error at the id, though a stock uses it."""
    edit(
        folder,
        "scenario.yaml",
        "  - id: fuel\n",
        f"  - id: {commodity_id}\n    supply_class: general\n  - id: fuel\n",
    )
    append(folder, "stocks.csv", f"home-base,{commodity_id},100,5,home")
    issue = only_error(folder)
    assert (issue.file, issue.line, issue.column) == ("scenario.yaml", 27, "commodities[2].id")
    written = commodity_id[: commodity_id.index(":") + 1]
    assert issue.message.startswith(f"commodity id '{commodity_id}' starts with '{written}'")
    assert "give the commodity another id" in issue.message


def test_locations_header_only_is_one_error(bilateral: Path) -> None:
    """locations.csv with a header and no rows is one error, not every link and unit dangling."""
    (bilateral / "locations.csv").write_text(",".join(LOCATION_COLUMNS) + "\n")
    issue = only_error(bilateral)
    assert (issue.file, issue.line) == ("locations.csv", 1)
    assert "the file has a header but no locations" in issue.message


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_other_delimiter_is_one_error(folder: Path, delimiter: str, name: str) -> None:
    """A file separated by ';' or tabs is one error on the header that says so."""
    path = folder / "locations.csv"
    path.write_text(path.read_text().replace(",", delimiter))
    issue = only_error(folder)
    assert (issue.file, issue.line) == ("locations.csv", 4)
    assert issue.message.startswith(f"the header is separated by {name}")
    assert "but locations.csv must be comma-separated" in issue.message


@given(
    st.permutations(LOCATION_COLUMNS).flatmap(
        lambda cols: st.integers(2, len(cols)).map(lambda n: cols[:n])
    ),
    st.sampled_from([";", "\t"]),
    st.booleans(),
)
def test_any_header_with_other_delimiter_is_named(
    columns: list[str], delimiter: str, upper: bool
) -> None:
    """Any header of known columns joined by ';' or tabs gives that one error, and no table."""
    header = delimiter.join(c.upper() if upper else c for c in columns)
    report = Report()
    table = read_table(
        header + "\n", "x.csv", report, known=LOCATION_COLUMNS, required=("id", "partner")
    )
    assert table is None
    assert len(report.issues) == 1
    assert "must be comma-separated" in report.issues[0].message


def test_stock_duplicate_wording(folder: Path) -> None:
    """A repeated stock row says what must be unique in plain words."""
    append(folder, "stocks.csv", "home-base,food,1,0,")
    issue = only_error(folder)
    assert (issue.file, issue.column) == ("stocks.csv", "commodity")
    assert issue.message == (
        "duplicate stock of location/commodity 'home-base/food' (first on line 4; "
        "one row per location and commodity)"
    )


def test_many_errors_of_a_file_are_all_kept_and_capped_when_printed(folder: Path) -> None:
    """A flood of errors in one file: the error holds them all, for programs.

    The CLI prints each file's first ones and counts the rest, then the line of the checks
    that wait for the file (never capped); the closing line counts all.
    """
    rows = 3 * MAX_SHOWN_PER_FILE
    for _ in range(rows):
        append(folder, "stocks.csv", "home-base,food,1,0,")
    edit(folder, "units.csv", ",450,40,", ",-450,40,")
    error = failure(folder)
    stock_errors = [
        i for i in error.issues if i.file == "stocks.csv" and i.severity is Severity.ERROR
    ]
    assert len(stock_errors) == rows
    assert error.summary == f"{rows + 1} error(s) in the input"
    console = Console(record=True, width=400)
    assert report_error(error, console) == 2
    printed = console.export_text().splitlines()
    stocks = [line for line in printed if line.startswith("stocks.csv")]
    assert len(stocks) == MAX_SHOWN_PER_FILE + 2
    hidden = rows - MAX_SHOWN_PER_FILE
    assert stocks[-2].startswith(f"stocks.csv: … and {hidden} more errors in stocks.csv")
    assert stocks[-1].startswith("stocks.csv: warning: stocks.csv has errors (mend them")
    assert printed[-1] == f"error: {rows + 1} error(s) in the input"
    assert any(line.startswith("units.csv") for line in printed)


def test_a_row_with_a_bad_number_still_has_its_references_checked(bilateral: Path) -> None:
    """A row that cannot be built keeps its references, checked once all is read.

    A tester's unit with -40 people hid its unknown partner and destination: three runs of
    `validate` for three mistakes.
    """
    edit(
        bilateral,
        "units.csv",
        "wm-hq,Contingent HQ and signals company,westmark,wm-garrison,camp-kestrel,180,",
        "wm-hq,Contingent HQ and signals company,nobody,wm-garrison,nowhere,-40,",
    )
    errors = errors_of(bilateral)
    said = [(i.file, i.line, i.column) for i in errors]
    assert said[:3] == [
        ("units.csv", 5, "personnel"),
        ("units.csv", 5, "partner"),
        ("units.csv", 5, "destination"),
    ]
    assert "unit 'wm-hq' refers to unknown partner 'nobody' (known: ostravia, westmark)" in [
        i.message for i in errors
    ]


def test_a_bad_row_whose_references_are_good_is_one_error(bilateral: Path) -> None:
    edit(
        bilateral,
        "units.csv",
        "wm-hq,Contingent HQ and signals company,westmark,wm-garrison,camp-kestrel,180,",
        "wm-hq,Contingent HQ and signals company,westmark,wm-garrison,camp-kestrel,-40,",
    )
    assert only_error(bilateral).column == "personnel"


def test_a_text_direction_control_in_a_name_is_an_error_at_its_cell(bilateral: Path) -> None:
    """A tester's camp named with U+202E validated, and the map read "live camp"."""
    edit(bilateral, "locations.csv", "Kar-Tobe forward depot", "\u202eKar-Tobe\u202c depot")
    error = only_error(bilateral)
    assert (error.file, error.line, error.column) == ("locations.csv", 13, "name")
    assert "text-direction control U+202E" in error.message

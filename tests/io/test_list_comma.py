"""A list cell written with commas, unquoted: the row's message names the column and ';'.

A tester's ``food,medical`` in fleet.csv's ``carries`` was told to quote a cell that
contains a comma; quoted, it was then told to separate the names with ';'. Now the first
message says the second's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_helpers import edit
from test_fleet_carries import errors_of, with_carries

from supplyline.io import load_scenario
from supplyline.io._list_cells import DAYS, NAMES, list_comma

COLUMNS = ("id", "max_route_hours", "carries")
NAME = st.from_regex(r"[a-z][a-z0-9_\-]{0,11}", fullmatch=True)


def test_an_unquoted_comma_in_carries_is_said_as_a_list_to_separate_with_semicolons(
    folder: Path,
) -> None:
    """'food,medical' unquoted: one error on the row, at carries, saying to write food;medical."""
    (issue,) = errors_of(with_carries(folder, "food,medical"))
    assert issue.column == "carries"
    assert str(issue).endswith(
        "(extra 'medical': carries is a list of names separated by ';', not ',' "
        "(write food;medical))"
    )


def test_an_unquoted_comma_in_outage_days_is_said_as_days_to_separate_with_semicolons(
    folder: Path,
) -> None:
    """'7-9,12' unquoted, the last column: told to write 7-9;12, not to quote the cell.

    A tester quoted it as told, and was then told to separate the days with ';'.
    """
    edit(folder, "links.csv", "4.0,,true,12", "4.0,,true,7-9,12")
    (issue,) = errors_of(folder)
    assert (issue.line, issue.column) == (6, "outage_days")
    assert str(issue).endswith(
        "row has 15 cells but the header has 14 columns (extra '12': outage_days is a list of "
        "days and ranges separated by ';', not ',' (write 7-9;12))"
    )


def test_the_days_written_as_advised_load(folder: Path) -> None:
    """The advice is the list's syntax: 7-9;12 loads as days 7, 8, 9 and 12."""
    edit(folder, "links.csv", "4.0,,true,12", "4.0,,true,7-9;12")
    link = next(k for k in load_scenario(folder).links if k.id == "road-1")
    assert link.outage_days == frozenset({7, 8, 9, 12})


@pytest.mark.parametrize("extra", ["", "road", "12.5x"])
def test_extra_cells_that_are_no_days_keep_the_rows_message(extra: str) -> None:
    """An empty, a word or a measure after outage_days is no day: not taken for a list."""
    assert list_comma(["r1", "7-9", extra], ("id", "outage_days"), {"outage_days": DAYS}) is None


def test_a_text_comma_elsewhere_keeps_the_quote_advice(folder: Path) -> None:
    """A comma in vehicle_type shifts a number into carries: the quote advice stands."""
    edit_row = "host-trucks,host-depot,host,rigid, 3-axle,6,18,40,50,120,1.2,9"
    (issue,) = errors_of(with_carries(folder, "food", row=edit_row))
    assert "quote a cell that contains a comma" in str(issue)
    assert "separated by ';'" not in str(issue)


@given(names=st.lists(NAME, min_size=2, max_size=5))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_the_names_split_by_commas_are_offered_joined_by_semicolons(names: list[str]) -> None:
    """However many names the commas split, the advice writes them all, in order, with ';'."""
    said = list_comma(["g1", "9", *names], COLUMNS, {"carries": NAMES})
    assert said is not None
    column, words = said
    assert column == "carries"
    assert words.endswith(f"(write {';'.join(names)})")


@pytest.mark.parametrize(
    "record",
    [
        ["g1", "9", "food"],  # not too long
        ["g1", "9", "food", ""],  # an empty extra cell: a trailing comma, not a list
        ["g1", "9", "food", "12.5"],  # a number, not a name
    ],
)
def test_a_row_whose_extra_cells_are_no_names_is_not_taken_for_a_list(record: list[str]) -> None:
    """Only names join a list: an empty or numeric extra cell is left to the row's message."""
    assert list_comma(record, COLUMNS, {"carries": NAMES}) is None

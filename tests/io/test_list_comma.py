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
from test_fleet_carries import errors_of, with_carries

from supplyline.io._list_cells import list_comma

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
    said = list_comma(["g1", "9", *names], COLUMNS, {"carries"}.__contains__)
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
    assert list_comma(record, COLUMNS, {"carries"}.__contains__) is None

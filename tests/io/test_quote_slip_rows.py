"""A row whose quote closes before its cell ends is one error; the file's other rows are read.

A tester's ``"U" two`` on units.csv line 3 hid every other error of the file, line 2's
negative personnel among them; neither it nor a Latin-1 byte said its column.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import append, edit

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario
from supplyline.io._csv_places import column_at_end, quote_slip


def said(folder: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [str(i) for i in caught.value.issues]


def test_the_other_rows_errors_are_said_beside_a_quote_slip(folder: Path) -> None:
    """Line 5's quote is said at its column, and lines 4 and 6 are read and checked."""
    edit(folder, "units.csv", ",450,40,", ",-450,40,")
    append(folder, "units.csv", 'bn-2,"B" two,home,home-base,field-camp,45,4,0,6,90,,3,6,18')
    append(folder, "units.csv", "bn-3,B3,home,home-base,field-camp,45x,4,0,6,90,,3,6,18")
    assert said(folder) == [
        "units.csv:4: personnel: '-450' is negative (a whole number from 0 to 10,000,000 people)",
        "units.csv:5: name: CSV cannot be read here: the quote that opens '\"B\" two' closes "
        "before the cell ends (check the quotes: a cell with a comma, quote or line break is "
        'written "like ""this"", with doubled quotes inside); the row is left out',
        "units.csv:6: personnel: '45x' has a unit in it (a whole number from 0 to 10,000,000 "
        "people, written alone — the unit is part of the column's or key's name)",
    ]


def test_references_to_the_left_out_row_are_not_called_unknown(folder: Path) -> None:
    """The row left out had an id: a stock at it follows from the quote's error, unsaid."""
    append(folder, "locations.csv", 'yard,"Y" yard,host,depot,50.2,20.1,,,0')
    append(folder, "stocks.csv", "yard,fuel,10,,")
    issues = said(folder)
    assert issues[0].startswith("locations.csv:8: name: CSV cannot be read here: the quote")
    assert issues[1].startswith("locations.csv: warning: locations.csv has errors")
    assert len(issues) == 2


def test_a_quote_slip_in_the_header_leaves_the_file_unread(folder: Path) -> None:
    """Without a header no row has its columns: the error says the cell's number."""
    edit(folder, "units.csv", "id,name,", 'id,"name" x,')
    issues = said(folder)
    assert issues[0].startswith("units.csv:3: column 2: CSV cannot be read here: the quote")
    assert "left out" not in issues[0]


def test_a_latin1_byte_is_said_at_its_column(folder: Path) -> None:
    """The byte's cell is named by its heading: the name column of line 6."""
    path = folder / "locations.csv"
    text = path.read_text(encoding="utf-8").replace("Host depot", "Host dépôt")
    path.write_bytes(text.encode("latin-1"))
    assert said(folder)[0].startswith("locations.csv:6: name: byte 0xe9 is not UTF-8 text")


def test_a_latin1_byte_in_a_comment_has_no_column(folder: Path) -> None:
    """A comment line has no columns: the byte is said at its line only."""
    path = folder / "links.csv"
    text = path.read_text(encoding="utf-8").replace("one row", "one rôw", 1)
    path.write_bytes(text.encode("latin-1"))
    assert said(folder)[0].startswith("links.csv:1: byte 0xf4 is not UTF-8 text")


cells = st.text(alphabet='ab ,"', max_size=8)


@given(st.lists(cells, max_size=5), st.text("xy ", min_size=1, max_size=3))
def test_the_slip_is_found_in_the_cell_that_has_it(good: list[str], after: str) -> None:
    """Cells written right, then one whose quoted text is followed by more: that cell, found."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(good)
    head = out.getvalue().rstrip("\n") + ("," if good else "")
    slip = quote_slip(head + '"q"' + after + ",z")
    assert slip is not None
    assert (slip.at, slip.cell) == (len(good), '"q"' + after)


def test_the_column_of_a_cell_is_counted_past_quoted_commas() -> None:
    """A quoted comma is inside its cell: the byte after 'x,y' is in the third column."""
    assert column_at_end('id,name,note\n1,"x,y",ab') == (2, ["id", "name", "note"])

r"""A CSV list cell splits back into its values whatever they hold; every text cell reads back.

A ledger decision's note ``from stock; pier 2`` made ``show --format csv``'s
``decisions`` cell ``accept by os: from stock; pier 2;cancel by wm: not needed``: three
decisions to a script splitting on ``;``. A ``;`` or backslash in a value is now escaped by
a backslash (``\;``, ``\\``); and any text, with commas, quotes and line breaks, comes
back from Python's ``csv`` as it was written.
"""

from __future__ import annotations

import csv
import io

from hypothesis import assume, given
from hypothesis import strategies as st

from supplyline.io.csv_out import unguarded, write_rows
from supplyline.types import list_cell, list_items

# what a note may hold: the separator, escapes, quotes, commas, line breaks, any letter
_text = st.text(
    alphabet=st.sampled_from(list(";\\\"',\r\n =+-@ aéŁ1")) | st.characters(codec="utf-8"),
    max_size=12,
)


@given(values=st.lists(_text, max_size=5))
def test_a_list_cell_splits_back_into_its_values(values: list[str]) -> None:
    """``list_items(list_cell(v)) == v`` for any values (but one blank, which is no value)."""
    assume(values != [""])
    assert list_items(list_cell(values)) == values


@given(note=_text, values=st.lists(_text, min_size=1, max_size=4))
def test_a_rows_text_and_list_cells_read_back_through_pythons_csv(
    note: str, values: list[str]
) -> None:
    """Written as the ledger's CSVs are (CR LF, text quoted), read by ``csv`` as they were."""
    assume(values != [""] and "\x00" not in note + "".join(values))
    handle = io.StringIO(newline="")
    write_rows(handle, ["id", "note", "decisions"], [{"id": 1, "note": note, "decisions": values}])
    [row] = list(csv.DictReader(io.StringIO(handle.getvalue(), newline="")))
    assert unguarded(row["note"]) == note
    assert list_items(unguarded(row["decisions"])) == values

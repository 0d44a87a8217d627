"""Numbers and dates as a spreadsheet shows them are told what they are and what to write.

A tester's ``−23.66`` (U+2212), ``1'800``, ``€45.00``, accounting ``-``, ``06:00`` in an
hours column, ``8/17/2025 0:00``, ``17-Aug-2025`` and ``24-Aug`` were each told only
"is not a number" or "is not a day"; a ``;``-separated file with quoted cells was told
"',' expected after" a quote where an unquoted one hears it is separated by semicolons.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario
from supplyline.io._cells import BadValue, parse_float
from supplyline.io._day_cells import parse_day, parse_outage_days

START = dt.date(2025, 8, 4)


@pytest.mark.parametrize(
    ("cell", "lo", "said"),
    [("−23.66", -180.0, "'−23.66' has a minus sign U+2212 MINUS SIGN where a cell takes the "
      "hyphen-minus '-': write -23.66"),
     ("1'800", 0.0, "\"1'800\" has an apostrophe as a thousands separator: write 1800"),
     ("1’800’000", 0.0, "'1’800’000' has apostrophes as thousands separators: write 1800000"),
     ("€45.00", 0.0, "'€45.00' has a unit in it, the currency sign '€': write 45.00"),
     ("45 €", 0.0, "'45 €' has a unit in it, the currency sign '€': write 45"),
     ("-", 0.0, "'-' is a spreadsheet's accounting format for zero: write 0"),
     (" - ", 0.0, "'-' is a spreadsheet's accounting format for zero: write 0"),
     ("06:00", 0.0, "'06:00' is a time of day: write it as hours, 6"),
     ("20:00:00", 0.0, "'20:00:00' is a time of day: write it as hours, 20"),
     ("6:30", 0.0, "'6:30' is a time of day: write it as hours, 6.5")],
)  # fmt: skip
def test_a_spreadsheet_number_form_is_named_with_the_number_to_write(
    cell: str, lo: float, said: str
) -> None:
    """Each form is said as what it is, with the plain number offered."""
    with pytest.raises(BadValue) as caught:
        parse_float(cell, lo=lo, hi=1e6, unit="h")
    assert str(caught.value).startswith(said), str(caught.value)


@given(st.decimals(min_value="0.01", max_value="179.99", places=2))
def test_any_unicode_minus_is_offered_the_hyphen_minus(number: object) -> None:
    """``−x`` for any plain x: told U+2212 and offered ``-x``."""
    with pytest.raises(BadValue, match=rf"U\+2212 MINUS SIGN .*: write -{number} \("):
        parse_float(f"\u2212{number}", lo=-180, hi=180, unit="degrees")


def test_a_time_exported_as_a_fraction_of_a_day_stays_legal() -> None:
    """``0.25`` in an hours column is a quarter of an hour past midnight, as the docs say."""
    assert parse_float("0.25", hi=24, unit="h") == 0.25


@pytest.mark.parametrize(
    ("cell", "said"),
    [("8/17/2025 0:00", "(write it as YYYY-MM-DD without the time of day: 2025-08-17)"),
     ("2025/08/17 00:00:00", "(write it as YYYY-MM-DD without the time of day: 2025-08-17)"),
     ("17-Aug-2025", "(write it as YYYY-MM-DD: 2025-08-17)"),
     ("Aug 17, 2025", "(write it as YYYY-MM-DD: 2025-08-17)"),
     ("24-Aug", "(write it as YYYY-MM-DD, with its year: 2025-08-24)")],
)  # fmt: skip
def test_a_spreadsheet_date_is_offered_its_iso_date(cell: str, said: str) -> None:
    """A date with a time of day or a named month is offered the ISO date it is."""
    with pytest.raises(BadValue) as caught:
        parse_day(cell, START)
    assert str(caught.value) == f"{cell!r} is not a day {said}"


def test_an_excel_date_in_an_outage_list_is_offered_its_iso_date() -> None:
    """``24-Aug`` in outage_days was "not a day or range": now its date, with the year."""
    with pytest.raises(BadValue, match=r"'24-Aug' is not a day \(.*with its year: 2025-08-24\)"):
        parse_outage_days("24-Aug", START)


@pytest.mark.parametrize(
    ("first_lines", "said"),
    [('"location";"commodity";"initial_t";"replenishment_t_per_day";"owner"\n',
      "stocks.csv:1: the header is separated by semicolons (';'), its cells in quotes, "
      "but stocks.csv must be comma-separated (save it with commas"),
     ('"# Sources; restocked daily";;;;\n'
      "location;commodity;initial_t;replenishment_t_per_day;owner\n",
      "stocks.csv:1: this comment is quoted and followed by semicolons (';'): the file is "
      "separated by semicolons, but stocks.csv must be comma-separated (save it with commas")],
)  # fmt: skip
def test_a_semicolon_file_with_quoted_cells_is_told_it_is_semicolon_separated(
    folder: Path, first_lines: str, said: str
) -> None:
    """LibreOffice's quote-all export, or a quoted comment: the semicolon message, not quotes."""
    rows = '"home-base";"food";40;5;"home"\n'
    (folder / "stocks.csv").write_text(first_lines + rows, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    shown = [str(i) for i in caught.value.issues if i.file == "stocks.csv"]
    assert shown[0].startswith(said), shown
    assert not any("expected after" in s for s in shown)

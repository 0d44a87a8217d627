"""A day written outside the files (a command-line option) is read as the files read one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.errors import ArgumentError, ScenarioError
from supplyline.io import DayText, date_from_text, day_from_text
from supplyline.io._cells import BadValue
from supplyline.io._day_cells import parse_outage_days


@given(st.dates(dt.date(1900, 1, 1), dt.date(9000, 1, 1)), st.integers(0, 3659))
def test_every_way_of_writing_a_day_names_the_same_day(start: dt.date, day: int) -> None:
    """N, C+N and the date (at midnight too) are the same day, counted from the start."""
    date = start + dt.timedelta(days=day)
    written = {str(day), f"C+{day}", date.isoformat(), f"{date.isoformat()} 00:00"}
    assert {day_from_text(text, start) for text in written} == {day}


@given(st.text(max_size=30))
def test_any_text_is_a_day_or_a_scenario_error(text: str) -> None:
    """Whatever is written, the answer is a day or a ScenarioError that says why not."""
    outcome: int | str
    try:
        outcome = day_from_text(text, dt.date(2025, 6, 1))
    except ScenarioError as error:
        outcome = error.summary
    assert isinstance(outcome, int) or outcome.strip()


def test_day_text_must_be_text() -> None:
    """A DayText holds text, as written: a number given to it is a script's mistake."""
    with pytest.raises(ArgumentError, match=r"DayText\(=3\) must be text"):
        DayText(3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2025-08-01T10:00", "'2025-08-01T10:00' is a date and time (a date is expected"),
        ("2025-02-30", "'2025-02-30' is not a real date (February 2025 has 28 days)"),
        ("20250801", "'20250801' is not a date (YYYY-MM-DD"),
    ],
)
def test_a_date_option_gets_the_files_words(text: str, said: str) -> None:
    """A date given outside the files is refused as scenario.yaml refuses it."""
    with pytest.raises(ArgumentError, match=re.escape(said)):
        date_from_text(text)


@given(st.dates())
def test_a_date_option_at_midnight_is_the_date(day: dt.date) -> None:
    """A date, or the date at midnight, is that date."""
    assert date_from_text(day.isoformat()) == date_from_text(f"{day}T00:00:00") == day


@pytest.mark.parametrize(
    ("cell", "days"),
    [
        ("2025-06-05", {4}),
        ("2025-06-05..2025-06-07", {4, 5, 6}),
        ("2025-06-05-2025-06-07", {4, 5, 6}),
        ("2025-06-05 – 2025-06-07;10", {4, 5, 6, 10}),
        ("3..5;C+9", {3, 4, 5, 9}),
    ],
)
def test_outage_days_take_dates_as_units_csv_does(cell: str, days: set[int]) -> None:
    """A date, or a range of two, counts from the start, as units.csv's day columns do."""
    assert parse_outage_days(cell, dt.date(2025, 6, 1)) == days


def test_outage_date_range_backwards_is_turned_in_dates() -> None:
    """A range of dates that ends before it starts is told the range in dates."""
    with pytest.raises(BadValue, match=r"\(write 2025-06-05\.\.2025-06-07\)$"):
        parse_outage_days("2025-06-07..2025-06-05", dt.date(2025, 6, 1))

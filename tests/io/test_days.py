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
from supplyline.io._day_cells import parse_day, parse_outage_days


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
        (
            "20250801",
            "'20250801' is not a date (a date without its dashes? write it as YYYY-MM-DD",
        ),
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


MIDNIGHTS = ["{}", "{} 00:00", "{}T00:00:00", "{} 00:00:00", "{}t00:00"]


@given(
    start=st.dates(dt.date(1950, 1, 1), dt.date(2150, 1, 1)),
    first=st.integers(0, 3000),
    length=st.integers(0, 600),
    forms=st.tuples(st.sampled_from(MIDNIGHTS), st.sampled_from(MIDNIGHTS)),
    join=st.sampled_from(["..", " .. ", "–", " – "]),
)
def test_an_outage_date_at_midnight_is_that_date_alone_or_in_a_range(
    start: dt.date, first: int, length: int, forms: tuple[str, str], join: str
) -> None:
    """2025-06-05 00:00 and 2025-06-05T00:00:00 are 2025-06-05, as in units.csv.

    A tester's midnight dates, alone or starting a range, were "not a day or range".
    """
    one = start + dt.timedelta(days=first)
    other = one + dt.timedelta(days=length)
    alone, ranged = forms[0].format(one.isoformat()), forms[1].format(other.isoformat())
    assert parse_outage_days(alone, start) == {first} == {parse_day(alone, start)}
    cell = f"{alone}{join}{ranged}"
    assert parse_outage_days(cell, start) == set(range(first, first + length + 1))


@given(
    day=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    form=st.sampled_from(["{d:02d}/{m:02d}/{y}", "{y}/{m:02d}/{d:02d}", "{d}.{m}.{y}"]),
)
def test_an_outage_date_written_otherwise_gets_units_csvs_message(day: dt.date, form: str) -> None:
    """05/06/2025 or 2025/06/05 is told how to write it, in the words of units.csv's days."""
    cell = form.format(d=day.day, m=day.month, y=day.year)
    with pytest.raises(BadValue) as in_units:
        parse_day(cell, dt.date(2000, 1, 1))
    with pytest.raises(BadValue) as in_outages:
        parse_outage_days(cell, dt.date(2000, 1, 1))
    assert str(in_outages.value) == str(in_units.value)
    assert f"write it as YYYY-MM-DD: {day.isoformat()}" in str(in_outages.value) or (
        f"or {day.isoformat()}?" in str(in_outages.value)
    )


@given(dots=st.integers(3, 8), first=st.integers(0, 99), last=st.integers(0, 99))
def test_more_than_two_dots_are_no_range(dots: int, first: int, last: int) -> None:
    """3...5 was read as days 3-5 (a day '3.' and '..'): refused, the forms said."""
    with pytest.raises(BadValue, match=r"two dots join a range \(3\.\.5\), not more"):
        parse_outage_days(f"{first}{'.' * dots}{last}", dt.date(2025, 6, 1))


@pytest.mark.parametrize(("cell", "date"), [("20250607", "2025-06-07"), ("19991231", "1999-12-31")])
def test_a_date_without_dashes_is_said_as_a_date(cell: str, date: str) -> None:
    """20250607 is a date without its dashes, not a day 'beyond any horizon'."""
    with pytest.raises(
        BadValue, match=rf"a date without its dashes\? write it as YYYY-MM-DD: {date}"
    ):
        parse_day(cell, dt.date(2025, 6, 1))


def test_eight_digits_that_are_no_date_stay_beyond_any_horizon() -> None:
    """20251399 is no date (no month 13): it is said as a number of days too large."""
    with pytest.raises(BadValue, match="beyond any horizon"):
        parse_day("20251399", dt.date(2025, 6, 1))

"""A day written outside the files (a command-line option) is read as the files read one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.errors import ArgumentError, ScenarioError
from supplyline.io import DayText, date_from_text, day_from_text


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

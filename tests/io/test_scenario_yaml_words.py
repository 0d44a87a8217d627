"""scenario.yaml's small mistakes said in a person's words: short dates, tabs, repeated ids."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import edit

from supplyline.errors import ScenarioError, Severity
from supplyline.io import load_scenario
from supplyline.io._cells import BadValue
from supplyline.io._day_cells import parse_date, parse_day


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [str(i) for i in caught.value.issues if i.severity is Severity.ERROR]


def test_a_start_date_without_leading_zeros_is_told_how_to_write_it(folder: Path) -> None:
    """``2026-3-2`` is told ``2026-03-02``, not only the form YYYY-MM-DD."""
    edit(folder, "scenario.yaml", "start_date: 2025-06-01", "start_date: 2026-3-2")
    assert errors_of(folder) == [
        "scenario.yaml:5: start_date: '2026-3-2' is not a date (write it as YYYY-MM-DD: 2026-03-02)"
    ]


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.booleans(), st.booleans())
def test_any_date_short_of_a_zero_is_told_its_written_form(
    date: dt.date, short_month: bool, short_day: bool
) -> None:
    """Every real date with its month or day in one digit is told its ISO form."""
    month = str(date.month) if short_month else f"{date.month:02d}"
    day = str(date.day) if short_day else f"{date.day:02d}"
    text = f"{date.year:04d}-{month}-{day}"
    if text == date.isoformat():
        assert parse_date(text) == date
        return
    with pytest.raises(BadValue) as caught:
        parse_date(text)
    assert str(caught.value) == f"{text!r} is not a date (write it as YYYY-MM-DD: {date})"
    with pytest.raises(BadValue) as as_day:
        parse_day(text, None)
    assert str(as_day.value) == f"{text!r} is not a day (write it as YYYY-MM-DD: {date})"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2026-13-2", "there is no month 13; months run from 01 to 12"),
        ("2026-2-30", "February 2026 has 28 days"),
    ],
)
def test_a_short_date_of_no_real_day_says_why(text: str, why: str) -> None:
    """A short date that names no day says why, not only how to write a date."""
    with pytest.raises(BadValue, match=rf"^'{text}' is not a real date \({why}\)$"):
        parse_date(text)


def test_a_tab_is_said_as_a_tab_at_its_column(folder: Path) -> None:
    """A tab indenting a key is said with its line and column, not as YAML's token error."""
    edit(folder, "scenario.yaml", "    name: Rations", "\tname: Rations")
    assert errors_of(folder) == [
        "scenario.yaml:14: column 1: a tab; YAML indents with spaces only: replace it with spaces"
    ]


def test_a_repeated_partner_names_the_references_it_explains(folder: Path) -> None:
    """A partner copied and not renamed is named by every reference to the id meant for it."""
    edit(folder, "scenario.yaml", "{id: host, name: Host Nation", "{id: home, name: Host Nation")
    errors = errors_of(folder)
    assert errors[0] == (
        "scenario.yaml:10: partners[1].id: duplicate partner id 'home' (first on line 9; ids "
        "must be unique); was this entry meant to be 'host'? locations.csv:6, locations.csv:7, "
        "stocks.csv:7, stocks.csv:8 and … refer to that unknown partner: their errors below "
        "may follow from this one"
    )
    assert errors[1] == (
        "locations.csv:6: partner: location 'host-depot' refers to unknown partner 'host' "
        "(likely the entry on scenario.yaml line 10, whose id 'home' repeats line 9's: give it "
        "the id 'host'; known: home)"
    )
    assert len(errors) == 7


def test_a_repeated_commodity_names_the_references_it_explains(folder: Path) -> None:
    """A commodity copied and not renamed is named by the stocks of the id it was meant to have."""
    edit(folder, "scenario.yaml", "  - id: fuel\n", "  - id: water\n")
    errors = errors_of(folder)
    assert errors[0].startswith(
        "scenario.yaml:27: commodities[2].id: duplicate commodity id 'water' (first on line 20; "
        "ids must be unique); was this entry meant to be 'fuel'?"
    )
    assert all("likely the entry on scenario.yaml line 27" in e for e in errors[1:])
    assert len(errors) > 1

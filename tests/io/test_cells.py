"""The single-value parsers: right values, clear messages, and only BadValue on bad input."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.io._cells import (
    BadValue,
    format_outage_days,
    parse_date,
    parse_day,
    parse_decimal,
    parse_float,
    parse_int,
    parse_outage_days,
)


def outcome(parse: Any, value: Any) -> tuple[Any, str]:
    """The parsed value and ``""``, or ``None`` and the BadValue message."""
    try:
        return parse(value), ""
    except BadValue as bad:
        return None, str(bad)


anything = st.one_of(
    st.text(), st.integers(), st.floats(), st.booleans(), st.none(), st.dates(), st.decimals()
)


@pytest.mark.parametrize(
    ("text", "day"),
    [("12", 12), ("C+12", 12), ("c+3", 3), ("C-2", -2), ("2025-06-03", 2), (7, 7)],
)
def test_day_forms(text: Any, day: int) -> None:
    """Days are written as numbers, C+N, C-N or dates."""
    assert parse_day(text, dt.date(2025, 6, 1)) == day


@given(st.sets(st.integers(0, 400), max_size=30))
def test_outage_days_format_round_trip(days: set[int]) -> None:
    """Formatting outage days as ranges and parsing them back gives the same set."""
    assert parse_outage_days(format_outage_days(frozenset(days)), None) == days


@given(anything)
def test_float_parser_only_raises_badvalue(value: Any) -> None:
    """parse_float returns a finite number in range or raises BadValue, for any value."""
    number, message = outcome(partial(parse_float, hi=1000), value)
    assert message or (math.isfinite(number) and 0 <= number <= 1000)


@given(anything)
def test_int_parser_only_raises_badvalue(value: Any) -> None:
    """parse_int returns a whole number in range or raises BadValue, for any value."""
    number, message = outcome(partial(parse_int, lo=-5, hi=1000), value)
    assert message or (isinstance(number, int) and -5 <= number <= 1000)


@given(anything)
def test_outage_parser_only_raises_badvalue(value: Any) -> None:
    """parse_outage_days raises only BadValue, for any value."""
    days, message = outcome(partial(parse_outage_days, start=None), value)
    assert message or isinstance(days, frozenset)


@given(anything)
def test_decimal_parser_only_raises_badvalue(value: Any) -> None:
    """parse_decimal returns a finite, bounded amount or raises BadValue, for any value."""
    amount, message = outcome(partial(parse_decimal, hi=Decimal("1e12")), value)
    assert message or (amount.is_finite() and 0 <= amount <= Decimal("1e12"))


def test_unit_in_number_message() -> None:
    """A number written with its unit says so and names the range."""
    with pytest.raises(BadValue, match=r"'12t' has a unit in it \(a number from 0 to 100 t"):
        parse_float("12t", hi=100, unit="t")


def test_underscore_is_not_a_digit_separator() -> None:
    """Python's 1_000 is not a number in a planner's file."""
    with pytest.raises(BadValue, match="not a number"):
        parse_float("1_000", hi=1e6)


@given(st.dates())
def test_date_round_trip(day: dt.date) -> None:
    """Any calendar date written as YYYY-MM-DD reads back as itself."""
    assert parse_date(day.isoformat()) == day


@given(st.datetimes(), st.sampled_from(["T", " "]))
def test_date_and_time_is_refused(moment: dt.datetime, sep: str) -> None:
    """A date with a time of day (as YAML reads it, or as text) is refused, naming the date."""
    expected = f"is a date and time (a date is expected, YYYY-MM-DD: {moment.date().isoformat()})"
    for value in (moment, moment.isoformat(sep=sep)):
        with pytest.raises(BadValue, match=re.escape(expected)):
            parse_date(value)


@given(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99))
def test_impossible_date_says_why(year: int, month: int, day: int) -> None:
    """YYYY-MM-DD numbers that name no day are refused with the reason, never another error."""
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        expected: dt.date | None = dt.date(year, month, day)
    except ValueError:
        expected = None
    value, message = outcome(parse_date, text)
    assert value == expected
    if expected is None:
        assert re.search(
            r"is not a real date \((years run|there is no|\w+ \d+ has \d+ days)", message
        )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-02-30", "February 2025 has 28 days"),
        ("2024-02-30", "February 2024 has 29 days"),
        ("2025-04-31", "April 2025 has 30 days"),
        ("2025-13-01", "there is no month 13; months run from 01 to 12"),
        ("2025-06-00", "there is no day 0 of a month"),
        ("0000-01-01", "years run from 1 to 9999"),
    ],
)
def test_impossible_date_reason(text: str, reason: str) -> None:
    """The reason a date is not real is said in words."""
    with pytest.raises(BadValue, match=re.escape(f"{text!r} is not a real date ({reason})")):
        parse_date(text)


@pytest.mark.parametrize("text", ["18OO", "15O", "1l0", "O5", "2.O"])
def test_a_letter_typed_for_a_digit_is_not_called_a_unit(text: str) -> None:
    """``18OO`` (letters O) is a typo for 1800, not 18 of a unit called "OO"."""
    with pytest.raises(BadValue, match=r"is not a number: a letter O or l where a digit"):
        parse_float(text, hi=1e6, unit="t")
    with pytest.raises(BadValue, match=r"is not a number: a letter O or l where a digit"):
        parse_int(text, hi=100_000)
    with pytest.raises(BadValue, match=r"'5l' has a unit in it"):  # five litres
        parse_float("5l", hi=100, unit="t")


def test_every_bad_part_of_an_outage_cell_is_said_at_once() -> None:
    """A tester fixed '5-3;x' one part at a time: both parts' problems come together."""
    with pytest.raises(BadValue) as caught:
        parse_outage_days("5-3;x;7", None)
    assert str(caught.value) == (
        "range '5-3' ends before it starts (write 3-5); 'x' is not a day or range (such as 3-5;10)"
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("1,180", "write 1180 if it is a thousands separator, or 1.18 if it is a decimal comma"),
        ("-2,050", "write -2050 if it is a thousands separator, or -2.05 if it is a decimal"),
        ("12,345,678", "has thousands separators: write 12345678"),
        ("1,180.5", "has a thousands separator: write 1180.5"),
    ],
)
def test_a_comma_that_may_group_thousands_says_both_readings(text: str, says: str) -> None:
    """'1,180' may be 1180 or 1.18: the message gives whichever readings the digits allow.

    A tester's distance_km '1,180' (Excel with thousands separators) was called a decimal
    comma; following the hint, 1.180 loaded silently as 1.18 km.
    """
    _, message = outcome(partial(parse_float, hi=1e9, unit="km"), text)
    assert says in message


@pytest.mark.parametrize("text", ["12,5", "0,500", "1,2345", "1180,000", "3,14"])
def test_a_plain_decimal_comma_keeps_its_message(text: str) -> None:
    """A comma that cannot group thousands is a decimal comma, as before."""
    _, message = outcome(partial(parse_float, hi=1e9), text)
    assert "uses a comma" in message
    assert "thousands" not in message


@given(st.integers(1000, 10**12))
def test_thousands_separated_number_message_gives_the_number(n: int) -> None:
    """Any number written with thousands separators is refused with the number to write."""
    for parse in (partial(parse_float, hi=1e15), partial(parse_int, hi=10**15)):
        value, message = outcome(parse, f"{n:,}")
        assert value is None
        assert f"write {n} " in message


@given(st.integers(1, 999), st.integers(0, 999))
def test_one_group_of_three_gives_the_decimal_reading_exactly(head: int, tail: int) -> None:
    """With one comma, the decimal-comma reading offered is the value that comma means."""
    text = f"{head},{tail:03d}"
    _, message = outcome(partial(parse_float, hi=1e9), text)
    assert f"or {float(f'{head}.{tail:03d}')!r} if it is a decimal comma" in message


def test_a_whole_number_column_offers_only_the_thousands_reading() -> None:
    """In a count ('1,200' people) a decimal comma cannot be meant: only 1200 is offered."""
    _, message = outcome(partial(parse_int, hi=10_000_000), "1,200")
    assert "write 1200 " in message
    assert "decimal comma" not in message


def test_money_with_thousands_separators_is_explained() -> None:
    """A price written '1,450.00' (as a spreadsheet shows money) says to write 1450.00."""
    _, message = outcome(partial(parse_decimal, hi=Decimal(10**12)), "1,450.00")
    assert "write 1450.00 " in message

"""The single-value parsers: right values, clear messages, and only BadValue on bad input."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from supplyline.io._cells import BadValue, parse_decimal, parse_degrees, parse_float, parse_int
from supplyline.io._day_cells import format_outage_days, parse_date, parse_day, parse_outage_days


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
    assume(moment.time() != dt.time(0))  # exact midnight is the date itself
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
        "range '5-3' ends before it starts (write 3-5); 'x' is not a day or range "
        "(such as 3-5;10, C+3-C+5, or 2026-02-05..2026-02-07)"
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
    assert "has a decimal comma: write" in message
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


@given(st.dates(), st.sampled_from(["T", " ", "t", "  "]), st.sampled_from(["00:00", "00:00:00"]))
def test_midnight_is_the_date(day: dt.date, sep: str, clock: str) -> None:
    """A date at exact midnight, as a spreadsheet exports a date cell, is the date itself."""
    text = f"{day.isoformat()}{sep}{clock}"
    assert parse_date(text) == day
    assert parse_date(dt.datetime.combine(day, dt.time(0))) == day  # as YAML reads it


@given(st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), st.integers(0, 400))
def test_day_at_midnight_is_the_date_and_a_time_is_said(start: dt.date, offset: int) -> None:
    """A CSV day cell with a date and midnight is that day; with another time it says so.

    The message is parse_date's, word for word: one parser for dates in days and in
    scenario.yaml (a tester got "is not a day" for the usual Excel export).
    """
    date = start + dt.timedelta(days=offset)
    assert parse_day(f"{date} 00:00:00", start) == offset
    _, message = outcome(partial(parse_day, start=start), f"{date} 08:00")
    assert message == outcome(parse_date, f"{date} 08:00")[1]
    assert f"is a date and time (a date is expected, YYYY-MM-DD: {date})" in message


@given(st.integers(20_000, 80_000), st.booleans())
def test_spreadsheet_serial_is_named_with_its_date(serial: int, as_text: bool) -> None:
    """A bare day in the range of spreadsheet date serials says which date it stands for."""
    date = dt.date(1899, 12, 30) + dt.timedelta(days=serial)
    _, message = outcome(partial(parse_day, start=None), str(serial) if as_text else serial)
    assert message == (
        f"{serial} looks like a spreadsheet date serial ({date}); write the date as "
        "YYYY-MM-DD or the day as C+N"
    )


def test_excel_serial_example() -> None:
    """The tester's 46056 is 2026-02-03 (Excel's 1900 date system)."""
    with pytest.raises(
        BadValue, match=r"46056 looks like a spreadsheet date serial \(2026-02-03\)"
    ):
        parse_day("46056", dt.date(2026, 2, 1))


def test_explicit_day_is_not_taken_for_a_serial() -> None:
    """C+N is a day counted from the start, whatever its size (the horizon check says more)."""
    assert parse_day("C+46056", None) == 46056


SPACES = {" ": "a space", "\u00a0": "a no-break space (U+00A0)",
          "\u202f": "a narrow no-break space (U+202F)"}  # fmt: skip


@given(
    st.integers(1_000, 10**9),
    st.sampled_from(sorted(SPACES)),
    st.sampled_from([partial(parse_float, hi=1e12), partial(parse_int, hi=10**12)]),
)
def test_space_as_thousands_separator(number: int, space: str, parse: Any) -> None:
    """A number grouped by spaces (French Excel) is refused with the plain number to write.

    The space is named when it is not the plain one, and the value is quoted readably (no
    escape code): a tester was shown one, with no hint.
    """
    text = f"{number:,}".replace(",", space)
    _, message = outcome(parse, text)
    shown = f"{number:,}".replace(",", " ")
    assert message.startswith(
        f"{shown!r} has {SPACES[space]} as a thousands separator: write {number} ("
    )
    assert "\\x" not in message


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", " "])
def test_space_grouped_decimal_comma(space: str) -> None:
    """With spaces as groups a comma is a decimal comma: only that reading is offered."""
    with pytest.raises(BadValue, match=r"write 1180\.5 \(.*and a point as decimal separator\)"):
        parse_float(f"1{space}180,5", hi=1e6)


def test_invisible_space_is_named_in_any_message() -> None:
    """A no-break space in a value shown in any message is shown as a space and named."""
    with pytest.raises(BadValue, match=r"^'8 000 kg' \(holding U\+00A0 NO-BREAK SPACE\) "):
        parse_float("8\u00a0000 kg", hi=1e6)


def test_space_grouped_money() -> None:
    """Money grouped by spaces gets the same hint as a number."""
    with pytest.raises(BadValue, match=r"no-break space \(U\+00A0\) as a thousands separator"):
        parse_decimal("1\u00a0450,00", hi=Decimal("1e12"))


@given(st.integers(1_000, 10**9), st.integers(1, 99))
def test_points_as_thousands_with_a_decimal_comma(number: int, cents: int) -> None:
    """German Excel's 1.180,5 is refused with the number to write, not as "not a number"."""
    text = f"{number:,}".replace(",", ".") + f",{cents}"
    _, message = outcome(partial(parse_float, hi=1e12), text)
    assert message.startswith(
        f"{text!r} has points as thousands separators and a decimal comma: write {number}.{cents} ("
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("03/02/2026", "(write it as YYYY-MM-DD: 2026-02-03 or 2026-03-02?)"),
        ("13/02/2026", "(write it as YYYY-MM-DD: 2026-02-13)"),
        ("02/13/2026", "(write it as YYYY-MM-DD: 2026-02-13)"),
        ("2026/02/03", "(write it as YYYY-MM-DD: 2026-02-03)"),
        ("03.02.26", "(write it as YYYY-MM-DD: 2026-02-03 or 2026-03-02?)"),
        ("46056.5", "looks like a spreadsheet date-and-time serial, 2026-02-03 with a time of day"),
    ],
)
def test_a_date_written_otherwise_is_shown_how_to_write_it(written: str, said: str) -> None:
    """A tester's 03/02/2026 and 46056.5 were told only "is not a day"; neither is guessed."""
    for parse in (parse_date, lambda v: parse_day(v, dt.date(2026, 2, 1))):
        with pytest.raises(BadValue) as caught:
            parse(written)
        assert said in str(caught.value)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_a_day_first_date_is_offered_as_written(date: dt.date) -> None:
    written = f"{date.day:02d}/{date.month:02d}/{date.year}"
    with pytest.raises(BadValue) as caught:
        parse_date(written)
    assert date.isoformat() in str(caught.value)


@given(st.integers(min_value=0, max_value=19_990), st.integers(min_value=0, max_value=3))
def test_a_whole_day_written_with_zero_decimals_is_that_day(day: int, zeros: int) -> None:
    """scenario-format.md: whole numbers (counts, days) accept ``12`` and ``12.0``.

    A tester's spreadsheet wrote ``13.0`` for a required day and ``20.0`` for an outage
    day; both were refused as "not a day".
    """
    text = f"{day}.{'0' * zeros}"
    assert parse_day(text, None) == day
    assert parse_day(float(day), None) == day
    assert parse_outage_days(text, None) == {day}
    assert parse_outage_days(f"{text}-{day + 2}.0", None) == {day, day + 1, day + 2}
    _, message = outcome(partial(parse_day, start=None), f"{day}.5")
    assert "days are whole" in message


@pytest.mark.parametrize(
    ("value", "hi", "said"),
    [
        ("12°06′S", 90, "write south and west as negative decimal degrees, here -12.1"),
        ("179.5W", 180, "write south and west as negative decimal degrees, here -179.5"),
        ("N 52°30'", 90, "here 52.5"),
        ("52°30'15\"N", 90, "here 52.504167"),
        ("12.5E", 90, "negative decimal degrees, e.g. -12.1"),  # E on a latitude: no one number
        ("100°N", 90, "negative decimal degrees, e.g. -12.1"),  # beyond a pole: none either
    ],
)
def test_degrees_with_a_hemisphere_or_minutes_say_how_to_write_them(
    value: str, hi: int, said: str
) -> None:
    """A tester's '12°06′S' was 'not a number' and '179.5W' 'has a unit in it', no more."""
    with pytest.raises(BadValue, match=re.escape(said)):
        parse_degrees(value, hi=hi)


@pytest.mark.parametrize(("value", "said"), [("abc", "is not a number ("), ("95", "too large")])
def test_other_bad_degrees_keep_their_own_message(value: str, said: str) -> None:
    """Only what looks like degrees with a hemisphere or minutes gets the advice."""
    with pytest.raises(BadValue, match=re.escape(said)) as caught:
        parse_degrees(value, hi=90)
    assert "decimal degrees" not in str(caught.value)


@given(
    degrees=st.floats(min_value=-90, max_value=90, allow_nan=False).map(lambda d: round(d, 4)),
    before=st.booleans(),
)
def test_the_number_a_degrees_message_suggests_is_the_same_place(
    degrees: float, before: bool
) -> None:
    """'12.5S' (or 'S 12.5') suggests -12.5, which parses to that value: south is negative."""
    letter = "S" if degrees < 0 else "N"
    text = f"{letter} {abs(degrees)}" if before else f"{abs(degrees)}{letter}"
    _, said = outcome(partial(parse_degrees, hi=90), text)
    suggested = said.rsplit("here ", 1)[1]
    assert parse_degrees(suggested, hi=90) == pytest.approx(degrees, abs=1e-6)


@example(day=20520801, point="")
@given(st.integers(min_value=1_000_000, max_value=10**40), st.sampled_from(["", ".0", ".", ".00"]))
def test_a_whole_day_beyond_any_horizon_is_said_so_not_called_unwhole(day: int, point: str) -> None:
    """A tester's ``99999999999999999999.0`` was told "days are whole: 12 or 12.0".

    Eight digits that read as a date (``20520801``, found by Hypothesis) are asked about
    as a date without its dashes instead, which is what such a cell most likely is.
    """
    _, message = outcome(partial(parse_day, start=None), f"{day}{point}")
    assert "beyond any horizon" in message or (
        point == "" and "a date without its dashes?" in message
    )
    assert "days are whole" not in message


@given(
    st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=6).filter(
        lambda t: not t.isascii()
    )
)
def test_digits_other_than_0_to_9_are_refused_in_words(digits: str) -> None:
    """Python reads '１８' and '١٨' as 18; a spreadsheet cell of them loaded silently."""
    with pytest.raises(BadValue, match="has digits other than 0-9"):
        parse_float(digits, hi=1e12)
    with pytest.raises(BadValue, match="has digits other than 0-9"):
        parse_int(digits, hi=10**12)


@pytest.mark.parametrize("value", ["0", "200", "-1", "abc", "12t"])
def test_a_range_that_refuses_its_low_end_says_so_for_every_bad_value(value: str) -> None:
    """max_route_hours (0 refused, up to 168 h): too large and zero quote the same range.

    A tester read ``'200' is too large (a number from 0 to 168 h)`` beside ``'0' is zero
    (more than 0, up to 168 h)``: the first said 0 was allowed.
    """
    with pytest.raises(BadValue, match=r"\(more than 0, up to 168 h[,)]") as caught:
        parse_float(value, hi=168, unit="h", above_lo=True)
    assert "from 0" not in str(caught.value)

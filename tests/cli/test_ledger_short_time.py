"""A narrow ledger table's shorter times read the same moment, in UTC, to the minute or day."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from supplyline.cli.ledger_tables import short_time

zones = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m))
)
moments = st.datetimes(
    min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(9998, 12, 30), timezones=zones
)


@given(moments)
def test_a_short_time_is_the_utc_moment_cut_to_the_minute_and_the_day(moment: dt.datetime) -> None:
    """Written as the ledger writes it (ISO, to the second), read back in UTC, one word."""
    text = moment.isoformat(timespec="seconds")
    utc = dt.datetime.fromisoformat(text).astimezone(dt.UTC)
    minute, day = short_time(text, "minute"), short_time(moment, "date")
    assert isinstance(minute, str)
    assert " " not in minute  # one word: never wrapped in two
    assert dt.datetime.fromisoformat(minute) == utc.replace(second=0)
    assert day == utc.date().isoformat()


@given(st.one_of(st.none(), st.text(), st.datetimes(timezones=st.none())))
def test_what_is_not_a_zoned_time_is_left_as_it_is(value: object) -> None:
    """Text that is no time, a naive time (its zone unknown) and None pass through."""
    if isinstance(value, str):
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return  # a time after all: the first property's
    assert short_time(value, "minute") == value

"""Parsers of cells that name days, with messages made for a person.

Dates, days counted from the start, outage lists and activity schedules, as
:mod:`supplyline.io._cells` parses the other values.

Apart from the other values' parsers because days carry their own spreadsheet habits:
dates exported with a midnight time, date serials, day/month orders that differ by country.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from supplyline.domain import ActivityPeriod
from supplyline.domain.horizon_days import before_start_said
from supplyline.io._cells import BadValue, parse_id, parse_int, show
from supplyline.types import ID_PATTERN, LIST_SEPARATOR, day_label, day_runs

__all__ = [
    "NeedsStart",
    "activity_levels_named",
    "format_activity",
    "format_outage_days",
    "is_outage_item",
    "parse_activity",
    "parse_date",
    "parse_day",
    "parse_outage_days",
]

_DAY = re.compile(r"(?:C([+-])(\d{1,6})|(\d{1,6})(?:\.0*)?)")
"""``C+12``, ``C-1``, ``12``, or ``12.0`` (a spreadsheet's day cell: whole numbers accept it)."""
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|[ \t]+)\d")
_MIDNIGHT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[Tt]|[ \t]+)00:00(?::00(?:\.0+)?)?")
"""A date at exact midnight, as a spreadsheet exports a date cell (``2026-02-01 00:00:00``):
the date itself, since nothing of a time of day is dropped."""
_SERIALS = (20_000, 80_000)
"""Whole numbers in this range, given as a day, look like spreadsheet date serials
(1954-10-03 .. 2119-01-10); no horizon is that long (at most 3660 days)."""
_SERIAL_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of spreadsheet date serials (Excel's 1900 system, as LibreOffice counts it)."""
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


class NeedsStart(BadValue):
    """A real date in a day cell, while the start date is unknown (scenario.yaml's is wrong).

    Not a mistake of the cell: its day cannot be counted until start_date is mended. The
    reader then leaves the row unbuilt without an error of its own, and the load says once
    which cells waited (a tester's wrong start_date hid every error of the CSV files).
    """


def _why_not_a_date(year: int, month: int, day: int) -> str:
    """Why the numbers of a YYYY-MM-DD text are no day of the calendar, in a few words."""
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return f"years run from {dt.MINYEAR} to {dt.MAXYEAR}"
    if not 1 <= month <= 12:
        return f"there is no month {month}; months run from 01 to 12"
    length = calendar.monthrange(year, month)[1]
    if day == 0:
        return "there is no day 0 of a month"
    return f"{_MONTHS[month - 1]} {year} has {length} days"


def parse_date(value: Any) -> dt.date:
    """An ISO 8601 calendar date (YYYY-MM-DD); a date with a time of day is refused.

    Exact midnight (``2026-02-01 00:00`` or ``00:00:00``, as a spreadsheet exports a date
    cell, or a YAML date-time at midnight) is the date itself: nothing is dropped. Any
    other time of day, or a time zone, is refused rather than dropped.

    >>> parse_date("2025-06-01"), parse_date("2025-06-01 00:00:00")
    (datetime.date(2025, 6, 1), datetime.date(2025, 6, 1))
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None and value.time() == dt.time(0):
            return value.date()
        raise BadValue(
            f"{show(value.isoformat())} is a date and time (a date is expected, YYYY-MM-DD: "
            f"{value.date().isoformat()})"
        )
    if isinstance(value, dt.date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    midnight = _MIDNIGHT.fullmatch(text)
    if midnight:
        text = midnight.group(1)
    elif _DATE_TIME.match(text):
        raise BadValue(
            f"{show(text)} is a date and time (a date is expected, YYYY-MM-DD: {text[:10]})"
        )
    if _DATE.fullmatch(text):
        year, month, day = (int(part) for part in text.split("-"))
        try:
            return dt.date(year, month, day)
        except ValueError:
            why = _why_not_a_date(year, month, day)
            raise BadValue(f"{show(value.strip())} is not a real date ({why})") from None
    loose = _LOOSE_DASHED.fullmatch(text)
    hint = _other_date_form(text) or _serial_form(text) or " (YYYY-MM-DD, such as 2025-06-01)"
    if loose and hint.startswith(" (YYYY"):  # 2026-13-2: say why no such day, not the form
        why = _why_not_a_date(*(int(g) for g in loose.groups()))
        raise BadValue(f"{show(text)} is not a real date ({why})")
    raise BadValue(f"{show(value)} is not a date{hint}")


_OTHER_DATE = re.compile(r"(\d{4}|\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})")
_LOOSE_DASHED = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
"""A date with its month or day in one digit (``2026-3-2``): told its padded form."""
_YEARLESS = re.compile(r"(\d{1,2})/(\d{1,2})")
"""A day and a month without a year (``3/4``), with a slash only: ``3.4`` is a decimal."""
_SERIAL_TIME = re.compile(r"(\d{5})[.,]\d+")
_UNDASHED = re.compile(r"(?:19|2[01])\d{6}")
"""A date written without dashes (``20250607``), as some exports write one."""
_TIMED = re.compile(
    r"(.*?\d)(?:[Tt]|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?"
)
"""A date with a time of day, as a spreadsheet exports a date-and-time cell
(``8/17/2025 0:00``, ``2025/08/17 00:00:00``): the date is offered, without the time."""
_DAY_MONTH_NAMED = re.compile(r"(\d{1,2})[-\s.]+([A-Za-z]{3,9})\.?(?:[-\s.,]+(\d{4}|\d{2}))?")
"""A date with its month named, as Excel shows one: ``17-Aug-2025``, ``24-Aug``."""
_MONTH_NAMED_DAY = re.compile(r"([A-Za-z]{3,9})\.?[-\s]+(\d{1,2})(?:,?[-\s]+(\d{4}))?")
"""The same, month first: ``Aug 17, 2025``."""
_ORDERS = ("dmy", "mdy")
"""The two readings of a date whose year is not first: day first, then month first."""


def _serial_form(text: str) -> str:
    """How to write a date that a spreadsheet wrote as its serial (``46056``); else "".

    >>> _serial_form("46056")
    ' (a spreadsheet date serial? write it as YYYY-MM-DD: 2026-02-03)'
    """
    if not (text.isascii() and text.isdigit()) or not _SERIALS[0] <= int(text) <= _SERIALS[1]:
        return ""
    date = _SERIAL_EPOCH + dt.timedelta(days=int(text))
    return f" (a spreadsheet date serial? write it as YYYY-MM-DD: {date.isoformat()})"


def _other_date_form(text: str, start: dt.date | None = None) -> str:
    """How to write a date a spreadsheet wrote otherwise ("" when ``text`` is not one).

    ``03/02/2026`` is the 3rd of February to some and the 2nd of March to others: both
    readings are said, none is guessed. ``46056.5`` is a date serial with a time of day.
    ``3/4`` has no year: it is given the year that puts it nearest ``start`` (``YYYY``
    when the start is not known).
    """
    if _UNDASHED.fullmatch(text):
        readings = _date_readings(text, start)
        if readings:
            return f" (a date without its dashes? write it as YYYY-MM-DD: {readings['ymd']})"
    serial = _SERIAL_TIME.fullmatch(text)
    if serial and _SERIALS[0] <= int(serial.group(1)) <= _SERIALS[1]:
        date = _SERIAL_EPOCH + dt.timedelta(days=int(serial.group(1)))
        return (
            f" ({text} looks like a spreadsheet date-and-time serial, {date.isoformat()} with a "
            "time of day: write the date as YYYY-MM-DD)"
        )
    timed = _TIMED.fullmatch(text)
    date_text = timed.group(1) if timed else text
    valid = list(dict.fromkeys(_date_readings(date_text, start).values()))
    if not valid:
        return ""
    yearless = _YEARLESS.fullmatch(date_text) or _named_month(date_text, need_year=False)
    year = ", with its year" if yearless else ""
    time = " without the time of day" if timed else ""
    either = " or ".join(valid) + ("?" if len(valid) > 1 else "")
    return f" (write it as YYYY-MM-DD{year}{time}: {either})"


def _named_month(text: str, *, need_year: bool = True) -> tuple[int | None, int, int] | None:
    """Year (``None`` if not written), month and day of a date with its month named.

    Only English names, or their first three letters or more (``Aug``, ``Sept``), are
    read; ``need_year=False`` gives only the dates written without a year.
    """
    found = _DAY_MONTH_NAMED.fullmatch(text)
    if found is not None:
        day, word, year = found.groups()
    elif (found := _MONTH_NAMED_DAY.fullmatch(text)) is not None:
        word, day, year = found.groups()
    else:
        return None
    month = next((i for i, m in enumerate(_MONTHS, 1) if m.lower().startswith(word.lower())), 0)
    if not month or (not need_year and year is not None):
        return None
    written = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    return written, month, int(day)


def _date_readings(text: str, start: dt.date | None) -> dict[str, str]:
    """The ISO dates that ``text``, a date written otherwise, may be, by the order read.

    ``ymd`` when the year comes first (``2026/02/03``, ``20260203``, ``2026-02-03``), else
    ``dmy`` and ``mdy``, each only when it is a real date.

    >>> _date_readings("03/02/2026", None), _date_readings("3/4", dt.date(2025, 12, 20))
    ({'dmy': '2026-02-03', 'mdy': '2026-03-02'}, {'dmy': '2026-04-03', 'mdy': '2026-03-04'})
    """
    if _DATE.fullmatch(text) or _UNDASHED.fullmatch(text):
        digits = text.replace("-", "")
        orders: dict[str, tuple[int | None, int, int]] = {
            "ymd": (int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        }
    elif m := _LOOSE_DASHED.fullmatch(text):
        orders = {"ymd": (int(m.group(1)), int(m.group(2)), int(m.group(3)))}
    elif m := _OTHER_DATE.fullmatch(text):
        a, b, c = (int(g) for g in m.groups())
        if len(m.group(1)) == 4:  # year first: 2026/02/03
            orders = {"ymd": (a, b, c)}
        else:
            year = c + 2000 if len(m.group(3)) == 2 else c
            orders = {"dmy": (year, b, a), "mdy": (year, a, b)}
    elif m := _YEARLESS.fullmatch(text):
        a, b = int(m.group(1)), int(m.group(2))
        orders = {"dmy": (None, b, a), "mdy": (None, a, b)}
    elif named := _named_month(text):  # 17-Aug-2025: one reading only
        orders = {"ymd": named}
    else:
        return {}
    out = {}
    for order, (year_or_none, month, day) in orders.items():
        iso = _iso(year_or_none, month, day, start)
        if iso is not None:
            out[order] = iso
    return out


def _iso(year: int | None, month: int, day: int, start: dt.date | None) -> str | None:
    """``YYYY-MM-DD`` of a date, or ``None`` if there is no such day.

    Without a year: the year (of the start's, the one before and the one after) that puts
    it nearest ``start``, so that ``2/1`` in a horizon from 2025-12-20 is in 2026; ``YYYY``
    when the start is not known (and any year with the 29th of February has it).
    """
    if year is not None:
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    if start is None:
        try:
            dt.date(2000, month, day)
        except ValueError:
            return None
        return f"YYYY-{month:02d}-{day:02d}"
    near: list[dt.date] = []
    for candidate in (start.year - 1, start.year, start.year + 1):
        try:
            near.append(dt.date(candidate, month, day))
        except ValueError:
            continue
    if not near:
        return None
    return min(near, key=lambda d: (abs((d - start).days), d)).isoformat()


def _range_form(ends: list[str], start: dt.date | None) -> str:
    """The whole range of two dates written otherwise, as an outage range is written.

    ``07/02/2026-09/02/2026`` was told how to write its first date only. Both ends are
    read the same way (day first, or month first), and a reading that ends before it
    starts is left out. "" when the ends are not such dates.

    >>> _range_form(["07/02/2026", "09/02/2026"], None)
    ' (write it as YYYY-MM-DD..YYYY-MM-DD: 2026-02-07..2026-02-09 or 2026-07-02..2026-09-02?)'
    """
    if len(ends) != 2 or all(_looks_like_date(e) for e in ends):
        return ""
    first, last = (_date_readings(e.strip(), start) for e in ends)
    ranges: list[str] = []
    for order in _ORDERS:
        a, b = first.get(order, first.get("ymd")), last.get(order, last.get("ymd"))
        if a is not None and b is not None and a <= b and f"{a}..{b}" not in ranges:
            ranges.append(f"{a}..{b}")
    if not ranges:
        return ""
    either = " or ".join(ranges) + ("?" if len(ranges) > 1 else "")
    return f" (write it as YYYY-MM-DD..YYYY-MM-DD: {either})"


def _looks_like_date(value: Any) -> bool:
    """Whether a day's value is written as a date (with or without a time of day)."""
    if isinstance(value, dt.date):
        return True
    text = value.strip() if isinstance(value, str) else ""
    return bool(_DATE.fullmatch(text) or _DATE_TIME.match(text))


def _serial_hint(number: int) -> None:
    """Refuse a day that looks like a spreadsheet date serial (``46056``), saying its date.

    A spreadsheet that turns a date cell into a number writes days since 1899-12-30; read
    as a day it was "outside the horizon (0..19)", which did not say why.
    """
    if _SERIALS[0] <= number <= _SERIALS[1]:
        date = _SERIAL_EPOCH + dt.timedelta(days=number)
        raise BadValue(
            f"{number} looks like a spreadsheet date serial ({date.isoformat()}); write the "
            "date as YYYY-MM-DD or the day as C+N"
        )


def parse_day(value: Any, start: dt.date | None) -> int:
    """A day counted from the start: ``12``, ``C+12``, or a date (when the start is known).

    A date is read by :func:`parse_date` (so a time of day says so, and midnight is the
    date); a bare number that looks like a spreadsheet date serial is refused with its date.

    >>> parse_day("C+12", None), parse_day("2025-06-03", dt.date(2025, 6, 1))
    (12, 2)
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 13.0 from a YAML or spreadsheet number is day 13
    if isinstance(value, int) and not isinstance(value, bool):
        day = parse_int(value, lo=-999_999, hi=999_999)
        _serial_hint(day)
        return day
    if _looks_like_date(value):
        date = parse_date(value)  # its own message first: a bad date needs no start to say so
        if start is None:
            raise NeedsStart(f"{show(value)}: a date needs a valid start_date in scenario.yaml")
        return (date - start).days
    text = value.strip().upper() if isinstance(value, str) else ""
    m = _DAY.fullmatch(text)
    if not m:
        hint = (
            _other_date_form(text, start)
            or _beyond_any_horizon(text)
            or (" (days are whole: 12 or 12.0)" if re.fullmatch(r"\d+\.\d*", text) else "")
            or " (a number of days such as 12, C+12, or a date YYYY-MM-DD)"
        )
        raise BadValue(f"{show(value)} is not a day{hint}")
    if m.group(3) is not None:
        _serial_hint(int(m.group(3)))
        return int(m.group(3))
    return int(m.group(2)) * (1 if m.group(1) == "+" else -1)


_OUTAGE_DAY = r"(?:\d{4}-\d{2}-\d{2}|C[+-]?\d+|\d+(?:\.0*(?!\.))?)"
_OUTAGE_PART = re.compile(rf"\s*({_OUTAGE_DAY})\s*(?:(?:-|\.\.|–)\s*({_OUTAGE_DAY})\s*)?", re.I)
"""One part of an outage list: a day (``10``, ``C+10`` or a date) or a range of two,
joined by ``-``, ``..`` or an en dash (``3-5``, ``2026-02-05..2026-02-07``). A day's point
is not the first of ``..``: ``3...5`` was read as ``3.`` to ``5``."""
_RANGE_JOIN = re.compile(r"\s*(?:\.\.|–)\s*")
"""What joins the two dates of a range written otherwise than :data:`_OUTAGE_PART` reads."""
_OUTAGE_EXAMPLE = "such as 3-5;10, C+3-C+5, or 2026-02-05..2026-02-07"


def _beyond_any_horizon(text: str) -> str:
    """The hint for a whole number of days too long for :data:`_DAY` (``99999999999999999999.0``).

    It was told "days are whole: 12 or 12.0", though it is whole.
    """
    if re.fullmatch(r"\d{7,}(?:\.0*)?", text):
        return ": it is beyond any horizon (a horizon is at most 3,660 days)"
    return ""


def _empty_item(value: str) -> str:
    """Why a ``;``-separated day list with an empty item is refused; ``""`` if it has none.

    A tester's ``12;;13`` was read as ``12;13`` without a word, where a day was likely
    lost (a cell of blanks alone, no day at all, is fine).
    """
    items = [part.strip() for part in value.split(";")]
    if all(items) or not any(items):
        return ""
    at = ", ".join(str(i + 1) for i, item in enumerate(items) if not item)
    return (
        f"{show(value.strip())} has an empty item (number {at} of {len(items)}): a day is "
        f"missing, or remove the extra ';' (write {';'.join(filter(None, items))})"
    )


def is_outage_item(text: str) -> bool:
    """Whether ``text`` reads as one day or range of ``outage_days``: an item of its list.

    >>> is_outage_item("7-9"), is_outage_item("C+3-C+5"), is_outage_item("road")
    (True, True, False)
    """
    return _OUTAGE_PART.fullmatch(text) is not None


def parse_outage_days(value: Any, start: dt.date | None) -> frozenset[int]:
    """Days and ranges separated by ``;``: ``3-5;10``, ``C+3-C+5;C+10``, or dates.

    Dates are read as units.csv's day columns read them (a tester's ``2026-02-05`` was
    "not a day or range" here, and a day there): ``2026-02-05``, and a range of two dates
    ``2026-02-05..2026-02-07`` (or with ``-`` between them).

    >>> sorted(parse_outage_days("2026-02-05..2026-02-07;10", dt.date(2026, 2, 2)))
    [3, 4, 5, 10]
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return frozenset({parse_day(value, start)})
    if isinstance(value, dt.date):
        return frozenset({parse_day(value, start)})
    if not isinstance(value, str):
        raise BadValue(f"{show(value)} is not a list of days ({_OUTAGE_EXAMPLE})")
    days: set[int] = set()
    # every part's, not the first only (a tester fixed one at a time); an empty part first
    problems = [empty] if (empty := _empty_item(value)) else []
    for part in value.split(";"):
        if not part.strip():
            continue
        try:
            ends = _outage_ends(part)
            written_otherwise = _range_form(ends, start)
            if written_otherwise:
                problems.append(f"{show(part.strip())} is not a range of days{written_otherwise}")
                continue
            first = parse_day(ends[0], start)
            last = parse_day(ends[-1], start)
        except NeedsStart:
            raise
        except BadValue as bad:
            problems.append(str(bad))
            continue
        if last < first:
            dates = len(ends) == 2 and _looks_like_date(ends[0])
            turned = f"{ends[1]}..{ends[0]}" if dates else f"{last}-{first}"
            problems.append(f"range {show(part.strip())} ends before it starts (write {turned})")
        elif last - first > 3660:
            problems.append(f"range {show(part.strip())} is longer than 3660 days")
        else:
            days.update(range(first, last + 1))
    if problems:
        raise BadValue("; ".join(problems))
    return frozenset(days)


def _outage_ends(part: str) -> list[str]:
    """The day, or the first and last days, of one part of an outage list, as written.

    A date written otherwise than ``YYYY-MM-DD`` (``2026-02-05 00:00``, ``05/02/2026``)
    is handed to :func:`parse_day` as units.csv's day columns hand it, for the same
    reading and the same message (all were "not a day or range" here).
    """
    m = _OUTAGE_PART.fullmatch(part)
    if m:
        return [m.group(1)] if m.group(2) is None else [m.group(1), m.group(2)]
    text = part.strip()
    if "..." in text:
        raise BadValue(
            f"{show(text)} is not a day or range: two dots join a range (3..5), not more "
            f"({_OUTAGE_EXAMPLE})"
        )
    ends = _RANGE_JOIN.split(text)
    if len(ends) <= 2 and all(_looks_like_date(e) or _other_date_form(e) for e in ends):
        return ends
    dashed = [e.strip() for e in text.split("-")]  # 07/02/2026-09/02/2026: no dash inside
    if len(dashed) == 2 and all(_other_date_form(e) for e in dashed):
        return dashed
    if "," in text and all(is_outage_item(p) for p in text.split(",")):
        raise BadValue(
            f"{show(text)} separates days with a comma: separate days and ranges with ';' "
            f"(write {text.replace(',', ';')})"
        )
    raise BadValue(f"{show(text)} is not a day or range ({_OUTAGE_EXAMPLE})")


def format_outage_days(days: frozenset[int]) -> str:
    """The inverse of :func:`parse_outage_days`: ``{3, 4, 5, 10}`` becomes ``3-5;10``."""
    return LIST_SEPARATOR.join(str(a) if a == b else f"{a}-{b}" for a, b in day_runs(days))


def _activity_parts(value: str) -> list[tuple[str, str, str]]:
    """The parts of an activity schedule as (part, day text, level text); level "" if none."""
    out = []
    for part in value.split(";"):
        if part.strip():
            day_txt, sep, level = part.partition(":")
            out.append((part.strip(), day_txt, level.strip() if sep else ""))
    return out


def activity_levels_named(value: str) -> list[str]:
    """The activity levels a schedule names (valid ids only), whatever else is wrong with it.

    >>> activity_levels_named("0:normal;5:hgh;3:low;x")
    ['normal', 'hgh', 'low']
    """
    return [level for _, _, level in _activity_parts(value) if ID_PATTERN.fullmatch(level)]


def parse_activity(value: Any, start: dt.date | None) -> tuple[ActivityPeriod, ...]:
    """Periods ``day:level`` separated by ``;``, in increasing day order: ``0:normal;7:high``."""
    if not isinstance(value, str):
        raise BadValue(f"{show(value)} is not an activity schedule (such as 0:normal;7:high)")
    if empty := _empty_item(value):
        raise BadValue(empty)
    periods: list[ActivityPeriod] = []
    for part, day_txt, level in _activity_parts(value):
        if not level:
            raise BadValue(f"{show(part)} is not day:level (such as 7:high)")
        day = parse_day(day_txt, start)
        if day < 0:  # the period refuses it too; here said as written, with its date
            written = before_start_said(day, start, day_txt.strip())
            raise BadValue(f"the period {level!r} from {written}")
        if periods and day <= periods[-1].start_day:
            raise BadValue(
                f"period {show(part)} does not start after "
                f"{day_label(periods[-1].start_day)} (list periods in increasing day order)"
            )
        periods.append(ActivityPeriod(start_day=day, level=parse_id(level, "activity level")))
    return tuple(periods)


def format_activity(periods: tuple[ActivityPeriod, ...]) -> str:
    """The inverse of :func:`parse_activity`."""
    return LIST_SEPARATOR.join(f"{p.start_day}:{p.level}" for p in periods)

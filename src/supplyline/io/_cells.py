"""Parsers of single values (a CSV cell or a YAML scalar), with messages made for a person.

Every parser takes the raw value as the file gave it (a string from CSV; a string, number,
bool, date or ``None`` from YAML) and returns the typed value or raises :class:`BadValue`
whose message says what is wrong and, in brackets, what would be right. The table readers
turn a ``BadValue`` into an :class:`~supplyline.errors.Issue` with file, line and column.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from supplyline.domain import ActivityPeriod
from supplyline.types import (
    ID_PATTERN,
    MAX_ID_LEN,
    MAX_NAME_LEN,
    day_label,
    day_runs,
    text_problem,
)

__all__ = [
    "MAX_ID_LEN",
    "MAX_NAME_LEN",
    "BadValue",
    "activity_levels_named",
    "check_text",
    "is_blank",
    "parse_activity",
    "parse_bool",
    "parse_currency",
    "parse_date",
    "parse_day",
    "parse_decimal",
    "parse_enum",
    "parse_float",
    "parse_id",
    "parse_int",
    "parse_name",
    "parse_outage_days",
    "parse_rate",
    "show",
]

E = TypeVar("E", bound=StrEnum)

_ID = ID_PATTERN
_FACTOR_KEY = re.compile(r"[A-Za-z][\w\-]*(\.[\w\-]+)+")
_NUMBER_WITH_UNIT = re.compile(r"([-+]?\d[\d.]*)\s*([A-Za-z/%°][\w/% .]*)")
_LOOKALIKE = re.compile(r"[-+]?[\d.]*[OoIl][\dOoIl.]*")
"""Digits with a letter that looks like one (``18OO``, ``1l0``): a typo, not a unit."""
_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
"""A number whose commas could be thousands separators: ``1,180``, ``12,345,678``, ``1,180.5``."""
_SPACES = " \u00a0\u202f\u2007\u2009"
"""Spaces a spreadsheet may group digits with: plain, no-break, narrow no-break (French
Excel), figure and thin."""
_SPACED_THOUSANDS = re.compile(rf"[-+]?[1-9]\d{{0,2}}(?:[{_SPACES}]\d{{3}})+(?:[.,]\d+)?")
"""A number grouped by spaces: ``8 000``, ``1 180,5`` (the comma then is a decimal comma)."""
_POINT_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2}(?:\.\d{3})+,\d+")
"""A number grouped by points with a decimal comma, as German Excel writes: ``1.180,5``."""
_DAY = re.compile(r"(?:C([+-])(\d{1,6})|(\d{1,6}))")
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
_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}


class BadValue(Exception):
    """A value that cannot be used; the message says why and what would be right."""


def show(value: Any, limit: int = 40) -> str:
    """Quote a user's value for a message, shortened so a huge cell stays readable.

    A space other than the plain one (a no-break space from French Excel) is shown as a
    space and named after the quote: ``'8 000' (holding U+00A0 NO-BREAK SPACE)``, where
    Python's quoting wrote it as an escape code, which a planner cannot read.
    """
    if not isinstance(value, str):
        text = str(value)
        return text if len(text) <= limit else text[: limit - 1] + "…"
    odd = _odd_spaces(value)
    text = repr("".join(" " if ch in odd else ch for ch in value) if odd else value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text + (f" (holding {_names(odd)})" if odd else "")


def _odd_spaces(text: str) -> list[str]:
    """The space characters in ``text`` other than the plain space, in order of appearance."""
    found = [ch for ch in text if ch != " " and unicodedata.category(ch) == "Zs"]
    return list(dict.fromkeys(found))


def _names(chars: list[str]) -> str:
    """Characters by code point and name: ``U+00A0 NO-BREAK SPACE``."""
    return " and ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".rstrip() for ch in chars)


def is_blank(value: Any) -> bool:
    """Whether a value counts as missing: absent, YAML null or an empty/whitespace cell."""
    return value is None or (isinstance(value, str) and not value.strip())


def _fmt(x: float) -> str:
    if not math.isfinite(x):
        return str(x)
    return f"{x:,.0f}" if abs(x) >= 1000 and x == int(x) else f"{x:g}"


def _range_hint(lo: float, hi: float, unit: str) -> str:
    unit_txt = f" {unit}" if unit else ""
    return f"a number from {_fmt(lo)} to {_fmt(hi)}{unit_txt}"


def _number_from_text(text: str, hint: str, *, whole: bool = False) -> float:
    text = text.strip()
    try:
        return float(text.replace("_", "x"))  # underscores are not digits for a planner
    except ValueError:
        pass
    litres = re.fullmatch(r"[-+]?[\d.]+l", text)  # 5l is five litres: a unit
    if _LOOKALIKE.fullmatch(text) and re.search(r"\d", text) and not litres:
        raise BadValue(
            f"{show(text)} is not a number: a letter O or l where a digit belongs? ({hint})"
        )
    if re.fullmatch(r"[-+]?0[xX][0-9a-fA-F]+", text):
        raise BadValue(f"{show(text)} is not a decimal number ({hint})")
    if _NUMBER_WITH_UNIT.fullmatch(text):
        raise BadValue(
            f"{show(text)} has a unit in it ({hint}, written alone — "
            f"the unit is part of the column's or key's name)"
        )
    if _THOUSANDS.fullmatch(text):
        raise BadValue(_thousands_message(text, hint, whole=whole))
    if _SPACED_THOUSANDS.fullmatch(text):
        raise BadValue(_spaced_thousands_message(text, hint))
    if _POINT_THOUSANDS.fullmatch(text):
        plain = text.replace(".", "").replace(",", ".")
        raise BadValue(
            f"{show(text)} has points as thousands separators and a decimal comma: write "
            f"{plain} ({hint}, without thousands separators and a point as decimal separator)"
        )
    if re.fullmatch(r"[-+]?\d+,\d+", text):
        raise BadValue(f"{show(text)} uses a comma ({hint}, with a point as decimal separator)")
    raise BadValue(f"{show(text)} is not a number ({hint})")


def _thousands_message(text: str, hint: str, *, whole: bool) -> str:
    """The words for a number whose commas may be thousands separators (``1,180``).

    A spreadsheet with thousands separators writes ``1,180`` for 1180; the old hint ("use a
    point as decimal separator") led a tester to type ``1.180`` and silently get 1.18 km.
    With one comma and three digits after it, both readings are said; with more groups
    (``12,345,678``), a decimal point after them (``1,180.5``) or in a column of ``whole``
    numbers (counts, days), only thousands fit.
    """
    plain = text.replace(",", "")
    if text.count(",") == 1 and "." not in text and not whole:
        decimal = repr(float(text.replace(",", ".")))
        return (
            f"{show(text)} has a comma: write {plain} if it is a thousands separator, "
            f"or {decimal} if it is a decimal comma ({hint}, with no thousands separators "
            "and a point as decimal separator)"
        )
    what = "a thousands separator" if text.count(",") == 1 else "thousands separators"
    return f"{show(text)} has {what}: write {plain} ({hint}, without thousands separators)"


def _spaced_thousands_message(text: str, hint: str) -> str:
    """The words for a number grouped by spaces (``8 000``, ``1 180,5``), as French Excel writes.

    A space is never a decimal separator, so only the thousands reading is offered; a comma
    after the groups is then a decimal comma. A no-break or narrow no-break space looks like
    a plain one, so it is named: a tester was shown it as an escape code, with no hint.
    """
    plain = "".join(ch for ch in text if ch not in _SPACES).replace(",", ".")
    odd = _odd_spaces(text)
    if not odd:
        space = "a space"
    elif len(odd) == 1 and " " not in text:
        space = f"a {unicodedata.name(odd[0], 'space').lower()} (U+{ord(odd[0]):04X})"
    else:
        space = f"spaces ({_names(odd)})"
    quoted = repr("".join(" " if ch in _SPACES else ch for ch in text))
    point = " and a point as decimal separator" if "," in text else ""
    return (
        f"{quoted} has {space} as a thousands separator: write {plain} "
        f"({hint}, without thousands separators{point})"
    )


def parse_float(
    value: Any, *, lo: float = 0.0, hi: float, unit: str = "", above_lo: bool = False
) -> float:
    """A finite number within ``[lo, hi]`` (or ``(lo, hi]`` with ``above_lo``).

    >>> parse_float(" 12.5 ", hi=100, unit="t")
    12.5
    """
    if isinstance(value, bool):
        raise BadValue(f"{str(value).lower()} is not a number ({_range_hint(lo, hi, unit)})")
    if isinstance(value, float) and math.isnan(value):
        number = value
    elif isinstance(value, int | float):
        number = float(value) if abs(value) < 1e308 else (math.inf if value > 0 else -math.inf)
    elif isinstance(value, str):
        try:
            number = float(value.replace("_", "x"))  # underscores are not digits for a planner
        except ValueError:
            number = _number_from_text(value, _range_hint(lo, hi, unit))
    else:
        raise BadValue(f"{show(value)} is not a number ({_range_hint(lo, hi, unit)})")
    if lo < number < hi or (number == hi) or (number == lo and not above_lo):
        return number + 0.0  # -0.0 becomes 0.0, so that files written back look clean
    hint = _range_hint(lo, hi, unit)
    if math.isnan(number):
        raise BadValue(f"{show(value)} is not a number ({hint})")
    if number > hi:
        raise BadValue(f"{show(value)} is too large ({hint})")
    what = "negative" if number < 0 else ("zero" if number == 0 else "too small")
    bound = (
        f"more than {_fmt(lo)}, up to {_fmt(hi)}{' ' + unit if unit else ''}" if above_lo else hint
    )
    raise BadValue(f"{show(value)} is {what} ({bound})")


def parse_int(value: Any, *, lo: int = 0, hi: int, unit: str = "") -> int:
    """A whole number within ``[lo, hi]``; ``12.0`` is accepted, ``12.5`` is not.

    >>> parse_int("1200", hi=10_000_000)
    1200
    """
    hint = f"a whole number from {_fmt(lo)} to {_fmt(hi)}{' ' + unit if unit else ''}"
    if isinstance(value, bool):
        raise BadValue(f"{str(value).lower()} is not a number ({hint})")
    if not isinstance(value, int | float | str):
        raise BadValue(f"{show(value)} is not a number ({hint})")
    if isinstance(value, int):
        number = float(value) if abs(value) < 10**300 else math.inf
    elif isinstance(value, float):
        number = value
    else:
        number = _number_from_text(value, hint, whole=True)
    if math.isnan(number):
        raise BadValue(f"{show(value)} is not a number ({hint})")
    if number > hi:
        raise BadValue(f"{show(value)} is too large ({hint})")
    if number < lo:
        raise BadValue(f"{show(value)} is {'negative' if number < 0 else 'too small'} ({hint})")
    if number != int(number):
        raise BadValue(f"{show(value)} is not a whole number ({hint})")
    return int(number)


def parse_bool(value: Any) -> bool:
    """``true``/``false`` (also yes/no, 1/0, y/n, on/off, any case)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, str | int) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadValue(f"{show(value)} is not a yes/no value (true or false)")


def parse_id(value: Any, what: str = "id") -> str:
    """An identifier: letters, digits and ``_ - . :``, starting with a letter or digit."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise BadValue(f"{what} is missing (a short name such as 'depot-1')")
    text = unicodedata.normalize("NFC", value.strip())  # é typed as e + accent is é
    if len(text) > MAX_ID_LEN:
        raise BadValue(f"{what} {show(text)} is too long (at most {MAX_ID_LEN} characters)")
    if not _ID.fullmatch(text):
        raise BadValue(
            f"{what} {show(text)} has characters ids cannot have{_first_bad(text)} "
            "(letters, digits and _ - . : only, starting with a letter or digit)"
        )
    return text


def _first_bad(text: str) -> str:
    """The first character an id cannot have, named (an accent typed apart is invisible)."""
    for i, ch in enumerate(text):
        if not _ID.fullmatch(("a" if i else "") + ch):
            name = unicodedata.name(ch, "")
            return f": {ch!r} (U+{ord(ch):04X}{' ' + name if name else ''})"
    return ""


def parse_name(value: Any, default: str) -> str:
    """A display name; empty means ``default`` (the id)."""
    if is_blank(value):
        return default
    text = str(value).strip()
    if len(text) > MAX_NAME_LEN:
        raise BadValue(f"name is too long ({len(text):,} characters; at most {MAX_NAME_LEN})")
    check_text(text)
    return text


def check_text(text: str) -> None:
    """Reject control characters and lone surrogates, which no file or screen shows well."""
    problem = text_problem(text)
    if problem is not None:
        raise BadValue(f"text {problem}")


@cache
def _enum_index(enum: type[StrEnum]) -> dict[str, Any]:
    return {m.value.lower(): m for m in enum}


def parse_enum(value: Any, enum: type[E]) -> E:
    """One of an enumeration's values, case-insensitive."""
    if isinstance(value, str):
        member = _enum_index(enum).get(value.strip().lower())
        if member is not None:
            return member  # type: ignore[no-any-return]
    allowed = ", ".join(m.value for m in enum)
    raise BadValue(f"{show(value)} is not allowed (one of: {allowed})")


def parse_currency(value: Any) -> str:
    """A 3-letter ISO 4217 currency code such as EUR."""
    text = value.strip() if isinstance(value, str) else ""
    if len(text) == 3 and text.isascii() and text.isalpha():
        return text.upper()
    raise BadValue(f"{show(value)} is not a currency code (3 letters such as EUR or USD)")


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
    hint = _other_date_form(text) or " (YYYY-MM-DD, such as 2025-06-01)"
    raise BadValue(f"{show(value)} is not a date{hint}")


_OTHER_DATE = re.compile(r"(\d{4}|\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})")
_SERIAL_TIME = re.compile(r"(\d{5})[.,]\d+")


def _other_date_form(text: str) -> str:
    """How to write a date a spreadsheet wrote otherwise ("" when ``text`` is not one).

    ``03/02/2026`` is the 3rd of February to some and the 2nd of March to others: both
    readings are said, none is guessed. ``46056.5`` is a date serial with a time of day.
    """
    serial = _SERIAL_TIME.fullmatch(text)
    if serial and _SERIALS[0] <= int(serial.group(1)) <= _SERIALS[1]:
        date = _SERIAL_EPOCH + dt.timedelta(days=int(serial.group(1)))
        return (
            f" ({text} looks like a spreadsheet date-and-time serial, {date.isoformat()} with a "
            "time of day: write the date as YYYY-MM-DD)"
        )
    m = _OTHER_DATE.fullmatch(text)
    if not m:
        return ""
    a, b, c = (int(g) for g in m.groups())
    if len(m.group(1)) == 4:  # year first: 2026/02/03
        readings = [(a, b, c)]
    else:
        year = c + 2000 if len(m.group(3)) == 2 else c
        readings = [(year, b, a), (year, a, b)]  # day first, then month first
    valid = []
    for year, month, day in readings:
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            continue
        if iso not in valid:
            valid.append(iso)
    if not valid:
        return ""
    return f" (write it as YYYY-MM-DD: {' or '.join(valid)}{'?' if len(valid) > 1 else ''})"


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
    if isinstance(value, int) and not isinstance(value, bool):
        day = parse_int(value, lo=-999_999, hi=999_999)
        _serial_hint(day)
        return day
    if _looks_like_date(value):
        date = parse_date(value)  # its own message first: a bad date needs no start to say so
        if start is None:
            raise BadValue(f"{show(value)}: a date needs a valid start_date in scenario.yaml")
        return (date - start).days
    text = value.strip().upper() if isinstance(value, str) else ""
    m = _DAY.fullmatch(text)
    if not m:
        hint = (
            _other_date_form(text) or " (a number of days such as 12, C+12, or a date YYYY-MM-DD)"
        )
        raise BadValue(f"{show(value)} is not a day{hint}")
    if m.group(3) is not None:
        _serial_hint(int(m.group(3)))
        return int(m.group(3))
    return int(m.group(2)) * (1 if m.group(1) == "+" else -1)


def parse_outage_days(value: Any, start: dt.date | None) -> frozenset[int]:
    """Days and ranges separated by ``;``: ``3-5;10`` or ``C+3-C+5;C+10``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return frozenset({parse_day(value, start)})
    if not isinstance(value, str):
        raise BadValue(f"{show(value)} is not a list of days (such as 3-5;10)")
    days: set[int] = set()
    problems: list[str] = []  # every part's, not the first only (a tester fixed one at a time)
    for part in value.split(";"):
        if not part.strip():
            continue
        m = re.fullmatch(r"\s*(C[+-]?\d+|\d+)\s*(?:-\s*(C[+-]?\d+|\d+)\s*)?", part, re.IGNORECASE)
        if not m:
            problems.append(f"{show(part.strip())} is not a day or range (such as 3-5;10)")
            continue
        try:
            first = parse_day(m.group(1), start)
            last = parse_day(m.group(2), start) if m.group(2) else first
        except BadValue as bad:
            problems.append(str(bad))
            continue
        if last < first:
            problems.append(
                f"range {show(part.strip())} ends before it starts (write {last}-{first})"
            )
        elif last - first > 3660:
            problems.append(f"range {show(part.strip())} is longer than 3660 days")
        else:
            days.update(range(first, last + 1))
    if problems:
        raise BadValue("; ".join(problems))
    return frozenset(days)


def format_outage_days(days: frozenset[int]) -> str:
    """The inverse of :func:`parse_outage_days`: ``{3, 4, 5, 10}`` becomes ``3-5;10``."""
    return ";".join(str(a) if a == b else f"{a}-{b}" for a, b in day_runs(days))


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
    return [level for _, _, level in _activity_parts(value) if _ID.fullmatch(level)]


def parse_activity(value: Any, start: dt.date | None) -> tuple[ActivityPeriod, ...]:
    """Periods ``day:level`` separated by ``;``, in increasing day order: ``0:normal;7:high``."""
    if not isinstance(value, str):
        raise BadValue(f"{show(value)} is not an activity schedule (such as 0:normal;7:high)")
    periods: list[ActivityPeriod] = []
    for part, day_txt, level in _activity_parts(value):
        if not level:
            raise BadValue(f"{show(part)} is not day:level (such as 7:high)")
        day = parse_day(day_txt, start)
        if periods and day <= periods[-1].start_day:
            raise BadValue(
                f"period {show(part)} does not start after "
                f"{day_label(periods[-1].start_day)} (list periods in increasing day order)"
            )
        periods.append(ActivityPeriod(start_day=day, level=parse_id(level, "activity level")))
    return tuple(periods)


def format_activity(periods: tuple[ActivityPeriod, ...]) -> str:
    """The inverse of :func:`parse_activity`."""
    return ";".join(f"{p.start_day}:{p.level}" for p in periods)


def parse_rate(value: Any, *, hi: float, unit: str) -> float | str:
    """A rate: a number in ``[0, hi]`` or a planning-factor key (checked later, with the table)."""
    if isinstance(value, str) and _FACTOR_KEY.fullmatch(value.strip()):
        return value.strip()
    try:
        return parse_float(value, hi=hi, unit=unit)
    except BadValue as error:
        raise BadValue(
            f"{error} — or a planning-factor key such as food.wfp.full_ration_net_kg_ppd"
        ) from None


def parse_decimal(
    value: Any, *, hi: Decimal, above_zero: bool = False, places: int | None = None
) -> Decimal:
    """An amount of money as an exact Decimal (write it as text or a plain number).

    ``places``: the most decimals it may have (the ledger keeps money to the cent), so
    that ``4200.12345`` is refused with the file's line, as a negative amount is.
    """
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise BadValue(f"{show(value)} is not an amount (a number such as 1250.00)")
    text = value.strip() if isinstance(value, str) else str(value)
    hint = f"an amount from {'more than ' if above_zero else ''}0 to {hi:,}"
    try:
        amount = Decimal(text)
    except InvalidOperation:
        if _THOUSANDS.fullmatch(text):  # "1,450.00" as a spreadsheet shows money
            raise BadValue(_thousands_message(text, hint, whole=False)) from None
        if _SPACED_THOUSANDS.fullmatch(text):  # "1 450,00" as French Excel shows money
            raise BadValue(_spaced_thousands_message(text, hint)) from None
        raise BadValue(f"{show(value)} is not an amount (a number such as 1250.00)") from None
    if not amount.is_finite():
        raise BadValue(f"{show(value)} is not a finite amount ({hint})")
    if amount < 0 or (above_zero and amount == 0):
        raise BadValue(f"{show(value)} is {'negative' if amount < 0 else 'zero'} ({hint})")
    if amount > hi:
        raise BadValue(f"{show(value)} is too large ({hint})")
    if places is not None and amount != amount.quantize(quantum := Decimal(1).scaleb(-places)):
        raise BadValue(f"{show(value)} has more decimal places than {quantum} ({hint})")
    return amount

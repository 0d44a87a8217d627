"""Numbers as a spreadsheet shows them, not as a cell takes them: what each is, what to write.

A cell takes a plain number (``1800``, ``-23.66``). A spreadsheet's display formats
leave other forms in an export, each of which a tester was told only "is not a number":
the Unicode minus sign of a typeset or copied value (``−23.66``), Swiss grouping with
apostrophes (``1'800``), a currency symbol (``€45.00``), the accounting format's dash
for zero (``-``), a time of day in an hours column (``06:00``) and points grouping
thousands in more than one group (``1.200.000``, never a decimal). Each message names
what it sees and offers the number to write.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clock_hours", "clock_message", "other_number_form"]

_MINUS_LIKE = "\u2212\u2012\u2013\u2014\ufe63\uff0d"
"""Characters a value may carry for its minus: minus sign, figure/en/em dash, small and
full-width hyphen-minus."""
_PLAIN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_APOSTROPHES = "'\u2019"
"""Swiss grouping: an apostrophe, or the typographic one Excel may write (U+2019)."""
_APOSTROPHE_GROUPED = re.compile(rf"[-+]?[1-9]\d{{0,2}}(?:[{_APOSTROPHES}]\d{{3}})+(?:\.\d+)?")
_POINT_GROUPS = re.compile(r"[-+]?[1-9]\d{0,2}(?:\.\d{3}){2,}")
"""Points in two groups or more (``1.200.000``): thousands, since no decimal has two points."""
_ACCOUNTING_ZERO = re.compile(r"\s*[-\u2013\u2014]\s*")
_CLOCK = re.compile(r"([01]?\d|2[0-4]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?")
"""A time of day as a spreadsheet shows one: ``6:00``, ``06:30``, ``20:00:00``."""


def clock_hours(text: str) -> float | None:
    """The hours of a time of day (``06:30`` is 6.5), or ``None`` if ``text`` is not one.

    >>> clock_hours("06:30"), clock_hours("20:00:00"), clock_hours("6.5")
    (6.5, 20.0, None)
    """
    clock = _CLOCK.fullmatch(text.strip())
    if clock is None:
        return None
    hours = int(clock.group(1)) + int(clock.group(2)) / 60 + int(clock.group(3) or 0) / 3600
    return hours if hours <= 24 else None


def clock_message(text: str, hint: str) -> str | None:
    """The words for a time of day in an hours column (``06:00``), else ``None``.

    Only an hours column is told this: ``1:30`` as a horizon is no time of day.

    >>> clock_message("06:30", "a number from 0 to 24 h")
    "'06:30' is a time of day: write it as hours, 6.5 (a number from 0 to 24 h; a half hour is .5)"
    """
    hours = clock_hours(text)
    if hours is None:
        return None
    return (
        f"{text.strip()!r} is a time of day: write it as hours, {hours:g} ({hint}; a half "
        "hour is .5)"
    )


def _currency(text: str) -> tuple[str, str] | None:
    """The currency symbol and the number of ``€45.00`` or ``45,00 €``, else ``None``."""
    symbols = [ch for ch in text if unicodedata.category(ch) == "Sc"]
    if len(symbols) != 1:
        return None
    number = text.replace(symbols[0], "").strip()
    return (symbols[0], number) if number and re.search(r"\d", number) else None


def other_number_form(text: str, hint: str, *, hours: bool = False) -> str | None:
    """What a number written as a spreadsheet shows it is, with the number to write.

    ``None`` when ``text`` is none of these forms (the caller's own words then apply).
    ``hint`` says what the column takes; ``hours``, that it counts hours (see
    :func:`clock_message`).

    >>> other_number_form("−23.66", "a number from -180 to 180 degrees")
    "'−23.66' has a minus sign U+2212 MINUS SIGN where a cell takes the hyphen-minus '-': write -23.66 (a number from -180 to 180 degrees)"
    """  # noqa: E501
    if hours and (clock := clock_message(text, hint)) is not None:
        return clock
    if _ACCOUNTING_ZERO.fullmatch(text):
        return (
            f"{text.strip()!r} is a spreadsheet's accounting format for zero: write 0 ({hint}; "
            "set the column's format to a plain number before saving)"
        )
    minus = next((ch for ch in text if ch in _MINUS_LIKE), None)
    if minus is not None and _PLAIN.fullmatch(plain := text.replace(minus, "-")):
        name = unicodedata.name(minus, "").upper()
        return (
            f"{text!r} has a {'minus sign' if minus == chr(0x2212) else 'dash'} "
            f"U+{ord(minus):04X} {name} where a cell takes the hyphen-minus '-': write "
            f"{plain} ({hint})"
        )
    if _APOSTROPHE_GROUPED.fullmatch(text):
        plain = "".join(ch for ch in text if ch not in _APOSTROPHES)
        many = sum(text.count(ch) for ch in _APOSTROPHES) > 1
        what = (
            "apostrophes as thousands separators"
            if many
            else "an apostrophe as a thousands separator"
        )
        return f"{text!r} has {what}: write {plain} ({hint}, without thousands separators)"
    if (money := _currency(text)) is not None:
        symbol, number = money
        offer = f": write {number}" if _PLAIN.fullmatch(number) else ""
        return (
            f"{text!r} has a unit in it, the currency sign {symbol!r}{offer} ({hint}, written "
            "alone — the currency is the partner's, in scenario.yaml)"
        )
    if _POINT_GROUPS.fullmatch(text):
        plain = text.replace(".", "")
        return (
            f"{text!r} has points as thousands separators: write {plain} ({hint}, without "
            "thousands separators and a point only as decimal separator)"
        )
    return None

"""Days as a person reads them: "3 days", "C+6", "C+6–C+8, C+12", and a row's dates.

Apart from :mod:`supplyline.types` (which re-exports them, where every layer imports
them from) so that it stays within its size; it imports nothing of supplyline's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

__all__ = [
    "DateText",
    "day_label",
    "day_range_list",
    "day_ranges",
    "day_runs",
    "days_text",
    "iso_date",
]


class DateText(str):
    """A date (``2026-12-25``), or a date and time to the second, as a row gives it.

    A ``str``, so that JSON and tables take it as the text they always had, but marked
    as a date by whoever made it, so that a result CSV writes it bare, for a spreadsheet
    to read as a date (:func:`~supplyline.io.csv_quoting.quoted_cell`). Text that only
    looks like a date is not one: an id ``2026-12-25`` is quoted, as ``0042`` is, or a
    spreadsheet writes it back as ``12/25/26``.
    """

    __slots__ = ()


def iso_date(day: dt.date) -> DateText:
    """``day`` as every row and result file gives a date: ISO, marked as a date.

    >>> iso_date(dt.date(2026, 12, 25))
    '2026-12-25'
    """
    return DateText(day.isoformat())


def days_text(n: int) -> str:
    """A number of days in words: "1 day", "3 days".

    With thousands apart, as every count a person reads ("take 33,334 days").

    >>> days_text(1), days_text(3), days_text(33334)
    ('1 day', '3 days', '33,334 days')
    """
    return f"{n:,} day{'' if n == 1 else 's'}"


def day_label(day: int) -> str:
    """Return the planner's name of a day relative to the start.

    >>> day_label(0), day_label(6), day_label(-2)
    ('C+0', 'C+6', 'C-2')
    """
    return f"C+{day}" if day >= 0 else f"C-{-day}"


def day_runs(days: Iterable[int]) -> list[tuple[int, int]]:
    """Distinct days grouped into runs of consecutive days, as (first, last) pairs.

    >>> day_runs([12, 6, 7, 8, 7])
    [(6, 8), (12, 12)]
    """
    runs: list[tuple[int, int]] = []
    for day in sorted(set(days)):
        if runs and day == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def day_range_list(days: Iterable[int]) -> list[str]:
    """Days as their C+N runs, one value each: a CSV cell's list, a JSON array.

    >>> day_range_list([3, 4, 7])
    ['C+3–C+4', 'C+7']
    """
    return [
        day_label(first) if first == last else f"{day_label(first)}–{day_label(last)}"
        for first, last in day_runs(days)
    ]


def day_ranges(days: Iterable[int]) -> str:
    """Days as compact C+N ranges, for tables and sentences.

    >>> day_ranges([6, 7, 8, 12])
    'C+6–C+8, C+12'
    """
    return ", ".join(day_range_list(days))

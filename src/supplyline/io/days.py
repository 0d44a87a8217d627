"""A day or date as a person writes it outside the files (an option), read as the files read one.

``C+3``, ``3`` or ``2026-02-04``: the same parser and messages as the day columns of
``units.csv`` (:func:`supplyline.io._day_cells.parse_day`), so that ``routes --day C+3`` is
taken as the files take it, not refused as "not a valid integer".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from supplyline.errors import ArgumentError, ScenarioError
from supplyline.io._cells import BadValue
from supplyline.io._day_cells import parse_date, parse_day

__all__ = ["DayText", "date_from_text", "day_from_text"]

_MINUS_DAYS = re.compile(r"-\d{1,6}")
"""``-1`` as an option: the day before the start (the files write ``C-1``)."""


@dataclass(frozen=True, slots=True)
class DayText:
    """A day as written (``C+3``, ``3``, ``2026-02-04``), to be read against a scenario.

    A command-line option cannot know the scenario's start date, so the use-case that
    loads the scenario reads it with :func:`day_from_text`.

    ``option``: the option it was given with (``--day``), said before it where the day
    is outside the horizon (``--day 2026-01-13 is C+8, after …``); None from a script.

    >>> DayText("C+3").text
    'C+3'
    """

    text: str
    option: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise ArgumentError(f"DayText(={self.text!r}) must be text such as 'C+3'")
        if self.option is not None and not isinstance(self.option, str):
            raise ArgumentError(f"DayText's option(={self.option!r}) must be text such as '--day'")


def day_from_text(text: str, start_date: dt.date) -> int:
    """The day ``text`` names, counted from ``start_date``; a ScenarioError saying why not.

    Whether the day is within the horizon is the caller's to check (it knows the horizon
    and what the day is for).

    ``-1`` is read as ``C-1`` (a tester's ``--day=-1`` was "not a day" where ``C-1`` and
    the date before the start were "outside the horizon").

    >>> day_from_text("C+3", dt.date(2026, 2, 1)), day_from_text("2026-02-04", dt.date(2026, 2, 1))
    (3, 3)
    >>> day_from_text("-1", dt.date(2026, 2, 1)), day_from_text("C-1", dt.date(2026, 2, 1))
    (-1, -1)
    """
    if _MINUS_DAYS.fullmatch(text.strip()):  # why: --day=-1 is C-1, told as out of horizon
        return int(text.strip())
    try:
        return parse_day(text, start_date)
    except BadValue as bad:
        raise ScenarioError([], summary=str(bad)) from None


def date_from_text(text: str) -> dt.date:
    """The calendar date ``text`` names (YYYY-MM-DD, or that at midnight); else ArgumentError.

    The files' date parser and words, for an option that takes a date (the ledger's
    ``--needed-on``): a date with a time of day says so, an impossible one says why.

    >>> date_from_text("2025-08-01 00:00")
    datetime.date(2025, 8, 1)
    """
    try:
        return parse_date(text)
    except BadValue as bad:
        raise ArgumentError(str(bad)) from None

"""The network map's closed links: closed the whole horizon, or on some of its days.

Why a module of its own: the map drew a link closed for the whole horizon (a tester's
bridge, closed C+0–C+34) as an ordinary idle link, thin grey dots with no title, and
marked no closure at all. A link closed every day is drawn in black dash-dots in place of
its idle dots; one closed some days keeps its look (its width, its mode's colour) and has
black dots drawn over it. Both have a legend entry, and the link's title says when it is closed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from matplotlib.artist import Artist
from matplotlib.lines import Line2D

from supplyline.domain import Link
from supplyline.types import day_ranges

__all__ = [
    "CLOSED_COLOUR",
    "Closed",
    "closed_style",
    "closed_words",
    "closure_legend",
    "closure_of",
]

CLOSED_COLOUR = "#111111"
"""Near black: no mode's colour (air is red, and an air link carrying people only is red
dashes), nor the idle links' grey."""
_ALL_DASHES = (0, (5.0, 1.5, 1.0, 1.5))
"""Dash-dots: a pattern no other line of the map has (people are dashes, idle links dots)."""
_SOME_DOTS = (0, (1.0, 2.0))
_ALL_PT = 1.4
_SOME_PT = 1.8


class Closed(StrEnum):
    """How much of the horizon a link is closed on."""

    ALL = "all"
    SOME = "some"


def closure_of(link: Link, horizon_days: int) -> Closed | None:
    """Whether ``link`` is closed every day of the horizon, on some days, or never.

    >>> from supplyline.domain import Mode
    >>> bridge = Link(id="b", origin="x", destination="y", mode=Mode.ROAD, distance_km=1,
    ...     transit_days=1, outage_days=frozenset(range(5)))
    >>> closure_of(bridge, 5), closure_of(bridge, 6), closure_of(bridge, 0)
    (<Closed.ALL: 'all'>, <Closed.SOME: 'some'>, None)
    """
    days = _days_closed(link, horizon_days)
    if not days:
        return None
    return Closed.ALL if len(days) == horizon_days else Closed.SOME


def _days_closed(link: Link, horizon_days: int) -> list[int]:
    return sorted(d for d in link.outage_days if 0 <= d < horizon_days)


def closed_words(link: Link, horizon_days: int) -> str:
    """When ``link`` is closed, for its title: empty if it is open every day.

    >>> from supplyline.domain import Mode
    >>> bridge = Link(id="b", origin="x", destination="y", mode=Mode.ROAD, distance_km=1,
    ...     transit_days=1, outage_days=frozenset({2, 3, 4, 9}))
    >>> closed_words(bridge, 35)
    'closed C+2–C+4, C+9 (4 of 35 days: nothing departs on it then)'
    >>> closed_words(bridge, 10)
    'closed C+2–C+4, C+9 (4 of 10 days: nothing departs on it then)'
    """
    days = _days_closed(link, horizon_days)
    if not days:
        return ""
    if len(days) == horizon_days:
        return f"closed all horizon ({day_ranges(days)}: nothing can depart on it)"
    some = f"{len(days)} of {horizon_days} days: nothing departs on it then"
    return f"closed {day_ranges(days)} ({some})"


def closed_style(closed: Closed) -> dict[str, Any]:
    """The line of a closure: black dash-dots all horizon, black dots some days.

    Either is drawn above the link's own line, which keeps its width and colour.
    """
    if closed is Closed.ALL:
        return {"color": CLOSED_COLOUR, "linestyle": _ALL_DASHES, "linewidth": _ALL_PT, "zorder": 3}
    return {"color": CLOSED_COLOUR, "linestyle": _SOME_DOTS, "linewidth": _SOME_PT, "zorder": 3}


def closure_legend(drawn: set[Closed]) -> list[Artist]:
    """The legend's entries for the kinds of closure the map draws, none if it draws none."""
    words = {
        Closed.ALL: "closed all horizon",
        Closed.SOME: "closed some days",
    }
    return [
        Line2D([], [], label=words[kind], **closed_style(kind))
        for kind in (Closed.ALL, Closed.SOME)
        if kind in drawn
    ]

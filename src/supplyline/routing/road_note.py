"""The note on the roads kept to their capacity: every road for the files, a brief for a screen.

The routes' note named every full road direction with its day, capacity and ask, one
after another: on a day of many full roads it ran to many lines on the terminal. The files
(``routes.json``'s notes, the report) keep every road; the terminal prints the brief:
how many road directions were full, on how many days, the :data:`NAMED_ROADS` fullest
(by the tonnes the loads would have needed beyond their capacity), and the tonnes taken
off, sent another way and not carried (``road_full``).
"""

from __future__ import annotations

from collections.abc import Sequence

from supplyline.routing.road_load import Full
from supplyline.types import day_label

__all__ = ["NAMED_ROADS", "RoadNote", "road_note"]

NAMED_ROADS = 3
"""The brief names this many full roads, the fullest, then counts the rest."""

RoadNote = tuple[str, str]
"""A note in full (every road) and its brief (the same when it names every road)."""


def road_note(full: Sequence[Full], day: int, taken_t: float, short_t: float) -> RoadNote:
    """The note on the full roads of ``day``: in full, and in brief when they are many.

    ``taken_t`` is what came off the full roads, ``short_t`` what no other way brought
    (``road_full``).

    >>> f = [Full(("r1", "A", "B"), 2.0, 5.0), Full(("r2", "A", "C"), 1.0, 9.0)]
    >>> whole, brief = road_note(f, 0, 11.0, 4.0)
    >>> whole == brief, whole.count("full on C+0")
    (True, 2)
    >>> whole, brief = road_note(f * 2, 0, 11.0, 4.0)
    >>> brief.split(", the fullest")[0]
    'roads kept to their capacity: 4 road directions full on C+0'
    """
    sent = f"{taken_t:,.3f} t taken off them, {taken_t - short_t:,.3f} t of it sent another way"
    whole = (
        "roads kept to their capacity: "
        + "; ".join(f.said(day) for f in full)
        + f"; {sent}"
        + (f", {short_t:,.3f} t road_full" if short_t > 0 else "")
    )
    if len(full) <= NAMED_ROADS:
        return whole, whole
    fullest = sorted(full, key=lambda f: (-(f.asked_t + f.plan_t - f.capacity_t), f.way))
    days = sorted({day - f.transit_days for f in full})
    on = (
        f"on {day_label(days[0])}"
        if len(days) == 1
        else f"on {len(days)} days ({', '.join(day_label(d) for d in days)})"
    )
    brief = (
        f"roads kept to their capacity: {len(full)} road directions full {on}, the fullest "
        + "; ".join(f.said(day) for f in fullest[:NAMED_ROADS])
        + f"; and {len(full) - NAMED_ROADS} more; {sent}"
        + (f", {short_t:,.3f} t not carried (road_full)" if short_t > 0 else "")
        + " (every road: the notes of routes.json with --out, and the report)"
    )
    return whole, brief

"""What each reason a delivery is not routed means, in a planner's words.

The reason codes (:class:`~supplyline.domain.routes.UnservedReason`) stay as they are in
``unserved.csv``, ``routes.json`` and ``--format csv|json``, which programs read; the
tables people read (the ``routes`` table and the routes report) give these words beside
the code. Two codes say less than they mean: ``too_large`` is mostly *too few trips* (a
tester read "the load is too big" of 58 t whose trucks could make 42 of the 80 trips it
needed), and ``no_truck_reaches`` is *no trucks at all* in ``fleet.csv`` (a truck that
cannot get there is ``road_closed``, ``beyond_duration`` or ``window_impossible``).
"""

from __future__ import annotations

from types import MappingProxyType

from supplyline.domain.routes import UnservedReason

__all__ = ["REASON_WORDS", "reason_words"]

REASON_WORDS = MappingProxyType(
    {
        UnservedReason.NO_TRUCK_REACHES: "no trucks in fleet.csv",
        UnservedReason.ROAD_CLOSED: "roads to it closed that day",
        UnservedReason.BEYOND_DURATION: "round trip longer than the drivers' hours",
        UnservedReason.WINDOW_IMPOSSIBLE: "no truck can arrive in its receiving window",
        UnservedReason.TOO_LARGE: "more than its trucks' trips can carry in a day",
        UnservedReason.NOT_ENOUGH_TRUCKS: "its trucks went to other loads",
        UnservedReason.DEPOT_SHORT: "its depots lack the goods that day",
        UnservedReason.ROAD_FULL: "a road it needs is full that day",
        UnservedReason.NO_TRUCK_MAY_CARRY: "no truck may carry its goods",
    }
)
"""Each reason code's meaning, as the ``routes`` table and report say it."""


def reason_words(reason: UnservedReason) -> str:
    """The reason as a person reads it, its code after (the code ``unserved.csv`` has).

    >>> reason_words(UnservedReason.TOO_LARGE)
    "more than its trucks' trips can carry in a day (too_large)"
    """
    return f"{REASON_WORDS[reason]} ({reason})"

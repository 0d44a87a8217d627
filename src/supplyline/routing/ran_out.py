"""What ran out when a load found no truck though its trucks could carry it alone.

A load left out as ``not_enough_trucks`` fits the trucks that reach its unit, counted as
if they served it alone (:class:`~supplyline.routing.loads.LoadBound`). A tester's
0.018 t of medical stores read "the 1 truck of depot nl-fwd … can make at most 2 trips a
day, 222 loads with nl-trucks 111 a trip": room for 222 loads, and yet none went. What
had run out was the truck's hours, spent on four trips to another unit. This says, from
the day's routes, which of the trucks' limits left no room: their drivers' hours, the
day (the unit's receiving window, or back by 24 h, after their other trips), or
neither (the search left it out while a truck had room). When trucks make one trip a
day (``--single-trip``), a truck that made its trip has no room, whatever hours it has
left: a tester read "the route search found no room for it, though … mer-vardo#1 had
7.9 h left" of a truck that had made its one trip.

A truck's hours left are counted as it could spend them on the unit: after its other
trips it waits at the unit for its receiving window to open, and that wait is on its
drivers' hours. A tester read "T3 had 2.4 h left" of a truck that would have waited 3 h
for the window, so could not use them there; such a truck is said with the wait, and a
truck that cannot be there before the window closes is said with the window's end, never
as room.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from supplyline.domain import FleetGroup
from supplyline.domain.routes import TruckRoute
from supplyline.types import LocationId

__all__ = ["Way", "ran_out_words"]

_EPS_H = 1e-6
_NAMED = 4
"""Trucks a reason names; the rest it counts."""


@dataclass(frozen=True, slots=True)
class Way:
    """How a truck type that can carry a request's loads gets to its unit and back."""

    group: FleetGroup
    out_h: float
    """Hours from its depot to the unit's place."""
    trip_h: float
    """The round trip, with the stop."""


def _trips(route: TruckRoute) -> str:
    """``4 trips: nl-log-1 ×4``, ``2 trips: U1 ×1, U2 ×1`` (units by trips, most first)."""
    by_unit = Counter(unit for unit, _ in {(s.unit, s.trip) for s in route.stops})
    units = ", ".join(f"{u} ×{n}" for u, n in sorted(by_unit.items(), key=lambda x: (-x[1], x[0])))
    n = route.trips
    return f"{n} trip{'' if n == 1 else 's'}: {units}"


def ran_out_words(
    ways: Sequence[Way],
    location: LocationId,
    window: tuple[float, float],
    routes: Sequence[TruckRoute],
    *,
    multi_trip: bool,
) -> str:
    """What left no room for a load on the trucks of ``ways``, from the day's ``routes``.

    ``''`` where nothing can be said: a truck that can carry it stood idle. Without
    ``multi_trip`` (one trip a truck a day), every such truck made its one trip, said
    with the trucks. Else the
    hours (no truck has the round trip left of its drivers' hours), the day (those with
    hours could not reach ``location`` inside its receiving ``window`` and be back by 24
    h after their other trips), or the search (a truck had room, named with it).

    >>> g = FleetGroup(id="t", depot="D", partner="A", vehicle_type="t", count=1,
    ...                payload_t=2.0, speed_kmh=50.0, max_route_hours=9.0)
    >>> ran_out_words([Way(g, 1.5, 3.5)], "L", (0.0, 24.0), [], multi_trip=True)
    ''
    """
    said_hours: list[str] = []
    said_day: list[str] = []
    room: list[str] = []
    open_h, close_h = window
    if not multi_trip:
        return _one_trip_each(ways, routes)
    for way in ways:
        g = way.group
        mine = [r for r in routes if r.fleet_group == g.id]
        if len(mine) < g.count:
            return ""  # a truck that can carry it stood idle: no limit of theirs ran out
        for r in sorted(mine, key=lambda r: r.truck):
            said = _after_its_trips(r, way, location, window)
            if said.kind is _Limit.HOURS:
                said_hours.append(said.words)
            elif said.kind is _Limit.DAY:
                said_day.append(said.words)
            else:
                room.append(said.words)
    trip = min(ways, key=lambda w: w.trip_h)
    if room:
        return (
            f"the route search found no room for it, though a round trip to {location} "
            f"takes {trip.trip_h:.1f} h and {_listed(room)}"
        )
    if said_hours and not said_day:
        return (
            f"the drivers' hours of the trucks that can carry one ran out: "
            f"{_listed(said_hours)}, and a round trip to {location} takes {trip.trip_h:.1f} h"
        )
    return (
        f"after their other trips the trucks that can carry one cannot reach {location} "
        f"within its receiving window {open_h:g}-{close_h:g} h and be back by 24 h "
        f"within their drivers' hours, a wait for the window counted "
        f"(a round trip takes {trip.trip_h:.1f} h): {_listed(said_day + said_hours)}"
    )


class _Limit(StrEnum):
    """What a truck's other trips left it for one more trip to the unit."""

    HOURS = "hours"
    """Not the round trip itself, waiting aside."""
    DAY = "day"
    """The round trip, but not inside the window (with its wait) and back by 24 h."""
    ROOM = "room"
    """Room for it: the search left it out."""


@dataclass(frozen=True, slots=True)
class _Said:
    kind: _Limit
    words: str


def _after_its_trips(
    r: TruckRoute, way: Way, location: LocationId, window: tuple[float, float]
) -> _Said:
    """What ``r``'s truck can still do for the unit at ``location``, after its other trips.

    It leaves its depot when back from them, is at the unit ``way.out_h`` later, waits
    there for the ``window`` to open (the wait is on its drivers' hours, as the router
    counts it), and must start before the window closes and be back by 24 h.

    >>> g = FleetGroup(id="t", depot="D", partner="A", vehicle_type="t", count=1,
    ...                payload_t=2.0, speed_kmh=50.0, max_route_hours=9.0)
    >>> r = TruckRoute(truck="t#1", fleet_group="t", vehicle_type="t", depot="D",
    ...                start_h=0.0, end_h=3.0, distance_km=10.0, cost=1.0, payload_t=2.0,
    ...                stops=())
    >>> said = _after_its_trips(r, Way(g, 1.5, 3.5), "L", (8.0, 10.0))
    >>> print(said.kind, said.words.split(", but ")[1].split(":")[0])
    day at L by 4.5 h it waits 3.5 h for its window to open at 8 h
    """
    g = way.group
    open_h, close_h = window
    left_h = g.max_route_hours - r.duration_h
    there = r.end_h + way.out_h
    wait_h = max(open_h - there, 0.0)
    need_h = wait_h + way.trip_h
    back = there + need_h - way.out_h
    trips = _trips(r)
    if left_h + _EPS_H < way.trip_h:
        return _Said(
            _Limit.HOURS,
            f"{r.truck} drove {r.duration_h:.1f} of its {g.max_route_hours:g} h ({trips})",
        )
    if there > close_h + _EPS_H:
        return _Said(
            _Limit.DAY,
            f"{r.truck} back at {r.end_h:.1f} h, at {location} by {there:.1f} h at the "
            f"earliest, after its window closes at {close_h:g} h ({trips})",
        )
    if left_h + _EPS_H < need_h:
        return _Said(
            _Limit.DAY,
            f"{r.truck} back at {r.end_h:.1f} h with {left_h:.1f} of its "
            f"{g.max_route_hours:g} h left, but at {location} by {there:.1f} h it waits "
            f"{wait_h:.1f} h for its window to open at {open_h:g} h: {need_h:.1f} h with the "
            f"round trip ({trips})",
        )
    if back > 24 + _EPS_H:
        return _Said(
            _Limit.DAY,
            f"{r.truck} back at {r.end_h:.1f} h, and back from {location} at {back:.1f} h "
            f"({trips})",
        )
    waits = f", waiting {wait_h:.1f} h for its window" if wait_h > _EPS_H else ""
    return _Said(
        _Limit.ROOM,
        f"{r.truck} had {left_h:.1f} h left, time to be at {location} by "
        f"{there + wait_h:.1f} h{waits} (window {open_h:g}-{close_h:g} h) and back at "
        f"{back:.1f} h ({trips})",
    )


def _one_trip_each(ways: Sequence[Way], routes: Sequence[TruckRoute]) -> str:
    """Each truck of ``ways`` made its one trip of the day; ``''`` if one stood idle."""
    made: list[TruckRoute] = []
    for way in ways:
        mine = [r for r in routes if r.fleet_group == way.group.id]
        if len(mine) < way.group.count:
            return ""  # a truck that can carry it stood idle: no limit of theirs ran out
        made += sorted(mine, key=lambda r: r.truck)
    # only the trucks named are said with their trips: every truck's, for each of 860
    # loads left out of a day of 1,000 (ten trucks of 13 stops), took 0.97 s, profiled
    said = [f"{r.truck} ({_trips(r)})" for r in made[:_NAMED]]
    return (
        f"each truck that can carry one made its one trip of the day (--single-trip): "
        f"{_listed(said, len(made))}"
    )


def _listed(said: Sequence[str], of: int | None = None) -> str:
    """The first :data:`_NAMED` of ``of`` (default: all said), and how many more."""
    n = len(said) if of is None else of
    more = f" and {n - _NAMED} more" if n > _NAMED else ""
    return "; ".join(said[:_NAMED]) + more

"""A truck's trips moved into the other trucks' days, where that saves its fixed cost.

PyVRP's search moves one stop at a time, and opens a trip for a stop only when moving it
from elsewhere in the routes, never as a reload just before the stop that follows it
(:mod:`.new_trips`). So a truck sent out for one load in a window (the other trucks'
days full of trips without windows) stays out: its load fits another truck's day only as
a trip of its own between two of its trips. A tester's 69 loads of 1 t 10 km away, each
a trip, and one of 0.01 t in a 6-7 h window, on trucks that make 36 such trips a day,
took three trucks (1,800) where two served it all (1,700); 101 loads at the fleet's
largest costs took four where three did (6.14e9 where 5.14e9).

Here the trucks with the fewest loads, :data:`_TRIED` of them, are each tried in turn:
each of its trips goes, as it is, where it costs least as a trip of its own before,
between or after another reloading truck's trips (PyVRP's timing keeping every limit:
:meth:`pyvrp.Route.is_feasible`). Where all its trips find a place and the routes cost
less without it, the truck stays at its depot.
"""

from __future__ import annotations

from collections.abc import Sequence

from pyvrp import Activity, ProblemData, Route, Solution

from supplyline.routing.new_trips import with_trip

__all__ = ["with_fewer_trucks"]

_TRIED = 3
"""Trucks tried for emptying per call: the fewest loads first (a full day never empties,
and each trial times every place of every other truck)."""

_Stops = list[Activity]


def with_fewer_trucks(data: ProblemData, solution: Solution) -> Solution | None:
    """The routes with one truck's trips moved to the others' days, or None where none gains."""
    routes = [
        (r.vehicle_type(), [Activity(a.type, a.idx) for a in r.schedule()[1:-1]])
        for r in solution.routes()
    ]
    order = sorted(range(len(routes)), key=lambda k: sum(a.is_client() for a in routes[k][1]))
    for k in order[:_TRIED]:
        rest = _emptied(data, routes, k)
        if rest is not None:
            return Solution(data, [Route(data, acts, vehicle) for vehicle, acts in rest])
    return None


def _emptied(
    data: ProblemData, routes: Sequence[tuple[int, _Stops]], k: int
) -> list[tuple[int, _Stops]] | None:
    """The routes but ``k``, its trips in the others, if that costs less; else None."""
    trial = list(routes)
    added = 0
    for trip in _trips(routes[k][1]):
        best: tuple[int, int, _Stops] | None = None
        for j, (vehicle, acts) in enumerate(trial):
            depots = data.vehicle_type(vehicle).reload_depots
            if j == k or not depots:
                continue
            now = _cost(data, vehicle, acts)
            for stops in with_trip(acts, trip, depots[0]):
                route = Route(data, stops, vehicle)
                if route.is_feasible():
                    more = _cost(data, vehicle, stops) - now
                    if best is None or more < best[0]:
                        best = (more, j, stops)
        if best is None:
            return None
        added += best[0]
        trial[best[1]] = (trial[best[1]][0], best[2])
    if added >= _cost(data, *routes[k]):
        return None
    return [r for j, r in enumerate(trial) if j != k]


def _cost(data: ProblemData, vehicle: int, acts: Sequence[Activity]) -> int:
    """A route's fixed and distance cost (its truck's fixed cost: it is used)."""
    return int(Route(data, list(acts), vehicle).distance_cost()) + int(
        data.vehicle_type(vehicle).fixed_cost
    )


def _trips(acts: Sequence[Activity]) -> list[_Stops]:
    """A route's stops split into its trips at its reloads."""
    out: list[_Stops] = [[]]
    for a in acts:
        if a.is_depot():
            out.append([])
        else:
            out[-1].append(a)
    return [t for t in out if t]

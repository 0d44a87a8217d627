"""Loads the search left out, each tried as a trip of its own before, between or after a truck's.

PyVRP's search puts a load it left out only into a trip as the trip is
(``InsertOptionalClient``), and opens a new trip for a load only when moving it from
somewhere else in the routes (``RelocateWithDepot``, which never puts a reload just before
the stop that follows it). So a load that fits a truck's day only as a trip of its own,
in front of or between its other trips, is never tried where it fits: one 5 t truck
whose search took U2's 3.6 t at 3-5 h left U1's 1.6 t, which a second trip at 6 h would
have carried; it tried U1 on U2's trip, over the payload, and never after a reload.

Here every load left out, the highest prize first, is tried as a trip of its own at each
place between a reloading truck's trips (its depot before and after), as the route is
and with one of its loads of a lower prize taken off (PyVRP's ``ReplaceOptionalClient``
swaps two loads in place only: a random day's truck kept a 2.7 t trip that left it no
hours for a 5.4 t load due at 9 h, which fitted as a trip of its own without it). It
goes where the routes gain most, a prize more for the km, of the places PyVRP times as
keeping every limit (:meth:`pyvrp.Route.is_feasible`: payload, windows, hours, the day);
a load taken off is tried again after the others. The search then goes on from the
routes with them (:func:`~supplyline.routing.solver.solve_vrp`), as long as it finds
more to add. Measured on 1,000 random days of at most six loads and three trucks against
a brute force (``tests/routing/test_router_vs_brute_force.py``'s days, seeds 0-999), the
whole day's routing: 6 days short of its tonnes and none dearer at them without a load
taken off, 3 short and 1 dearer (by 10 %) with.
"""

from __future__ import annotations

from collections.abc import Sequence

from pyvrp import Activity, ActivityType, ProblemData, Route, Solution

__all__ = ["with_new_trips", "with_trip"]


def with_new_trips(data: ProblemData, solution: Solution) -> Solution | None:
    """The routes with loads left out added as trips of their own, or None where none fits.

    Only where the routes gain: a load's prize is more than the prize of the load it
    takes off and the km it adds.
    """
    routes: list[tuple[int, list[Activity]]] = [
        (r.vehicle_type(), [Activity(a.type, a.idx) for a in r.schedule()[1:-1]])
        for r in solution.routes()
    ]
    left = [a.idx for a in solution.unplanned() if a.is_client()]
    left.sort(key=lambda c: (-data.client(c).prize, c))
    added = False
    while left:
        client = left.pop(0)
        best = _best_place(data, routes, client)
        if best is not None:
            _, k, trial, out = best
            routes[k] = (routes[k][0], trial)
            added = True
            if out is not None:  # a lower prize, tried again elsewhere after the others
                left.append(out)
    if not added:
        return None
    return Solution(data, [Route(data, acts, vehicle) for vehicle, acts in routes])


_Place = tuple[int, int, list[Activity], int | None]
"""What a place costs (the prize taken off and the km added), the route's index, the
route's stops with the load there, and the load taken off (None: none)."""


def _best_place(
    data: ProblemData, routes: Sequence[tuple[int, list[Activity]]], client: int
) -> _Place | None:
    """Where ``client`` goes as a trip of its own at least cost below its prize, if anywhere."""
    prize = data.client(client).prize
    best: _Place | None = None
    for k, (vehicle, acts) in enumerate(routes):
        depots = data.vehicle_type(vehicle).reload_depots
        if not depots:
            continue
        now = Route(data, acts, vehicle).distance_cost()
        bases: list[tuple[int, list[Activity], int | None]] = [(0, acts, None)]
        bases += [
            (data.client(a.idx).prize, _without(acts, i), a.idx)
            for i, a in enumerate(acts)
            if a.is_client() and data.client(a.idx).prize < prize
        ]
        for lost, base, out in bases:
            for trial in with_trip(base, [Activity(ActivityType.CLIENT, client)], depots[0]):
                route = Route(data, trial, vehicle)
                if route.is_feasible():
                    cost = lost + route.distance_cost() - now
                    if cost < prize and (best is None or cost < best[0]):
                        best = (cost, k, trial, out)
    return best


def _without(acts: Sequence[Activity], i: int) -> list[Activity]:
    """``acts`` without its ``i``-th stop, and without the reload its trip leaves empty."""
    out = [*acts[:i], *acts[i + 1 :]]
    kept = [a for j, a in enumerate(out) if not (a.is_depot() and j and out[j - 1].is_depot())]
    while kept and kept[0].is_depot():
        kept.pop(0)
    while kept and kept[-1].is_depot():
        kept.pop()
    return kept


def with_trip(
    acts: Sequence[Activity], trip: Sequence[Activity], depot: int
) -> list[list[Activity]]:
    """``acts`` (a route's stops, reloads in the middle) with ``trip`` as a trip of its own.

    One list for each place between trips: before the first, after each reload, after
    the last (:mod:`.fewer_trucks` moves a whole trip so).
    """
    if not acts:
        return [list(trip)]
    reload = Activity(ActivityType.DEPOT, depot)
    out = [[*trip, reload, *acts]]
    out += [
        [*acts[: i + 1], *trip, reload, *acts[i + 1 :]] for i, a in enumerate(acts) if a.is_depot()
    ]
    out.append([*acts, reload, *trip])
    return out

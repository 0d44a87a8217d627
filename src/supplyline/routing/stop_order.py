"""A unit's loads on one trip brought together, so that they are one stop served once.

The model times a stop's service on the arcs out of it to another unit
(:func:`~supplyline.routing.day_model.build_problem`), which is exact when a trip's loads
of one unit follow each other. The search may still return a trip that visits a unit,
another unit, then the first again (a tester's cargo truck at ta-north: wm-inf-1, wm-log,
wm-inf-1, three services where two are needed). Such a trip is reordered here, each
unit's loads where its first one was, and timed again by PyVRP; on a road matrix of
shortest paths that drives no farther and takes no longer, so every window and limit the
search kept still holds. Where it would not (a matrix that is not a metric), the trip
stays as the search left it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from supplyline.routing.problem import VrpProblem, VrpRoute, VrpSolution
from supplyline.routing.solver import reschedule

__all__ = ["group_stops", "grouped"]


def grouped(visits: Sequence[int], unit_of: Sequence[str], num_depots: int) -> tuple[int, ...]:
    """``visits`` with each trip's loads of one unit together, where its first one was.

    Depot nodes (reloads) stay where they are and split the trips; ``unit_of`` gives the
    unit of each client node (indexed by node less ``num_depots``).

    >>> grouped([2, 3, 4, 0, 5], ["a", "b", "a", "c"], 2)
    (2, 4, 3, 0, 5)
    """
    out: list[int] = []
    trip: dict[str, list[int]] = {}

    def close() -> None:
        for nodes in trip.values():
            out.extend(nodes)
        trip.clear()

    for node in visits:
        if node < num_depots:
            close()
            out.append(node)
        else:
            trip.setdefault(unit_of[node - num_depots], []).append(node)
    close()
    return tuple(out)


def _distance(problem: VrpProblem, vehicle: int, visits: Sequence[int]) -> int:
    """The route's distance in the model's units, from its depot and back."""
    spec = problem.vehicles[vehicle]
    mat = problem.distance[spec.profile]
    path = [spec.depot, *visits, spec.depot]
    return sum(int(mat[a, b]) for a, b in pairwise(path))


def group_stops(problem: VrpProblem, solution: VrpSolution, unit_of: Sequence[str]) -> VrpSolution:
    """The solution with every trip's loads of one unit together, timed again.

    A route is changed only where its order changes, PyVRP times the new order within
    every limit, and it drives no farther; the solution's distance and cost follow.
    """
    d = problem.num_depots
    routes: list[VrpRoute] = []
    distance, cost = solution.distance, solution.cost
    for route in solution.routes:
        order = grouped(route.visits, unit_of, d)
        if order == route.visits:
            routes.append(route)
            continue
        (timed,) = reschedule(problem, [(route.vehicle, order)])
        new_km = _distance(problem, route.vehicle, order)
        if timed is None or new_km > _distance(problem, route.vehicle, route.visits):
            routes.append(route)
            continue
        saved = route.distance - timed.distance
        distance -= saved
        cost -= saved * problem.vehicles[route.vehicle].unit_distance_cost
        routes.append(timed)
    return replace(solution, routes=tuple(routes), distance=distance, cost=cost)

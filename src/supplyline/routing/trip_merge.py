"""A unit's loads a full road cut, put back on one trip where the truck has room.

The search plans trips for the loads as they were; a full road then cuts some of them
(:meth:`~supplyline.routing.road_load.RoadBudget.fit`), and the trips stay as planned: a
tester's 4 t truck took a unit's 5 t in loads of 4 t and 1 t on two trips, the road to it
(3 t/day) cut the 4 t to 2 t, and the truck drove two trips of 2 t and 1 t where one of
3 t would do. Here a later trip's load for a unit goes into the earlier trip that already
stops there, where the truck's load leaves room (every dimension: weight, volume, cargo
class); a trip left empty is gone. The caller keeps the merge only if the roads still
hold and PyVRP times the route (:func:`~supplyline.routing.solver.reschedule`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from supplyline.routing.problem import IntArray

__all__ = ["merged_trips"]


def merged_trips(
    visits: Sequence[int],
    d: int,
    unit: Sequence[str],
    demand: IntArray,
    capacity: Sequence[int],
) -> list[int]:
    """The route's visits with each unit's later loads on its earliest trip that has room.

    ``visits`` are client nodes with a depot node between trips (a reload); ``unit`` the
    unit of each node (depots first), ``demand`` each node's load ``[node, dimension]``,
    ``capacity`` the truck's. A moved load goes right after the unit's stop on the earlier
    trip, so that the stop is served once.

    >>> demand = np.array([[0], [2000], [1000], [3000]])
    >>> merged_trips([1, 0, 2], 1, ["D", "u", "u", "v"], demand, [4000])
    [1, 2]
    >>> merged_trips([1, 0, 3], 1, ["D", "u", "u", "v"], demand, [4000])
    [1, 0, 3]
    """
    trips: list[list[int]] = [[]]
    reload = next((n for n in visits if n < d), 0)
    for n in visits:
        if n < d:
            trips.append([])
        else:
            trips[-1].append(n)
    cap = np.asarray(capacity, dtype=np.int64)
    for i, trip in enumerate(trips):
        load = demand[trip].sum(axis=0) if trip else np.zeros(len(cap), dtype=np.int64)
        for later in trips[i + 1 :]:
            for n in list(later):
                stops = [k for k, m in enumerate(trip) if unit[m] == unit[n]]
                if stops and bool(np.all(load + demand[n] <= cap)):
                    trip.insert(stops[-1] + 1, n)
                    later.remove(n)
                    load = load + demand[n]
    out: list[int] = []
    for trip in (t for t in trips if t):
        out += [reload, *trip] if out else trip
    return out

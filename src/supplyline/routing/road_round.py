"""How far a load's truck drives to bring it round a full road: which load a full road cuts.

When the day's routes would overfill a road, a load comes off it
(:meth:`~supplyline.routing.road_load.RoadBudget.fit`), and what comes off is sent another
way afterwards (:mod:`~supplyline.routing.road_repair`). Of the loads equally urgent that
each end the excess, the one cut was the smallest, then the first by route and node,
whatever its way round cost: a tester's road D–H of 2 t a day carried U1's and U2's
1.5 t each, U1 (no way round but over S2, 70 km) lost 1 t that went 70 km round while
U2's own bypass was 50 km (150 km for the day where 130 km served the same tonnes). A load
with no way round at all lost its tonnes beside one that had one.

So the cut goes to the load whose place its truck's depot reaches without the full roads
in the fewest km there and back (the way back, empty, on any road), none last.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

import numpy as np

from supplyline.domain import Scenario
from supplyline.routing.roads import RoadWay, road_matrix
from supplyline.types import LocationId

__all__ = ["round_trip_km"]


def round_trip_km(
    scenario: Scenario,
    day: int,
    without: AbstractSet[RoadWay],
    trips: Sequence[tuple[LocationId, LocationId]],
) -> list[float]:
    """Per (depot, place), the km there without the roads ``without`` and back on any road.

    Infinity where no open road leads there round them.
    """
    if not trips:
        return []
    ids = list(dict.fromkeys(x for trip in trips for x in trip))
    round_ = road_matrix(scenario, ids, day=day, without=without)
    every = road_matrix(scenario, ids, day=day)
    out = []
    for depot, place in trips:
        i, j = round_.index(depot), round_.index(place)
        there, back = float(round_.km[i, j]), float(every.km[j, i])
        out.append(there + back if np.isfinite(there) and np.isfinite(back) else math.inf)
    return out

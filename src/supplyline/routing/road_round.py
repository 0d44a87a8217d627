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
from supplyline.routing.roads import RoadMatrix, RoadWay, road_matrix
from supplyline.types import LocationId

__all__ = ["WaysRound"]


class WaysRound:
    """The km of each trip round the full roads, for the places of one cut of the routes.

    Each set of full roads is measured once (a day's cut takes many loads off one road),
    over the places given, and only once a road is full: a day whose roads keep their
    capacity measures nothing.
    """

    def __init__(self, scenario: Scenario, day: int, ids: Sequence[LocationId]) -> None:
        self._scenario = scenario
        self._day = day
        self._ids = list(dict.fromkeys(ids))
        self._round: dict[frozenset[RoadWay], RoadMatrix] = {}

    def km(
        self, without: AbstractSet[RoadWay], trips: Sequence[tuple[LocationId, LocationId]]
    ) -> list[float]:
        """Per (depot, place), the km there without the roads ``without`` and back on any road.

        Infinity where no open road leads there round them.
        """
        for key in (frozenset(without), frozenset()):  # the way back: every open road
            if key not in self._round:
                self._round[key] = road_matrix(
                    self._scenario, self._ids, day=self._day, without=key
                )
        round_, every = self._round[frozenset(without)], self._round[frozenset()]
        out = []
        for depot, place in trips:
            i, j = round_.index(depot), round_.index(place)
            there, back = float(round_.km[i, j]), float(every.km[j, i])
            out.append(there + back if np.isfinite(there) and np.isfinite(back) else math.inf)
        return out

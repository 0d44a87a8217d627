"""The plan's and ``stocks.csv``'s tonnes into and out of each depot with trucks, by day.

Arrays of days × (depot, commodity), built once for a walk of the depots' stock
(:class:`~supplyline.routing.depot_ledger.DepotLedger`). The walk used to rebuild these
flows from every movement of the plan twice a day, for each day it was asked (bilateral's
35 days: 70 builds, 0.49 s of a plan's reach check), and step its stock through them a
dictionary entry at a time; now each day is a few array operations over all the depots'
commodities at once.

Each day's entries keep the order in which the tonnes were first booked, because the
stock a day shows lists its depots' commodities in the order they first moved
(:attr:`DepotFlows.flow_order`, :attr:`DepotFlows.after_order`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from supplyline.domain import Mode, Movement, Plan, Scenario
from supplyline.routing.road_ends import RoadEnds
from supplyline.routing.site_stock import store_room
from supplyline.types import CommodityId, LocationId

__all__ = ["DepotFlows", "DepotKey", "FloatArray", "Taken"]

FloatArray = npt.NDArray[np.float64]
DepotKey = tuple[LocationId, CommodityId]

Taken = Mapping[tuple[int, LocationId, CommodityId], float]
"""Tonnes earlier days' trucks loaded at a depot beyond the plan's own legs, by day."""

_Booked = dict[tuple[int, LocationId, CommodityId], float]


class DepotFlows:
    """What comes into and leaves each depot's commodity (a column) on days 0 to ``last``.

    ``flow[k]``: what comes in (or goes, negative) on day ``k``, usable that day;
    ``after[k]``: what leaves at the end of day ``k`` (road legs whose goods end then: the
    day's trucks carry them, :class:`~supplyline.routing.road_ends.RoadEnds`; the units'
    deliveries there, and what :meth:`take` adds); ``road[k]``: the tonnes of road legs out
    that left by night ``k`` and end after it (``road[last]`` is 0). ``room``: what each
    column's depot keeps overnight (:func:`~supplyline.routing.site_stock.store_room`).
    """

    def __init__(self, scenario: Scenario, plan: Plan, last: int) -> None:
        if last < 0:
            raise ValueError(f"last(={last}) must be a day >= 0")
        self.depots = frozenset(g.depot for g in scenario.fleet if g.count > 0)
        flow, after, road = _booked(scenario, plan, last, self.depots)
        self.keys: list[DepotKey] = []
        self.column: dict[DepotKey, int] = {}
        names = [c.id for c in scenario.commodities]
        every = [(d, c) for d in sorted(self.depots) for c in names]
        for d, c in [*every, *((d, c) for _, d, c in [*flow, *after, *road])]:
            if (d, c) not in self.column:
                self.column[(d, c)] = len(self.keys)
                self.keys.append((d, c))
        shape = (last + 1, len(self.keys))
        self.last = last
        self.flow: FloatArray = np.zeros(shape)
        self.after: FloatArray = np.zeros(shape)
        self.road: FloatArray = np.zeros(shape)
        self.flow_order: list[list[int]] = [[] for _ in range(last + 1)]
        self.after_order: list[list[int]] = [[] for _ in range(last + 1)]
        self.touched = np.zeros(len(self.keys), dtype=bool)  # any entry on a day <= last
        for booked, into, order in (
            (flow, self.flow, self.flow_order),
            (after, self.after, self.after_order),
        ):
            for (k, d, c), t in booked.items():
                col = self.column[(d, c)]
                into[k, col] = t
                order[k].append(col)
                self.touched[col] = True
        for (k, d, c), t in road.items():
            self.road[k, self.column[(d, c)]] = t
        room = store_room(scenario)
        self.room: FloatArray = np.array([room.get(d, math.inf) for d, _ in self.keys])

    def take(self, taken: Taken) -> None:
        """What trucks loaded beyond the plan's legs leaves at the end of its day.

        Days after ``last`` are never walked, so their tonnes are left out.
        """
        for (k, d, c), t in taken.items():
            if k > self.last:
                continue
            col = self.column[(d, c)]  # a depot's commodity the trucks loaded
            if col not in self.after_order[k]:
                self.after_order[k].append(col)
            self.after[k, col] += t
            self.touched[col] = True


def _booked(
    scenario: Scenario, plan: Plan, last: int, depots: frozenset[LocationId]
) -> tuple[_Booked, _Booked, _Booked]:
    """The flows in, out at a day's end and on the road, by day, in the order booked.

    Each day's tonnes of a depot's commodity add up in the order of ``stocks.csv`` and
    the plan (the sums of the day by day walk, to the last bit); entries after ``last``
    are never walked.
    """
    flow: _Booked = defaultdict(float)
    after: _Booked = defaultdict(float)
    road: _Booked = defaultdict(float)
    for st in scenario.stocks:
        if st.location in depots:
            flow[(0, st.location, st.commodity)] += st.initial_t
            for k in range(last + 1):
                flow[(k, st.location, st.commodity)] += st.replenishment_t_per_day
    dwell = {loc.id: loc.dwell_days for loc in scenario.locations}
    ends = RoadEnds(scenario, plan)
    for m in plan.movements:
        if m.commodity.startswith("deploy:") or m.tonnes <= 0:
            continue
        if m.destination in depots:
            usable = max(0, m.arrival_day + dwell.get(m.destination, 0))
            flow[(usable, m.destination, m.commodity)] += m.tonnes
        if m.origin not in depots:
            continue
        if m.mode is Mode.ROAD:
            _book_road_out(m, ends, last, after, road)
        else:
            flow[(max(0, m.departure_day), m.origin, m.commodity)] -= m.tonnes
    for d in plan.deliveries:
        if d.location in depots:
            after[(max(0, d.day), d.location, d.commodity)] += d.tonnes
    return (
        {x: t for x, t in flow.items() if x[0] <= last},
        {x: t for x, t in after.items() if x[0] <= last},
        dict(road),
    )


def _book_road_out(m: Movement, ends: RoadEnds, last: int, after: _Booked, road: _Booked) -> None:
    """A depot's road leg out: gone at the end of each day its goods end, on the road till then.

    The day its goods end is the day the trucks carry them (:class:`~supplyline.routing.
    road_ends.RoadEnds`): its own arrival, or through a hub the last leg's.
    """
    for (_, end), share in ends.of(m).items():
        after[(max(0, end), m.origin, m.commodity)] += m.tonnes * share
        for night in range(max(0, m.departure_day), min(end, last)):
            road[(night, m.origin, m.commodity)] += m.tonnes * share

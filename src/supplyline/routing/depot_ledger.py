"""What each depot with trucks holds by the movement plan, day by day, and what it spares.

From C+0: ``stocks.csv`` initial stock and each day's replenishment, plus what the plan
brings in (usable after the place's dwell), less what it sends on by road on legs that
arrive before the day (the routes drive a road leg's goods on the day it arrives, so the
legs arriving that day are what the trucks carry), what it sends on by other modes up to
the day, what units take there before the day, and the on-site draws of the day; less
what earlier days' trucks loaded there beyond the plan's own legs
(:mod:`~supplyline.routing.depot_days`). Overnight a depot keeps at most its store's room
(``storage_t``, or what it has on hand if more:
:func:`~supplyline.routing.site_stock.store_room`), each commodity on its own.

What a depot *spares* on a day (:func:`plan_spare_stock`) is what its trucks may load
for goods the plan does not bring from it without leaving its own later legs short.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from supplyline.domain import Mode, Plan, Scenario
from supplyline.domain.routes import DrawnOnSite
from supplyline.routing.depot_stock import StockBook
from supplyline.routing.site_stock import store_room
from supplyline.types import CommodityId, LocationId

__all__ = ["Taken", "plan_depot_stock", "plan_spare_stock"]

Taken = Mapping[tuple[int, LocationId, CommodityId], float]
"""Tonnes earlier days' trucks loaded at a depot beyond the plan's own legs, by day."""


def plan_depot_stock(
    scenario: Scenario,
    plan: Plan,
    day: int,
    on_site: Sequence[DrawnOnSite] = (),
    taken: Taken | None = None,
) -> StockBook:
    """The most each depot with trucks holds for them on ``day`` of the movement plan.

    Day by day from C+0: ``stocks.csv`` initial stock and each day's replenishment, plus
    the plan's arrivals usable that day (arrival day + the place's ``dwell_days``), less its
    road legs out on the day they arrive (a road leg is driven on the day it arrives: the
    bilateral plan's legs leaving ``os-forward`` on C+4 are the trucks' loads of C+5) and
    its other legs out on the day they depart, less its deliveries there and, on ``day``,
    the ``on_site`` draws there. Overnight a depot keeps at most its store's room
    (:func:`~supplyline.routing.site_stock.store_room`), beside what its road legs still
    on their way take out later (the plan counts those on the road, not in the store): a
    tester's depot of ``storage_t`` 0 getting 5 t of food a day held 20 t by C+3, and the
    trucks loaded 8 t there. ``taken`` is what earlier days' trucks loaded there beyond
    the plan's own legs (:mod:`~supplyline.routing.depot_days`), gone at the end of its day.

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> plan_depot_stock(s, plan_movements(s, demand), 0)
    {}
    """
    depots = {g.depot for g in scenario.fleet if g.count > 0}
    flows = _DepotFlows(scenario, plan, day, depots, taken)
    for where, com, tonnes in ((d.location, c, t) for d in on_site for c, t in d.load_t.items()):
        if where in depots:
            flows.flow[(day, where, com)] -= tonnes
    room = store_room(scenario)
    book: StockBook = defaultdict(float)
    for k in range(day + 1):
        flows.next_day(book, k, room)
        if k < day:
            flows.end_day(book, k)
    return {k: max(0.0, t) for k, t in book.items()}


def plan_spare_stock(
    scenario: Scenario, plan: Plan, day: int, taken: Taken | None = None
) -> StockBook:
    """What each depot may load on ``day`` beyond what the plan's own flows take from it.

    The plan sent its road legs and deliveries out of a depot from the stock it counted
    there; goods the trucks load there on ``day`` for other units (from a railhead
    without trucks, say) are gone for those legs. So a depot spares the least of what it
    holds at the end of each day from ``day`` to the horizon's end, its own flows out
    taken (:func:`plan_depot_stock`'s day by day, less ``taken``), where loading a tonne
    less overnight matters only as far as the store kept it (beyond its room it was lost
    anyway). A tester's depot D of 10 t of food loaded 4 t on C+0 and C+1 for a unit the
    plan fed from a railhead, then the plan's own 4 t on C+2: 12 t of 10; now C+1's
    load is 2 t (2 t ``depot_short``), and C+2's 4 t are there.

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> plan_spare_stock(s, plan_movements(s, demand), 0)
    {}
    """
    last = max(day, scenario.horizon_days - 1)
    depots = {g.depot for g in scenario.fleet if g.count > 0}
    flows = _DepotFlows(scenario, plan, last, depots, taken)
    room = store_room(scenario)
    book: StockBook = defaultdict(float)
    ends: list[tuple[StockBook, StockBook]] = []  # each day's end, and what the night loses
    for k in range(last + 1):
        flows.next_day(book, k, room)
        flows.end_day(book, k)
        if k >= day:
            lost = {
                (d, c): max(0.0, t - flows.on_road(k, d, c) - room.get(d, math.inf))
                for (d, c), t in book.items()
            }
            ends.append((dict(book), lost))
    spare: StockBook = dict(ends[-1][0]) if ends else {}
    for end, lost in reversed(ends[:-1]):
        keys = set(spare) | set(end)
        spare = {x: min(end.get(x, 0.0), lost.get(x, 0.0) + spare.get(x, 0.0)) for x in keys}
    return {k: max(0.0, t) for k, t in spare.items()}


class _DepotFlows:
    """The plan's and ``stocks.csv``'s tonnes into and out of each depot, by day.

    ``flow``: what comes in (or goes, negative) on a day, usable that day; ``after``: what
    leaves at the end of a day (road legs arriving then, the units' deliveries there).
    """

    def __init__(
        self,
        scenario: Scenario,
        plan: Plan,
        day: int,
        depots: set[LocationId],
        taken: Taken | None = None,
    ) -> None:
        self.flow: dict[tuple[int, LocationId, CommodityId], float] = defaultdict(float)
        self.after: dict[tuple[int, LocationId, CommodityId], float] = defaultdict(float)
        self.road: dict[tuple[int, LocationId, CommodityId], float] = defaultdict(float)
        for st in scenario.stocks:
            if st.location in depots:
                self.flow[(0, st.location, st.commodity)] += st.initial_t
                for k in range(day + 1):
                    self.flow[(k, st.location, st.commodity)] += st.replenishment_t_per_day
        dwell = {loc.id: loc.dwell_days for loc in scenario.locations}
        for m in plan.movements:
            if m.commodity.startswith("deploy:") or m.tonnes <= 0:
                continue
            if m.destination in depots:
                usable = max(0, m.arrival_day + dwell.get(m.destination, 0))
                self.flow[(usable, m.destination, m.commodity)] += m.tonnes
            if m.origin not in depots:
                continue
            if m.mode is Mode.ROAD:
                self.after[(max(0, m.arrival_day), m.origin, m.commodity)] += m.tonnes
                for night in range(max(0, m.departure_day), min(m.arrival_day, day)):
                    self.road[(night, m.origin, m.commodity)] += m.tonnes
            else:
                self.flow[(max(0, m.departure_day), m.origin, m.commodity)] -= m.tonnes
        for d in plan.deliveries:
            if d.location in depots:
                self.after[(max(0, d.day), d.location, d.commodity)] += d.tonnes
        self._take(taken or {})

    def _take(self, taken: Taken) -> None:
        """What earlier days' trucks loaded beyond the plan's legs leaves at their day's end."""
        for key, t in taken.items():
            self.after[key] += t

    def next_day(self, book: StockBook, day: int, room: Mapping[LocationId, float]) -> None:
        """``book`` (in place) from the end of the day before ``day`` to ``day``'s start.

        Overnight the store keeps its room and the road its legs; then what comes in.
        """
        for (d, com), t in book.items():
            road = self.on_road(day - 1, d, com)
            book[(d, com)] = min(t - road, room.get(d, math.inf)) + road
        for (when, d, com), t in self.flow.items():
            if when == day:
                book[(d, com)] += t

    def end_day(self, book: StockBook, day: int) -> None:
        """``book`` (in place) less what leaves at the end of ``day``."""
        for (when, d, com), t in self.after.items():
            if when == day:
                book[(d, com)] -= t

    def on_road(self, night: int, depot: LocationId, com: CommodityId) -> float:
        """Tonnes of the depot's road legs out that left by ``night`` and arrive after it."""
        return self.road.get((night, depot, com), 0.0)

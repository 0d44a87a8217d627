"""What each depot with trucks holds by the movement plan, day by day, and what it spares.

From C+0: ``stocks.csv`` initial stock and each day's replenishment, plus what the plan
brings in (usable after the place's dwell), less what it sends on by road on legs whose
goods end before the day (the routes drive a road leg's goods on the day they reach the
unit's place, through any hub: :mod:`~supplyline.routing.road_ends`; so the legs ending
that day are what the trucks carry), what it sends on by other modes up to
the day, what units take there before the day, and the on-site draws of the day; less
what earlier days' trucks loaded there beyond the plan's own legs
(:mod:`~supplyline.routing.depot_days`). Overnight a depot keeps at most its store's room
(``storage_t``, or what it has on hand if more:
:func:`~supplyline.routing.site_stock.store_room`), each commodity on its own.

What a depot *spares* on a day (:func:`plan_spare_stock`) is what its trucks may load
for goods the plan does not bring from it without leaving its own later legs short.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from supplyline.domain import Plan, Scenario
from supplyline.domain.routes import DrawnOnSite
from supplyline.routing.depot_day_flows import DepotFlows, DepotKey, FloatArray, Taken
from supplyline.routing.depot_stock import StockBook

__all__ = ["DepotLedger", "Taken", "plan_depot_stock", "plan_spare_stock"]


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
    road legs out on the day their goods end (a road leg is driven on the day it arrives:
    the bilateral plan's legs leaving ``os-forward`` on C+4 are the trucks' loads of C+5;
    a chain dep→hub→camp on the day its last leg arrives, :mod:`~supplyline.routing.
    road_ends`) and
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
    ledger = DepotLedger(scenario, plan, day)
    ledger.take(taken or {})
    return ledger.held(day, on_site)


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
    ledger = DepotLedger(scenario, plan, max(day, scenario.horizon_days - 1))
    ledger.take(taken or {})
    return ledger.spare(day)


class DepotLedger:
    """The depots' stock walked day by day from C+0, its flows built once.

    One ledger serves a whole walk (:class:`~supplyline.routing.depot_days.PlanDepotDays`):
    :meth:`held` and :meth:`spare` of a day, then :meth:`take` of what that day's trucks
    loaded beyond the plan's legs, then the next day. Days go forward only: the stock
    carried overnight is kept, not walked again from C+0 (bilateral's 35 days walked
    1,855 days of stock a dictionary entry at a time, now 35 steps of arrays and, for
    the spare stock, the plan's days after each one).
    """

    def __init__(self, scenario: Scenario, plan: Plan, last: int) -> None:
        self._flows = DepotFlows(scenario, plan, last)
        self._day = 0
        self._start: FloatArray = np.zeros(len(self._flows.keys))  # overnight, before flows
        self._seen: dict[int, None] = dict.fromkeys(self._flows.flow_order[0])
        self._ahead: _Ahead | None = None

    @property
    def day(self) -> int:
        """The day the ledger is on."""
        return self._day

    def take(self, taken: Taken) -> None:
        """What trucks loaded beyond the plan's legs: gone at the end of its day.

        A day the ledger has walked past is a bug: its end is already counted.
        """
        if any(k < self._day for k, _, _ in taken):
            raise ValueError(f"the ledger is on day {self._day}; taken: {sorted(taken)}")
        if taken:
            self._ahead = None  # the days ahead were walked without it
        self._flows.take(taken)

    def held(self, day: int, on_site: Sequence[DrawnOnSite] = ()) -> StockBook:
        """What each depot holds on ``day`` (at most; :func:`plan_depot_stock`).

        ``on_site`` draws at a depot are taken off that day only, as the day's stock has it.
        """
        self._walk_to(day)
        flows = self._flows
        income = flows.flow[day].copy()
        held: dict[DepotKey, float] = {flows.keys[col]: 0.0 for col in self._seen}
        drawn: dict[DepotKey, float] = {}  # of a commodity the scenario does not list
        for d in on_site:
            for com, tonnes in d.load_t.items():
                if d.location not in flows.depots:
                    continue
                key = (d.location, com)
                held.setdefault(key, 0.0)
                if key in flows.column:
                    income[flows.column[key]] -= tonnes
                else:
                    drawn[key] = drawn.get(key, 0.0) - tonnes
        book = self._start + income
        for key in held:
            t = float(book[flows.column[key]]) if key in flows.column else drawn[key]
            held[key] = max(0.0, t)
        return held

    def spare(self, day: int) -> StockBook:
        """What each depot may load on ``day`` beyond the plan's own flows.

        As :func:`plan_spare_stock` says it.

        The least it holds at the end of each day from ``day`` to the last, a tonne the
        store would lose overnight costing nothing.
        """
        self._walk_to(day)
        flows = self._flows
        ahead = self._ahead
        if ahead is None or day < ahead.first:
            ahead = self._ahead = self._walk_ahead(day)
        spare = ahead.spare[day - ahead.first]
        cols = np.flatnonzero(flows.touched)
        return {flows.keys[col]: max(0.0, float(spare[col])) for col in cols}

    def _walk_ahead(self, day: int) -> _Ahead:
        """The ends of ``day`` to the last as nothing more were taken, and each day's spare.

        Each day's spare is the least of the ends from it on (:meth:`spare`), worked back
        from the last day: one walk gives every day's, and serves the days after ``day``
        until trucks take something beyond the plan's legs (:meth:`take`). Walked again
        for each day, a 1,000-day plan's spare stock was a walk of 500,000 days.
        """
        flows = self._flows
        book = self._start + flows.flow[day] - flows.after[day]
        ends = [book]
        for k in range(day + 1, flows.last + 1):
            book = self._overnight(book, k - 1) + flows.flow[k] - flows.after[k]
            ends.append(book)
        spare = ends[-1]
        spares = [spare]
        for k in range(flows.last - 1, day - 1, -1):
            end = ends[k - day]
            lost = np.maximum(0.0, end - flows.road[k] - flows.room)
            spare = np.minimum(end, lost + spare)
            spares.append(spare)
        spares.reverse()
        return _Ahead(first=day, spare=spares)

    def _walk_to(self, day: int) -> None:
        """On to the start of ``day``: each day's end, then what the store keeps overnight."""
        flows = self._flows
        if not self._day <= day <= flows.last:
            raise ValueError(f"day(={day}) must be from {self._day} to {flows.last}")
        while self._day < day:
            k = self._day
            end = self._start + flows.flow[k] - flows.after[k]
            self._seen.update(dict.fromkeys(flows.after_order[k]))
            self._start = self._overnight(end, k)
            self._day = k + 1
            self._seen.update(dict.fromkeys(flows.flow_order[k + 1]))

    def _overnight(self, end: FloatArray, night: int) -> FloatArray:
        """What the store keeps of ``end`` overnight (its room), beside the legs on the road."""
        road = self._flows.road[night]
        kept: FloatArray = np.minimum(end - road, self._flows.room) + road
        return kept


@dataclass(frozen=True, slots=True, kw_only=True)
class _Ahead:
    """One walk of the days ahead from ``first``: each day's spare stock, from ``first`` on.

    Good while nothing is taken beyond the plan's legs (:meth:`DepotLedger.take` forgets
    it): the ledger then walks on to a later day by the same sums in the same order as
    this walk did, so its spare of that day is this one to the bit.
    """

    first: int
    spare: list[FloatArray]

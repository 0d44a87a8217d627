"""The reach check's day walk as it was before it read the plan once: the tests' reference.

Before, each day of :class:`~supplyline.routing.depot_days.PlanDepotDays` read the whole
plan (its legs, its deliveries, and an index of its road legs built anew for the day),
and each day's spare stock walked on to the horizon's end: a 1,000-day plan's walk took
35 s. The walk now reads the plan once and carries its state from day to day; these are
the old steps, kept here only so that a test can check the two give the same days, to
the bit and in the same order (``tests/routing/test_reach_walk_same.py``).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from supplyline.domain import Mode, Plan, Scenario
from supplyline.domain.routes import DrawnOnSite
from supplyline.routing.depot_days import PlanDay, PlanDepotDays
from supplyline.routing.depot_ledger import DepotLedger
from supplyline.routing.depot_stock import PLAN_BASIS, DepotStock, StockBook
from supplyline.routing.plan_arrivals import label_arrivals
from supplyline.routing.plan_loads import _road_net, _shares, _with_sources
from supplyline.routing.plan_sources import PlanSources, plan_sources
from supplyline.routing.requests import DeliveryRequest, request_for
from supplyline.routing.scenario_fit import horizon_day
from supplyline.types import CommodityId, UnitId

__all__ = ["OldPlanDepotDays", "old_road_loads", "old_truck_loads"]

_DUST_T = 1e-6


class OldPlanSources(PlanSources):
    """The road legs arriving up to ``day`` indexed in one pass over the whole plan."""

    def __init__(self, scenario: Scenario, plan: Plan, day: int) -> None:
        self._day = day
        self._depots = {g.depot for g in scenario.fleet if g.count > 0}
        self._into = defaultdict(list)
        self._out = defaultdict(float)
        for m in plan.movements:
            if m.mode is not Mode.ROAD or m.tonnes <= 0 or m.commodity.startswith("deploy:"):
                continue
            if m.arrival_day > day:
                continue
            self._into[(m.destination, m.commodity, m.arrival_day)].append(m)
            self._out[(m.origin, m.commodity, m.departure_day)] += m.tonnes
        self._memo = {}


def _old_takes(
    plan: Plan, day: int
) -> tuple[dict[UnitId, dict[CommodityId, float]], dict[tuple[UnitId, CommodityId], float]]:
    later: dict[tuple[UnitId, CommodityId], float] = defaultdict(float)
    today: dict[UnitId, dict[CommodityId, float]] = defaultdict(dict)
    for d in plan.deliveries:
        if d.day > day and d.tonnes > 0:
            later[(d.unit, d.commodity)] += d.tonnes
        if d.day == day and d.tonnes > 0:
            today[d.unit][d.commodity] = today[d.unit].get(d.commodity, 0.0) + d.tonnes
    return today, later


def old_road_loads(
    scenario: Scenario, plan: Plan, day: int
) -> dict[UnitId, dict[CommodityId, float]]:
    """``plan_road_loads`` as it read the whole plan for the day."""
    return dict(_shares(scenario, _road_net(plan.movements, day), *_old_takes(plan, day)))


def old_truck_loads(
    scenario: Scenario, plan: Plan, day: int
) -> tuple[list[DeliveryRequest], list[DrawnOnSite]]:
    """``plan_truck_loads`` as it read the whole plan for the day."""
    day = horizon_day(scenario, day)
    today, later = _old_takes(plan, day)
    net = _road_net(plan.movements, day)
    trucked = _shares(scenario, net, today, later)
    index = OldPlanSources(scenario, plan, day)
    traced = plan_sources(scenario, plan, day, net, index=index)
    depots = {g.depot for g in scenario.fleet if g.count > 0}
    bare = {
        k: {x: t for x, t in by.items() if x not in depots}
        for k, by in plan_sources(scenario, plan, day, net, origins=True, index=index).items()
    }
    requests = [
        _with_sources(request_for(scenario, uid, loads), net, traced, bare)
        for uid, loads in sorted(trucked.items())
    ]
    drawn = []
    for uid in sorted(today):
        mine = trucked.get(uid, {})
        left = {c: t - mine.get(c, 0.0) for c, t in today[uid].items()}
        left = {c: t for c, t in left.items() if t > _DUST_T}
        if left:
            where = scenario.unit(uid).destination
            drawn.append(DrawnOnSite(unit=uid, location=where, load_t=left))
    return requests, label_arrivals(scenario, plan.movements, day, drawn)


def _old_spare(ledger: DepotLedger, day: int) -> StockBook:
    """``DepotLedger.spare`` as it walked from ``day`` to the horizon's end for each day."""
    ledger._walk_to(day)
    flows = ledger._flows
    book = ledger._start + flows.flow[day] - flows.after[day]
    ends = [book]
    for k in range(day + 1, flows.last + 1):
        book = ledger._overnight(book, k - 1) + flows.flow[k] - flows.after[k]
        ends.append(book)
    spare = ends[-1]
    for k in range(flows.last - 1, day - 1, -1):
        end = ends[k - day]
        lost = np.maximum(0.0, end - flows.road[k] - flows.room)
        spare = np.minimum(end, lost + spare)
    cols = np.flatnonzero(flows.touched)
    return {flows.keys[col]: max(0.0, float(spare[col])) for col in cols}


class OldPlanDepotDays(PlanDepotDays):
    """The plan's days walked as before: each day from the whole plan, spares walked anew."""

    def _walk(self, day: int) -> PlanDay:
        ledger = self._ledger
        assert ledger is not None
        requests, drawn = old_truck_loads(self._scenario, self._plan, day)
        stock = DepotStock(
            held_t=ledger.held(day, drawn), spare_t=_old_spare(ledger, day), basis=PLAN_BASIS
        )
        share, taken = self._share(day, requests, stock)
        ledger.take(taken)
        return PlanDay(requests=requests, drawn=drawn, stock=stock, share=share)

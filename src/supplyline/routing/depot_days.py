"""The depots' stock day after day of the movement plan: what earlier days' trucks took.

``routes`` plans each day's convoys from a depot's stock of that day. The plan's own road
legs out of a depot are taken off the next day (:mod:`~supplyline.routing.depot_ledger`),
but goods the trucks loaded there for other units were not: a tester's depot D of 10 t
of food, no more coming, loaded 4 t on C+0 and 4 t on C+1 for a unit the plan fed from a
railhead without trucks, and on C+2 the 4 t the plan's own leg sent from D: 12 t of 10,
no ``depot_short`` on any day, and ``reach`` said every unit was ok.

Here one walk from C+0 shares each day's stock as ``routes`` does
(:func:`~supplyline.routing.depot_share.share_stock`) and takes what a depot gave beyond
the tonnes the plan traces to it (``DeliveryRequest.sources_t``) off its later days; and
a depot gives beyond them only what it spares (:func:`~supplyline.routing.depot_ledger.
plan_spare_stock`: the plan's own legs and deliveries from it, that day or later, keep
their stock). So D loads 4 t on C+0, 2 t on C+1 (2 t ``depot_short``, which ``reach``
flags for that unit), and the plan's 4 t on C+2. ``routes`` routes its day from this
stock and ``reach`` reads each day's share of it: the two agree. Earlier days are taken as
shared, not as routed (a load their search then left out is counted as loaded).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from supplyline.domain import FleetGroup, Plan, Scenario
from supplyline.domain.frozen_map import FrozenMap
from supplyline.domain.routes import DrawnOnSite, UnservedReason
from supplyline.routing.cargo import split_by_cargo
from supplyline.routing.depot_day_flows import Taken
from supplyline.routing.depot_ledger import DepotLedger
from supplyline.routing.depot_share import MIN_LOAD_T, DayShare, share_stock
from supplyline.routing.depot_stock import PLAN_BASIS, Allocation, DepotStock
from supplyline.routing.plan_days import PlanDays
from supplyline.routing.plan_loads import plan_truck_loads
from supplyline.routing.plan_sources import PlanSources
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.roads import RoadMatrix, road_matrix
from supplyline.routing.scenario_fit import horizon_day
from supplyline.types import CommodityId, LocationId, UnitId

__all__ = [
    "PlanDay",
    "PlanDepotDays",
    "day_allocation",
    "day_loads",
    "given_by_depot",
    "plan_day_share",
    "plan_day_stock",
]

_DUST_T = 1e-9


@dataclass(frozen=True, slots=True)
class PlanDay:
    """A day of the plan for the trucks: its loads, on-site draws, stock and its share."""

    requests: list[DeliveryRequest]
    drawn: list[DrawnOnSite]
    stock: DepotStock
    share: DayShare


class PlanDepotDays:
    """The plan's days walked from C+0, each sharing what earlier days' trucks left.

    Asked for a day, it walks on to it (days already walked are kept): ``reach`` asks
    for many days of one plan, ``routes`` for one. The depots' flows are built once, at
    the first day asked, and their stock carried from day to day (:class:`~supplyline.
    routing.depot_ledger.DepotLedger`): rebuilt twice a day and walked from C+0 each
    time, they were half the walk of bilateral's 35 days.
    """

    def __init__(self, scenario: Scenario, plan: Plan) -> None:
        self._scenario = scenario
        self._plan = plan
        self._days: list[PlanDay] = []
        self._ledger: DepotLedger | None = None
        self._by_day: PlanDays | None = None
        self._sources: PlanSources | None = None

    def on(self, day: int) -> PlanDay:
        """The plan's ``day``, with earlier days' truck-loads taken off the depots.

        A ``day`` outside the horizon is an ArgumentError (as ``route_day`` says it).
        """
        day = horizon_day(self._scenario, day)
        if self._ledger is None:
            self._ledger = DepotLedger(self._scenario, self._plan, self._scenario.horizon_days - 1)
            self._by_day = PlanDays(self._plan)
            self._sources = PlanSources(self._scenario, self._plan, 0, days=self._by_day)
        while len(self._days) <= day:
            self._days.append(self._walk(len(self._days)))
        return self._days[day]

    def _walk(self, day: int) -> PlanDay:
        ledger, sources = self._ledger, self._sources
        assert ledger is not None  # for the type checker: on() built it
        assert sources is not None
        sources.advance(day)
        requests, drawn = plan_truck_loads(
            self._scenario, self._plan, day, days=self._by_day, sources=sources
        )
        stock = DepotStock(
            held_t=ledger.held(day, drawn), spare_t=ledger.spare(day), basis=PLAN_BASIS
        )
        share, taken = self._share(day, requests, stock)
        ledger.take(taken)
        return PlanDay(requests=requests, drawn=drawn, stock=stock, share=share)

    def _share(
        self, day: int, requests: list[DeliveryRequest], stock: DepotStock
    ) -> tuple[DayShare, Taken]:
        """How ``routes`` shares ``stock`` on ``day``, and what it gives untraced (taken off)."""
        shared = day_allocation(self._scenario, requests, stock.held_t, day, stock.spare_t)
        if shared is None:
            return DayShare(held_t=stock.held_t, given_t={}, short_t={}), {}
        asked, alloc = shared
        given = given_by_depot(alloc)
        by_unit = _traced(asked)
        traced = {k: sum(to.values()) for k, to in by_unit.items()}
        taken: dict[tuple[int, LocationId, CommodityId], float] = {}
        for key, to in given.items():
            beyond = sum(to.values()) - traced.get(key, 0.0)
            if beyond > _DUST_T:
                taken[(day, *key)] = beyond
        short: dict[tuple[UnitId, CommodityId], float] = defaultdict(float)
        for u in alloc.unserved:
            if u.reason is UnservedReason.DEPOT_SHORT:
                for com, t in u.load_t.items():
                    short[(u.unit, com)] += t
        spare = stock.spare_t or {}  # a stock with no spare_t keeps nothing back
        share = DayShare(
            held_t=stock.held_t,
            given_t=FrozenMap({k: FrozenMap(v) for k, v in given.items()}),
            short_t=FrozenMap(short),
            kept_t=FrozenMap(  # what it did not load: kept for the plan's later legs
                {
                    k: t - sum(given.get(k, {}).values())
                    for k, t in stock.held_t.items()
                    if k in spare and t - sum(given.get(k, {}).values()) > _DUST_T
                }
            ),
            traced_t=FrozenMap({k: FrozenMap(v) for k, v in by_unit.items()}),
        )
        return share, taken


def day_allocation(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    held_t: Mapping[tuple[LocationId, CommodityId], float],
    day: int,
    spare_t: Mapping[tuple[LocationId, CommodityId], float] | None = None,
) -> tuple[list[DeliveryRequest], Allocation] | None:
    """The day's truck-loads, one cargo class each, split among the depots as ``routes`` does.

    The requests of at least :data:`~supplyline.routing.depot_share.MIN_LOAD_T`, over the
    roads open on ``day`` (:func:`~supplyline.routing.depot_share.share_stock`); None when
    there is nothing to load or no truck. One step for the plan's walk
    (:class:`PlanDepotDays`) and the demand's (:mod:`~supplyline.routing.demand_depot_days`).
    """
    loads = day_loads(scenario, requests, day)
    if loads is None:
        return None
    asked, groups, km = loads
    return asked, share_stock(scenario, asked, held_t, day, groups, km, spare_t=spare_t)


def day_loads(
    scenario: Scenario, requests: Sequence[DeliveryRequest], day: int
) -> tuple[list[DeliveryRequest], list[FleetGroup], RoadMatrix] | None:
    """The day's truck-loads as :func:`day_allocation` shares them, the trucks and the roads.

    The requests of at least :data:`~supplyline.routing.depot_share.MIN_LOAD_T`, one
    cargo class each, the fleet groups with trucks, and the roads open on ``day`` between
    their depots and the units' places; None when there is nothing to load or no truck.
    """
    asked = [r for r in requests if r.tonnes >= MIN_LOAD_T]
    groups = [g for g in scenario.fleet if g.count > 0]
    if not asked or not groups:
        return None
    asked = split_by_cargo(scenario, asked)
    ids = [*(g.depot for g in groups), *(r.location for r in asked)]
    return asked, groups, road_matrix(scenario, ids, day=day)


def given_by_depot(
    alloc: Allocation,
) -> dict[tuple[LocationId, CommodityId], dict[UnitId, float]]:
    """What each depot's trucks load of a commodity, by unit."""
    given: dict[tuple[LocationId, CommodityId], dict[UnitId, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for req, depot in zip(alloc.requests, alloc.depots, strict=True):
        for com, t in req.load_t.items():
            if depot is not None:
                given[(depot, com)][req.unit] += t
    return given


def _traced(
    requests: list[DeliveryRequest],
) -> dict[tuple[LocationId, CommodityId], dict[UnitId, float]]:
    """The tonnes the plan's own road legs bring from each depot (off its stock), by unit."""
    traced: dict[tuple[LocationId, CommodityId], dict[UnitId, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for req in requests:
        for (depot, com), t in req.sources_t.items():
            if com in req.load_t:
                traced[(depot, com)][req.unit] += t
    return traced


def plan_day_stock(
    scenario: Scenario, plan: Plan, day: int
) -> tuple[list[DeliveryRequest], list[DrawnOnSite], DepotStock]:
    """The truck-loads of ``day`` of the plan, what units draw on site, and the depots' stock.

    One computation for ``routes`` (which loads the trucks from it) and the reach check
    (which weighs the tonnes the plan brings from places without trucks against it,
    :mod:`~supplyline.routing.stranded_goods`): judged apart, reach called a unit ok
    whose depot held 1 t of the 10 t of food a day ``routes`` then left ``depot_short``.
    The stock is what earlier days' trucks left (:class:`PlanDepotDays`).

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> loads, drawn, stock = plan_day_stock(s, plan_movements(s, demand), 0)
    >>> dict(stock.held_t), stock.basis == PLAN_BASIS
    ({}, True)
    """
    found = PlanDepotDays(scenario, plan).on(day)
    return found.requests, found.drawn, found.stock


def plan_day_share(scenario: Scenario, plan: Plan, day: int) -> DayShare:
    """How ``routes`` shares the depots' stock on ``day`` of the movement plan.

    The day's truck-loads and the depots' stock of the plan (:func:`plan_day_stock`),
    each request of one cargo class, over the roads open that day, as ``route_day``
    takes them before it routes.

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> dict(plan_day_share(s, plan_movements(s, demand), 0).short_t)
    {}
    """
    return PlanDepotDays(scenario, plan).on(day).share

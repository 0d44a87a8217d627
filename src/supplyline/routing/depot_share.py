"""How a day's truck-loads share the depots' stock: one rule for ``routes`` and ``reach``.

``routes`` splits the day's requests among the depots whose trucks can serve them and
that hold their goods (:func:`~supplyline.routing.depot_stock.allocate`: the plan's own
road legs first, then the most urgent, nearest first); what none holds is ``depot_short``.
The reach check weighed each unit's tonnes against the whole of its depots' stock, so a
depot shared by several units was counted once per unit: a tester's depot D, 5 t of food
a day, served two units each brought 4 t a day from a railhead without trucks; reach
said "0 of 2 unit(s)" beyond their trucks, while ``routes`` left 3 t of u2's food
``depot_short`` (8 t asked of 5 t). Both now share the stock here (:func:`share_stock`),
and reach reads what each unit is left short of on a day (:func:`plan_day_share`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from supplyline.domain import FleetGroup, Plan, Scenario
from supplyline.domain.frozen_map import FrozenMap
from supplyline.domain.routes import UnservedReason
from supplyline.routing.cargo import split_by_cargo
from supplyline.routing.depot_stock import Allocation, allocate, plan_day_stock
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.roads import RoadMatrix, road_matrix
from supplyline.routing.truck_fit import depot_options, truck_hours
from supplyline.types import CommodityId, LocationId, UnitId

__all__ = ["MIN_LOAD_T", "DayShare", "plan_day_share", "share_stock"]

MIN_LOAD_T = 0.001
"""Requests of fewer tonnes are not routed (``ConvoyParams.min_load_t``'s default)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DayShare:
    """The depots' stock of a day, as ``routes`` shares it among the units."""

    held_t: Mapping[tuple[LocationId, CommodityId], float]
    """What each depot holds for its trucks, by (depot, commodity)."""
    given_t: Mapping[tuple[LocationId, CommodityId], Mapping[UnitId, float]]
    """What each depot's trucks load of a commodity, by unit."""
    short_t: Mapping[tuple[UnitId, CommodityId], float]
    """What no depot whose trucks reach the unit holds (``depot_short``), by unit."""


def share_stock(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    held_t: Mapping[tuple[LocationId, CommodityId], float],
    day: int,
    groups: Sequence[FleetGroup],
    km: RoadMatrix,
) -> Allocation:
    """The day's ``requests`` split among the depots holding their goods, as ``routes`` does.

    The depots whose trucks can serve each request that day on ``km``
    (:func:`~supplyline.routing.truck_fit.depot_options`), given the stock while it and
    their drivers' hours last (:func:`~supplyline.routing.depot_stock.allocate`).

    >>> import dataclasses
    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> trucks = FleetGroup(id="T", depot="D", partner="A", vehicle_type="truck", count=2,
    ...                     payload_t=10.0, speed_kmh=50.0, max_route_hours=9.0)
    >>> s = dataclasses.replace(s, fleet=(trucks,))
    >>> req = DeliveryRequest(unit="u1", location="U", load_t={"food": 8.0})
    >>> km = road_matrix(s, ["D", "U"], day=0)
    >>> a = share_stock(s, [req], {("D", "food"): 5.0}, 0, list(s.fleet), km)
    >>> [dict(r.load_t) for r in a.requests], [dict(u.load_t) for u in a.unserved]
    ([{'food': 5.0}], [{'food': 3.0}])
    """
    options = depot_options(requests, groups, km, scenario, day)
    return allocate(scenario, requests, options, held_t, day, truck_hours(groups))


def plan_day_share(scenario: Scenario, plan: Plan, day: int) -> DayShare:
    """How ``routes`` shares the depots' stock on ``day`` of the movement plan.

    The day's truck-loads and the depots' stock of the plan
    (:func:`~supplyline.routing.depot_stock.plan_day_stock`), each request of one cargo
    class, over the roads open that day, as ``route_day`` takes them before it routes.

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> dict(plan_day_share(s, plan_movements(s, demand), 0).short_t)
    {}
    """
    requests, _, stock = plan_day_stock(scenario, plan, day)
    requests = [r for r in requests if r.tonnes >= MIN_LOAD_T]
    groups = [g for g in scenario.fleet if g.count > 0]
    if not requests or not groups:
        return DayShare(held_t=stock.held_t, given_t={}, short_t={})
    requests = split_by_cargo(scenario, requests)
    ids = [*(g.depot for g in groups), *(r.location for r in requests)]
    km = road_matrix(scenario, ids, day=day)
    alloc = share_stock(scenario, requests, stock.held_t, day, groups, km)
    given: dict[tuple[LocationId, CommodityId], dict[UnitId, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for req, depot in zip(alloc.requests, alloc.depots, strict=True):
        for com, t in req.load_t.items():
            if depot is not None:
                given[(depot, com)][req.unit] += t
    short: dict[tuple[UnitId, CommodityId], float] = defaultdict(float)
    for u in alloc.unserved:
        if u.reason is UnservedReason.DEPOT_SHORT:
            for com, t in u.load_t.items():
                short[(u.unit, com)] += t
    return DayShare(
        held_t=stock.held_t,
        given_t=FrozenMap({k: FrozenMap(v) for k, v in given.items()}),
        short_t=FrozenMap(short),
    )

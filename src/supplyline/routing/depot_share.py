"""How a day's truck-loads share the depots' stock: one rule for ``routes`` and ``reach``.

``routes`` splits the day's requests among the depots whose trucks can serve them and
that hold their goods (:func:`~supplyline.routing.depot_stock.allocate`: the plan's own
road legs first, then the most urgent, nearest first); what none holds is ``depot_short``.
The reach check weighed each unit's tonnes against the whole of its depots' stock, so a
depot shared by several units was counted once per unit: a tester's depot D, 5 t of food
a day, served two units each brought 4 t a day from a railhead without trucks; reach
said "0 of 2 unit(s)" beyond their trucks, while ``routes`` left 3 t of u2's food
``depot_short`` (8 t asked of 5 t). Both now share the stock here (:func:`share_stock`),
and reach reads what each unit is left short of on a day
(:func:`~supplyline.routing.depot_days.plan_day_share`, which walks the days from C+0 so
that what earlier days' trucks loaded is gone).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from supplyline.domain import FleetGroup, Scenario
from supplyline.routing.depot_stock import Allocation, allocate
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.roads import RoadMatrix
from supplyline.routing.truck_fit import depot_options, truck_hours
from supplyline.types import CommodityId, LocationId, UnitId

__all__ = ["MIN_LOAD_T", "DayShare", "share_stock", "spare_left"]

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
    kept_t: Mapping[tuple[LocationId, CommodityId], float] = field(default_factory=dict)
    """Of ``held_t``, what is not loaded that day: the plan's own later legs from it take it."""
    traced_t: Mapping[tuple[LocationId, CommodityId], Mapping[UnitId, float]] = field(
        default_factory=dict
    )
    """What the plan's own road legs of the day bring from each depot, by unit: what a unit
    left short beside its own legs was short of because they asked more than the depot held."""


def share_stock(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    held_t: Mapping[tuple[LocationId, CommodityId], float],
    day: int,
    groups: Sequence[FleetGroup],
    km: RoadMatrix,
    *,
    spare_t: Mapping[tuple[LocationId, CommodityId], float] | None = None,
) -> Allocation:
    """The day's ``requests`` split among the depots holding their goods, as ``routes`` does.

    The depots whose trucks can serve each request that day on ``km``
    (:func:`~supplyline.routing.truck_fit.depot_options`), given the stock while it and
    their drivers' hours last (:func:`~supplyline.routing.depot_stock.allocate`); beyond
    what the plan traces to a depot, no more than its ``spare_t`` where given.

    >>> import dataclasses
    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> trucks = FleetGroup(id="T", depot="D", partner="A", vehicle_type="truck", count=2,
    ...                     payload_t=10.0, speed_kmh=50.0, max_route_hours=9.0)
    >>> s = dataclasses.replace(s, fleet=(trucks,))
    >>> req = DeliveryRequest(unit="u1", location="U", load_t={"food": 8.0})
    >>> from supplyline.routing.roads import road_matrix
    >>> km = road_matrix(s, ["D", "U"], day=0)
    >>> a = share_stock(s, [req], {("D", "food"): 5.0}, 0, list(s.fleet), km)
    >>> [dict(r.load_t) for r in a.requests], [dict(u.load_t) for u in a.unserved]
    ([{'food': 5.0}], [{'food': 3.0}])
    """
    options = depot_options(requests, groups, km, scenario, day)
    return allocate(scenario, requests, options, held_t, day, truck_hours(groups), spare_t)


def spare_left(
    spare_t: Mapping[tuple[LocationId, CommodityId], float],
    requests: Sequence[DeliveryRequest],
    alloc: Allocation,
) -> dict[tuple[LocationId, CommodityId], float]:
    """What each depot spares still once ``alloc`` has loaded the day's ``requests``.

    A depot's ``spare_t`` less what it gave beyond the tonnes the plan traces to it
    (``requests``' ``sources_t``, before :func:`share_stock` split them), as the walk of
    the plan's days takes it off (:mod:`~supplyline.routing.depot_days`). The road-full
    repair moves loads to other depots within it
    (:func:`~supplyline.routing.road_repair.other_depots`).

    >>> from supplyline.routing.depot_stock import Allocation
    >>> req = DeliveryRequest(unit="u1", location="U", load_t={"food": 3.0})
    >>> alloc = Allocation(requests=(req,), depots=("D",))
    >>> spare_left({("D", "food"): 5.0, ("E", "food"): 1.0}, [req], alloc)
    {('D', 'food'): 2.0, ('E', 'food'): 1.0}
    """
    beyond: dict[tuple[LocationId, CommodityId], float] = defaultdict(float)
    for req, depot in zip(alloc.requests, alloc.depots, strict=True):
        for com, t in req.load_t.items():
            if depot is not None:
                beyond[(depot, com)] += t
    for req in requests:
        for key, t in req.sources_t.items():
            if key[1] in req.load_t and key in beyond:
                beyond[key] -= t
    return {k: t - max(0.0, beyond.get(k, 0.0)) for k, t in spare_t.items()}

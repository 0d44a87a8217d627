"""The depots' stock day after day of the demand (``routes --from-demand``).

``routes --from-demand`` checked a day's truck-loads against ``stocks.csv`` less what
units drew on site on earlier days, but not less what earlier days' trucks loaded: a depot
holding 10 t of food, no more coming, loaded 4 t for a unit on C+0, C+1 and C+2, 12 t of
10, with no ``depot_short`` on any day. Here the earlier days are walked from C+0 as the
plan's are (:mod:`~supplyline.routing.depot_days`): each day's loads, after the units'
on-site draws, are shared among the depots by the same rule and code as ``routes`` shares
them (:func:`~supplyline.routing.depot_days.day_allocation`), and what each depot gives is
gone from its later days. So the depot gives 4 t on C+0 and C+1 and holds 2 t on C+2,
where the check flags 2 t of the 4 t loaded ``depot_short``. A day's loads take no more
than a depot holds, and no more than its trucks could carry at most
(:mod:`~supplyline.routing.carry_bound`, counted before any search): all its shares asked
came off before, loads the trucks could not carry too, and a tester's 7.428 t left
``not_enough_trucks`` on C+5 made a 0.11 t ``depot_short`` on C+6 that routing C+5 would
not. A unit's shares are cut alike to what the trucks that reach it could bring, then a
depot's to what its trucks could load; a depot of 10 t whose trucks carry 3 t a day to
a unit asking 4 t holds 10, 7, 4 t.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from supplyline.domain import Scenario
from supplyline.routing.carry_bound import CarryBound, carry_bound
from supplyline.routing.depot_days import day_loads
from supplyline.routing.depot_share import share_stock
from supplyline.routing.depot_stock import Allocation
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.site_stock import StockBook, held_on_day
from supplyline.types import CommodityId, LocationId, UnitId

__all__ = ["carried_at_most", "demand_day_stock", "loaded_at_depots"]


def loaded_at_depots(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    held_t: Mapping[tuple[LocationId, CommodityId], float],
    day: int,
    *,
    multi_trip: bool = True,
) -> dict[tuple[LocationId, CommodityId], float]:
    """What the day's trucks load at each depot, by (depot, commodity), at most.

    ``requests`` are what is left for the trucks after the on-site draws, ``held_t`` what
    the places hold then: shared among the depots as ``routes`` shares them, each share
    cut to what the trucks could carry at most (:func:`carried_at_most`). What no depot
    that reaches a unit holds is not loaded.

    >>> import dataclasses
    >>> from supplyline.domain import FleetGroup
    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> s = dataclasses.replace(s, fleet=(FleetGroup(
    ...     id="T", depot="D", partner="A", vehicle_type="truck", count=2, payload_t=10.0,
    ...     speed_kmh=50.0, max_route_hours=9.0),))
    >>> req = DeliveryRequest(unit="u1", location="U", load_t={"food": 8.0})
    >>> loaded_at_depots(s, [req], {("D", "food"): 5.0}, 0)
    {('D', 'food'): 5.0}
    """
    loads = day_loads(scenario, requests, day)
    if loads is None:
        return {}
    asked, groups, km = loads
    alloc = share_stock(scenario, asked, held_t, day, groups, km)
    bound = carry_bound(scenario, asked, groups, km, day, multi_trip=multi_trip)
    return carried_at_most(alloc, bound)


def carried_at_most(
    alloc: Allocation, bound: CarryBound
) -> dict[tuple[LocationId, CommodityId], float]:
    """The shares of ``alloc`` by (depot, commodity), cut to what the trucks carry at most.

    A unit's shares, together more than the trucks that reach it carry, are cut alike
    (each by the same fraction) to ``bound.to_unit``; then a depot's, together more than
    its trucks load, alike to ``bound.from_depot``. Never more than a share asked.

    >>> req = DeliveryRequest(unit="u", location="U", load_t={"food": 4.0, "water": 2.0})
    >>> alloc = Allocation(requests=(req,), depots=("D",))
    >>> carried_at_most(alloc, CarryBound(to_unit={("u", "U"): 3.0}, from_depot={"D": 9.0}))
    {('D', 'food'): 2.0, ('D', 'water'): 1.0}
    """
    asked_u: dict[tuple[UnitId, LocationId], float] = defaultdict(float)
    for req, depot in zip(alloc.requests, alloc.depots, strict=True):
        if depot is not None:
            asked_u[(req.unit, req.location)] += req.tonnes
    cut_u = {k: _fraction(bound.to_unit.get(k, 0.0), t) for k, t in asked_u.items()}
    taken: dict[tuple[LocationId, CommodityId], float] = defaultdict(float)
    for req, depot in zip(alloc.requests, alloc.depots, strict=True):
        if depot is not None:
            for com, t in req.load_t.items():
                taken[(depot, com)] += t * cut_u[(req.unit, req.location)]
    by_depot: dict[LocationId, float] = defaultdict(float)
    for (depot, _), t in taken.items():
        by_depot[depot] += t
    cut_d = {d: _fraction(bound.from_depot.get(d, 0.0), t) for d, t in by_depot.items()}
    return {(d, com): t * cut_d[d] for (d, com), t in taken.items()}


def _fraction(most_t: float, asked_t: float) -> float:
    """The part of ``asked_t`` that ``most_t`` allows: 1 when it allows it all."""
    return 1.0 if asked_t <= most_t else max(most_t, 0.0) / asked_t


def demand_day_stock(
    scenario: Scenario,
    by_day: Sequence[Sequence[DeliveryRequest]],
    day: int,
    *,
    multi_trip: bool = True,
) -> StockBook:
    """What each place holds at the start of ``day`` of the demand, for ``--from-demand``.

    ``by_day[k]`` are day ``k``'s requests (at least ``day`` of them; those from ``day``
    on are not read): ``stocks.csv``'s stock (:func:`~supplyline.routing.site_stock.
    held_on_day`) less what each earlier day's units drew on site and its trucks loaded
    at the depots, at most what they could carry (:func:`loaded_at_depots`; ``multi_trip``:
    whether the trucks load again at their depot, as ``routes --single-trip`` says).

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> demand_day_stock(s, [], 0)
    {('D', 'food'): 50.0}
    """
    return held_on_day(
        scenario,
        by_day[:day],
        day,
        trucks_took=lambda k, rest, held: loaded_at_depots(
            scenario, rest, held, k, multi_trip=multi_trip
        ),
    )

"""The depots' stock day after day of the demand (``routes --from-demand``).

``routes --from-demand`` checked a day's truck-loads against ``stocks.csv`` less what
units drew on site on earlier days, but not less what earlier days' trucks loaded: a depot
holding 10 t of food, no more coming, loaded 4 t for a unit on C+0, C+1 and C+2, 12 t of
10, with no ``depot_short`` on any day. Here the earlier days are walked from C+0 as the
plan's are (:mod:`~supplyline.routing.depot_days`): each day's loads, after the units'
on-site draws, are shared among the depots by the same rule and code as ``routes`` shares
them (:func:`~supplyline.routing.depot_days.day_allocation`), and what each depot gives is
gone from its later days. So the depot gives 4 t on C+0 and C+1 and holds 2 t on C+2,
where the check flags 2 t of the 4 t loaded ``depot_short``. As in plan mode, earlier days
are taken as shared, not as routed (a load their search then left out counts as loaded:
on the safe side), and a day's loads take no more than a depot holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from supplyline.domain import Scenario
from supplyline.routing.depot_days import day_allocation, given_by_depot
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.site_stock import StockBook, held_on_day
from supplyline.types import CommodityId, LocationId

__all__ = ["demand_day_stock", "loaded_at_depots"]


def loaded_at_depots(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    held_t: Mapping[tuple[LocationId, CommodityId], float],
    day: int,
) -> dict[tuple[LocationId, CommodityId], float]:
    """What the day's trucks load at each depot, by (depot, commodity), as ``routes`` shares it.

    ``requests`` are what is left for the trucks after the on-site draws, ``held_t`` what
    the places hold then. What no depot that reaches a unit holds is not loaded.

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
    shared = day_allocation(scenario, requests, held_t, day)
    if shared is None:
        return {}
    return {key: sum(to.values()) for key, to in given_by_depot(shared[1]).items()}


def demand_day_stock(
    scenario: Scenario, by_day: Sequence[Sequence[DeliveryRequest]], day: int
) -> StockBook:
    """What each place holds at the start of ``day`` of the demand, for ``--from-demand``.

    ``by_day[k]`` are day ``k``'s requests (at least ``day`` of them; those from ``day``
    on are not read): ``stocks.csv``'s stock (:func:`~supplyline.routing.site_stock.
    held_on_day`) less what each earlier day's units drew on site and its trucks loaded
    at the depots (:func:`loaded_at_depots`).

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> demand_day_stock(s, [], 0)
    {('D', 'food'): 50.0}
    """
    return held_on_day(
        scenario,
        by_day[:day],
        day,
        trucks_took=lambda k, rest, held: loaded_at_depots(scenario, rest, held, k),
    )

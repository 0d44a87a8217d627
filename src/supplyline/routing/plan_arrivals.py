"""What a unit takes in plan mode as it lands at its own place by air, rail or water.

In plan mode what a unit takes beyond what the trucks bring it is served at its place
(:func:`~supplyline.routing.plan_loads.plan_truck_loads`). Part of it may be what the
plan lands there that day over a link that is not a road (a helicopter's 8 t at a
mountain site): no truck brings it, and it is not drawn from the place's stock either. A
tester's routes listed such an airlift as "drawn on site (from the stock of the unit's
own place)" at a site holding no stock, and never showed the airlift. This module names
it for what it is, link by link, and leaves the rest drawn from stock, so that the two
add up to what the units took beyond their truck-loads.

What arrives counts as the road's net does (:mod:`~supplyline.routing.plan_loads`): at
each unit's place and commodity, the day's arrivals over every link less what leaves it
that day, beyond what the road's own net brings (the trucks' share), up to the day's
arrivals by other modes. Units at one place share it as they share a road's tonnes
(:func:`~supplyline.routing.plan_loads.share_place`, each the same share of what it
takes beyond its truck-load), each unit's part split between the links in proportion to
what each landed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from supplyline.domain import Mode, Movement, Scenario
from supplyline.domain.routes import DrawnOnSite
from supplyline.types import CommodityId, LocationId

__all__ = ["label_arrivals"]

_DUST_T = 1e-6

Key = tuple[LocationId, CommodityId]


def label_arrivals(
    scenario: Scenario, legs: Iterable[Movement], day: int, drawn: Sequence[DrawnOnSite]
) -> list[DrawnOnSite]:
    """``drawn`` with what landed at each unit's place on ``day`` by air, rail or water apart.

    Each entry of ``drawn`` (what a unit takes on site, plan mode) becomes what is left
    of it drawn from the place's stock, followed by one entry for each non-road link it
    arrived over (``DrawnOnSite.link``, ``mode``); tonnes by unit and commodity are kept.
    ``legs`` are the plan's movements, or those arriving or leaving on ``day``
    (:meth:`~supplyline.routing.plan_days.PlanDays.touching`), in the plan's order.

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> plan = plan_movements(s, demand)
    >>> drawn = [DrawnOnSite(unit="u1", location="U", load_t={"food": 1.0})]
    >>> [(d.link, dict(d.load_t)) for d in label_arrivals(s, plan.movements, 1, drawn)]
    [('', {'food': 1.0})]
    """
    landed = _landed(scenario, legs, day)
    if not landed:
        return list(drawn)
    asked: dict[Key, float] = defaultdict(float)
    for d in drawn:
        for com, t in d.load_t.items():
            asked[(d.location, com)] += t
    out: list[DrawnOnSite] = []
    for d in drawn:
        stock = dict(d.load_t)
        by_link: dict[str, dict[CommodityId, float]] = defaultdict(dict)
        for com, t in d.load_t.items():
            links = landed.get((d.location, com))
            if not links:
                continue
            whole = sum(links.values())
            mine = t * min(1.0, whole / asked[(d.location, com)])
            stock[com] = t - mine
            for link, link_t in links.items():
                by_link[link][com] = mine * link_t / whole
        rest = {c: t for c, t in stock.items() if t > _DUST_T}
        if rest:
            out.append(DrawnOnSite(unit=d.unit, location=d.location, load_t=rest))
        for link in sorted(by_link):
            load = {c: t for c, t in by_link[link].items() if t > _DUST_T}
            if load:
                mode = scenario.link_by_id[link].mode
                out.append(
                    DrawnOnSite(unit=d.unit, location=d.location, load_t=load, link=link, mode=mode)
                )
    return out


def _landed(scenario: Scenario, legs: Iterable[Movement], day: int) -> dict[Key, dict[str, float]]:
    """Tonnes landed for the units at each unit's place on ``day``, by non-road link.

    The place's net arrivals that day (every mode in, less every mode out) beyond the
    road's own net (the trucks'), at most what the other modes brought, shared between
    their links in proportion to what each brought.
    """
    places: set[LocationId] = {u.destination for u in scenario.units}
    road: dict[Key, float] = defaultdict(float)
    other: dict[Key, float] = defaultdict(float)
    links: dict[Key, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for m in legs:
        if m.commodity.startswith("deploy:") or m.tonnes <= 0:
            continue
        book = road if m.mode is Mode.ROAD else other
        if m.arrival_day == day and m.destination in places:
            book[(m.destination, m.commodity)] += m.tonnes
            if m.mode is not Mode.ROAD:
                links[(m.destination, m.commodity)][m.link] += m.tonnes
        if m.departure_day == day and m.origin in places:
            book[(m.origin, m.commodity)] -= m.tonnes
    landed: dict[Key, dict[str, float]] = {}
    for key, by_link in links.items():
        brought = sum(by_link.values())
        net = road.get(key, 0.0) + other.get(key, 0.0) - max(0.0, road.get(key, 0.0))
        here = min(brought, net)
        if here > _DUST_T:
            landed[key] = {link: here * t / brought for link, t in sorted(by_link.items())}
    return landed

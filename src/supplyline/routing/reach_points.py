"""Where a unit's goods can be loaded on trucks: the reach check's supply points.

The railheads, ports and airfields where the long haul ends and freight arrives, the
places that hold stock, or, given the movement plan, the places its road legs start from;
and the nearest of them to a unit, preferring places joined by road over estimates. Moved
out of :mod:`~supplyline.routing.reach` (593 lines) before it learnt fleet.csv's
``carries``.
"""

from __future__ import annotations

import math
from collections import defaultdict

from supplyline.domain import LocationKind, Mode, Plan, Scenario
from supplyline.routing.roads import RoadMatrix
from supplyline.types import LocationId

__all__ = ["DUST_T", "RAILHEAD_KINDS", "nearest", "railheads", "supply_points", "trucked_to"]

RAILHEAD_KINDS = (LocationKind.RAILHEAD, LocationKind.PORT, LocationKind.AIRFIELD)
"""Where the long haul ends and trucks take over."""
DUST_T = 1e-6


def railheads(scenario: Scenario) -> list[LocationId]:
    """Railheads, ports and airfields where freight arrives by the long haul.

    Those at the far end of a link other than a road that carries tonnes: a tester's
    people-only airfield (0 t/day) was taken for where a unit's supplies come from. All of
    them where none qualifies (a scenario without long-haul links).
    """
    heads = [x.id for x in scenario.locations if x.kind in RAILHEAD_KINDS]
    freight = {
        b
        for link in scenario.links
        if link.mode is not Mode.ROAD and link.carries_tonnes
        for _, b in link.directions()
    }
    return [x for x in heads if x in freight] or heads


def nearest(
    km: RoadMatrix, to: LocationId, candidates: list[LocationId], *, railhead: bool = False
) -> tuple[LocationId | None, float | None, bool]:
    """Nearest candidate to ``to``, preferring places with a road path over estimates.

    A ``railhead`` cut off by road from ``to`` is none: a tester's unit behind a road
    closed all horizon was given a railhead 961 km away, or one joined only by that road.
    """
    if not candidates:
        return None, None, False
    j = km.index(to)

    def key(c: LocationId) -> tuple[bool, float]:
        i = km.index(c)
        return (not bool(km.by_road[i, j]), float(km.km[i, j]))

    best = min(candidates, key=key)
    i = km.index(best)
    if railhead and not math.isfinite(km.km[i, j]):  # cut off by road from them all
        return None, None, False
    return best, float(km.km[i, j]), bool(km.by_road[i, j])


def supply_points(scenario: Scenario, plan: Plan | None = None) -> list[LocationId]:
    """Where goods can be loaded on trucks: freight railheads and the places holding stock.

    The railheads, ports and airfields where freight arrives (:func:`railheads`) and the
    places with stock in ``stocks.csv`` (initial or replenished); given the movement
    ``plan``, the places its road legs start from instead (more supplies leave there by
    road than arrive by road over the horizon), or the former when it moves nothing by road.
    """
    if plan is not None:
        net: dict[LocationId, float] = defaultdict(float)
        for m in plan.movements:
            if m.mode is Mode.ROAD and not m.commodity.startswith("deploy:") and m.tonnes > 0:
                net[m.origin] += m.tonnes
                net[m.destination] -= m.tonnes
        starts = sorted(x for x, t in net.items() if t > DUST_T)
        if starts:
            return starts
    held = [st.location for st in scenario.stocks if st.initial_t + st.replenishment_t_per_day > 0]
    return list(dict.fromkeys([*railheads(scenario), *held]))


def trucked_to(plan: Plan | None) -> set[LocationId]:
    """The places the plan's road legs bring supplies into (none without a plan)."""
    if plan is None:
        return set()
    return {
        m.destination
        for m in plan.movements
        if m.mode is Mode.ROAD and not m.commodity.startswith("deploy:") and m.tonnes > DUST_T
    }

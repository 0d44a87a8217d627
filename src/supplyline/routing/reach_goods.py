"""Whether the depot whose trucks serve a unit holds the goods they must carry.

``routes`` loads a truck only at its own depot. A tester's goods arrived at a railhead with
no trucks, the truck depot 3 km away held none of them, and ``reach`` said ok (135
t/day) while ``routes`` left every load ``depot_short`` (``dp holds none``). Here, per
depot, over the horizon: what it holds — its ``stocks.csv`` initial stock and
replenishment, and given the movement plan what the plan brings in by any mode, less what
it sends away other than to the places of the units it serves — against one day of what
those units need (their peak daily tonnes; the units its trucks cannot reach at all are
not counted, as they take none of it). Where it holds less than that over the whole
horizon (next to none of their goods), and the units' goods come to a supply point where
no truck is based (not a unit's own place, joined to the unit by road), the units are
flagged with the figures. Holding more than a day but less than the horizon's need is a
stock matter, left to the plan's shortfalls and ``routes``' ``depot_short`` (a first
rule on the whole horizon's need flagged every site of the relief example, whose depots
hold 9,040 t of the 9,413 t a peak every day would take).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Sequence

from supplyline.domain import Plan, Scenario
from supplyline.domain.routes import ReachRow
from supplyline.routing.reach_turns import num
from supplyline.routing.roads import RoadMatrix
from supplyline.types import CommodityId, LocationId, UnitId

__all__ = ["depot_goods", "goods_elsewhere"]


def _held(
    scenario: Scenario, depot: LocationId, plan: Plan | None, served: Collection[LocationId]
) -> float:
    """Tonnes the depot holds over the horizon for the units it serves (at least 0)."""
    held = sum(
        st.initial_t + st.replenishment_t_per_day * scenario.horizon_days
        for st in scenario.stocks
        if st.location == depot
    )
    if plan is not None:
        for m in plan.movements:
            if m.commodity.startswith("deploy:"):
                continue
            if m.destination == depot:
                held += m.tonnes
            if m.origin == depot and m.destination not in served:
                held -= m.tonnes
    return max(0.0, held)


def depot_goods(scenario: Scenario, depot: LocationId, plan: Plan | None) -> frozenset[CommodityId]:
    """The commodities ``depot`` holds: in ``stocks.csv``, or brought in by the ``plan``.

    Which, not how much (the tonnes are :func:`goods_elsewhere`'s and ``routes``'
    ``depot_short``'s matter): the shared-road check lets a unit take its goods from any
    depot that holds them all (:mod:`~supplyline.routing.road_share`).
    """
    held = {
        st.commodity
        for st in scenario.stocks
        if st.location == depot and (st.initial_t > 0 or st.replenishment_t_per_day > 0)
    }
    if plan is not None:
        held |= {
            m.commodity
            for m in plan.movements
            if m.destination == depot and m.tonnes > 0 and not m.commodity.startswith("deploy:")
        }
    return frozenset(held)


def goods_elsewhere(
    scenario: Scenario,
    rows: Sequence[ReachRow],
    km: RoadMatrix,
    *,
    sources: Sequence[LocationId],
    depots: Collection[LocationId],
    plan: Plan | None,
) -> dict[UnitId, str]:
    """For each unit whose depot holds less than its units need while goods sit truckless.

    ``sources`` are the supply points (:func:`~supplyline.routing.reach.supply_points`),
    ``depots`` the places with trucks. The reason names the truckless place and the
    depot's figures.
    """
    served: dict[LocationId, list[ReachRow]] = defaultdict(list)
    for r in rows:
        if r.depot is not None and r.daily_t > 0 and r.capacity_t_per_day > 0:
            served[r.depot].append(r)
    homes = {u.destination for u in scenario.units}
    out: dict[UnitId, str] = {}
    for depot, units in served.items():
        places = {r.location for r in units}
        need = sum(r.daily_t for r in units)
        held = _held(scenario, depot, plan, places)
        if held >= need - 1e-6:
            continue
        basis = "stocks.csv and the movement plan" if plan is not None else "stocks.csv"
        holds = "none of them" if held <= 1e-6 else f"{num(round(held, 3))} t"
        for r in units:
            j = km.index(r.location)
            bare = [
                (float(km.km[km.index(x), j]), x)
                for x in sources
                if x not in depots and x not in homes and km.by_road[km.index(x), j]
            ]
            bare = [(d, x) for d, x in bare if math.isfinite(d)]
            if not bare:
                continue
            far, where = min(bare)
            kind = scenario.location(where).kind
            out[r.unit] = (
                f"its goods come to {where} ({kind}, {far:.0f} km by road), where no truck is "
                f"based, and the trucks at {depot} load only at {depot}, which holds {holds} "
                f"over the horizon ({basis}), less than one day of the {num(round(need, 3))} "
                f"t/day the units it serves need (routes loads a truck at its own depot only)"
            )
    return out

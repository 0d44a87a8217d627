"""Which depot's trucks serve a unit, and which of its goods each depot sends it.

``routes`` picks, for each commodity of a delivery, the nearest depot whose trucks can
serve the unit and that holds it (by road before estimated, then by round trip), and
loads it on that depot's trucks only (:func:`~supplyline.routing.depot_stock.allocate`).
The reach check follows it: the unit's *serving depot* (:func:`serving_depot`, the one
named in its row) and the depots among which its tonnes split (:func:`depot_parts`), so
that each share is judged on the trucks that will carry it
(:mod:`~supplyline.routing.reach_trucks`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from supplyline.domain import FleetGroup
from supplyline.routing.reach_goods import unit_sends
from supplyline.routing.reach_trucks import trucks_serving
from supplyline.routing.roads import RoadMatrix
from supplyline.types import CommodityId, LocationId

__all__ = ["Part", "depot_parts", "main_depot", "serving_depot"]


def serving_depot(
    km: RoadMatrix,
    loc: LocationId,
    groups_at: Mapping[LocationId, list[FleetGroup]],
    sources: Collection[LocationId],
    service_h: float,
    holding: Collection[LocationId] = (),
) -> LocationId | None:
    """The depot whose trucks serve ``loc``, as ``routes`` would pick it.

    The nearest (by road first, then by its fastest trucks' round trip, as ``routes``
    allocates loads to depots) that holds some of the unit's goods (``holding``), is a
    supply point and whose trucks can serve it within their hours; else such a depot off
    the supply points; else, as where the goods are not known, the nearest supply point
    whose trucks can; else the nearest whose trucks can; else the nearest.
    """
    u = km.index(loc)

    def key(x: LocationId) -> tuple[bool, float, str]:
        i = km.index(x)
        by_road = bool(km.by_road[i, u]) and bool(km.by_road[u, i])
        there_back = float(km.km[i, u] + km.km[u, i])
        return (not by_road, min(there_back / g.speed_kmh for g in groups_at[x]), x)

    able = [x for x in groups_at if trucks_serving(km, x, loc, groups_at[x], service_h)]
    mine = [x for x in able if x in holding]
    for pool in ([x for x in mine if x in sources], mine, [x for x in able if x in sources]):
        if pool:
            return min(pool, key=key)
    for pool in (able, list(groups_at)):
        if pool:
            return min(pool, key=key)
    return None


def depot_parts(
    km: RoadMatrix,
    loc: LocationId,
    daily_t: float,
    depot: LocationId,
    goods: tuple[
        Mapping[CommodityId, float | None],
        Mapping[LocationId, frozenset[CommodityId]],
        Collection[LocationId],
    ],
    groups_at: Mapping[LocationId, list[FleetGroup]],
    sources: Collection[LocationId],
    service_h: float,
) -> list[Part]:
    """A unit's ``daily_t`` split by the depot whose trucks carry each of its goods.

    ``goods`` are (its tonnes a day by commodity, what each depot holds, the depots whose
    trucks may serve it). Each commodity comes from the depots that hold it and may serve
    the unit, by :func:`~supplyline.routing.reach_goods.unit_sends` (the split the roads
    are judged by); where several may, from its serving ``depot`` if it is one, else from
    the nearest of them as :func:`serving_depot` ranks them (as ``routes`` gives each
    commodity to the nearest depot holding it). One part per depot, the most tonnes first;
    a single part where the goods are not known.

    Stock is not counted: a depot holding some of a good is taken to send all of it (what
    it holds against what it is asked for, good by good, is
    :func:`~supplyline.routing.reach_goods.goods_elsewhere`'s matter, by each part's
    ``by_good``).
    """
    needed, held, may = goods
    known = {c: t for c, t in needed.items() if t is not None and t > 0}
    parts: dict[LocationId, list[tuple[tuple[CommodityId, ...], float]]] = defaultdict(list)
    for send in unit_sends(daily_t, needed, held, may, depot):
        if depot in send.depots or len(send.depots) == 1:
            pick = depot if depot in send.depots else next(iter(send.depots))
        else:
            pick = serving_depot(
                km, loc, {d: groups_at[d] for d in send.depots}, sources, service_h, send.depots
            ) or min(send.depots)
        parts[pick].append((send.goods, send.tonnes))
    scale = daily_t / sum(known.values()) if known else 0.0
    out = [
        Part(
            d,
            tuple(sorted(c for goods_, _ in xs for c in goods_)),
            sum(t for _, t in xs),
            tuple(sorted((c, scale * known[c]) for goods_, _ in xs for c in goods_ if c in known)),
        )
        for d, xs in parts.items()
    ]
    return sorted(out, key=lambda x: (-x.tonnes, x.depot))


@dataclass(frozen=True, slots=True)
class Part:
    """What one depot is asked to send a unit a day."""

    depot: LocationId
    goods: tuple[CommodityId, ...]
    """The commodities (empty: not known)."""
    tonnes: float
    by_good: tuple[tuple[CommodityId, float], ...]
    """Tonnes a day of each commodity, where the unit's tonnes by commodity are known (else
    empty): the stock check judges a depot on each good it is asked for."""


def main_depot(parts: Collection[Part], depot: LocationId) -> LocationId:
    """The depot that sends the unit the most tonnes (``depot``, its serving one, on a tie).

    The one its row names. A tester's sites got 96 % of their tonnes as water from the
    waterworks and were named after wh-nord, 20 km nearer, which held 80 t of food: the
    row read "wh-nord" and its stock was judged against all their water.
    """
    if not parts:
        return depot
    most = max(p.tonnes for p in parts)
    top = [p.depot for p in parts if p.tonnes >= most - 1e-9]
    return depot if depot in top else min(top)

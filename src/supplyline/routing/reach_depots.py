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
from supplyline.routing.depot_choice import DepotReach, rank_depots, unit_depots
from supplyline.routing.reach_goods import unit_sends
from supplyline.routing.reach_spill import spill_goods
from supplyline.routing.roads import RoadMatrix
from supplyline.types import CommodityId, LocationId

__all__ = ["Part", "Stock", "depot_parts", "main_depot", "routes_order", "serving_depot"]


def serving_depot(
    km: RoadMatrix,
    loc: LocationId,
    groups_at: Mapping[LocationId, list[FleetGroup]],
    sources: Collection[LocationId],
    service_h: float,
    holding: Collection[LocationId] = (),
    traced: Mapping[LocationId, float] | None = None,
) -> LocationId | None:
    """The depot whose trucks serve ``loc``, as ``routes`` would pick it.

    Among the depots whose trucks can serve it, ranked as ``routes`` ranks them
    (:func:`~supplyline.routing.depot_choice.unit_depots`): the one the movement plan's
    road legs bring the most of its goods from (``traced``), as ``routes`` loads them
    there first; else the first that holds some of the unit's goods (``holding``) and is a
    supply point; else such a depot off the supply points; else, as where the goods are
    not known, the first supply point; else the first; else, where no trucks can, the
    nearest.
    """
    able = [o.depot for o in unit_depots(km, loc, groups_at, service_h, traced)]
    if able and (traced or {}).get(able[0], 0.0) > 0:
        return able[0]
    mine = [x for x in able if x in holding]
    for pool in ([x for x in mine if x in sources], mine, [x for x in able if x in sources], able):
        if pool:
            return pool[0]
    u = km.index(loc)

    def key(x: LocationId) -> tuple[bool, float, str]:
        i = km.index(x)
        by_road = bool(km.by_road[i, u]) and bool(km.by_road[u, i])
        there_back = float(km.km[i, u] + km.km[u, i])
        return (not by_road, min(there_back / g.speed_kmh for g in groups_at[x]), x)

    return min(groups_at, key=key) if groups_at else None


def routes_order(
    km: RoadMatrix,
    loc: LocationId,
    groups_at: Mapping[LocationId, list[FleetGroup]],
    depots: Collection[LocationId],
    first: LocationId | None = None,
) -> list[LocationId]:
    """``depots`` as ``routes`` ranks them for ``loc``: by road first, then round trip.

    ``first`` (the serving depot) goes first where it is among them, as reach gives it
    the goods it holds.
    """
    u = km.index(loc)

    def option(x: LocationId) -> DepotReach:
        i = km.index(x)
        there_back = float(km.km[i, u] + km.km[u, i])
        return DepotReach(
            depot=x,
            round_trip_h=min(there_back / g.speed_kmh for g in groups_at[x]),
            by_road=bool(km.by_road[i, u]) and bool(km.by_road[u, i]),
        )

    ranked = rank_depots([option(x) for x in depots], None if first is None else {first: 1.0})
    return [o.depot for o in ranked]


@dataclass(frozen=True, slots=True)
class Stock:
    """What reach splits a unit's goods by: the depots' stock and their trucks' room."""

    held_t: Mapping[tuple[LocationId, CommodityId], float]
    """Tonnes each depot holds of each good over the horizon."""
    room_t: Mapping[LocationId, float]
    """Tonnes a day each depot's trucks carry to the unit."""
    days: int = 1
    """The horizon's days, over which ``held_t`` is held."""


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
    stock: Stock | None = None,
) -> list[Part]:
    """A unit's ``daily_t`` split by the depot whose trucks carry each of its goods.

    ``goods`` are (its tonnes a day by commodity, what each depot holds, the depots whose
    trucks may serve it). Each commodity comes from the depots that hold it and may serve
    the unit (:func:`~supplyline.routing.reach_goods.unit_sends`, the split the roads are
    judged by), in routes' order (its serving ``depot`` first, then
    :func:`routes_order`). With its tonnes by commodity and ``stock``, a good spills from
    one holder to the next where the first holds too little over the horizon or its
    trucks have no room (:func:`~supplyline.routing.reach_spill.spill_goods`, as
    ``routes`` allocates; what its holders do not hold may ride ``depot``'s trucks, as a
    good none holds does); else each good goes whole to its first holder. A good no depot
    that may serve the unit holds goes on ``depot``'s trucks, named in the part's
    ``unheld`` (a table says them apart: a tester read waterworks sending hygiene and
    medical stores it does not hold). One part per depot, the most tonnes first; a single
    part where the goods are not known.
    """
    needed, held, may = goods
    known = {c: t for c, t in needed.items() if t is not None and t > 0}
    scale = daily_t / sum(known.values()) if known else 0.0
    by_depot: dict[LocationId, dict[CommodityId, float]] = defaultdict(dict)
    loose: dict[LocationId, list[tuple[tuple[CommodityId, ...], float]]] = defaultdict(list)
    spill: dict[CommodityId, float] = {}
    order: dict[CommodityId, list[LocationId]] = {}
    unheld: set[CommodityId] = set()
    for send in unit_sends(daily_t, needed, held, may, depot):
        ranked = routes_order(km, loc, groups_at, send.depots, depot)
        if not known:
            loose[ranked[0]].append((send.goods, send.tonnes))
            continue
        for c in send.goods:
            if c not in known:
                continue
            if any(c in held.get(d, ()) for d in send.depots):
                spill[c], order[c] = scale * known[c], ranked
            else:  # no depot that may serve it holds it: with the serving depot's part
                by_depot[depot][c] = scale * known[c]
                unheld.add(c)
    split: dict[LocationId, dict[CommodityId, float]] = defaultdict(dict)
    if stock is None:
        for c, t in spill.items():
            split[order[c][0]][c] = t
    else:  # what none holds (goods, or tonnes beyond stock) rides the serving depot's trucks
        for c in unheld:
            spill[c], order[c] = by_depot[depot].pop(c), []
        split = spill_goods(spill, order, stock.held_t, stock.room_t, [depot], stock.days)
    for d, part in split.items():
        for c, t in part.items():
            by_depot[d][c] = by_depot[d].get(c, 0.0) + t
    out = [
        Part(
            d,
            tuple(sorted(part)),
            sum(part.values()),
            tuple(sorted(part.items())),
            tuple(sorted(unheld & part.keys())),
        )
        for d, part in by_depot.items()
        if part
    ]
    out += [
        Part(d, tuple(sorted(c for gs, _ in xs for c in gs)), sum(t for _, t in xs), ())
        for d, xs in loose.items()
    ]
    if not out:  # nothing (or dust) to carry: all on its serving depot
        out = [Part(depot, tuple(sorted(needed)), daily_t, ())]
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
    unheld: tuple[CommodityId, ...] = ()
    """Those of ``goods`` that no depot whose trucks may serve the unit holds, put on this
    (its serving) depot's trucks as ``routes --from-demand`` loads them."""


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

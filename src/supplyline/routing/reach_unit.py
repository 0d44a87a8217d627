"""One unit's row of the reach check, judged alone: its supply point, depots and trucks.

Where the unit's goods come from by road, which depot serves it (and which others send
their share of its goods, each on its own trucks), the round trip, the turns and what
those trucks carry of its tonnes a day, whether the depots hold its goods, and whether
the roads from them carry its tonnes at all. What it shares with other units (the
depots' truck-hours, the roads' capacity) and the days it is cut off are judged after,
over every row, by :func:`~supplyline.routing.reach.check_reach`, which makes the rows
here; this module was its first half (reach.py had grown to 577 lines of a 600 limit).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from supplyline.domain import FleetGroup, Scenario
from supplyline.domain.reach_flags import FlagKind
from supplyline.domain.routes import ReachRow, ReachShare
from supplyline.routing.reach_cargo import class_parts, no_carrier_trucks, trucks_for
from supplyline.routing.reach_depots import Part, Stock, depot_parts, main_depot, serving_depot
from supplyline.routing.reach_goods import holders, unheld_words, unit_sends
from supplyline.routing.reach_holders import Way, holder_ways, no_holder_words, way_words
from supplyline.routing.reach_points import nearest
from supplyline.routing.reach_trucks import DepotTrucks, judge_trucks, share_words
from supplyline.routing.road_days import DayRoads, need_words, roads_text
from supplyline.routing.road_share import rate_text
from supplyline.routing.roads import RoadMatrix
from supplyline.types import CommodityId, LocationId, UnitId

__all__ = ["UnitGoods", "unit_row"]


@dataclass(frozen=True, slots=True)
class UnitGoods:
    """What the reach check knows of the goods: needed, held, and who may serve.

    Made once for every unit by :func:`~supplyline.routing.reach.check_reach`; each
    unit's row reads it, and so does the shared-road check after.
    """

    needed: Mapping[UnitId, Mapping[CommodityId, float | None]]
    """Each unit's commodities, with its tonnes a day of each where known (else None)."""
    held: Mapping[LocationId, frozenset[CommodityId]]
    serving: Mapping[UnitId, frozenset[LocationId]]
    """The depots whose trucks make the round trip to the unit within their hours."""
    held_t: Mapping[tuple[LocationId, CommodityId], float]
    """Tonnes each depot holds of each good over the horizon, by which goods spill."""
    off_truck: Mapping[CommodityId, frozenset[LocationId]]
    """The places without trucks holding each good, said of goods no depot may send."""
    basis: str
    """The files their holdings are known from (``stocks.csv``)."""
    traced: Mapping[LocationId, Mapping[LocationId, float]]
    """Per unit place, the tonnes the plan's road legs bring from each depot with trucks
    over the horizon (:func:`~supplyline.routing.depot_choice.plan_traced`): its serving
    depot, as ``routes`` loads them there first."""
    road_places: frozenset[LocationId] = frozenset()
    """The places with road data (:func:`~supplyline.routing.reach_holders.road_places`):
    a holder no road joins to a unit does not flag it."""


def unit_row(
    scenario: Scenario,
    unit_id: UnitId,
    daily: float,
    km: RoadMatrix,
    groups_at: Mapping[LocationId, list[FleetGroup]],
    availability: float,
    points: tuple[list[LocationId], list[LocationId]],
    roads: DayRoads,
    goods: UnitGoods,
) -> tuple[ReachRow, tuple[DepotTrucks, ...], LocationId | None]:
    """The unit's row, its depots' parts of its goods, and its first depot.

    ``points``: the railheads where goods arrive with no truck leg to check, and the
    supply points (:func:`~supplyline.routing.reach_points.supply_points`). The parts
    (:class:`~supplyline.routing.reach_trucks.DepotTrucks`) are each depot's share on its
    own trucks, which the depots' truck-hours are shared by; the first depot is the
    source of the goods no depot holds, for the roads as the split sends them.
    """
    heads, sources = points
    unit = scenario.unit(unit_id)
    loc = unit.destination
    service_h = scenario.routing.service_minutes / 60
    wants = goods.needed.get(unit_id, {})
    holding = holders(wants, goods.held)
    traced = goods.traced.get(loc, {})
    depot = (
        None
        if loc in heads
        else serving_depot(km, loc, groups_at, sources, service_h, holding, traced)
    )
    if depot == loc:  # at the depot that would serve it: drawn there, as routes draws it
        return _on_site_row(scenario, unit_id, loc, daily), (), None
    parts: list[DepotTrucks] = []
    split: list[Part] = []
    first = depot  # the source of goods no depot holds, for the roads as the split
    if depot is not None:
        may = goods.serving.get(unit_id, frozenset())
        room = {
            d: judge_trucks(km, d, unit, groups_at[d], 0.0, availability, service_h).capacity_t
            for d in {*may, depot}
        }
        stock = Stock(goods.held_t, room, scenario.horizon_days)
        split = depot_parts(km, loc, daily, depot, (wants, goods.held, may), groups_at, stock)
        split = class_parts(scenario, split)  # each class on the trucks that may carry it
        parts = [
            judge_trucks(
                km, x.depot, unit, able, daily if len(split) == 1 else x.tonnes,
                availability, service_h, goods=x.goods, by_good=x.by_good, unheld=x.unheld,
            )
            if (able := trucks_for(scenario, groups_at[x.depot], x.goods))
            else no_carrier_trucks(x, groups_at[x.depot])
            for x in split
        ]  # fmt: skip
        if not holding or depot in holding:  # else the serving depot holds none: say so below
            depot = main_depot(split, depot)
    joined = depot is not None and math.isfinite(
        km.km[km.index(depot), km.index(loc)] + km.km[km.index(loc), km.index(depot)]
    )
    # a depot the plan's road legs bring its goods from is where its trucks load them
    loads_there = depot is not None and traced.get(depot, 0.0) > 0
    if depot is not None and (depot in sources or loads_there) and depot != loc and joined:
        supply, supply_km, by_road = nearest(km, loc, [depot], railhead=True)
    else:  # the unit's own place is no supply point for it (a well's water is drawn on site)
        # nor a depot whose trucks cannot get there and back: a tester's units had none
        # where stock stood 15 km away by road (their trucks were behind a one-way road)
        supply, supply_km, by_road = nearest(
            km, loc, [x for x in sources if x != loc or x in heads], railhead=True
        )
    common = {
        "unit": unit_id,
        "location": loc,
        "supply_point": supply,
        "supply_kind": str(scenario.location(supply).kind) if supply else None,
        "road_km": supply_km,
        "by_road": by_road,
        "daily_t": daily,
        "turns_needed": 0,
    }
    if loc in heads:  # its goods arrive where it is: no truck leg to check
        return _on_site_row(scenario, unit_id, loc, daily), (), first
    if depot is None:
        return ReachRow(
            **common,  # type: ignore[arg-type]
            depot=None, trucks=0, trucks_available=0.0, payload_t=0.0, round_trip_h=None,
            turns_per_truck=0, capacity_t_per_day=0.0, sustainable=daily <= 0,
            reason="" if daily <= 0 else "no trucks in fleet.csv can serve it",
            flagged_for=() if daily <= 0 else (FlagKind.TRUCKS,),
        ), (), first  # fmt: skip
    d, u = km.index(depot), km.index(loc)
    closed = not math.isfinite(km.km[d, u] + km.km[u, d])  # the cut-off days say why
    own = next((p for p in parts if p.depot == depot), parts[0])
    if len(parts) == 1:
        reason = own.reason
    else:  # each depot's share on its own trucks, named by what it sends
        reason = "; ".join(f"{share_words(p)}: {p.reason}" for p in parts if p.reason)
    common["turns_needed"] = sum(p.loads for p in parts)
    kinds: tuple[FlagKind, ...] = (FlagKind.TRUCKS,) if reason else ()
    if not reason and daily > 0 and holding and depot not in holding and depot != loc:
        # only holders a drive away flag it: one no road joins to it is the plan's matter
        ways = holder_ways(km, loc, holding, goods.road_places)
        if Way.HOURS in ways.values():
            reason = no_holder_words(
                scenario, km, wants, ways, goods.held, depot, (loc, supply, goods.off_truck)
            )
            kinds = (FlagKind.GOODS,)
    if not reason and not closed and daily > 0:
        sends = unit_sends(daily, wants, goods.held, goods.serving.get(unit_id, ()), first or depot)
        bound = roads.bound_sends(loc, sends)
        if bound is not None:
            froms = ", ".join(sorted({d for x in sends for d in x.depots}))
            reason = (
                f"{need_words(daily, sends)}; the roads from {froms} carry at most "
                f"{rate_text(bound.limit_t)} t/day there ({roads_text(bound.roads)})"
            )
            kinds = (FlagKind.ROADS,)
    trucks = sum(p.trucks for p in parts)
    kept = _kept_by(km, loc, goods)
    return ReachRow(
        **common,  # type: ignore[arg-type]
        depot=depot, trucks=trucks, trucks_available=trucks * availability,
        payload_t=sum(p.trucks * p.payload_t for p in parts) / trucks if trucks else 0.0,
        round_trip_h=own.round_trip_h, turns_per_truck=own.turns,
        capacity_t_per_day=sum(p.capacity_t for p in parts), sustainable=not reason,
        reason=reason, shares=_shares(parts, split, goods, kept) if len(parts) > 1 else (),
        flagged_for=kinds,
    ), tuple(parts), first  # fmt: skip


def _on_site_row(scenario: Scenario, unit_id: UnitId, loc: LocationId, daily: float) -> ReachRow:
    """The row of a unit whose goods are drawn where it is: no truck leg, never flagged.

    A unit at a railhead, port or airfield (its goods arrive there), or at the depot whose
    trucks would serve it (``routes`` draws its goods there, with no truck: a tester's
    log-bn at fwd-depot read "supplied from camp-b, 45 km, round trip 0.50 h, 18 turns"
    in ``reach`` and "host-depot, 210 km" in the plan's check). Whether the goods reach
    its place is the movement plan's matter, not its trucks'.
    """
    return ReachRow(
        unit=unit_id, location=loc, supply_point=loc,
        supply_kind=str(scenario.location(loc).kind), road_km=None, by_road=True,
        depot=None, trucks=0, trucks_available=0.0, payload_t=0.0, round_trip_h=None,
        turns_per_truck=0, daily_t=daily, turns_needed=0, capacity_t_per_day=0.0,
        sustainable=True, reason="", on_site=True,
    )  # fmt: skip


def _kept_by(
    km: RoadMatrix, loc: LocationId, goods: UnitGoods
) -> Callable[[Collection[LocationId]], Mapping[LocationId, str]]:
    """What keeps each of some holders' trucks from ``loc``, in words (``with no road to C``)."""

    def kept(far: Collection[LocationId]) -> Mapping[LocationId, str]:
        ways = holder_ways(km, loc, far, goods.road_places)
        return {x: way_words(w, loc) for x, w in ways.items()}

    return kept


def _shares(
    parts: Sequence[DepotTrucks],
    split: Sequence[Part],
    goods: UnitGoods,
    kept: Callable[[Collection[LocationId]], Mapping[LocationId, str]],
) -> tuple[ReachShare, ...]:
    """The row's per-depot figures, before the depots' truck-hours are shared.

    ``kept`` says what keeps each holder of a good no serving depot holds from the unit.
    """
    return tuple(
        ReachShare(
            depot=p.depot, goods=p.goods, daily_t=p.tonnes, trucks=p.trucks,
            round_trip_h=p.round_trip_h, turns_per_truck=p.turns, turns_needed=p.loads,
            capacity_t_per_day=p.capacity_t, reason=p.reason, unheld=x.unheld,
            unheld_t=p.unheld_t,
            unheld_why=unheld_words(x.unheld, goods.held, goods.off_truck, goods.basis, kept)
            if x.unheld else "",
        )
        for p, x in zip(parts, split, strict=True)
    )  # fmt: skip

"""The reach check: whether the trucks that serve each unit can keep up with its demand.

Forces that outran their railheads failed because the last leg by truck could not carry
what they consumed. This makes that visible before it happens, per unit:

* where its goods come from by road (its *supply point*) and the road distance: the
  nearest of the railheads, ports and airfields where freight arrives and the places
  that hold stock (``stocks.csv``), or, given the movement plan, the places its road legs
  start from (where more goods leave by road than arrive by road); a tester's relief
  units were all judged from an airstrip's three 1 t pick-ups 90 km away, though a
  warehouse with ten 8 t bowsers stood 5 km from the largest site;
* the fleet that serves it, as ``routes`` picks depots: the trucks of the nearest fleet
  depot (by round trip) that is a supply point and whose trucks can serve the unit within
  their drivers' hours, else the nearest depot whose trucks can, else the nearest; only
  the truck types that can make the round trip count;
* the round trip (out, back, and the stop), the turns a truck can make within its
  drivers' hours and the unit's receiving window, back by 24 h (the count ``routes``
  uses, :func:`~supplyline.routing.turns.window_turns`), the truck-loads a day its
  demand needs;
* what that fleet carries a day — trucks × availability × turns × payload — and whether
  that covers the unit's demand alone; where its goods come from several depots, each
  depot's share on that depot's trucks (:mod:`~supplyline.routing.reach_depots`,
  :mod:`~supplyline.routing.reach_trucks`: ``routes`` loads each commodity on the trucks
  of the depot holding it, and a unit was judged on one depot's trucks for all its
  tonnes), and whether the depot's truck-hours carry it beside the other units the same
  depot serves (``depot_load_pct``,
  :mod:`~supplyline.routing.truck_hours`: only the unit that does not fit is flagged);
* whether the depot holds its goods, where they arrive at a place with no trucks
  (:mod:`~supplyline.routing.reach_goods`); and, given the plan, commodity by commodity,
  whether a depot whose trucks serve it holds each, else where its road legs start
  (:mod:`~supplyline.routing.stranded_goods`: a depot's water hid a tester's food, left
  at a railhead without trucks);
* the days its place is cut off by road — no truck depot reaches it over a road open that
  day (the rule of :mod:`~supplyline.routing.roads`, as ``routes`` reports ``road_closed``)
  — naming the closed roads; a unit cut off on a day it has demand, beyond what its own
  stock covers (:mod:`~supplyline.routing.reach_cover`), or on every day, is not
  sustainable (a tester's unit whose only road was closed for the whole horizon was
  "ok" with a 1.7 h round trip);
* whether the roads can carry its demand at all: their ``capacity_t_per_day`` bound the
  loaded tonnes a day from the depots holding its goods (a maximum flow, each good from
  its holders: :meth:`~supplyline.routing.road_days.DayRoads.bound_sends`), for the unit
  alone, then beside the other units behind the same roads (:mod:`~supplyline.routing.
  road_share`: only the unit that does not fit is flagged); the trucks' figures stay an
  estimate;
* given the plan, the busiest day of what its road legs bring the unit's place (build-up
  included, as ``routes`` loads it) against what its trucks carry in that day
  (:mod:`~supplyline.routing.reach_busiest`: a tester's u0 read ok at 38.7 t/day while
  ``routes --day 8`` left 85.5 t ``too_large``).

Each unit is first judged alone (:mod:`~supplyline.routing.reach_unit`: its supply
point, depots, trucks and roads); this module makes the rows and judges what they share
(the depots' truck-hours, the roads, the depots' stock of the day) and the days cut off.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace

from supplyline.domain import FleetGroup, Plan, Scenario, Unit
from supplyline.domain.fields import check_value
from supplyline.domain.reach_flags import FlagKind, flag_rows, with_kind
from supplyline.domain.routes import ReachCheck, ReachRow
from supplyline.errors import ArgumentError, require
from supplyline.routing.depot_choice import plan_traced
from supplyline.routing.depot_days import PlanDepotDays
from supplyline.routing.depot_share import DayShare
from supplyline.routing.reach_absent import checked_never_arrive, with_never_arriving
from supplyline.routing.reach_busiest import with_busiest_days
from supplyline.routing.reach_cargo import carried_goods
from supplyline.routing.reach_cut_off import (
    PlanCover,
    cut_off_days,
    cut_off_words,
    with_cut_off,
)
from supplyline.routing.reach_estimated import with_unlinked
from supplyline.routing.reach_goods import (
    depot_goods,
    depot_tonnes,
    goods_by_unit,
    goods_elsewhere,
    off_truck_goods,
    unit_sends,
)
from supplyline.routing.reach_holders import road_places
from supplyline.routing.reach_plan_cover import Eaten, PlanHeld, PlanStock, plan_held
from supplyline.routing.reach_points import (
    RAILHEAD_KINDS,
    railheads,
    supply_points,
    trucked_to,
)
from supplyline.routing.reach_table import REACH_COLUMNS, reach_rows
from supplyline.routing.reach_trucks import (
    DepotTrucks,
    share_words,
    shared_words,
    trucks_serving,
)
from supplyline.routing.reach_unit import UnitGoods, unit_row
from supplyline.routing.reach_windows import with_window_misfits
from supplyline.routing.road_days import DayRoads, day_road_misfits
from supplyline.routing.road_share import RoadNeed, shared_road_misfits
from supplyline.routing.roads import road_matrix
from supplyline.routing.scenario_fit import checked_demand_days, require_units
from supplyline.routing.stranded_goods import DayStock, plan_origins, stranded_reason
from supplyline.routing.truck_hours import Need, shared_misfits
from supplyline.types import CommodityId, LocationId, UnitId

__all__ = [
    "RAILHEAD_KINDS",
    "REACH_COLUMNS",
    "check_reach",
    "cut_off_words",
    "reach_rows",
    "supply_points",
]


def check_reach(
    scenario: Scenario,
    daily_t: Mapping[UnitId, float],
    *,
    availability: float,
    demand_days: Mapping[UnitId, Collection[int]] | None = None,
    plan: Plan | None = None,
    goods: Mapping[UnitId, Collection[CommodityId] | Mapping[CommodityId, float]] | None = None,
    never_arrive: Collection[UnitId] = (),
    eaten_t: Eaten | None = None,
) -> ReachCheck:
    """The reach check of every unit, given its daily demand in tonnes.

    ``daily_t`` is the demand a unit's trucks must carry each day (the caller chooses:
    the peak daily consumption is the usual, cautious choice); ``availability`` is the
    share of trucks on the road on a given day (planning factor
    ``truck.fleet_availability_fraction``). One outside (0, 1] is an ArgumentError (a
    plain ValueError escaped a script's ``except SupplylineError``), as is every argument
    of the wrong kind (see :func:`_checked_daily`).

    ``demand_days`` are the days each unit has demand (consumption above 0); a unit cut
    off by road on one of them, beyond what its own stock covers (its ``days_of_supply``,
    :mod:`~supplyline.routing.reach_cover`), or on every day, is flagged. Without it, a
    unit with ``daily_t`` above 0 is taken to have demand every day.

    ``plan`` is the movement plan, where there is one: each unit is then judged from the
    places its road legs start from (:func:`supply_points`), not from ``stocks.csv``.

    ``goods`` are the commodities each unit needs, best with its tonnes a day of each
    (the shares of its ``daily_t``): on shared roads each commodity may then come from
    any depot that holds it and whose trucks may serve the unit (:mod:`.road_share`);
    with the commodities alone, all of them from a depot holding them all. Without it,
    each depot's tonnes must reach its own units.

    ``eaten_t`` is each unit's consumption, good by good, day by day: given it with the
    ``plan``, a run of cut-off days is judged on what the plan holds at the unit's place by
    the day before (:mod:`~supplyline.routing.reach_plan_cover`), not on its
    ``days_of_supply``.

    ``never_arrive`` are the deploying units never at their destination within the
    horizon (:func:`~supplyline.planning.arrival.never_there`): whatever their
    ``daily_t``, they need nothing, add nothing to their depots' load, and their rows say
    "never arrives" (:mod:`~supplyline.routing.reach_absent`).
    """
    require(scenario, Scenario, "the scenario")  # a path: AttributeError 'fleet'
    require_units(scenario, daily_t=daily_t, demand_days=demand_days, goods=goods)
    demand_days = checked_demand_days(scenario, demand_days)  # each day in the horizon
    if goods is not None:
        require(goods, Mapping, "goods (commodities needed by unit id)")
    share: float = check_value(availability, float, "availability")  # "0.5", None, Decimal
    if not 0 < share <= 1:
        raise ArgumentError(f"availability(={availability}) must be in (0, 1]")
    availability = share
    never = checked_never_arrive(scenario, never_arrive)
    # a unit never there needs nothing: no tonnes in its depot's load, no days to cover
    daily = {u: 0.0 if u in never else t for u, t in _checked_daily(daily_t).items()}
    if never and demand_days is not None:
        demand_days = {u: () if u in never else d for u, d in demand_days.items()}
    if never and goods is not None:
        goods = {u: g for u, g in goods.items() if u not in never}
    groups_at: dict[LocationId, list[FleetGroup]] = defaultdict(list)
    for g in scenario.fleet:
        if g.count > 0:
            groups_at[g.depot].append(g)
    heads = railheads(scenario)
    sources = supply_points(scenario, plan)
    homes = {u.destination for u in scenario.units}
    origins = plan_origins(scenario, plan, homes)  # where its road legs start, by commodity
    starts = {
        x for by in origins.values() for days in by.values() for xs in days.values() for x in xs
    }
    ids = [*heads, *sources, *groups_at, *(u.destination for u in scenario.units), *sorted(starts)]
    # A unit at a railhead needs no truck, unless the plan trucks goods into its place (a
    # tester's plan drove water by road to a railhead before the first train arrived).
    no_truck = [h for h in heads if h not in trucked_to(plan)]
    km = road_matrix(scenario, ids)
    cut = cut_off_days(
        scenario, list(groups_at), list(dict.fromkeys(u.destination for u in scenario.units))
    )
    every_day = range(scenario.horizon_days)
    wanted: dict[UnitId, Collection[int]] = {
        u.id: demand_days.get(u.id, ())
        if demand_days is not None
        else every_day
        if daily.get(u.id, 0.0) > 0
        else ()
        for u in scenario.units
    }
    roads = DayRoads(scenario)  # the roads of any day, built once for every unit
    # what a depot sends by road: the goods it holds that some truck of it may load
    held = carried_goods(
        scenario, {d: depot_goods(scenario, d, plan) for d in groups_at}, groups_at
    )
    service_h = scenario.routing.service_minutes / 60
    serving = {
        u.id: frozenset(
            d
            for d in groups_at
            if km.by_road[km.index(d), km.index(u.destination)]
            and km.by_road[km.index(u.destination), km.index(d)]
            and trucks_serving(km, d, u.destination, groups_at[d], service_h)
        )
        for u in scenario.units
    }
    unit_goods = UnitGoods(
        goods_by_unit(goods or {}), held, serving, depot_tonnes(scenario, groups_at, plan, homes),
        off_truck_goods(scenario, groups_at, plan),
        "stocks.csv" if plan is None else "stocks.csv or the movement plan",
        plan_traced(scenario, plan, homes), road_places(scenario),
    )  # fmt: skip
    made = [
        unit_row(
            scenario, u.id, daily.get(u.id, 0.0), km, groups_at, availability,
            (no_truck, sources), roads, unit_goods,
        )
        for u in scenario.units
    ]  # fmt: skip
    held_by = _plan_cover(scenario, plan, eaten_t, never, set(cut))
    rows = [
        with_cut_off(
            row,
            # a unit at a railhead or at its depot gets its goods there, without a truck:
            # no cut-off to flag (a tester's rail-served unit was "cut off by road" every day)
            [] if row.on_site else cut.get(u.destination, []),
            wanted[u.id],
            scenario.horizon_days,
            u,  # what its own stock covers is not flagged
            held_by(u) if held_by is not None else None,  # or what the plan holds there
            without_plan=plan is None,
        )
        for u, (row, _, _) in zip(scenario.units, made, strict=True)
    ]
    elsewhere = goods_elsewhere(
        scenario,
        rows,
        [parts for _, parts, _ in made],
        km,
        sources=sources,
        depots=groups_at,
        plan=plan,
        pool=(unit_goods.held_t, unit_goods.serving),
    )
    on_site = {row.unit: row.on_site for row, _, _ in made}
    # each commodity from where a truck serving it loads it, weighed against the serving
    # depots' stock of the day as routes shares it among the units (each day once)
    stock_on = _day_stock(scenario, plan)
    for u in scenario.units:
        if plan is None or on_site[u.id] or daily.get(u.id, 0.0) <= 0:
            continue
        stranded = stranded_reason(
            scenario, km, u.destination, unit_goods.needed.get(u.id, {}), unit=u.id,
            serving=serving[u.id], depots=groups_at, held=held,
            origins=origins.get(u.destination, {}), stock=stock_on,
        )  # fmt: skip
        if stranded:
            elsewhere[u.id] = "; ".join(x for x in (elsewhere.get(u.id, ""), stranded) if x)
    rows = flag_rows(rows, elsewhere, FlagKind.GOODS)
    # then the units whose windows no one truck's day covers together, beyond the trucks
    shared = with_window_misfits(
        scenario,
        _shared(rows, [parts for _, parts, _ in made], groups_at, availability),
        km,
        groups_at,
        wanted,
    )
    final = _shared_roads(
        scenario,
        shared,
        wanted,
        unit_goods,
        {row.unit: first for row, _, first in made},
    )
    judged = with_never_arriving(scenario, with_unlinked(scenario, final), never)
    if plan is not None:  # the plan's busiest day of each unit, build-up included
        judged = with_busiest_days(scenario, judged, plan, km, groups_at)
    return ReachCheck(
        scenario=scenario.name,
        rows=tuple(judged),
        availability=availability,
        service_minutes=scenario.routing.service_minutes,
        detour_factor=scenario.routing.detour_factor,
        trucks=sum(g.count for g in scenario.fleet),
        units=len(scenario.units),
        start_date=scenario.start_date,
    )


def _plan_cover(
    scenario: Scenario,
    plan: Plan | None,
    eaten_t: Eaten | None,
    never: Collection[UnitId],
    cut_places: Collection[LocationId],
) -> Callable[[Unit], PlanCover] | None:
    """For each unit, what the plan holds at its place before a closure (None: no plan).

    The units at a place share its store; a unit never there eats nothing from it.
    """
    if plan is None or eaten_t is None:
        return None
    stock = PlanStock(plan, cut_places)
    at: dict[LocationId, list[UnitId]] = defaultdict(list)
    for u in scenario.units:
        if u.id not in never:
            at[u.destination].append(u.id)
    eaten = {u: e for u, e in eaten_t.items() if u not in never}

    def held_by(unit: Unit) -> PlanCover:
        def cover(first_cut: int, days: Sequence[int]) -> PlanHeld:
            return plan_held(
                stock, unit.destination, unit.id, at[unit.destination], first_cut, days, eaten
            )

        return cover

    return held_by


def _day_stock(scenario: Scenario, plan: Plan | None) -> DayStock:
    """The depots' stock of a day of ``plan``, shared as ``routes`` shares it, once per day.

    One walk from C+0 (:class:`~supplyline.routing.depot_days.PlanDepotDays`): what
    earlier days' trucks loaded is gone from the later days' stock, as in ``routes``.
    """
    days = None if plan is None else PlanDepotDays(scenario, plan)

    def on(day: int) -> DayShare:
        if days is None:
            return DayShare(held_t={}, given_t={}, short_t={})
        return days.on(day).share

    return on


def _checked_daily(daily_t: object) -> dict[UnitId, float]:
    """Each unit's daily tonnes, as floats, finite and >= 0; else an ArgumentError.

    None or a list was an ``AttributeError`` ('get'), an infinite demand an
    ``OverflowError`` in the truck-loads it needs; numpy numbers are taken.
    """
    require(daily_t, Mapping, "daily_t")
    assert isinstance(daily_t, Mapping)  # for the type checker: require raised otherwise
    daily: dict[UnitId, float] = {}
    for unit, tonnes in daily_t.items():
        value: float = check_value(tonnes, float, f"daily_t[{unit!r}]")
        if not (math.isfinite(value) and value >= 0):
            raise ArgumentError(f"daily_t[{unit!r}](={value}) must be a finite number >= 0")
        daily[unit] = value
    return daily


def _shared(
    rows: Sequence[ReachRow],
    parts: Sequence[tuple[DepotTrucks, ...]],
    groups_at: Mapping[LocationId, list[FleetGroup]],
    availability: float,
) -> list[ReachRow]:
    """The rows with their depots' shared load, and a flag where its truck-hours run out.

    Units served from one depot share its trucks' hours (:mod:`.truck_hours`): each unit
    counts what the depot's trucks can carry of its share of the unit's goods (all of it
    where one depot sends everything; a share beyond them is flagged on its own, and does
    not make the others fail); a unit is flagged for the sharing only when its
    truck-hours do not fit beside those of the units needing fewer, at any of its depots.
    """
    by_depot: dict[LocationId, list[tuple[ReachRow, DepotTrucks]]] = defaultdict(list)
    for r, mine in zip(rows, parts, strict=True):
        for p in mine:
            by_depot[p.depot].append((r, p))
    share: dict[LocationId, float] = {}
    counted = {
        depot: tuple(sorted({r.unit for r, p in served if p.carried_t > 0}))
        for depot, served in by_depot.items()
    }
    # per part (a depot's goods of one cargo class): a unit's fuel beyond the tanker's
    # hours does not send its water, on the bowsers, to the back of the queue
    misfit: dict[tuple[LocationId, UnitId, tuple[str, ...]], tuple[float, float, float]] = {}
    for depot, served in by_depot.items():
        hours = {
            g.id: g.count * availability * min(g.max_route_hours, 24.0) for g in groups_at[depot]
        }
        key = {f"{r.unit}\x00{';'.join(p.goods)}": (r.unit, p) for r, p in served}
        needs = [Need(f"{r.unit}\x00{';'.join(p.goods)}", p.carried_t, p.lanes) for r, p in served]
        alone = [n.unit for n, (_, p) in zip(needs, served, strict=True) if p.reason]
        share[depot], out = shared_misfits(needs, hours, last=alone)
        for k, (h, used) in out.items():
            unit, p = key[k]  # the hours of the trucks that may carry its goods, not all
            have = sum(hours.get(x.group, 0.0) for x in p.lanes) or sum(hours.values())
            misfit[(depot, unit, p.goods)] = (h, used, have)
    final = []
    for r, mine in zip(rows, parts, strict=True):
        pct = 100 * share[r.depot] if r.depot in share else None
        said = [r.reason] if r.reason else []
        for p in mine if r.daily_t > 0 else ():
            if (p.depot, r.unit, p.goods) in misfit and not p.reason:
                words = shared_words(
                    p.depot, p.tonnes, misfit[(p.depot, r.unit, p.goods)], availability
                )
                said.append(f"{share_words(p)}: {words}" if r.shares else words)
        reason = "; ".join(said)
        shared_hours = len(said) > bool(r.reason)  # misfit words added to its own
        kinds = with_kind(r.flagged_for, FlagKind.TRUCKS) if shared_hours else r.flagged_for
        shares = tuple(
            replace(
                x,
                depot_load_pct=100 * share[x.depot] if x.depot in share else None,
                depot_units=counted.get(x.depot, ()),
                reason=x.reason
                or (
                    shared_words(
                        x.depot, x.daily_t, misfit[(x.depot, r.unit, x.goods)], availability
                    )
                    if (x.depot, r.unit, x.goods) in misfit and x.daily_t > 0
                    else ""
                ),
            )
            for x in r.shares
        )
        final.append(
            replace(
                r,
                depot_load_pct=pct,
                reason=reason,
                sustainable=not reason,
                shares=shares,
                flagged_for=kinds,
            )
        )
    return final


def carried_t(row: ReachRow) -> float:
    """What the trucks of a unit's depots carry of its tonnes a day (at most its tonnes).

    Per depot where several send its goods: a depot's spare trucks do not carry the goods
    another holds.
    """
    if row.shares:
        return sum(min(x.daily_t, x.capacity_t_per_day) for x in row.shares)
    return min(row.daily_t, row.capacity_t_per_day)


def _shared_roads(
    scenario: Scenario,
    rows: Sequence[ReachRow],
    wanted: Mapping[UnitId, Collection[int]],
    goods: UnitGoods,
    first: Mapping[UnitId, LocationId | None],
) -> list[ReachRow]:
    """The rows, a unit flagged where its roads cannot carry its tonnes beside others'.

    Each unit counts the tonnes its trucks carry of its demand (:mod:`.road_share`); a
    unit flagged already goes last, and keeps its own reason. Then the roads open on each
    group of days its demand falls on (``wanted``), alone and shared
    (:mod:`.road_days`): a tester's unit behind two roads, each closed half the
    horizon, was judged on both open at once. ``goods`` are what each unit needs, what
    each depot holds and which depots' trucks may serve each unit, by which a unit's
    goods may come from another depot; ``first`` each unit's serving depot, the source of
    the goods no depot that may serve it holds (as :func:`~.reach_depots.depot_parts`
    sends them: the row's depot, the one sending the most tonnes, had been taken here).
    """
    needs = [
        RoadNeed(
            r.unit,
            r.depot,
            r.location,
            carried_t(r),
            frozenset(goods.needed.get(r.unit, {})),
            goods.held.get(r.depot, frozenset()),
            {c: t for c, t in goods.needed.get(r.unit, {}).items() if t is not None},
            goods.serving.get(r.unit, frozenset()),
            unit_sends(
                carried_t(r),
                goods.needed.get(r.unit, {}),
                goods.held,
                goods.serving.get(r.unit, ()),
                first.get(r.unit) or r.depot,
            ),
        )
        for r in rows
        if r.depot is not None and r.round_trip_h is not None
    ]
    out = shared_road_misfits(scenario, needs, last={r.unit for r in rows if r.reason})
    out |= day_road_misfits(
        scenario, needs, wanted, last={*out, *(r.unit for r in rows if r.reason)}
    )
    return [
        r
        if r.reason or r.unit not in out
        else replace(r, reason=out[r.unit], sustainable=False, flagged_for=(FlagKind.ROADS,))
        for r in rows
    ]

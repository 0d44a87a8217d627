"""Loads taken off a full road, sent another way on the trucks left, or ``road_full``.

After a search, :meth:`~supplyline.routing.road_load.RoadBudget.fit` takes loads off the
roads the routes would overfill. Each repair round routes what was taken off on the
trucks the day left idle and on the hours the routed trucks have left (more trips after
their routes), with every full road that has no room left out of the loaded trucks'
graph (the way back to the depot, empty, keeps it); it is measured and cut to the
capacities left in its turn. A full road the cuts left with room (a load that crossed
it came off for a road further on) stays in the graph: the loads taken off that need it
take that room, the least urgent cut first and the last split to fit, and what is cut
again goes round in one more round. (Before, a tester's road cut to 10 t carried 2 t
once the load on it was cut again further on, and the 10 t taken off it first stayed
``road_full``.) What no round brings is ``road_full``, naming the road, the day, its capacity,
what the loads would have needed, and why no other way served (none open, too far, no
truck left).

In plan mode a load is pinned to the depot that holds its goods. Where that depot's
trucks left cannot bring it round the full roads, the round offers it to the other depots
that still hold the goods (what they held for the day, less what the day's routes load
there already) and whose trucks left reach the unit, best first and while their hours
last, as the depot choice does (:func:`~supplyline.routing.depot_stock.allocate`): a
tester's plan fed U1 from D2 over D2→L1, the routes sent D1's truck over a full J→K, and
the repair, with D1 alone, left 10 t ``road_full`` beside D2's idle trucks. Another depot
gives such a load no more than it spares (``spare_t``: what the plan's own road legs from
it, that day or later, do not take), as the day's first share does
(:func:`~supplyline.routing.depot_share.spare_left`): the repair handed out stock the
plan's later legs needed, the double use the walk of the plan's days ends
(:mod:`~supplyline.routing.depot_days`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from supplyline.domain import FleetGroup, Scenario
from supplyline.domain.routes import TruckRoute, Unserved, UnservedReason
from supplyline.routing.depot_stock import allocate
from supplyline.routing.loads import idle_groups, plan_chunks
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.road_load import DayGraph, Full, RoadBudget, Taken, loaded_matrix
from supplyline.routing.roads import RoadMatrix
from supplyline.routing.site_stock import part_of
from supplyline.routing.translate import Chunk
from supplyline.routing.trip_cap import within_trips
from supplyline.routing.truck_fit import depot_options, truck_hours
from supplyline.types import CommodityId, LocationId

__all__ = ["Off", "Solve", "offs_of", "other_depots", "repair", "road_full"]


@dataclass(frozen=True, slots=True)
class Off:
    """What was taken off a request's routes for a full road, and where it must load."""

    req: DeliveryRequest
    pinned: LocationId | None
    """The depot that holds its goods (plan mode), else None."""
    blame: tuple[Full, ...]


Solve = Callable[
    [
        Sequence[DeliveryRequest],
        Sequence[FleetGroup],
        Sequence[Chunk],
        RoadMatrix,
        DayGraph,
        Mapping[str, int],
        Mapping[str, tuple[int, int]],
    ],
    tuple[list[TruckRoute], list[Chunk], dict[int, Taken]],
]
"""One search of the day (requests, trucks, loads, km, graph, trucks numbered before,
groups' shifts in seconds where not the whole day): its routes, the loads it left out and
what came off them for a full road, by chunk index."""

_DAY_S = 24 * 3600
_LEAST_S = 15 * 60
"""Hours left below a quarter of an hour are no more trip."""
_ROOM_T = 0.001
"""A full road with less room than a kilogram left is full: loads are whole kilograms."""


def offs_of(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    chunks: Sequence[Chunk],
    dropped: Mapping[int, Taken],
    pinned: Sequence[LocationId | None],
    before: Sequence[tuple[Full, ...]] | None = None,
) -> list[Off]:
    """What came off the loads, as one part per request, with the roads to blame.

    Only what came off a split load (its part beyond the road's room) is here: the rest
    went on. ``before`` is, per request, what earlier rounds blamed (its loads were
    taken off already once).
    """
    load: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    blame: dict[int, list[Full]] = defaultdict(list)
    for k, taken in sorted(dropped.items()):
        c = chunks[k]
        for com, t in taken.load_t.items():
            load[c.request][com] += t
        if taken.full not in blame[c.request]:
            blame[c.request].append(taken.full)
    return [
        Off(
            req=part_of(scenario, requests[r], dict(load[r])),
            pinned=pinned[r],
            blame=tuple(dict.fromkeys([*(before[r] if before else ()), *blame[r]])),
        )
        for r in sorted(load)
    ]


def road_full(off: Off, day: int, why: str) -> Unserved:
    """The load taken off, ``road_full``: each full road said, then why no other way served."""
    said = "; ".join(f.said(day) for f in off.blame)
    return Unserved(
        unit=off.req.unit,
        location=off.req.location,
        load_t=off.req.load_t,
        reason=UnservedReason.ROAD_FULL,
        detail=f"{said}: {why}",
    )


def _hours_left(
    groups: Sequence[FleetGroup], routes: Sequence[TruckRoute]
) -> tuple[list[FleetGroup], dict[str, tuple[int, int]], dict[str, int]]:
    """Each routed truck's hours left after its day, as a fleet group of one of its own.

    The truck may load again at its depot from the end of its routes until its drivers'
    hours (from its start) or midnight run out; it is paid for already (no fixed cost).
    Returns the groups, their shifts in seconds, and the route each belongs to.
    """
    by_id = {g.id: g for g in groups}
    out: list[FleetGroup] = []
    shifts: dict[str, tuple[int, int]] = {}
    owner: dict[str, int] = {}
    for k, r in enumerate(routes):
        g = by_id[r.fleet_group]
        start = math.ceil(r.end_h * 3600 - 1e-6)  # back at its depot
        end = min(_DAY_S, round(r.start_h * 3600) + math.floor(g.max_route_hours * 3600))
        if end - start < _LEAST_S:
            continue
        more = replace(
            g,
            id=f"{r.truck.replace('#', '.')}:later",
            count=1,
            fixed_cost=0.0,
            max_route_hours=(end - start) / 3600,
        )
        out.append(more)
        shifts[more.id] = (start, end)
        owner[more.id] = k
    return out, shifts, owner


def _merged(base: TruckRoute, later: TruckRoute) -> TruckRoute:
    """The truck's day with the trips it makes after its first routes."""
    shift = base.trips
    return replace(
        base,
        end_h=later.end_h,
        distance_km=base.distance_km + later.distance_km,
        cost=base.cost + later.cost,
        stops=(*base.stops, *(replace(x, trip=x.trip + shift) for x in later.stops)),
        path=(*base.path, *later.path[1:]),
    )


def repair(
    scenario: Scenario,
    off: list[Off],
    context: tuple[Sequence[FleetGroup], RoadMatrix, RoadBudget, int],
    routes: Sequence[TruckRoute],
    solve: Solve,
    *,
    rounds: int,
    multi_trip: bool,
    held_t: Mapping[tuple[LocationId, CommodityId], float] | None = None,
    spare_t: Mapping[tuple[LocationId, CommodityId], float] | None = None,
) -> tuple[list[TruckRoute], list[Unserved]]:
    """Route the loads taken off full roads another way, in up to ``rounds`` searches.

    ``context`` is the day's fleet groups, road matrix, budget and day; ``routes`` the
    trucks already routed. The loads go on the idle trucks and, with ``multi_trip``, on
    the hours the routed trucks have left (more trips from their depot after their
    routes). Returns every route of the day (the routed trucks' with their new trips,
    then the idle trucks') and what stays undelivered, ``road_full``. ``held_t`` is what
    each depot holds for its trucks that day (plan mode): a pinned load its depot's
    trucks left cannot bring goes to another depot that holds it (:func:`other_depots`),
    within what that depot spares still (``spare_t``, where given) over every round.
    """
    groups, km, budget, day = context
    every = list(routes)
    lost: list[Unserved] = []
    why_left = "the other ways were full too"
    # a round that offers a full road's room left may cut loads again: one more to send
    # what it cuts round the other ways
    rounds += any(budget.room(w) > _ROOM_T for w in budget.full)
    for _ in range(rounds):
        if not off:
            break
        later, shifts, owner = _hours_left(groups, every) if multi_trip else ([], {}, {})
        idle = [*idle_groups(groups, every), *later]
        if not idle:
            why_left = "no truck was left to bring it another way"
            break
        parts = [o.req for o in off]
        without = frozenset(w for w in budget.full if budget.room(w) <= _ROOM_T)
        loaded = loaded_matrix(scenario, km, day, without, {r.location for r in parts})
        if held_t is not None:
            held = _held_left(held_t, every)
            off, spare_t = other_depots(scenario, off, idle, loaded, held, day, spare_t)
            parts = [o.req for o in off]
        chunks, unfit, bounds = plan_chunks(
            parts, idle, loaded, scenario, multi_trip=multi_trip, day=day,
            pinned=[o.pinned for o in off],
        )  # fmt: skip
        tried = {c.request for c in chunks}
        # what the trucks left could not bring in a day is never offered (routing.trip_cap)
        chunks, beyond = within_trips(chunks, bounds)
        untried = [i for i in range(len(parts)) if i not in tried]
        busy = _busy_depots(scenario, [parts[i] for i in untried], groups, idle, loaded, day)
        lost += [
            road_full(off[i], day, _other_way(u, b))
            for i, u, b in zip(untried, unfit, busy, strict=True)
        ]
        if not chunks:
            off = []
            break
        used: dict[str, int] = defaultdict(int)
        for truck in every:
            used[truck.fleet_group] += 1
        graph = DayGraph(scenario, day, without)
        new, left, dropped = solve(parts, idle, chunks, loaded, graph, used, shifts)
        left = [*left, *beyond]
        for truck in new:
            if truck.fleet_group in owner:
                k = owner[truck.fleet_group]
                every[k] = _merged(every[k], truck)
            else:
                every.append(truck)
        by_request: dict[int, list[Chunk]] = defaultdict(list)
        for c in left:
            by_request[c.request].append(c)
        for r, cs in by_request.items():
            rest = part_of(scenario, parts[r], _summed(cs))
            why = f"the trucks left could not take it the other way ({bounds[r].why})"
            lost.append(road_full(Off(rest, off[r].pinned, off[r].blame), day, why))
        off = offs_of(
            scenario, parts, chunks, dropped, [o.pinned for o in off], [o.blame for o in off]
        )
    lost += [road_full(o, day, why_left) for o in off]
    return every, lost


def _held_left(
    held_t: Mapping[tuple[LocationId, CommodityId], float], routes: Sequence[TruckRoute]
) -> dict[tuple[LocationId, CommodityId], float]:
    """What each depot holds still: ``held_t`` less what the day's routes load there."""
    left = dict(held_t)
    for r in routes:
        for stop in r.stops:
            for com, t in stop.load_t.items():
                left[(r.depot, com)] = left.get((r.depot, com), 0.0) - t
    return left


def other_depots(
    scenario: Scenario,
    off: Sequence[Off],
    idle: Sequence[FleetGroup],
    km: RoadMatrix,
    held_t: Mapping[tuple[LocationId, CommodityId], float],
    day: int,
    spare_t: Mapping[tuple[LocationId, CommodityId], float] | None = None,
) -> tuple[list[Off], dict[tuple[LocationId, CommodityId], float] | None]:
    """The loads taken off, each on a depot whose trucks left can bring it round.

    A load whose depot's trucks left (``idle``) reach the unit on ``km`` (the way round
    the full roads) stays pinned there: the depot choice put it there. Else it goes to
    the depots that hold its goods still (``held_t``, what the day's routes left) and whose
    trucks left reach the unit, best first while their hours last, split among them
    where one does not hold it all; where they do not hold it all together, it stays
    as it was, for the round to say why its depot's trucks cannot bring it. Given
    ``spare_t``, another depot holds for it only what it spares (the rest the plan's own
    legs from it take, that day or later), as :func:`~supplyline.routing.depot_stock.
    allocate` gives; returns the loads and what each depot spares still (None without).
    """
    left: dict[tuple[LocationId, CommodityId], float] = defaultdict(float, held_t)
    spare = None if spare_t is None else defaultdict(float, spare_t)
    hours: dict[LocationId, float] = defaultdict(float, truck_hours(idle))
    options = depot_options([o.req for o in off], idle, km, scenario, day)
    stays = [
        o.pinned is None or o.pinned in {x.depot for x in opts}
        for o, opts in zip(off, options, strict=True)
    ]
    for o, keep in zip(off, stays, strict=True):
        if keep and o.pinned is not None:
            for com, t in o.req.load_t.items():
                left[(o.pinned, com)] -= t
    out: list[Off] = []
    for o, opts, keep in zip(off, options, stays, strict=True):
        if keep or not opts:
            out.append(o)
            continue
        alloc = allocate(scenario, [o.req], [opts], left, day, hours, spare)
        given = [(p, d) for p, d in zip(alloc.requests, alloc.depots, strict=True) if d]
        if alloc.unserved or not given:
            out.append(o)
            continue
        pace = {x.depot: x.t_per_truck_h for x in opts}
        for part, depot in given:
            out.append(Off(part, depot, o.blame))
            for com, t in part.load_t.items():
                left[(depot, com)] -= t
                if spare is not None:  # its sources_t are gone: nothing of it is traced
                    spare[(depot, com)] -= t
            hours[depot] -= part.tonnes / pace[depot]
    return out, None if spare is None else dict(spare)


def _summed(chunks: Sequence[Chunk]) -> dict[str, float]:
    load: dict[str, float] = defaultdict(float)
    for c in chunks:
        for com, t in c.load_t.items():
            load[com] += t
    return dict(load)


def _busy_depots(
    scenario: Scenario,
    parts: Sequence[DeliveryRequest],
    groups: Sequence[FleetGroup],
    idle: Sequence[FleetGroup],
    loaded: RoadMatrix,
    day: int,
) -> list[list[LocationId]]:
    """Per load, the depots whose trucks could bring it round but have no hours left.

    Those a fresh truck of theirs would serve on ``loaded`` (the way round the full
    roads) and with no truck idle nor hours left after their routes (``idle``).
    """
    if not parts:
        return []
    left = {g.depot for g in idle}
    return [
        sorted({x.depot for x in opts} - left)
        for opts in depot_options(parts, groups, loaded, scenario, day)
    ]


def _other_way(u: Unserved, busy: Sequence[LocationId] = ()) -> str:
    """Why the way round the full roads did not serve, from the check of the idle trucks.

    Where a depot's trucks would bring it round but have no hours left (``busy``), that
    is said rather than "no other road": a tester's D2 had an open road to the unit and
    its one truck spent its hours on another unit.
    """
    if busy:
        rest = (
            "the trucks left have no other road open to it"
            if u.reason is UnservedReason.ROAD_CLOSED
            else f"the trucks left: {u.reason}, {u.detail}"
        )
        whose = ", ".join(busy)
        return (
            f"no truck was left to bring it another way (the trucks of {whose} have no "
            f"hours left; {rest})"
        )
    if u.reason is UnservedReason.ROAD_CLOSED:
        return "no other road open to it"
    return f"the other way does not serve: {u.reason} ({u.detail})"

"""Loads taken off a full road, sent another way on the trucks left, or ``road_full``.

After a search, :meth:`~supplyline.routing.road_load.RoadBudget.fit` takes loads off the
roads the routes would overfill. Each repair round routes what was taken off on the
trucks the day left idle, with every full road out of the loaded trucks' graph (the way
back to the depot, empty, keeps it); it is measured and cut to the capacities left in
its turn. What no round brings is ``road_full``, naming the road, the day, its capacity,
what the loads would have needed, and why no other way served (none open, too far, no
truck left).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from supplyline.domain import FleetGroup, Scenario
from supplyline.domain.routes import TruckRoute, Unserved, UnservedReason
from supplyline.routing.loads import idle_groups, plan_chunks
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.road_load import DayGraph, Full, RoadBudget, loaded_matrix
from supplyline.routing.roads import RoadMatrix
from supplyline.routing.site_stock import part_of
from supplyline.routing.translate import Chunk
from supplyline.types import LocationId

__all__ = ["Off", "Solve", "offs_of", "repair", "road_full"]


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
    ],
    tuple[list[TruckRoute], list[Chunk], dict[int, Full]],
]
"""One search of the day (requests, trucks, loads, km, graph, trucks numbered before):
its routes, the loads it left out and those taken off a full road, by chunk index."""


def offs_of(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    chunks: Sequence[Chunk],
    dropped: Mapping[int, Full],
    pinned: Sequence[LocationId | None],
    before: Sequence[tuple[Full, ...]] | None = None,
) -> list[Off]:
    """The loads taken off, as one part per request, with the roads to blame.

    ``before`` is, per request, what earlier rounds blamed (its loads were taken off
    already once).
    """
    load: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    blame: dict[int, list[Full]] = defaultdict(list)
    for k, full in sorted(dropped.items()):
        c = chunks[k]
        for com, t in c.load_t.items():
            load[c.request][com] += t
        if full not in blame[c.request]:
            blame[c.request].append(full)
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


def repair(
    scenario: Scenario,
    off: list[Off],
    context: tuple[Sequence[FleetGroup], RoadMatrix, RoadBudget, int],
    routes: Sequence[TruckRoute],
    solve: Solve,
    *,
    rounds: int,
    multi_trip: bool,
) -> tuple[list[TruckRoute], list[Unserved]]:
    """Route the loads taken off full roads another way, in up to ``rounds`` searches.

    ``context`` is the day's fleet groups, road matrix, budget and day; ``routes`` the
    trucks already routed (their trucks are busy). Returns the new trucks' routes and
    what stays undelivered, ``road_full``.
    """
    groups, km, budget, day = context
    more: list[TruckRoute] = []
    lost: list[Unserved] = []
    why_left = "the other ways were full too"
    for _ in range(rounds):
        if not off:
            break
        idle = idle_groups(groups, [*routes, *more])
        if not idle:
            why_left = "no truck was left to bring it another way"
            break
        parts = [o.req for o in off]
        without = frozenset(budget.full)
        loaded = loaded_matrix(scenario, km, day, without, {r.location for r in parts})
        chunks, unfit, bounds = plan_chunks(
            parts, idle, loaded, scenario, multi_trip=multi_trip, day=day,
            pinned=[o.pinned for o in off],
        )  # fmt: skip
        tried = {c.request for c in chunks}
        untried = [i for i in range(len(parts)) if i not in tried]
        lost += [road_full(off[i], day, _other_way(u)) for i, u in zip(untried, unfit, strict=True)]
        if not chunks:
            off = []
            break
        used: dict[str, int] = defaultdict(int)
        for truck in [*routes, *more]:
            used[truck.fleet_group] += 1
        new, left, dropped = solve(
            parts, idle, chunks, loaded, DayGraph(scenario, day, without), used
        )
        more += new
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
    return more, lost


def _summed(chunks: Sequence[Chunk]) -> dict[str, float]:
    load: dict[str, float] = defaultdict(float)
    for c in chunks:
        for com, t in c.load_t.items():
            load[com] += t
    return dict(load)


def _other_way(u: Unserved) -> str:
    """Why the way round the full roads did not serve, from the check of the idle trucks."""
    if u.reason is UnservedReason.ROAD_CLOSED:
        return "no other road open to it"
    return f"the other way does not serve: {u.reason} ({u.detail})"

"""Which depots, and which of their trucks, serve a unit: one rule for ``routes`` and ``reach``.

``routes`` loads a unit's goods first at the depots the movement plan's road legs bring
them from (:mod:`~supplyline.routing.plan_sources`), then at the nearest depot holding
them whose trucks can serve it (joined by road before estimated, then by round trip).
``reach`` picked its depot by a rule of its own, blind to the plan's legs: a staff
planner's steppe report routed nl-log-1 and nl-med-1 on nl-trucks from nl-fwd, where the
plan brings their goods, while the same report's reach check judged them on kas-fwd's
trucks (648 and 324 t/day), and with one 2 t truck at nl-fwd routes left 0.59 t unserved
beside "0 of 5 unit(s) flagged". Both now rank depots here (:func:`rank_depots`), and
reach counts the plan's legs over the horizon as routes counts them on its day
(:func:`plan_traced`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from supplyline.domain import FleetGroup, Plan, Scenario
from supplyline.routing.plan_sources import PlanSources, road_arrivals
from supplyline.routing.reach_trucks import trucks_serving
from supplyline.routing.roads import RoadMatrix
from supplyline.types import LocationId

__all__ = ["DepotReach", "plan_traced", "rank_depots", "unit_depots"]


@dataclass(frozen=True, slots=True)
class DepotReach:
    """A depot whose trucks can bring a unit its goods, and at what pace."""

    depot: LocationId
    round_trip_h: float
    """The shortest round trip of its trucks that can make it (with the stop)."""
    by_road: bool = True
    """Whether the way there and back is by the scenario's roads (else an estimate)."""
    t_per_truck_h: float = math.inf
    """Tonnes its trucks bring there per truck-hour, at best (payload ÷ round trip)."""
    most_t: float = math.inf
    """The most tonnes its trucks can bring the unit in a day: each truck's trips inside
    the unit's receiving window and its drivers' hours (:func:`~supplyline.routing.turns.
    window_turns`) × payload, summed. What is beyond it goes to another depot: a tester's
    near depot, two trucks of one trip each inside a 0–4 h window, was given all 10 t,
    and 2 t were ``too_large`` while the far depot's trucks stood idle."""


def rank_depots(
    options: Iterable[DepotReach], traced: Mapping[LocationId, float] | None = None
) -> list[DepotReach]:
    """``options`` best first, as ``routes`` and ``reach`` take them.

    The plan's ``traced`` depots (most tonnes first), then the ones joined by road before
    estimated ones, then the shortest round trip.

    >>> near, far = DepotReach("A", 2.0), DepotReach("B", 5.0)
    >>> [o.depot for o in rank_depots([far, near])], [o.depot for o in rank_depots(
    ...     [far, near], {"B": 8.0})]
    (['A', 'B'], ['B', 'A'])
    """
    given = traced or {}
    return sorted(
        options,
        key=lambda o: (-given.get(o.depot, 0.0), not o.by_road, o.round_trip_h, o.depot),
    )


def unit_depots(
    km: RoadMatrix,
    loc: LocationId,
    groups_at: Mapping[LocationId, list[FleetGroup]],
    service_h: float,
    traced: Mapping[LocationId, float] | None = None,
) -> list[DepotReach]:
    """The depots whose trucks make the round trip to ``loc`` within their hours, ranked.

    As :func:`~supplyline.routing.truck_fit.depot_options` gives them to ``routes`` for a
    day, on no day in particular (closures are the reach check's cut-off days), ranked by
    :func:`rank_depots`.
    """
    u = km.index(loc)
    out = []
    for depot, groups in groups_at.items():
        able = trucks_serving(km, depot, loc, groups, service_h)
        if not able:
            continue
        d = km.index(depot)
        there_back = float(km.km[d, u] + km.km[u, d])
        out.append(
            DepotReach(
                depot,
                min(there_back / g.speed_kmh for g in able) + service_h,
                bool(km.by_road[d, u] and km.by_road[u, d]),
                max(g.payload_t / max(there_back / g.speed_kmh + service_h, 1e-9) for g in able),
            )
        )
    return rank_depots(out, traced)


def plan_traced(
    scenario: Scenario, plan: Plan | None, places: Collection[LocationId]
) -> dict[LocationId, dict[LocationId, float]]:
    """Tonnes of the plan's road legs into each of ``places`` over the horizon, by depot.

    Each day's legs traced back to the depots with trucks they leave from, as ``routes``
    traces its day's (:class:`~supplyline.routing.plan_sources.PlanSources`); none
    without a plan.
    """
    if plan is None:
        return {}
    index = PlanSources(scenario, plan, scenario.horizon_days)
    arrivals = road_arrivals(plan, places)
    out: dict[LocationId, dict[LocationId, float]] = defaultdict(dict)
    for (place, com, day), tonnes in sorted(arrivals.items()):
        for depot, share in index.shares_on(place, com, day).items():
            out[place][depot] = out[place].get(depot, 0.0) + tonnes * share
    return dict(out)

"""Whether a truck type can serve a delivery at all on a day, and if not, why.

Before the router runs, each request is checked against every fleet group: no road open
that day (the way out or back closed, or the place or the depot cut off by road), a
round trip longer than the drivers' hours, or no way to arrive inside the receiving
window rule that group out. A request no group can serve is reported with the reason and
the numbers; a closed road comes first, as what cut it off, naming only the closed roads
that stand between the unit's place and each depot (a tester's message for a site behind
its own closed road also named the roads on other depots' ways).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from supplyline.domain import FleetGroup, Scenario
from supplyline.domain.routes import Unserved, UnservedReason
from supplyline.routing.depot_choice import DepotReach, rank_depots
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.roads import RoadMatrix, describe_closed, round_trip_blockers
from supplyline.routing.turns import window_turns
from supplyline.types import LocationId

__all__ = ["DepotReach", "Fit", "depot_options", "fit", "not_reached", "truck_hours", "whole"]


@dataclass(frozen=True, slots=True)
class Fit:
    """Whether a fleet group can serve a request, and if not why."""

    ok: bool
    reason: UnservedReason | None
    detail: str
    round_trip_h: float
    group: str = ""
    depot: LocationId = ""
    blame: str = ""
    """For ``road_closed``: the closed roads that stand between (``road X–Y closed on …``)."""
    way: str = ""
    """For ``road_closed``: ``between`` (both ways closed), ``to`` or ``back``."""


def fit(
    req: DeliveryRequest,
    g: FleetGroup,
    km: RoadMatrix,
    service_h: float,
    scenario: Scenario,
    day: int,
) -> Fit:
    """Whether trucks of ``g`` can bring ``req`` on ``day`` (round trip from their depot)."""
    unit = scenario.unit(req.unit)
    dep, loc = km.index(g.depot), km.index(req.location)
    out, back = bool(km.closed[dep, loc]), bool(km.closed[loc, dep])
    if out or back:
        cut = round_trip_blockers(scenario, g.depot, req.location, day, out=out, back=back)
        why = describe_closed(cut, day) or "every road is closed"
        way = "between" if out and back else "to" if out else "back"
        return Fit(
            False,
            UnservedReason.ROAD_CLOSED,
            f"{why}: {_no_road(way, [g.depot], req.location)} ({g.id})",
            math.inf,
            group=g.id,
            depot=g.depot,
            blame=why,
            way=way,
        )
    # Python floats: numpy's, carried into the depots' shares, broke DepotShort's message
    out_h = float(km.km[dep, loc]) / g.speed_kmh
    back_h = float(km.km[loc, dep]) / g.speed_kmh
    rt = out_h + back_h + service_h
    road = "" if km.by_road[dep, loc] and km.by_road[loc, dep] else " (no road: estimated)"
    if rt > g.max_route_hours:
        return Fit(
            False,
            UnservedReason.BEYOND_DURATION,
            f"{g.id} from {g.depot}: round trip {rt:.1f} h "
            f"({km.km[dep, loc] + km.km[loc, dep]:.0f} km{road} at {g.speed_kmh:g} km/h "
            f"+ {service_h:.1f} h stop) > {g.max_route_hours:g} h",
            rt,
        )
    start = max(out_h, unit.receive_open_h)
    window = f"window {unit.receive_open_h:g}-{unit.receive_close_h:g} h"
    if start > unit.receive_close_h:
        return Fit(
            False,
            UnservedReason.WINDOW_IMPOSSIBLE,
            f"{g.id} from {g.depot}: earliest arrival {out_h:.1f} h, after the {window} closes",
            rt,
        )
    if start + service_h + back_h > 24.0:
        # the binding fact is the way back: a tester's detail named only the arrival
        return Fit(
            False,
            UnservedReason.WINDOW_IMPOSSIBLE,
            f"{g.id} from {g.depot}: served from {start:.1f} h ({window}), "
            f"{service_h:.1f} h stop and {back_h:.1f} h back: back at "
            f"{start + service_h + back_h:.1f} h, after the day's 24 h",
            rt,
        )
    return Fit(True, None, "", rt)


def _no_road(way: str, depots: Sequence[LocationId], place: LocationId) -> str:
    """``no open road between D and L``, ``… from D to L``, ``… back from L to D``."""
    there = depots[0] if len(depots) == 1 else "any of " + ", ".join(depots)
    if way == "to":
        return f"no open road from {there} to {place}"
    if way == "back":
        return f"no open road back from {place} to {there}"
    if len(depots) == 1:
        return f"no open road between {there} and {place}"
    return f"no open road between {place} and {there}"


def not_reached(req: DeliveryRequest, fits: Sequence[Fit]) -> Unserved:
    """Why no truck type can serve a request: a closed road first, as what cut it off.

    Groups blocked by the same closed roads the same way are said together: when a site's
    own road is closed, once, with every depot and group it keeps out.
    """
    closed = [f for f in fits if f.reason is UnservedReason.ROAD_CLOSED]
    if closed:
        together: dict[tuple[str, str], list[Fit]] = defaultdict(list)
        for f in closed:
            together[(f.blame, f.way)].append(f)
        detail = "; ".join(
            f"{why}: {_no_road(way, list(dict.fromkeys(f.depot for f in fs)), req.location)} "
            f"({', '.join(f.group for f in fs)})"
            for (why, way), fs in together.items()
        )
        return whole(req, UnservedReason.ROAD_CLOSED, detail)
    window = [f for f in fits if f.reason is UnservedReason.WINDOW_IMPOSSIBLE]
    worst = window[0] if window else min(fits, key=lambda f: f.round_trip_h)
    assert worst.reason is not None
    return whole(req, worst.reason, worst.detail)


def whole(req: DeliveryRequest, reason: UnservedReason, detail: str) -> Unserved:
    """The whole request, not served, for ``reason``."""
    return Unserved(
        unit=req.unit, location=req.location, load_t=req.load_t, reason=reason, detail=detail
    )


def depot_options(
    requests: Sequence[DeliveryRequest],
    groups: Sequence[FleetGroup],
    km: RoadMatrix,
    scenario: Scenario,
    day: int,
) -> list[list[DepotReach]]:
    """For each request, the depots whose trucks can serve it that day, best first.

    Only trucks that may carry all of its goods count (fleet.csv's ``carries``): a
    request of one cargo class (:func:`~supplyline.routing.cargo.split_by_cargo`) goes to
    the depots whose trucks may load it.

    Depots joined to the unit's place by the scenario's roads come before those reached
    by a straight-line estimate (a tester's roadless airstrip was "nearer" only by great
    circle × detour than a depot on the road holding hundreds of tonnes), then the
    shortest round trip first; the depots the plan's road legs bring its goods from
    (``sources_t``) before all, as :func:`~supplyline.routing.depot_choice.rank_depots`
    ranks them for ``reach`` too. Each depot's ``most_t`` is what its trucks can bring the
    unit that day at most (their trips inside its receiving window), the depot choice's
    bound (:func:`~supplyline.routing.depot_stock.allocate`).
    """
    service_h = scenario.routing.service_minutes / 60
    coms = scenario.commodity_by_id
    out = []
    for req in requests:
        unit = scenario.unit(req.unit)
        best: dict[LocationId, DepotReach] = {}
        for g in groups:
            if not all(g.may_carry(coms[c]) for c in req.load_t):
                continue  # fleet.csv's carries: these trucks do not load its goods
            f = fit(req, g, km, service_h, scenario, day)
            if not f.ok:
                continue
            dep, loc = km.index(g.depot), km.index(req.location)
            was = best.get(g.depot)
            turns = window_turns(
                g, float(km.km[dep, loc]) / g.speed_kmh, float(km.km[loc, dep]) / g.speed_kmh,
                service_h, unit.receive_open_h, unit.receive_close_h,
            )  # fmt: skip
            best[g.depot] = DepotReach(
                g.depot,
                min(f.round_trip_h, math.inf if was is None else was.round_trip_h),
                bool(km.by_road[dep, loc] and km.by_road[loc, dep]),
                max(
                    g.payload_t / max(f.round_trip_h, 1e-9),
                    0.0 if was is None else was.t_per_truck_h,
                ),
                g.count * turns * g.payload_t + (0.0 if was is None else was.most_t),
            )
        traced: dict[LocationId, float] = defaultdict(float)
        for (depot, _), tonnes in req.sources_t.items():
            traced[depot] += tonnes
        out.append(rank_depots(best.values(), traced))
    return out


def truck_hours(groups: Sequence[FleetGroup]) -> dict[LocationId, float]:
    """The drivers' hours of each depot's trucks in a day (count × ``max_route_hours``)."""
    hours: dict[LocationId, float] = defaultdict(float)
    for g in groups:
        hours[g.depot] += g.count * g.max_route_hours
    return dict(hours)

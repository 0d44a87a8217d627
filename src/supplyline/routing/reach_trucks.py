"""Whether one depot's trucks can carry a share of a unit's goods, with the numbers.

The reach check judges a unit's tonnes on the trucks of each depot that sends them
(:mod:`~supplyline.routing.reach_depots`): per depot, the truck types that can make the
round trip, the turns a truck makes within its drivers' hours and the unit's receiving
window (the count ``routes`` uses, :func:`~supplyline.routing.turns.window_turns`), what
they carry a day (trucks × availability × turns × payload), and where that falls short,
why in words. Before, a unit whose water came from DA and rations from DB was judged on
DA's trucks and round trip for all its tonnes, where ``routes`` loads each on the trucks
of the depot that holds it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from supplyline.domain import FleetGroup, Unit
from supplyline.routing.reach_turns import carried_words, no_window_words, num, window_words
from supplyline.routing.roads import RoadMatrix
from supplyline.routing.truck_hours import Lane
from supplyline.routing.turns import window_turns
from supplyline.types import CommodityId, LocationId

__all__ = ["DepotTrucks", "judge_trucks", "share_words", "shared_words", "trucks_serving"]


def trucks_serving(
    km: RoadMatrix, depot: LocationId, loc: LocationId, groups: list[FleetGroup], service_h: float
) -> list[FleetGroup]:
    """The groups at ``depot`` whose trucks make the round trip to ``loc`` within their hours."""
    d, u = km.index(depot), km.index(loc)
    there_back = float(km.km[d, u] + km.km[u, d])
    return [g for g in groups if there_back / g.speed_kmh + service_h <= g.max_route_hours]


@dataclass(frozen=True, slots=True)
class DepotTrucks:
    """One depot's trucks judged against some tonnes a day of a unit's goods."""

    depot: LocationId
    goods: tuple[CommodityId, ...]
    """The commodities of the tonnes (empty: not known)."""
    tonnes: float
    trucks: int
    payload_t: float
    """Mean payload of its truck types that count."""
    round_trip_h: float | None
    """Of the main truck type (None: closed, the cut-off days say why)."""
    turns: int
    """Of the main truck type."""
    loads: int
    """Truck-loads a day the tonnes need."""
    capacity_t: float
    lanes: tuple[Lane, ...]
    """The truck types' ways to the unit, for the shared truck-hours."""
    reason: str
    """Why they cannot carry the tonnes (empty: they can)."""
    by_good: tuple[tuple[CommodityId, float], ...] = ()
    """Tonnes a day of each commodity, where known: what the depot's stock is judged on."""
    unheld: tuple[CommodityId, ...] = ()
    """Those of ``goods`` no depot whose trucks may serve the unit holds (on this, its
    serving depot's trucks): judged against the unit's depots together, not this one's
    stock (:func:`~supplyline.routing.reach_goods.goods_elsewhere`)."""

    @property
    def unheld_t(self) -> float:
        """Tonnes a day of its ``unheld`` goods."""
        return sum(t for c, t in self.by_good if c in self.unheld)

    @property
    def carried_t(self) -> float:
        """What its trucks carry of the tonnes a day (at most the tonnes)."""
        return min(self.tonnes, self.capacity_t)


def judge_trucks(
    km: RoadMatrix,
    depot: LocationId,
    unit: Unit,
    groups_at_depot: list[FleetGroup],
    tonnes: float,
    availability: float,
    service_h: float,
    goods: tuple[CommodityId, ...] = (),
    by_good: tuple[tuple[CommodityId, float], ...] = (),
    unheld: tuple[CommodityId, ...] = (),
) -> DepotTrucks:
    """Whether the trucks at ``depot`` carry ``tonnes`` a day to ``unit``'s place.

    Only the truck types that can make the round trip within their hours count (all of
    them where none can, for the words). The reason says the round trip beyond drivers'
    hours, a window no truck can serve, or what they carry against what is needed.
    """
    loc = unit.destination
    groups = trucks_serving(km, depot, loc, groups_at_depot, service_h) or groups_at_depot
    d, u = km.index(depot), km.index(loc)
    there, back = float(km.km[d, u]), float(km.km[u, d])  # Python floats into the records
    legs = {g.id: (there / g.speed_kmh, back / g.speed_kmh) for g in groups}
    trips = {g.id: sum(legs[g.id]) + service_h for g in groups}
    open_h, close_h = unit.receive_open_h, unit.receive_close_h
    turns = {g.id: window_turns(g, *legs[g.id], service_h, open_h, close_h) for g in groups}
    by_hours = {g.id: window_turns(g, *legs[g.id], service_h, 0.0, 24.0) for g in groups}
    capacity = sum(g.count * availability * turns[g.id] * g.payload_t for g in groups)
    trucks = sum(g.count for g in groups)
    payload = sum(g.count * g.payload_t for g in groups) / trucks
    main = max(groups, key=lambda g: g.count * g.payload_t)
    needed = math.ceil(tonnes / payload - 1e-9) if tonnes > 0 else 0
    reason = ""
    closed = not math.isfinite(km.km[d, u] + km.km[u, d])  # the cut-off days say why
    if tonnes > capacity + 1e-9 and not closed:
        if max(turns.values()) == 0 and max(by_hours.values()) == 0:
            reason = (
                f"round trip {trips[main.id]:.1f} h from {depot} "
                f"({km.km[d, u] + km.km[u, d]:.0f} km at {main.speed_kmh:g} km/h + "
                f"{service_h:.1f} h stop) > {main.max_route_hours:g} h drivers' hours"
            )
        elif max(turns.values()) == 0:
            # the type back soonest: if it cannot, none can
            g = min((g for g in groups if by_hours[g.id]), key=lambda g: (legs[g.id], g.id))
            reason = no_window_words(depot, g, *legs[g.id], service_h, unit)
        else:
            reason = (
                f"needs {tonnes:.1f} t/day = {needed} truck-load{'s' if needed != 1 else ''}; "
                f"{carried_words(groups, turns, availability)}"
            )
            if any(turns[k] < by_hours[k] for k in turns):
                n = turns[main.id]
                reason += (
                    f" (its {window_words(unit)} admits {n} turn{'' if n == 1 else 's'} a "
                    f"truck of {main.id}, where drivers' hours allow {by_hours[main.id]})"
                )
    lanes = tuple(
        Lane(g.id, g.payload_t, trips[g.id], g.count * availability * turns[g.id])
        for g in groups
        if turns[g.id] > 0
    )
    return DepotTrucks(
        depot=depot,
        goods=goods,
        tonnes=tonnes,
        trucks=trucks,
        payload_t=payload,
        round_trip_h=None if closed else trips[main.id],
        turns=turns[main.id],
        loads=needed,
        capacity_t=capacity,
        lanes=lanes,
        reason=reason,
        by_good=by_good,
        unheld=unheld,
    )


def share_words(part: DepotTrucks) -> str:
    """``rations from DB``: what a depot's share is, to head its reason."""
    goods = ", ".join(part.goods) if part.goods else "its goods"
    return f"{goods} from {part.depot}"


def shared_words(
    depot: LocationId,
    tonnes: float,
    hours: tuple[float, float, float],
    availability: float,
    parts: Sequence[DepotTrucks] = (),
) -> str:
    """Why a unit's tonnes do not fit in ``depot``'s truck-hours beside its other units'.

    ``hours`` are (the fewest truck-hours the tonnes need, those the units taken before it
    need at least, the depot's in all). With ``parts`` (a unit served from several
    depots), headed by the goods the depot sends.
    """
    need_h, used_h, have_h = hours
    words = (
        f"the trucks at {depot} are shared: its {tonnes:.1f} t/day need "
        f"{need_h:.1f} truck-hours a day, which do not fit beside the units of "
        f"{depot} needing fewer (those need at least {used_h:.1f} of its "
        f"{have_h:.1f} truck-hours a day at {num(100 * availability)}% available)"
    )
    mine = [p for p in parts if p.depot == depot]
    return f"{share_words(mine[0])}: {words}" if mine else words

"""The busiest day the plan's road legs bring each unit's place, against its trucks' day.

The reach check judges a unit on its steady daily demand (its peak day's consumption).
The trucks' days are lumpier: the plan's road legs bring a deploying unit's consumption
*and* its days-of-supply build-up into its place on some days, and nothing on others. A
tester's u0 (g7) read ok at 38.7 t/day against 81 t/day, while ``routes --day 8`` left
85.5 t ``too_large``: its depot's 6 trucks make at most 6 trips a day. So with a plan at
hand each place's busiest day of road-leg arrivals is weighed too, by the turn arithmetic
the check uses (:func:`~supplyline.routing.reach_trucks.judge_trucks`: the truck types that
make the round trip, the turns its receiving window and their hours admit, × payload).

The tonnes are what ``routes`` in plan mode loads on the trucks that day
(:func:`~supplyline.routing.plan_loads.plan_road_loads`, the same code), not the plan's
deliveries: ``deliveries.csv`` puts a deploying unit's build-up on its arrival day, while
the road legs may bring it days before. A tester's bn-1 (s3, 1 truck of 12 t) was flagged
for 48.5 t "delivered" on C+6, while the road legs brought 14.0 t on C+4, 34.5 t on C+5 and
nothing on C+6, and ``routes`` left nothing on any day; with 10 t trucks the flag named
C+6 where ``routes`` left 4.491 t ``too_large`` on C+5. A place shared by several units is
judged on its day's total, against the trucks of all the depots serving them.

Every truck counts on that one day, not the availability share: ``routes`` drives every
truck of the depot on the day and counts them all for its ``too_large`` bound ("the 6
trucks … can make at most 6 trips a day", 108 t), and availability is the long-run share
the steady demand is judged on. Trucks shared with units at other places that day are
``routes``'s matter (``not_enough_trucks``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from supplyline.domain import FleetGroup, Plan, Scenario
from supplyline.domain.reach_flags import FlagKind, with_kind
from supplyline.domain.routes import ReachRow
from supplyline.routing.plan_days import PlanDays
from supplyline.routing.plan_loads import plan_road_loads
from supplyline.routing.reach_trucks import DepotTrucks, judge_trucks, trucks_serving
from supplyline.routing.reach_turns import num, product_text
from supplyline.routing.roads import RoadMatrix
from supplyline.types import LocationId, UnitId, day_label, to_gram

__all__ = ["BusiestDay", "busiest_days", "with_busiest_days"]

_TOLERANCE_T = 1e-6
"""A day's tonnes above what the trucks carry by less than a gram fit (float sums)."""


@dataclass(frozen=True, slots=True)
class BusiestDay:
    """A place's busiest day of the plan's road legs: the day, its tonnes, the units there."""

    day: int
    tonnes: float
    units: tuple[UnitId, ...] = ()
    """The units at the place the legs bring goods for that day (the tonnes are theirs)."""


def busiest_days(
    scenario: Scenario, plan: Plan, unit_ids: Sequence[UnitId]
) -> dict[UnitId, BusiestDay]:
    """Each unit's place's day of the most tonnes the plan's road legs bring there.

    Every commodity, what ``routes`` loads that day (:func:`plan_road_loads`), summed
    over the units at the place; the earliest of equal days. A unit whose place the road
    legs bring nothing is left out. The days are summed at once (one ``[place, day]``
    array).

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> busiest_days(s, plan_movements(s, demand), ["u1"])
    {'u1': BusiestDay(day=0, tonnes=8.0, units=('u1',))}
    """
    where = {u.id: u.destination for u in scenario.units}
    places = sorted({where[u] for u in unit_ids})
    index = {p: i for i, p in enumerate(places)}
    days = max(plan.horizon_days, 1)
    by_day: npt.NDArray[np.float64] = np.zeros((len(places), days))
    who: dict[tuple[LocationId, int], set[UnitId]] = defaultdict(set)
    plan_days = PlanDays(plan)  # the plan read once, not once a day
    for day in range(min(plan.horizon_days, scenario.horizon_days)):
        for uid, load in plan_road_loads(scenario, plan, day, days=plan_days).items():
            if where[uid] in index and (tonnes := sum(load.values())) > 0:
                by_day[index[where[uid]], day] += tonnes
                who[(where[uid], day)].add(uid)
    top = by_day.argmax(axis=1)
    most = by_day[np.arange(len(places)), top]
    found = {
        places[i]: BusiestDay(
            int(top[i]), to_gram(float(most[i])), tuple(sorted(who[(places[i], int(top[i]))]))
        )
        for i in map(int, np.flatnonzero(most > 0))
    }
    return {u: found[where[u]] for u in unit_ids if where[u] in found}


def with_busiest_days(
    scenario: Scenario,
    rows: Sequence[ReachRow],
    plan: Plan,
    km: RoadMatrix,
    groups_at: Mapping[LocationId, list[FleetGroup]],
) -> list[ReachRow]:
    """The rows with their place's busiest day, flagged where its trucks cannot carry it.

    A unit drawing its goods on site, never there, or with no depot or open road is given
    its place's busiest day but not judged on it (no truck leg, or flagged already for
    that). The trucks are those of every depot serving a judged unit at the place.
    """
    busiest = busiest_days(scenario, plan, [r.unit for r in rows])
    units = {u.id: u for u in scenario.units}
    service_h = scenario.routing.service_minutes / 60
    serving: dict[LocationId, list[LocationId]] = defaultdict(list)
    for r in rows:
        if _judged(r):
            serving[r.location] += [x.depot for x in r.shares] or [r.depot]  # type: ignore[list-item]
    out = []
    for r in rows:
        top = busiest.get(r.unit)
        if top is None:
            out.append(r)
            continue
        r = replace(r, busiest_day=top.day, busiest_t=top.tonnes)
        if not _judged(r):
            out.append(r)
            continue
        parts = [  # every truck on the day: availability 1 (the module's docstring)
            judge_trucks(km, d, units[r.unit], groups_at[d], 0.0, 1.0, service_h)
            for d in dict.fromkeys(serving[r.location])
            if groups_at.get(d)
        ]
        capacity = to_gram(sum(p.capacity_t for p in parts))
        r = replace(r, busiest_capacity_t=capacity)
        if top.tonnes <= capacity + _TOLERANCE_T:
            out.append(r)
            continue
        words = _too_much_words(r.location, top, parts, capacity, [
            trucks_serving(km, p.depot, r.location, groups_at[p.depot], service_h) for p in parts
        ])  # fmt: skip
        reason = "; ".join(x for x in (r.reason, words) if x)
        out.append(
            replace(
                r,
                reason=reason,
                sustainable=False,
                flagged_for=with_kind(r.flagged_for, FlagKind.TRUCKS),
            )
        )
    return out


def _judged(r: ReachRow) -> bool:
    """Whether a row's busiest day is weighed: a truck leg, a depot, an open road."""
    return not r.on_site and r.arrives and r.depot is not None and r.round_trip_h is not None


def _too_much_words(
    place: LocationId,
    top: BusiestDay,
    parts: Sequence[DepotTrucks],
    capacity: float,
    serving: Sequence[Sequence[FleetGroup]],
) -> str:
    """``the plan's road legs bring 34.5 t to field-camp on C+5; the 1 truck of …``.

    A place shared says for whom (``for its 2 units (u1, u2)``). The product is spelt out
    (``1 × 3 turns × 10 t``) where each depot has one truck type that makes the round
    trip, so that it reads right; with several, the total alone.
    """
    trucks = sum(p.trucks for p in parts)
    shared = (
        f" for its {len(top.units)} units ({', '.join(top.units)})" if len(top.units) > 1 else ""
    )
    words = (
        f"the plan's road legs bring {top.tonnes:.1f} t to {place} on {day_label(top.day)}"
        f"{shared}; the {trucks} truck{'' if trucks == 1 else 's'} of "
        f"{', '.join(p.depot for p in parts)} can carry at most {product_text(capacity)} t a day"
    )
    if any(len(groups) != 1 for groups in serving):
        return words
    terms = " + ".join(
        f"{g.count} × {p.turns} turn{'' if p.turns == 1 else 's'} × {num(g.payload_t)} t"
        for p, (g,) in zip(parts, serving, strict=True)
    )
    return f"{words} ({terms})"

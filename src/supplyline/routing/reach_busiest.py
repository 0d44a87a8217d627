"""The busiest day of a plan's deliveries to each unit, against what its trucks carry a day.

The reach check judges a unit on its steady daily demand (its peak day's consumption).
A plan's deliveries are lumpier: on a unit's first day in place the plan brings its
consumption *and* its days-of-supply build-up. A tester's u0 (g7) read ok at 38.7 t/day
against 81 t/day, while the plan delivered 193.5 t on C+8 and ``routes --day 8`` left
85.5 t ``too_large``: its depot's 6 trucks make at most 6 trips a day. With a plan at hand
each unit's busiest day (build-up included) is weighed too, by the turn arithmetic the
check uses (:func:`~supplyline.routing.reach_trucks.judge_trucks`: the truck types that
make the round trip, the turns its receiving window and their hours admit, × payload).

Every truck counts on that one day, not the availability share: ``routes`` drives every
truck of the depot on the day and counts them all for its ``too_large`` bound ("the 6
trucks … can make at most 6 trips a day", 108 t), and availability is the long-run share
the steady demand is judged on. The day is judged for the unit alone, as the steady
demand first is; its depots' trucks shared with other units that day are ``routes``'s
matter (``not_enough_trucks``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from supplyline.domain import FleetGroup, Plan, Scenario
from supplyline.domain.routes import ReachRow
from supplyline.routing.reach_trucks import DepotTrucks, judge_trucks, trucks_serving
from supplyline.routing.reach_turns import num, product_text
from supplyline.routing.roads import RoadMatrix
from supplyline.types import LocationId, UnitId, day_label, to_gram

__all__ = ["BusiestDay", "busiest_days", "with_busiest_days"]

_TOLERANCE_T = 1e-6
"""A day's tonnes above what the trucks carry by less than a gram fit (float sums)."""


@dataclass(frozen=True, slots=True)
class BusiestDay:
    """A unit's busiest day of the plan's deliveries: the day and its tonnes."""

    day: int
    tonnes: float


def busiest_days(plan: Plan, unit_ids: Sequence[UnitId]) -> dict[UnitId, BusiestDay]:
    """Each unit's day of the most tonnes delivered (all commodities, build-up included).

    The earliest of equal days; a unit the plan delivers nothing to is left out. The
    tonnes are summed over days at once (one ``[unit, day]`` array), not unit by unit.

    >>> import datetime as dt
    >>> from supplyline.domain import Delivery, Plan, PlanStatus
    >>> d = [Delivery(unit="u", location="L", commodity=c, day=k, tonnes=t)
    ...      for c, k, t in [("food", 1, 2.0), ("water", 1, 8.0), ("food", 2, 3.0)]]
    >>> p = Plan(scenario="s", start_date=dt.date(2025, 6, 1), horizon_days=3,
    ...          status=PlanStatus.OPTIMAL, objective=0.0, deliveries=tuple(d))
    >>> busiest_days(p, ["u"])
    {'u': BusiestDay(day=1, tonnes=10.0)}
    """
    index = {u: i for i, u in enumerate(unit_ids)}
    mine = [d for d in plan.deliveries if d.unit in index and 0 <= d.day < plan.horizon_days]
    by_day: npt.NDArray[np.float64] = np.zeros((len(unit_ids), max(plan.horizon_days, 1)))
    np.add.at(
        by_day,
        (
            np.array([index[d.unit] for d in mine], dtype=np.int64),
            np.array([d.day for d in mine], dtype=np.int64),
        ),
        np.array([d.tonnes for d in mine], dtype=np.float64),
    )
    top = by_day.argmax(axis=1)
    most = by_day[np.arange(len(unit_ids)), top]
    return {
        unit_ids[i]: BusiestDay(int(top[i]), to_gram(float(most[i])))
        for i in map(int, np.flatnonzero(most > 0))
    }


def with_busiest_days(
    scenario: Scenario,
    rows: Sequence[ReachRow],
    plan: Plan,
    km: RoadMatrix,
    groups_at: Mapping[LocationId, list[FleetGroup]],
) -> list[ReachRow]:
    """The rows with each unit's busiest day, flagged where its trucks cannot carry it.

    A unit drawing its goods on site, never there, or with no depot or open road is given
    its busiest day but not judged on it (no truck leg, or flagged already for that).
    """
    busiest = busiest_days(plan, [r.unit for r in rows])
    units = {u.id: u for u in scenario.units}
    service_h = scenario.routing.service_minutes / 60
    out = []
    for r in rows:
        top = busiest.get(r.unit)
        if top is None:
            out.append(r)
            continue
        r = replace(r, busiest_day=top.day, busiest_t=top.tonnes)
        if r.on_site or not r.arrives or r.depot is None or r.round_trip_h is None:
            out.append(r)
            continue
        depots = list(dict.fromkeys(x.depot for x in r.shares)) or [r.depot]
        parts = [  # every truck on the day: availability 1 (the module's docstring)
            judge_trucks(km, d, units[r.unit], groups_at[d], 0.0, 1.0, service_h)
            for d in depots
            if groups_at.get(d)
        ]
        capacity = sum(p.capacity_t for p in parts)
        if top.tonnes <= capacity + _TOLERANCE_T:
            out.append(r)
            continue
        words = _too_much_words(top, parts, capacity, [
            trucks_serving(km, p.depot, r.location, groups_at[p.depot], service_h) for p in parts
        ])  # fmt: skip
        reason = "; ".join(x for x in (r.reason, words) if x)
        out.append(replace(r, reason=reason, sustainable=False))
    return out


def _too_much_words(
    top: BusiestDay,
    parts: Sequence[DepotTrucks],
    capacity: float,
    serving: Sequence[Sequence[FleetGroup]],
) -> str:
    """``the plan delivers 193.5 t on C+8 (build-up included); the 6 trucks of dep0 …``.

    The product is spelt out (``6 × 1 turn × 18 t``) where each depot has one truck type
    that makes the round trip, so that it reads right; with several, the total alone.
    """
    trucks = sum(p.trucks for p in parts)
    words = (
        f"the plan delivers {top.tonnes:.1f} t on {day_label(top.day)} (build-up "
        f"included); the {trucks} truck{'' if trucks == 1 else 's'} of "
        f"{', '.join(p.depot for p in parts)} can carry at most {product_text(capacity)} t a day"
    )
    if any(len(groups) != 1 for groups in serving):
        return words
    terms = " + ".join(
        f"{g.count} × {p.turns} turn{'' if p.turns == 1 else 's'} × {num(g.payload_t)} t"
        for p, (g,) in zip(parts, serving, strict=True)
    )
    return f"{words} ({terms})"

"""Units whose receiving windows no one truck's day can cover together, beyond the trucks.

The reach check shares a depot's trucks by the hour (:mod:`~supplyline.routing.truck_hours`):
a tester's one truck of 5 h drivers' hours served UA (window 6–7 h) and UB (14–15 h), 60
km out each: 2.5 h of trips each, 33 % of the truck-hours, both ok, while ``routes`` left
UB ``not_enough_trucks`` every day: a truck at UA by 7 h and at UB from 14 h is on the road
at least 9.5 h. Fractional hours cannot see that.

The rule, sound (it flags only what no routes can serve): a truck serves two units in one
day only if some order of the two fits its drivers' hours and the 0–24 h day with each
service inside its unit's window, as ``routes``' model drives them (the truck leaves its
depot at 0 h or later, a service starts inside the window, the next stop is at least the
stop's service later, the truck is back by 24 h and its route, waits included, within its
drivers' hours). The bound leaves out the drive between the two units, so it never says
two units cannot share a truck that could. A set of units of which no truck of any type
can serve two (each pair ruled out for every type) needs a truck per unit; where the trucks
of every depot able to serve one of them alone are fewer, some of them go without a truck
on every day they all have demand, and each is flagged, naming the others.

Only units that must be served each day are judged: those with less than a day of supply
(``days_of_supply`` < 1). A unit holding a day or more may be served on alternate days,
which is the plan's choice, not judged here. The sets are found greedily (units in order
of their windows, each set grown by the units ruled out with all of it): a set missed is a
flag missed, never a wrong one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplyline.domain import FleetGroup, Scenario, Unit
from supplyline.domain.reach_flags import FlagKind, flag_rows
from supplyline.domain.routes import ReachRow
from supplyline.routing.reach_cut_off import spans
from supplyline.routing.reach_turns import num
from supplyline.routing.roads import RoadMatrix
from supplyline.routing.turns import window_turns
from supplyline.types import UnitId

__all__ = ["window_misfits", "with_window_misfits"]

_TOL_H = 2 / 3600
"""Slack in hours, on the side of two units sharing a truck: ``routes`` rounds times to
seconds (travel up, windows to the nearest)."""
_NAMED = 4
"""Units named in a reason beside the unit itself; the rest are counted."""

BoolMatrix = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class _Type:
    """One truck type's times to the units judged: out, back, and whom it serves alone."""

    group: FleetGroup
    out_h: FloatArray
    back_h: FloatArray
    serves: npt.NDArray[np.bool_]


def _pair_fits(t: _Type, open_h: FloatArray, close_h: FloatArray, service_h: float) -> BoolMatrix:
    """``[u, v]``: whether a truck of ``t`` may serve ``u`` and then ``v`` in one day.

    The latest service at ``u`` that leaves ``v`` reachable (in its window, back by 24 h)
    gives the shortest span between the two services; the route is at least the way out to
    ``u``, that span, the stop at ``v`` and the way back from it.
    """
    h = min(t.group.max_route_hours, 24.0)
    out_u, back_v = t.out_h[:, None], t.back_h[None, :]
    earliest_u = np.maximum(open_h, t.out_h)[:, None]  # the truck leaves at 0 h or later
    latest_u = np.minimum(
        np.minimum(close_h[:, None], close_h[None, :] - service_h),
        24.0 - 2 * service_h - back_v,
    )
    gap = np.maximum(open_h[None, :] - latest_u, service_h)
    route = out_u + gap + service_h + back_v
    fits = (latest_u >= earliest_u - _TOL_H) & (route <= h + _TOL_H)
    return fits & t.serves[:, None] & t.serves[None, :]


def _types(
    km: RoadMatrix,
    units: Sequence[Unit],
    groups_at: Mapping[str, Sequence[FleetGroup]],
    service_h: float,
) -> list[_Type]:
    """Every truck type of every depot, with its times to the units and whom it serves alone."""
    places = [km.index(u.destination) for u in units]
    out: list[_Type] = []
    for depot, groups in groups_at.items():
        d = km.index(depot)
        there = km.km[d, places].astype(np.float64)
        back = km.km[places, d].astype(np.float64)
        for g in groups:
            out_h, back_h = there / g.speed_kmh, back / g.speed_kmh
            serves = np.array(
                [
                    bool(np.isfinite(o + b))
                    and window_turns(
                        g, float(o), float(b), service_h, u.receive_open_h, u.receive_close_h
                    )
                    > 0
                    for u, o, b in zip(units, out_h, back_h, strict=True)
                ],
                dtype=bool,
            )
            out.append(
                _Type(g, np.where(serves, out_h, 0.0), np.where(serves, back_h, 0.0), serves)
            )
    return out


def _apart(types: Sequence[_Type], units: Sequence[Unit], service_h: float) -> BoolMatrix:
    """``[u, v]``: no truck of any type can serve both ``u`` and ``v`` in one day."""
    open_h = np.array([u.receive_open_h for u in units], dtype=np.float64)
    close_h = np.array([u.receive_close_h for u in units], dtype=np.float64)
    n = len(units)
    together = np.zeros((n, n), dtype=bool)
    for t in types:
        fits = _pair_fits(t, open_h, close_h, service_h)
        together |= fits | fits.T
    apart = ~together
    np.fill_diagonal(apart, False)
    return apart


def _sets(apart: BoolMatrix, order: Sequence[int], among: Collection[int]) -> list[list[int]]:
    """Sets of units pairwise ``apart``, grown greedily from each unit in ``order``."""
    inside = np.zeros(len(apart), dtype=bool)
    inside[list(among)] = True
    ranked = np.array(order, dtype=np.int64)
    found: list[list[int]] = []
    for first in order:
        mask = apart[first] & inside
        if not inside[first] or not mask.any():
            continue
        members = [first]
        while (hits := np.flatnonzero(mask[ranked])).size:
            j = int(ranked[hits[0]])  # the next in order ruled out with all taken
            members.append(j)
            mask &= apart[j]
        found.append(members)
    return found


@dataclass(frozen=True, slots=True)
class _Misfit:
    """A set of units no truck serves two of, fewer trucks than units, and when."""

    units: tuple[int, ...]
    trucks: tuple[FleetGroup, ...]
    days: tuple[int, ...]


def window_misfits(
    scenario: Scenario,
    km: RoadMatrix,
    units: Sequence[Unit],
    groups_at: Mapping[str, Sequence[FleetGroup]],
    wanted: Mapping[UnitId, Collection[int]],
) -> dict[UnitId, str]:
    """The units of ``units`` flagged, each with its reason (see the module).

    ``units`` are those that need trucks (demand above 0, not served on site); ``wanted``
    the days each has demand; ``km`` the road matrix of any day (a lower bound of every
    day's, as ``routes`` drives them).
    """
    service_h = scenario.routing.service_minutes / 60
    judged = [u for u in units if u.days_of_supply < 1 and wanted.get(u.id)]
    if len(judged) < 2 or not groups_at:
        return {}
    types = _types(km, judged, groups_at, service_h)
    served = np.zeros(len(judged), dtype=bool)
    for t in types:
        served |= t.serves
    apart = _apart(types, judged, service_h)
    order = sorted(
        (i for i in range(len(judged)) if served[i]),
        key=lambda i: (judged[i].receive_open_h, judged[i].receive_close_h, judged[i].id),
    )
    on_day: dict[frozenset[int], list[int]] = defaultdict(list)
    for day in sorted({d for u in judged for d in wanted[u.id]}):
        on_day[frozenset(i for i in order if day in wanted[judged[i].id])].append(day)
    misfits: dict[int, _Misfit] = {}
    for among in on_day:
        for members in _sets(apart, order, among):
            trucks = tuple(t.group for t in types if t.serves[members].any())
            if len(members) <= sum(g.count for g in trucks):
                continue
            days = tuple(d for k, ds in on_day.items() if set(members) <= k for d in ds)
            for i in members:
                if i not in misfits or len(members) > len(misfits[i].units):
                    misfits[i] = _Misfit(tuple(members), trucks, tuple(sorted(days)))
    return {judged[i].id: _words(i, m, judged) for i, m in sorted(misfits.items())}


def _window(u: Unit) -> str:
    return f"{u.receive_open_h:g}–{u.receive_close_h:g} h"


def _words(i: int, m: _Misfit, units: Sequence[Unit]) -> str:
    """``its receiving window 14–15 h, with UA's 6–7 h: no truck can serve two …``."""
    others = [units[j] for j in m.units if j != i]
    named = [f"{u.id}'s {_window(u)}" for u in others[:_NAMED]]
    if len(others) > _NAMED:
        named.append(f"{len(others) - _NAMED} more units'")
    n = sum(g.count for g in m.trucks)
    k = len(m.units)
    hours = ", ".join(f"{g.id} at {g.depot}: {num(g.max_route_hours)} h" for g in m.trucks)
    them = "both" if k == 2 else f"two of these {k} units"
    return (
        f"its receiving window {_window(units[i])}, with {', '.join(named)}: no truck can "
        f"serve {them} in one day within its drivers' hours ({hours}) and the 0–24 h day, "
        f"and {n} truck{'' if n == 1 else 's'} can serve them, one unit a day each: "
        f"{k - n} of the {k} go{'es' if k - n == 1 else ''} without a truck on "
        f"{spans(m.days)}"
    )


def with_window_misfits(
    scenario: Scenario,
    rows: Sequence[ReachRow],
    km: RoadMatrix,
    groups_at: Mapping[str, Sequence[FleetGroup]],
    wanted: Mapping[UnitId, Collection[int]],
) -> list[ReachRow]:
    """The rows, each unit of a set :func:`window_misfits` finds flagged for its trucks."""
    trucked = {r.unit for r in rows if r.daily_t > 0 and not r.on_site and r.arrives}
    units = [u for u in scenario.units if u.id in trucked]
    return flag_rows(rows, window_misfits(scenario, km, units, groups_at, wanted), FlagKind.TRUCKS)

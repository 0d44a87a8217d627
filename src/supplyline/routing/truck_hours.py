"""The truck-hours of a depot shared by the units it serves: who fits, and who does not.

The reach check judges each unit on its own trucks first; units served from one depot
share those trucks. Before, the shares ``daily_t ÷ capacity`` of every unit were added
up and every unit of the depot flagged past 100 %: a tester's unit 30 km from its depot
was flagged "shared: 175.9 %" because a unit 200 km away, reached only by the depot's
1.5 t pick-ups, needed 153 % of them alone, while ``routes`` served the first in full
every day.

Here the depot's trucks are shared by the hour: each truck type has ``count ×
availability × drivers' hours`` truck-hours a day; a unit's tonnes go in trips of one of
the types that reach it, each trip taking a round trip of that type's hours, at most the
trips its receiving window admits. A small linear programme (``scipy.optimize.linprog``,
HiGHS) finds the least load on the busiest truck type that carries every unit's demand
(:func:`busiest_share`): over 1 means the hours do not reach. The units are then taken in
order of the truck-hours they need, fewest first, and a unit is flagged only when adding
it to those already taken leaves no way to carry them all (:func:`shared_misfits`): the
unit named is the one whose need does not fit.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from supplyline.errors import SolverError
from supplyline.types import UnitId

__all__ = ["Lane", "Need", "busiest_share", "shared_misfits"]

_EPS = 1e-9
_SLACK = 1e-7


@dataclass(frozen=True, slots=True)
class Lane:
    """One truck type's way to a unit: its payload, round trip and most trips a day."""

    group: str
    payload_t: float
    round_trip_h: float
    max_trips: float
    """Trucks available × turns per truck (drivers' hours, the receiving window, the day)."""


@dataclass(frozen=True, slots=True)
class Need:
    """A unit's daily tonnes and the lanes that can carry them."""

    unit: UnitId
    tonnes: float
    lanes: tuple[Lane, ...]

    @property
    def hours(self) -> float:
        """The fewest truck-hours a day that carry its tonnes (fastest lanes first)."""
        left, hours = self.tonnes, 0.0
        for lane in sorted(self.lanes, key=lambda x: x.round_trip_h / x.payload_t):
            trips = min(lane.max_trips, left / lane.payload_t)
            hours += trips * lane.round_trip_h
            left -= trips * lane.payload_t
        return hours


def busiest_share(needs: Sequence[Need], hours: dict[str, float]) -> float:
    """The least share of its truck-hours the busiest truck type needs to carry ``needs``.

    ``hours`` are each truck type's truck-hours a day. Each need's tonnes must be at most
    what its lanes carry (the caller caps a unit at its own capacity).

    >>> lane = Lane("t", 10.0, 2.0, 6.0)
    >>> round(busiest_share([Need("u", 20.0, (lane,))], {"t": 8.0}), 6)
    0.5
    """
    live = [n for n in needs if n.tonnes > _EPS]
    if not live:
        return 0.0
    groups = sorted(hours)
    cols = [(i, lane) for i, n in enumerate(live) for lane in n.lanes if lane.group in hours]
    nx = len(cols)
    # variables: trips on each lane, then z; minimise z
    c = np.zeros(nx + 1)
    c[-1] = 1.0
    a_ub = np.zeros((len(live) + len(groups), nx + 1))
    b_ub = np.zeros(len(live) + len(groups))
    for k, (i, lane) in enumerate(cols):
        a_ub[i, k] = -lane.payload_t  # carry at least its tonnes
        a_ub[len(live) + groups.index(lane.group), k] = lane.round_trip_h
    for i, n in enumerate(live):
        b_ub[i] = -n.tonnes * (1 - 1e-9)
    for j, g in enumerate(groups):
        a_ub[len(live) + j, -1] = -hours[g]  # hours used <= z × hours there
    bounds = [(0.0, lane.max_trips) for _, lane in cols] + [(0.0, None)]
    from scipy.optimize import linprog  # here: 0.2 s of import that --help and validate skip

    out = linprog(c, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    if out.status == 2:  # a need beyond its own lanes: the caller caps needs
        return float("inf")
    if out.status != 0:
        raise SolverError(f"the shared truck-hours check failed: {out.message}")
    return float(out.x[-1])


def shared_misfits(
    needs: Sequence[Need], hours: dict[str, float], *, last: Collection[UnitId] = ()
) -> tuple[float, dict[UnitId, tuple[float, float]]]:
    """The busiest share of all ``needs`` together, and the units that do not fit.

    Units are taken fewest truck-hours first, those in ``last`` (flagged on their own)
    after the rest; one is a misfit when, with those taken before it, the busiest truck
    type would need more than all its hours. Each misfit maps to (its fewest truck-hours,
    the fewest the units taken before it need together: a lower bound of what they use
    where truck types differ). One programme when all fit; else a few, halving to the
    first misfit, and one per later unit not ruled out by the hours alone.
    """
    share = busiest_share(needs, hours)
    if share <= 1 + _SLACK:
        return share, {}
    order = sorted(needs, key=lambda x: (x.unit in last, x.hours, x.unit))
    # The longest prefix that fits, by halving (a prefix that fits stays fitting when cut):
    # the same units as trying them one by one, in a few programmes, not one per unit.
    lo, hi = 0, len(order)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if busiest_share(order[:mid], hours) <= 1 + _SLACK else (lo, mid)
    taken = list(order[:lo])
    used = sum(n.hours for n in taken)
    misfits: dict[UnitId, tuple[float, float]] = {order[lo].unit: (order[lo].hours, used)}
    have = sum(hours.values())
    for n in order[lo + 1 :]:
        # each unit needs at least its own fewest hours: past all the depot has, it cannot fit
        if used + n.hours > have * (1 + _SLACK) + _EPS or (
            busiest_share([*taken, n], hours) > 1 + _SLACK
        ):
            misfits[n.unit] = (n.hours, used)
        else:
            taken.append(n)
            used += n.hours
    return share, misfits

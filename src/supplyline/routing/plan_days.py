"""The movement plan's legs and deliveries sorted by day, in one pass over the plan.

What the trucks carry on a day (:mod:`~supplyline.routing.plan_loads`) was read from
every movement and delivery of the plan, once per day asked: the reach check asks every
day of the horizon, and a tester's 1,000-day plan spent 35 s of a 38 s ``plan`` there
(cProfile: one pass over the plan per day, in ``_road_net``, ``_takes``, ``_landed`` and
``PlanSources``). Here the plan is read once, and a day's questions read that day's
entries only. Each day's entries keep the plan's order, so every sum adds its tonnes in
the order the day's own pass over the plan added them: the same floats to the last bit.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Mapping
from itertools import pairwise

from supplyline.domain import Mode, Movement, Plan
from supplyline.types import CommodityId, UnitId

__all__ = ["PlanDays", "goods_legs"]

TakeKey = tuple[UnitId, CommodityId]
Takes = tuple[list[int], list[float], bool, int]
"""A unit's deliveries of a commodity: their days and tonnes in the plan's order, and
whether those days go up (so that the days after one are a slice), and the last day."""


def goods_legs(plan: Plan) -> Iterator[tuple[int, Movement]]:
    """The plan's legs of goods (not a unit's own ``deploy:`` lift), of tonnes above 0.

    With their place in the plan, which keeps the order their tonnes add up in.
    """
    for i, m in enumerate(plan.movements):
        if m.tonnes > 0 and not m.commodity.startswith("deploy:"):
            yield i, m


class PlanDays:
    """One pass over a plan: its goods legs by the days they touch, deliveries by day.

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> days = PlanDays(plan_movements(s, demand))
    >>> [(m.origin, m.destination) for m in days.touching(1)]
    [('D', 'U')]
    """

    def __init__(self, plan: Plan) -> None:
        self._touching: dict[int, list[Movement]] = defaultdict(list)  # plan order: one pass
        self._road_by_arrival: dict[int, list[tuple[int, Movement]]] = defaultdict(list)
        for i, m in goods_legs(plan):
            self._touching[m.arrival_day].append(m)
            if m.departure_day != m.arrival_day:
                self._touching[m.departure_day].append(m)
            if m.mode is Mode.ROAD:
                self._road_by_arrival[m.arrival_day].append((i, m))
        self._arrival_days = sorted(self._road_by_arrival)
        self._today: dict[int, list[tuple[UnitId, CommodityId, float]]] = defaultdict(list)
        by_key: dict[TakeKey, tuple[list[int], list[float]]] = {}  # days, tonnes
        for d in plan.deliveries:
            if d.tonnes <= 0:
                continue
            self._today[d.day].append((d.unit, d.commodity, d.tonnes))
            days, tonnes = by_key.setdefault((d.unit, d.commodity), ([], []))
            days.append(d.day)
            tonnes.append(d.tonnes)
        self._takes = {
            key: (days, tonnes, all(a <= b for a, b in pairwise(days)), max(days))
            for key, (days, tonnes) in by_key.items()
        }

    def touching(self, day: int) -> list[Movement]:
        """The goods legs arriving or departing on ``day``, in the plan's order."""
        return self._touching.get(day, [])

    def road_arrivals_between(self, after: int | None, upto: int) -> list[tuple[int, Movement]]:
        """The goods legs by road arriving after ``after`` (None: ever) up to ``upto``.

        With their place in the plan, day by day and in the plan's order within a day.
        """
        first = 0 if after is None else bisect_right(self._arrival_days, after)
        last = bisect_right(self._arrival_days, upto)
        return [leg for day in self._arrival_days[first:last] for leg in self._road_by_arrival[day]]

    def takes(self, day: int) -> dict[UnitId, dict[CommodityId, float]]:
        """What each unit takes on ``day``, by commodity (deliveries of tonnes above 0)."""
        today: dict[UnitId, dict[CommodityId, float]] = defaultdict(dict)
        for unit, com, tonnes in self._today.get(day, []):
            today[unit][com] = today[unit].get(com, 0.0) + tonnes
        return today

    def later(self, day: int) -> LaterTakes:
        """What each unit takes of a commodity after ``day``, summed when asked."""
        return LaterTakes(self._takes, day)


class LaterTakes(Mapping[TakeKey, float]):
    """What each (unit, commodity) takes after a day: summed only for the keys asked.

    Summed in the plan's order, as a pass over the plan adds them; where the plan lists a
    key's deliveries by day (as :func:`~supplyline.planning.plan_movements` does) the
    days after are one slice, else they are picked out in the plan's order.
    """

    def __init__(self, takes: Mapping[TakeKey, Takes], day: int) -> None:
        self._takes = takes
        self._day = day

    def __getitem__(self, key: TakeKey) -> float:
        days, tonnes, by_day, last = self._takes[key]
        if last <= self._day:
            raise KeyError(key)
        if by_day:
            return float(sum(tonnes[bisect_right(days, self._day) :]))
        return float(sum(t for d, t in zip(days, tonnes, strict=True) if d > self._day))

    def __iter__(self) -> Iterator[TakeKey]:
        return (k for k, (_, _, _, last) in self._takes.items() if last > self._day)

    def __len__(self) -> int:
        return sum(1 for _ in self)

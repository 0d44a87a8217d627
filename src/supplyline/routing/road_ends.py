"""Where and on which day the goods of a depot's road leg end: the day its trucks carry them.

In plan mode the trucks of day *N* carry what the plan's road legs bring into the units'
places that day, loaded at the depots those legs are traced back to
(:mod:`~supplyline.routing.plan_sources`), through hubs too: a chain dep→hub→camp whose
last leg arrives on C+9 is a C+9 truck-load from dep. The depots' stock took a road leg
out on the day *it* arrived, so the leg dep→hub arriving on C+8 was gone from dep at the
end of C+8, and on C+9 the same tonnes were asked of dep again: a tester's depot sent
on all 40 t it got, and ``routes`` called 2 t of C+9's 6 t ``depot_short``.

This follows a leg forward as :class:`~supplyline.routing.plan_sources.PlanSources`
traces it back: at a place without trucks the goods arriving on a day mix with what it
sends on by road that day, each onward leg taking ``min(1, in / out)`` of its tonnes
from them (the rest left from the place's stock) and the goods not sent on staying
there (a truck-load on that day if units are there; the plan's stock if not). A depot
with trucks is where a chain ends (its goods are its own from there). A loop of legs
(an LP's tie) ends where it closes, as the trace back leaves it untraced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from supplyline.domain import Mode, Movement, Plan, Scenario
from supplyline.types import CommodityId, LocationId

__all__ = ["End", "RoadEnds", "is_goods_road_leg", "sent_elsewhere"]

End = tuple[LocationId, int]
"""A place and the day a share of a leg's goods ends there."""


class RoadEnds:
    """The plan's road legs indexed to follow a leg's goods forward to where they end.

    One pass over the plan's movements; asked per leg (:meth:`of`).
    """

    def __init__(self, scenario: Scenario, plan: Plan) -> None:
        self._depots = {g.depot for g in scenario.fleet if g.count > 0}
        self._into: dict[tuple[LocationId, CommodityId, int], float] = defaultdict(float)
        self._onward: dict[tuple[LocationId, CommodityId, int], list[Movement]] = defaultdict(list)
        for m in plan.movements:
            if is_goods_road_leg(m):
                self._into[(m.destination, m.commodity, m.arrival_day)] += m.tonnes
                self._onward[(m.origin, m.commodity, m.departure_day)].append(m)
        self._memo: dict[tuple[LocationId, CommodityId, int], dict[End, float]] = {}

    def of(self, leg: Movement) -> dict[End, float]:
        """Per tonne of ``leg`` (a road leg of goods), the share ending at each place and day.

        The shares add up to 1.
        """
        return self._at(leg.destination, leg.commodity, leg.arrival_day, frozenset())

    def _at(
        self, place: LocationId, com: CommodityId, day: int, seen: frozenset[LocationId]
    ) -> dict[End, float]:
        """Per tonne arriving at ``place`` on ``day``, the share ending at each place and day."""
        key = (place, com, day)
        if key in self._memo:
            return self._memo[key]
        fed = self._into.get(key, 0.0)
        onward = self._onward.get(key, [])
        if place in self._depots or fed <= 0 or not onward:
            return {(place, day): 1.0}
        sent = sum(m.tonnes for m in onward)
        by_road = min(1.0, fed / sent)
        out: dict[End, float] = defaultdict(float)
        if fed > sent:  # what it does not send on that day stays
            out[(place, day)] += (fed - sent) / fed
        inner = seen | {place}
        for m in onward:
            part = m.tonnes * by_road / fed
            if m.destination in inner:  # a loop of legs: its goods end where it closes
                out[(place, day)] += part
                continue
            for end, s in self._at(m.destination, com, m.arrival_day, inner).items():
                out[end] += part * s
        found = dict(out)
        if not seen:  # a result cut short by a loop is not kept for other callers
            self._memo[key] = found
        return found


def is_goods_road_leg(m: Movement) -> bool:
    """Whether ``m`` is a road leg of goods the trucks may carry (not a unit's own lift)."""
    return m.mode is Mode.ROAD and m.tonnes > 0 and not m.commodity.startswith("deploy:")


def sent_elsewhere(
    scenario: Scenario,
    plan: Plan,
    origins: Collection[LocationId],
    served: Collection[LocationId],
) -> dict[tuple[LocationId, CommodityId], dict[LocationId, float]]:
    """What each of ``origins`` sends on to places other than ``served``, by where it ends.

    Keyed ``(origin, commodity)``; the tonnes by the place they end at. A road leg's goods
    end where :class:`RoadEnds` follows them (a chain origin→hub→a ``served`` place sends
    nothing elsewhere: its trucks carry those goods), a leg by any other mode's at its far
    end. The reach check's horizon holdings
    (:func:`~supplyline.routing.reach_goods.depot_tonnes`) counted the leg dep→hub of
    such a chain as sent away, and flagged a depot that sent all 40 t it got to its unit.

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> sent_elsewhere(s, plan_movements(s, demand), ["D"], ["U"])
    {}
    """
    mine, homes = set(origins), set(served)
    ends = RoadEnds(scenario, plan)
    out: dict[tuple[LocationId, CommodityId], dict[LocationId, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for m in plan.movements:
        if m.origin not in mine or m.commodity.startswith("deploy:"):
            continue
        where = ends.of(m) if is_goods_road_leg(m) else {(m.destination, m.arrival_day): 1.0}
        for (place, _), share in where.items():
            if place not in homes:
                out[(m.origin, m.commodity)][place] += m.tonnes * share
    return {k: dict(v) for k, v in out.items()}

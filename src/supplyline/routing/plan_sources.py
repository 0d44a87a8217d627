"""Which depots with trucks the movement plan's road legs bring a place's goods from.

In plan mode the trucks of day *N* carry what the plan's road legs bring into each
unit's place that day (:mod:`~supplyline.routing.plan_loads`). Which depot's trucks
carry it was a rule of its own (joined by road first, then the shortest round trip),
blind to the plan: a tester's plan fed U1 from D2 over D2→L1, the routes sent D1's truck
over a junction road of 10 t/day it shared with D2's own unit, and U1's load came off
it (only the road-full repair then gave it to D2). The plan has already chosen the
depot: this traces its road legs back to it.

For a place, commodity and day: the road legs of that commodity arriving there that day
are followed back. A leg from a depot with trucks is that depot's; a leg from any other
place (a hub, a yard, a unit's place) is followed on through the road legs arriving
*there* on the day it left, in the share those arrivals feed what that place sends on
by road that day (``min(1, in / out)``: the rest left from its stock, which no road leg
explains). What is not traced so (stock at a place without trucks, a loop of legs) is
no depot's, and the rule chooses for it as before.

The same trace, asked for *origins* (:meth:`PlanSources.origins_on`), also keeps where
the untraced part starts: the place without trucks whose stock (or rail, air or sea
arrivals) the legs leave from. A tester's plan brought food by rail to a railhead with no
trucks and on by road to the unit; ``routes`` left it ``depot_short`` and reach called the
unit ok: both now say where the food is (:mod:`~supplyline.routing.stranded_goods`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping

from supplyline.domain import Mode, Movement, Plan, Scenario
from supplyline.routing.plan_days import PlanDays
from supplyline.types import CommodityId, LocationId

__all__ = ["PlanSources", "plan_sources", "road_arrivals"]

Shares = dict[LocationId, float]
"""Per tonne of a place's road arrivals: the tonnes from each depot with trucks."""


class PlanSources:
    """The plan's road legs of the days up to one, indexed to trace a place's depots.

    Built from every road movement of the plan, then asked per place and commodity. A
    walk over the days (the reach check's, :class:`~supplyline.routing.depot_days.
    PlanDepotDays`) moves one index on from day to day (:meth:`advance`), adding the
    legs that arrive on the new days: rebuilt for each day from the whole plan, the index
    was a pass over every movement per day, and 2.5 s of a 365-day plan's 15 s check.
    """

    def __init__(
        self, scenario: Scenario, plan: Plan, day: int, *, days: PlanDays | None = None
    ) -> None:
        self._days = days or PlanDays(plan)
        self._depots = {g.depot for g in scenario.fleet if g.count > 0}
        self._into: dict[tuple[LocationId, CommodityId, int], list[Movement]] = defaultdict(list)
        self._sent: dict[tuple[LocationId, CommodityId, int], list[tuple[int, float]]] = {}
        self._out: dict[tuple[LocationId, CommodityId, int], float] = {}
        self._memo: dict[tuple[LocationId, CommodityId, int, bool], Shares] = {}
        self._day: int | None = None
        self.advance(day)

    @property
    def day(self) -> int:
        """The last arrival day of the legs indexed."""
        assert self._day is not None  # for the type checker: __init__ advanced
        return self._day

    def advance(self, day: int) -> None:
        """Index the road legs arriving after the index's day up to ``day`` (days go forward).

        What a place sends on by road on a day adds up in the plan's order, as one pass
        over the plan adds it, however the days' legs came in.
        """
        if self._day is not None and day < self._day:
            raise ValueError(f"the index is on day {self._day}; day(={day}) is earlier")
        changed: set[tuple[LocationId, CommodityId, int]] = set()
        for i, m in self._days.road_arrivals_between(self._day, day):
            self._into[(m.destination, m.commodity, m.arrival_day)].append(m)
            key = (m.origin, m.commodity, m.departure_day)
            self._sent.setdefault(key, []).append((i, m.tonnes))
            changed.add(key)
        for key in changed:
            sent = self._sent[key]
            sent.sort()
            total = 0.0
            for _, tonnes in sent:
                total += tonnes
            self._out[key] = total
        if changed or self._day is None:
            self._memo.clear()  # a place's legs sent on a day may have grown
        self._day = day

    def shares(self, place: LocationId, commodity: CommodityId) -> Shares:
        """Per tonne of the road legs into ``place`` on the day: each depot's tonnes.

        The shares add up to 1 at most (less where some is not traced to a depot).
        """
        return self._trace(place, commodity, self.day, frozenset())

    def shares_on(self, place: LocationId, commodity: CommodityId, day: int) -> Shares:
        """As :meth:`shares`, of the legs arriving on ``day`` (up to the index's day).

        The reach check traces every day of the horizon on one index
        (:func:`~supplyline.routing.depot_choice.plan_traced`).
        """
        return self._trace(place, commodity, min(day, self.day), frozenset())

    def origins_on(self, place: LocationId, commodity: CommodityId, day: int) -> Shares:
        """Per tonne of the road legs into ``place`` on ``day``: each starting place's tonnes.

        As :meth:`shares_on`, but what is not traced to a depot with trucks is kept at the
        place without trucks it leaves from (its stock, or what came there by rail, air or
        water): where the goods are when no truck is based there. Loops stay untraced.
        """
        return self._trace(place, commodity, min(day, self.day), frozenset(), bare=True)

    def _trace(
        self,
        place: LocationId,
        com: CommodityId,
        day: int,
        seen: frozenset[LocationId],
        *,
        bare: bool = False,
    ) -> Shares:
        key = (place, com, day, bare)
        if key in self._memo:
            return self._memo[key]
        legs = self._into.get((place, com, day), [])
        total = sum(m.tonnes for m in legs)
        out: Shares = defaultdict(float)
        for m in legs:
            part = m.tonnes / total
            if m.origin in self._depots:
                out[m.origin] += part
                continue
            if m.origin in seen or m.origin == place:  # a loop of legs (an LP's tie)
                continue
            fed = sum(x.tonnes for x in self._into.get((m.origin, com, m.departure_day), []))
            sent = self._out.get((m.origin, com, m.departure_day), 0.0)
            by_road = min(1.0, fed / sent) if fed > 0 and sent > 0 else 0.0
            if bare and by_road < 1.0:  # the rest leaves from what the place itself holds
                out[m.origin] += part * (1.0 - by_road)
            if by_road <= 0:
                continue
            further = self._trace(m.origin, com, m.departure_day, seen | {place}, bare=bare)
            for depot, s in further.items():
                out[depot] += part * by_road * s
        found = dict(out)
        if not seen:  # a result cut short by a loop is not kept for other callers
            self._memo[key] = found
        return found


def plan_sources(
    scenario: Scenario,
    plan: Plan,
    day: int,
    loads: Mapping[tuple[LocationId, CommodityId], float],
    *,
    origins: bool = False,
    index: PlanSources | None = None,
) -> dict[tuple[LocationId, CommodityId], Shares]:
    """For each (place, commodity) of ``loads``, the tonnes of it from each depot with trucks.

    ``loads`` are the day's truck-loads at each place (the plan's net road tonnes there);
    each is split among the depots its road legs were traced to (:class:`PlanSources`),
    in the shares traced; what is not traced is left out (no depot's). With ``origins``,
    what is not traced is kept at the places without trucks it leaves from
    (:meth:`PlanSources.origins_on`). ``index``: the plan's legs up to ``day`` already
    indexed (:class:`PlanSources` of the same scenario, plan and day), to trace the day's
    depots and origins on one index: each index is a pass over every movement of the plan.

    >>> from dataclasses import replace
    >>> from supplyline.domain import FleetGroup
    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> trucks = FleetGroup(id="t", depot="D", partner="A", vehicle_type="cargo", count=1,
    ...                     payload_t=10.0, speed_kmh=40.0)
    >>> s = replace(s, fleet=(trucks,))
    >>> plan_sources(s, plan_movements(s, demand), 1, {("U", "food"): 8.0})
    {('U', 'food'): {'D': 8.0}}
    """
    index = index or PlanSources(scenario, plan, day)
    out: dict[tuple[LocationId, CommodityId], Shares] = {}
    for (place, com), tonnes in sorted(loads.items()):
        shares = index.origins_on(place, com, day) if origins else index.shares(place, com)
        found = {d: tonnes * s for d, s in sorted(shares.items()) if s > 0}
        if found:
            out[(place, com)] = found
    return out


def road_arrivals(
    plan: Plan, places: Collection[LocationId]
) -> dict[tuple[LocationId, CommodityId, int], float]:
    """Tonnes of goods the plan's road legs bring into each of ``places``, by commodity and day.

    What a place's trucks-or-not question is asked of (the depots a unit's goods come from,
    :mod:`~supplyline.routing.depot_choice`; goods left where no truck is based,
    :mod:`~supplyline.routing.stranded_goods`), keyed ``(place, commodity, arrival day)``.
    """
    wanted = set(places)
    arrivals: dict[tuple[LocationId, CommodityId, int], float] = defaultdict(float)
    for m in plan.movements:
        road = m.mode is Mode.ROAD and not m.commodity.startswith("deploy:")
        if road and m.destination in wanted and m.tonnes > 0:
            arrivals[(m.destination, m.commodity, m.arrival_day)] += m.tonnes
    return arrivals

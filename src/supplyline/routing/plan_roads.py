"""The movement plan's road tonnes that a day's trucks do not carry, road by road.

In plan mode the trucks of day *N* carry what the plan's road legs bring into the units'
places that day (:mod:`~supplyline.routing.plan_loads`), each on its own shortest road.
The plan's other road movements still use the roads' capacity in the plan: road legs
that end at a place without units (depot to depot, into a hub or a yard whose goods go
on by rail), and the units' own equipment (``deploy:…``). A tester's plan filled a road
with a depot-to-depot movement and the trucks, counting only their own tonnes, drove
the site's loads over it too: more over the road that day than its
``capacity_t_per_day``, and more than the plan said.

Which day: the plan's capacity row of a link is per *departure* day
(:mod:`supplyline.planning.assemble`, ``link_t``), and the routes of day *N* carry what
arrives on *N*, so over a road of ``transit_days`` τ they count against the capacity of
day *N* − τ, with the plan's movements that left then, i.e. those arriving on *N*.

Exactly which tonnes the trucks take: per commodity, the day's road legs arriving on *N*
form a flow; at each place the goods arriving (I) and those sent on by road that day (O,
as :mod:`~supplyline.routing.plan_loads` nets them) mix, and what stays, ``I − O`` when
above zero, is a truck-load if units are there (every tonne of it: the units share it)
and is not otherwise. A leg's tonnes are taken in the share of what its far end passes
on to truck-loads, ``r(v) = (stays_routed(v) + Σ onward legs t·r(w)) / max(I, O)``: goods
passing through a hub to a site are the trucks', goods kept at the hub are the plan's.
Goods sent on from a place on a road of several days leave the day's flow: the trucks of
the day they arrive carry them (their legs of that later day are taken then).
"""

from __future__ import annotations

from collections import defaultdict

from supplyline.domain import Mode, Movement, Plan, Scenario
from supplyline.routing.roads import RoadWay
from supplyline.types import LocationId

__all__ = ["plan_road_tonnes"]

_DUST_T = 1e-6
"""As :mod:`~supplyline.routing.plan_loads`: a place keeps less than this for no truck."""


def plan_road_tonnes(scenario: Scenario, plan: Plan, day: int) -> dict[RoadWay, float]:
    """The plan's tonnes on each road direction that the trucks of ``day`` do not carry.

    Every road movement arriving on ``day`` (it left ``day - transit_days``, the day its
    road's capacity counts it in the plan), less the share the day's truck-loads take
    over (see the module's docstring). Zero entries are left out.

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> plan_road_tonnes(s, plan_movements(s, demand), 1)  # all of it goes on the trucks
    {}
    """
    with_units = {u.destination for u in scenario.units}
    by_commodity: dict[str, list[Movement]] = defaultdict(list)
    other: dict[RoadWay, float] = defaultdict(float)
    for m in plan.movements:
        if m.mode is not Mode.ROAD or m.tonnes <= 0:
            continue
        if m.commodity.startswith("deploy:"):  # a unit's own lift: never on the trucks
            if m.arrival_day == day:
                other[(m.link, m.origin, m.destination)] += m.tonnes
            continue
        if m.arrival_day == day or m.departure_day == day:
            by_commodity[m.commodity].append(m)
    for moves in by_commodity.values():
        for m, t in _left_by_trucks(moves, day, with_units):
            other[(m.link, m.origin, m.destination)] += t
    return {w: t for w, t in sorted(other.items()) if t > _DUST_T}


def _left_by_trucks(
    moves: list[Movement], day: int, with_units: set[LocationId]
) -> list[tuple[Movement, float]]:
    """One commodity's road legs arriving on ``day``: the tonnes of each the trucks leave."""
    arriving = [m for m in moves if m.arrival_day == day]
    into: dict[LocationId, float] = defaultdict(float)
    out: dict[LocationId, float] = defaultdict(float)
    onward: dict[LocationId, list[Movement]] = defaultdict(list)
    for m in moves:
        if m.arrival_day == day:
            into[m.destination] += m.tonnes
        if m.departure_day == day:
            out[m.origin] += m.tonnes
            if m.arrival_day == day:
                onward[m.origin].append(m)
    share: dict[LocationId, float] = {}

    def routed(place: LocationId, seen: frozenset[LocationId]) -> float:
        """The share of the goods at ``place`` that end as the day's truck-loads."""
        if place in share:
            return share[place]
        base = max(into[place], out[place])
        if base <= 0 or place in seen:  # a loop of legs (an LP's tie): none taken
            return 0.0
        stays = into[place] - out[place]
        here = stays if place in with_units and stays > _DUST_T else 0.0
        inner = seen | {place}
        ahead = sum(m.tonnes * routed(m.destination, inner) for m in onward[place])
        share[place] = min(1.0, (here + ahead) / base)
        return share[place]

    left = [(m, m.tonnes * (1.0 - routed(m.destination, frozenset()))) for m in arriving]
    return [(m, t) for m, t in left if t > 0]

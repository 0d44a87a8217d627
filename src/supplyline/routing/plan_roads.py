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

__all__ = ["plan_road_claims", "plan_road_tonnes"]

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


def plan_road_claims(
    scenario: Scenario, plan: Plan, day: int
) -> dict[tuple[RoadWay, LocationId], float]:
    """The plan's tonnes on each road direction that the trucks of ``day`` carry, by place.

    Keyed by ``(road way, unit place)``: of the road legs arriving on ``day``, the tonnes
    the trucks carry on (the share :func:`plan_road_tonnes` leaves them), by the place
    they end at as truck-loads. Where the day's trucks would overfill a road, these are
    the loads the plan itself sent over it: they keep its room first
    (:class:`~supplyline.routing.road_load.RoadBudget`), and what the plan sent another
    way comes off. Zero entries are left out.

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> plan_road_claims(s, plan_movements(s, demand), 1)
    {(('L1', 'D', 'U'), 'U'): 8.0}
    """
    with_units = {u.destination for u in scenario.units}
    by_commodity: dict[str, list[Movement]] = defaultdict(list)
    for m in plan.movements:
        if m.mode is not Mode.ROAD or m.tonnes <= 0 or m.commodity.startswith("deploy:"):
            continue
        if m.arrival_day == day or m.departure_day == day:
            by_commodity[m.commodity].append(m)
    claims: dict[tuple[RoadWay, LocationId], float] = defaultdict(float)
    for moves in by_commodity.values():
        for m, ends in _ends(moves, day, with_units):
            for place, share in ends.items():
                claims[((m.link, m.origin, m.destination), place)] += m.tonnes * share
    return {k: t for k, t in sorted(claims.items()) if t > _DUST_T}


def _left_by_trucks(
    moves: list[Movement], day: int, with_units: set[LocationId]
) -> list[tuple[Movement, float]]:
    """One commodity's road legs arriving on ``day``: the tonnes of each the trucks leave."""
    left = [(m, m.tonnes * (1.0 - sum(ends.values()))) for m, ends in _ends(moves, day, with_units)]
    return [(m, t) for m, t in left if t > 0]


def _ends(
    moves: list[Movement], day: int, with_units: set[LocationId]
) -> list[tuple[Movement, dict[LocationId, float]]]:
    """One commodity's road legs arriving on ``day``, each with where its goods end.

    Per tonne of the leg, the share that ends as a truck-load at each unit place (the
    shares add up to at most 1: the rest stays where no unit is, or goes on by a road of
    several days, and is the plan's).
    """
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
    memo: dict[LocationId, dict[LocationId, float]] = {}

    def ends(place: LocationId, seen: frozenset[LocationId]) -> dict[LocationId, float]:
        """Per tonne of the goods at ``place``, the share ending as truck-loads at each place."""
        if place in memo:
            return memo[place]
        base = max(into[place], out[place])
        if base <= 0 or place in seen:  # a loop of legs (an LP's tie): none taken
            return {}
        stays = into[place] - out[place]
        share: dict[LocationId, float] = defaultdict(float)
        if place in with_units and stays > _DUST_T:
            share[place] += stays / base
        inner = seen | {place}
        for m in onward[place]:
            for end, s in ends(m.destination, inner).items():
                share[end] += m.tonnes * s / base
        total = sum(share.values())
        scale = 1.0 / total if total > 1.0 else 1.0
        memo[place] = {end: s * scale for end, s in share.items()}
        return memo[place]

    return [(m, ends(m.destination, frozenset())) for m in arriving]

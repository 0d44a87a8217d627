"""Truck-loads offered to the search: no more, over all units, than a fleet can carry a day.

:mod:`~supplyline.routing.trip_cap` caps each request at what its trucks could bring it
alone. When many units share one depot's trucks, the units' caps add up to far more than
those trucks carry in a day (a depot of 2 trucks and 300 units of 0.8 t each: 300 loads
offered, of which at most ~20 can go), and the searches' models are quadratic in the
loads offered. Here the loads a set of truck types may carry are capped, together, at
what those trucks can carry that day: for each truck type, its trucks × the trips one can
make (its hours over its shortest round trip to a unit it serves) × its payload. The cap
is an upper bound on the tonnes routed in all (no trip is shorter than the shortest round
trip, none carries more than the payload), and where it does not bind the loads offered,
and the routes, are the same.

It bounds how much, not which loads: choosing the loads to keep is a knapsack the search
settles with its prizes and routes, and a choice made here, before it, can keep back a
load the best routes need. A tester's two 4 t trucks, one trip each, were offered U1's
4 t and U2's 3.3 t (the heaviest, 7.3 t within the 8 t cap) and not U1's last 1.5 t and
U3's 2.2 t, which make one 3.7 t trip: 7.7 t, cheaper. So the cap keeps loads back only
beyond the first :data:`OFFER_AT_LEAST` of them (in the order below), a size the search's
models handle in a fraction of a second: a day of that many loads or fewer is offered
whole, and the search alone chooses.

Which loads are kept is fair between units: every unit's first (most urgent) loads before
anyone's second, most urgent commodity first; the rest are reported as the loads left
out (``not_enough_trucks``, the trucks having gone to other units' loads).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from supplyline.routing.loads import LoadBound
from supplyline.routing.ran_out import Way
from supplyline.routing.translate import Chunk
from supplyline.routing.trip_cap import within_trips

__all__ = ["OFFER_AT_LEAST", "fleet_tonnes", "within_caps", "within_fleets"]

_EPS_T = 1e-9

OFFER_AT_LEAST = 200
"""Loads a search is offered, at least, whatever the fleet cap (all where there are fewer).

The cap is there for the size of the search's models (quadratic in the loads), not to
choose loads; at this size they are small (measured in ``docs/routing.md``, *Idle trucks
take what is left*), so below it the search's prizes choose, not the cap's order."""


class _Group(Protocol):
    """What the caps need of a truck type."""

    @property
    def id(self) -> str: ...

    @property
    def count(self) -> int: ...

    @property
    def payload_t(self) -> float: ...

    @property
    def max_route_hours(self) -> float: ...


class _Bound(Protocol):
    """What the fleet cap needs of a request's bound: its trucks' ways, and multi-trip."""

    @property
    def ways(self) -> tuple[Way, ...]: ...

    @property
    def multi_trip(self) -> bool: ...


def fleet_tonnes(bounds: Iterable[_Bound]) -> dict[str, float]:
    """The most tonnes each truck type (by fleet group id) can carry in the day.

    Its trucks × trips × payload, the trips its working hours (at most the day's 24 h)
    over the shortest round trip among the requests it can serve (one when trucks do not
    load again); no limit (``inf``) when a round trip takes no time.

    >>> from types import SimpleNamespace as N
    >>> g = N(id="T", count=2, payload_t=5.0, max_route_hours=10.0)
    >>> fleet_tonnes([N(ways=(Way(g, 1.0, 4.0),), multi_trip=True),
    ...               N(ways=(Way(g, 0.5, 3.0),), multi_trip=True)])
    {'T': 30.0}
    """
    shortest: dict[str, float] = {}
    groups: dict[str, Way] = {}
    one_trip: dict[str, bool] = {}
    for bound in bounds:
        for way in bound.ways:
            gid = way.group.id
            shortest[gid] = min(shortest.get(gid, math.inf), way.trip_h)
            groups[gid] = way
            one_trip[gid] = one_trip.get(gid, False) or not bound.multi_trip
    out: dict[str, float] = {}
    for gid, way in groups.items():
        g = way.group
        if one_trip[gid]:
            trips = 1
        elif shortest[gid] <= 0:
            out[gid] = math.inf
            continue
        else:
            trips = max(1, math.floor(min(g.max_route_hours, 24.0) / shortest[gid] + 1e-9))
        out[gid] = g.count * trips * g.payload_t
    return out


def within_fleets(
    chunks: Sequence[Chunk],
    bounds: Mapping[int, _Bound],
    service_h: float,
    *,
    at_least: int | None = None,
) -> tuple[list[Chunk], list[Chunk]]:
    """The loads to offer the search, and those beyond what their trucks carry in a day.

    For each set of truck types that some loads may go on, the loads that may go on
    those types only are kept to the types' :func:`fleet_tonnes` together. Loads are
    taken every unit's first before anyone's second (most urgent commodity first), a load
    that does not fit skipped for a smaller one after it; then, where fewer than
    ``at_least`` (default :data:`OFFER_AT_LEAST`) are kept, the next loads in that order
    that were skipped, up to it (the cap chooses loads only on a day too large to offer
    whole). The order of the loads is kept.

    >>> from types import SimpleNamespace as N
    >>> g = N(id="T", count=1, payload_t=1.0, max_route_hours=2.0)
    >>> b = N(ways=(Way(g, 0.5, 1.0),), multi_trip=True)
    >>> c = [Chunk(request=r, part=k, parts=2, unit=f"u{r}", location="L",
    ...      load_t={"w": 0.5}, volume_m3=0, volume_known=False, priority=1,
    ...      weighted_t=0.5, allowed=frozenset({"T"}), mixed=False)
    ...      for r in range(3) for k in range(2)]
    >>> offered, beyond = within_fleets(c, {0: b, 1: b, 2: b}, service_h=0.5, at_least=0)
    >>> [(x.request, x.part) for x in offered], len(beyond)
    ([(0, 0), (0, 1), (1, 0), (2, 0)], 2)
    >>> len(within_fleets(c, {0: b, 1: b, 2: b}, service_h=0.5, at_least=5)[0])
    5
    """
    given = [bounds[r] for r in {c.request for c in chunks} if r in bounds]
    cap = fleet_tonnes(given)
    cap_groups = {w.group.id: w.group for b in given for w in b.ways}
    sets = {c.allowed for c in chunks if c.request in bounds and c.allowed}
    room = {s: sum(cap.get(g, math.inf) for g in s) for s in sets}
    within = {c.allowed: [s for s in sets if c.allowed <= s] for c in chunks}
    used: dict[frozenset[str], float] = defaultdict(float)
    kept: set[int] = set()
    visits = {s: sum(_visits(cap_groups.get(g), service_h) for g in s) for s in sets}
    units: dict[frozenset[str], set[str]] = defaultdict(set)
    order = sorted(range(len(chunks)), key=lambda k: _preferred(chunks[k], k))
    for k in order:
        chunk = chunks[k]
        if chunk.request not in bounds or not chunk.allowed:
            kept.add(k)
            continue
        mine = within[chunk.allowed]
        if all(
            used[s] + chunk.tonnes <= room[s] + _EPS_T
            and (chunk.unit in units[s] or len(units[s]) < visits[s])
            for s in mine
        ):
            for s in mine:
                used[s] += chunk.tonnes
                units[s].add(chunk.unit)
            kept.add(k)
    skipped = [k for k in order if k not in kept]
    floor = OFFER_AT_LEAST if at_least is None else at_least
    kept.update(skipped[: max(0, floor - len(kept))])
    offered = [c for k, c in enumerate(chunks) if k in kept]
    beyond = [c for k, c in enumerate(chunks) if k not in kept]
    return offered, beyond


def within_caps(
    chunks: Sequence[Chunk], bounds: Mapping[int, LoadBound], service_h: float
) -> tuple[list[Chunk], list[Chunk]]:
    """The loads to offer: each request's within its trips, then all within their fleets.

    :func:`~supplyline.routing.trip_cap.within_trips`, then :func:`within_fleets`; the
    loads kept back by either are returned together, in the order given.
    """
    offered, beyond = within_trips(chunks, bounds)
    offered, over = within_fleets(offered, bounds, service_h)
    kept_back = {id(c) for c in (*beyond, *over)}
    return offered, [c for c in chunks if id(c) in kept_back]


def _visits(group: _Group | None, service_h: float) -> float:
    """The most units a truck type's trucks can stop at in a day: hours over the service."""
    if group is None or service_h <= 0:
        return math.inf
    stops = min(group.max_route_hours, 24.0) / service_h
    if not math.isfinite(stops):  # a service of no time: the stops are not what limits
        return math.inf
    return group.count * max(1, math.floor(stops + 1e-9))


def _preferred(chunk: Chunk, k: int) -> tuple[int, float, int, int]:
    """The order loads are kept in: most urgent, then heaviest, then as given.

    Heaviest as the search's prizes prefer them; a unit's first loads before its later
    ones. Taking every unit's first load first (before) kept 313 loads of 0.25 t to
    hamlets and routed 20.6 t where all the loads offered had routed 85.5 t.
    """
    return (chunk.priority, -chunk.tonnes, chunk.part, k)

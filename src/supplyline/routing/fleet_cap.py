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
beyond the first :data:`OFFER_AT_LEAST` of them, a size the search's models handle in a
fraction of a second: a day of that many loads or fewer is offered whole, and the search
alone chooses.

Past it, the loads kept are those worth most for what they take of the trucks' day:
the most urgent first (priority 1 before 2), then, within a priority, by the load's
worth (:func:`~supplyline.routing.day_model.load_worths`: its own trip, what a stop is
worth, plus its urgent tonnes) per share of the trucks' day the load takes: its tonnes
of the tonnes they carry, plus its stop of the stops they make (a unit's stop shared
among its loads). The worth was the search's prize until the prizes became
lexicographic, weighted tonnes first and then cost
(:func:`~supplyline.routing.day_model.load_prizes`); by those, per share, the heavy
loads that go one to a truck came first again. Taken heaviest first
(before), a generated single-trip day of 1,000 units and ten 4 t trucks offered the
search 200 loads of 2.5-3.8 t, one to a truck (37.8-37.9 t routed, to 11 units), and
none of the 0.2-0.8 t loads that fill the trucks (39.9 t, to 127-137 units, now). Nor is
it by prize per tonne alone, lightest first: where the trucks' stops bind (1,000
hamlets of 0.25-0.5 t and ten sites of 20 t for two 5 t trucks and two vans), a
site's 5 t load is worth its stop, and per tonne alone the search was offered hamlets
only (12.5 t routed, where 105-120 t are). The rest are reported as the loads left out
(``not_enough_trucks``, the trucks having gone to other units' loads).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from supplyline.domain import FleetGroup
from supplyline.routing.day_model import load_worths
from supplyline.routing.loads import LoadBound
from supplyline.routing.ran_out import Way
from supplyline.routing.roads import RoadMatrix
from supplyline.routing.translate import Chunk
from supplyline.routing.trip_cap import within_trips

__all__ = ["OFFER_AT_LEAST", "fleet_tonnes", "within_caps", "within_fleets"]

_EPS_T = 1e-9

OFFER_AT_LEAST = 200
"""Loads a search is offered, at least, whatever the fleet cap (all where there are fewer).

The cap is there for the size of the search's models (quadratic in the loads), not to
choose loads; at this size they are small (measured in ``docs/routing.md``, *Idle trucks
take what is left*), so below it the search's prizes choose, not the cap's order; above
it the cap's order is by the loads' worth (:func:`within_fleets`)."""


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
    values: Sequence[float],
    at_least: int | None = None,
) -> tuple[list[Chunk], list[Chunk]]:
    """The loads to offer the search, and those beyond what their trucks carry in a day.

    For each set of truck types that some loads may go on, the loads that may go on
    those types only are kept to the types' :func:`fleet_tonnes` together, and to as many
    units as the trucks can stop at. Loads are taken most urgent first, then by
    ``values`` (each load's worth, in the order of ``chunks``) per share
    of the trucks' day the load takes (:func:`_shares`), a load that does not fit skipped
    for one after it; then, where fewer than ``at_least`` (default :data:`OFFER_AT_LEAST`)
    are kept, the next loads in that order that were skipped, up to it (the cap chooses
    loads only on a day too large to offer whole). The order of the loads is kept.

    >>> from types import SimpleNamespace as N
    >>> g = N(id="T", count=1, payload_t=1.0, max_route_hours=2.0)
    >>> b = N(ways=(Way(g, 0.5, 1.0),), multi_trip=True)
    >>> c = [Chunk(request=r, part=k, parts=2, unit=f"u{r}", location="L",
    ...      load_t={"w": 0.5}, volume_m3=0, volume_known=False, priority=1,
    ...      weighted_t=0.5, allowed=frozenset({"T"}), mixed=False)
    ...      for r in range(3) for k in range(2)]
    >>> worth = [10.0, 10.0, 30.0, 30.0, 20.0, 20.0]
    >>> offered, beyond = within_fleets(c, {0: b, 1: b, 2: b}, 0.5, values=worth, at_least=0)
    >>> [(x.request, x.part) for x in offered], len(beyond)
    ([(1, 0), (1, 1), (2, 0), (2, 1)], 2)
    >>> len(within_fleets(c, {0: b, 1: b, 2: b}, 0.5, values=worth, at_least=5)[0])
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
    shares = _shares(chunks, room, visits)
    worth = [v / share if share > 0 else math.inf for v, share in zip(values, shares, strict=True)]
    order = sorted(range(len(chunks)), key=lambda k: _preferred(chunks[k], k, worth[k]))
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
    chunks: Sequence[Chunk],
    bounds: Mapping[int, LoadBound],
    groups: Sequence[FleetGroup],
    km: RoadMatrix,
    service_h: float,
) -> tuple[list[Chunk], list[Chunk]]:
    """The loads to offer a search on ``groups``: each request's within its trips, all in fleets.

    :func:`~supplyline.routing.trip_cap.within_trips`, then :func:`within_fleets` by the
    loads' worth (:func:`~supplyline.routing.day_model.load_worths`);
    the loads kept back by either are returned together, in the order given.
    """
    offered, beyond = within_trips(chunks, bounds)
    worths = load_worths(groups, offered, km)
    offered, over = within_fleets(offered, bounds, service_h, values=worths)
    kept_back = {id(c) for c in (*beyond, *over)}
    return offered, [c for c in chunks if id(c) in kept_back]


def _shares(
    chunks: Sequence[Chunk],
    room: Mapping[frozenset[str], float],
    visits: Mapping[frozenset[str], float],
) -> list[float]:
    """The share of its trucks' day each load takes: of their tonnes, plus of their stops.

    Its tonnes over what the trucks that may carry it carry a day, plus one stop over the
    units they can stop at, shared among the unit's loads on those trucks (they are one
    stop where they go together). The two limits of the cap, each as a share, so that
    neither the light loads (whose stops bind where there are hundreds) nor the heavy
    ones (whose tonnes bind where trucks make one trip) are preferred whatever the day.
    0 where neither limit is known (a load the cap keeps whatever it weighs).
    """
    loads: dict[tuple[frozenset[str], str], int] = defaultdict(int)
    for c in chunks:
        loads[c.allowed, c.unit] += 1
    return [
        _part(c.tonnes, room.get(c.allowed, math.inf))
        + _part(1.0, visits.get(c.allowed, math.inf) * loads[c.allowed, c.unit])
        for c in chunks
    ]


def _part(some: float, of: float) -> float:
    """``some`` as a share of ``of``: 0 of no limit (``inf``), ``inf`` of nothing."""
    return some / of if of > 0 else math.inf


def _visits(group: _Group | None, service_h: float) -> float:
    """The most units a truck type's trucks can stop at in a day: hours over the service."""
    if group is None or service_h <= 0:
        return math.inf
    stops = min(group.max_route_hours, 24.0) / service_h
    if not math.isfinite(stops):  # a service of no time: the stops are not what limits
        return math.inf
    return group.count * max(1, math.floor(stops + 1e-9))


def _preferred(chunk: Chunk, k: int, worth: float) -> tuple[int, float, float, int, int]:
    """The order loads are kept in: most urgent, then most ``worth``, heaviest, as given.

    ``worth`` is the load's worth per share of the trucks' day it takes
    (:func:`~supplyline.routing.day_model.load_worths`). Heaviest first alone
    (before) kept, on a single-trip day, the loads one to a truck where lighter ones fill
    the trucks; every unit's first load first (before that) kept 313 loads of 0.25 t to
    hamlets and routed 20.6 t where all the loads offered had routed 85.5 t.
    """
    return (chunk.priority, -worth, -chunk.tonnes, chunk.part, k)

"""The most a day's trucks could carry, counted before any search (``--from-demand``).

``routes --from-demand`` takes earlier days' loads off the depots' stock without routing
those days (:mod:`~supplyline.routing.demand_depot_days`). It took off all their shares
asked, loads the trucks could not carry too: a tester's 7.428 t left ``not_enough_trucks``
on C+5 still came off C+6's stock and made a 0.11 t ``depot_short`` row that routing C+5
would not. Routing every earlier day fixes that, but took relief C+6 from 5.0 to 16.6 s.

Here each earlier day is bounded by what its trucks could carry at most, by the count
the router bounds trips by (:func:`~supplyline.routing.turns.window_turns`), needing no
search. A unit gets at most, each truck type that reaches it that day and may load its
goods (:func:`~supplyline.routing.truck_fit.fit`), count × trips a day to it × payload;
and a depot's trucks load at most, each type, what its drivers' hours (count × the least
of ``max_route_hours`` and 24 h) bring the units, nearest first, each at most what it
asks and what that type's trips to it bring, a tonne to a unit costing its round trip ÷
payload (a trip visiting several units is at least as long as the longest round trip to
one of them, so it costs at least that). Every truck that reaches counts, not only those
that carry a full load (the router's ``too_large`` bound): the idle round may load the
smaller ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from supplyline.domain import FleetGroup, Scenario
from supplyline.routing.cargo import may_carry
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.roads import RoadMatrix
from supplyline.routing.truck_fit import fit
from supplyline.routing.turns import window_turns
from supplyline.types import LocationId, UnitId

__all__ = ["CarryBound", "carry_bound"]


@dataclass(frozen=True, slots=True)
class CarryBound:
    """The most the day's trucks carry, t: to each unit, and from each depot."""

    to_unit: dict[tuple[UnitId, LocationId], float]
    from_depot: dict[LocationId, float]


def carry_bound(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    groups: Sequence[FleetGroup],
    km: RoadMatrix,
    day: int,
    *,
    multi_trip: bool = True,
) -> CarryBound:
    """What ``groups`` could carry at most on ``day`` to the units of ``requests``, t.

    ``km`` covers the groups' depots and the requests' places (roads open on ``day``).
    One trip to a unit brings it at most a payload (several stops of a trip: still one
    payload); the trips a day to it are :func:`~supplyline.routing.turns.window_turns`
    (one without ``multi_trip``), as the router bounds them.

    Two 10 t trucks that make 2 trips a day to the unit carry it at most 40 t, and their
    depot loads at most the 8 t asked:

    >>> import dataclasses
    >>> from supplyline.planning.examples import one_link
    >>> from supplyline.routing.roads import road_matrix
    >>> s, _ = one_link()
    >>> s = dataclasses.replace(s, fleet=(FleetGroup(
    ...     id="T", depot="D", partner="A", vehicle_type="truck", count=2, payload_t=10.0,
    ...     speed_kmh=50.0, max_route_hours=9.0),))
    >>> req = DeliveryRequest(unit="u1", location="U", load_t={"food": 8.0})
    >>> carry_bound(s, [req], s.fleet, road_matrix(s, ["D", "U"], day=0), 0)
    CarryBound(to_unit={('u1', 'U'): 40.0}, from_depot={'D': 8.0})
    """
    service_h = scenario.routing.service_minutes / 60
    trips: dict[tuple[str, UnitId, LocationId], tuple[int, float]] = {}
    for req in requests:
        unit = scenario.unit(req.unit)
        for g in groups:
            if not may_carry(g, scenario, req.load_t):
                continue
            key = (g.id, req.unit, req.location)
            if key in trips or not fit(req, g, km, service_h, scenario, day).ok:
                continue
            d, u = km.index(g.depot), km.index(req.location)
            out_h, back_h = float(km.km[d, u]) / g.speed_kmh, float(km.km[u, d]) / g.speed_kmh
            n = window_turns(g, out_h, back_h, service_h, unit.receive_open_h, unit.receive_close_h)
            trips[key] = (n if multi_trip else min(n, 1), out_h + back_h + service_h)
    asked: dict[tuple[UnitId, LocationId], float] = defaultdict(float)
    for req in requests:
        asked[(req.unit, req.location)] += req.tonnes
    by_id = {g.id: g for g in groups}
    to_unit: dict[tuple[UnitId, LocationId], float] = defaultdict(float)
    ways: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for (gid, unit_id, place), (n, round_trip_h) in trips.items():
        g = by_id[gid]
        to_unit[(unit_id, place)] += g.count * n * g.payload_t
        most = min(g.count * n * g.payload_t, asked[(unit_id, place)])
        ways[gid].append((round_trip_h, most))
    from_depot: dict[LocationId, float] = dict.fromkeys((g.depot for g in groups), 0.0)
    for g in groups:
        from_depot[g.depot] += _by_hours(g, ways[g.id])
    return CarryBound(to_unit=dict(to_unit), from_depot=from_depot)


def _by_hours(g: FleetGroup, ways: Sequence[tuple[float, float]]) -> float:
    """The most trucks of ``g`` bring in a day to units at ``ways`` (round trip h, most t).

    Nearest first, each unit up to its most, while the trucks' hours last (a tonne costs
    round trip ÷ payload): the most any routes could bring, as a fractional knapsack.

    >>> from supplyline.domain import FleetGroup
    >>> g = FleetGroup(id="t", depot="D", partner="A", vehicle_type="t", count=1,
    ...                payload_t=10.0, speed_kmh=40.0, max_route_hours=9.0)
    >>> _by_hours(g, [(3.0, 10.0), (2.0, 10.0)])  # 2 h of 9 for 10 t, 7 h bring 23.3 t more
    20.0
    >>> _by_hours(g, [(6.0, 30.0)])  # 9 h ÷ 6 h × 10 t
    15.0
    """
    hours = g.count * min(g.max_route_hours, 24.0)
    carried = 0.0
    for round_trip_h, most_t in sorted(ways):
        t = min(most_t, hours * g.payload_t / round_trip_h)
        carried += t
        hours -= t * round_trip_h / g.payload_t
        if hours <= 0:
            break
    return carried

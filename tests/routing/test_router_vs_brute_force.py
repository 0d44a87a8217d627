"""The router against a brute force on small random days: its tonnes, then its cost.

The router's objective is lexicographic (README, *Convoy routes and reach*): the most
tonnes, by priority, then the least cost. Here a brute force written for this test (no
router code: its own shortest paths, its own timing of every order of stops, every split
into trips and every best start) finds the optimum of days of at most six loads and three
trucks, and the router must serve its tonnes and, at those tonnes, cost what it costs.

Before, a tester's two 3 t trucks left 1.68 t undelivered that a second trip would have
carried (the search's penalty for a broken limit, far above the loads' prizes, kept it
from ever crossing one), and at equal tonnes it chose far units (their prize counted their
own trip's cost): 2.04 t for 1,028 where 576 served them.

Every time is a whole number of seconds here (integer km at 40, 50 or 60 km/h, windows
on the half hour), as the router's model counts them, so both sides time the same routes.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit
from routing_validator import validate

from supplyline.domain import FleetGroup, LocationKind, Scenario
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams

SERVICE_S = 1800
DAY_S = 24 * 3600
PARAMS = ConvoyParams(router=RouterParams(time_limit_s=120.0, max_iterations=20_000, seed=7))
"""The router's own stop (2,000 iterations without better routes), bounded by iterations
rather than seconds so that every machine finds the same routes."""


@dataclass(frozen=True)
class Load:
    unit: str
    place: str
    kg: int
    open_s: int
    close_s: int


@dataclass(frozen=True)
class Truck:
    group: str
    depot: str
    kg: int
    speed_kmh: int
    fixed: float
    per_km: float
    hours_s: int


@dataclass(frozen=True)
class Day:
    scenario: Scenario
    requests: tuple[DeliveryRequest, ...]
    loads: tuple[Load, ...]
    trucks: tuple[Truck, ...]
    km: dict[tuple[str, str], float]


PER_KM = (0.5, 1.0, 2.0)
FIXED = (0.0, 50.0, 100.0, 200.0)
SMALL_PER_KM = (0.0, 0.0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2)
"""Costs per km a cent apart and free trucks: the model had counted every rate below 0.15
per km, free too, as 0.1 (a tester's day: 21.60 paid where a free truck cost 0)."""
SMALL_FIXED = (0.0, 0.0, 1.0, 20.0)


def _day(seed: int, per_km: Sequence[float] = PER_KM, fixed: Sequence[float] = FIXED) -> Day:
    """A random day: 3-6 units, one load each, 1-2 depots, 1-3 trucks in 1-3 groups."""
    rng = random.Random(seed)
    depots = ["D", "E"][: rng.choice([1, 1, 2])]
    places = [*depots, *(f"S{i}" for i in range(rng.randint(3, 6)))]
    links = set()
    order = places[:]
    rng.shuffle(order)
    for i in range(1, len(order)):  # a tree joins every place, then a few shortcuts
        links.add((order[rng.randrange(i)], order[i]))
    for _ in range(rng.randint(0, len(places))):
        a, b = rng.sample(places, 2)
        if (b, a) not in links:
            links.add((a, b))
    roads = {(a, b): rng.randint(3, 60) for a, b in sorted(links)}
    groups: list[FleetGroup] = []
    trucks: list[Truck] = []
    wanted = rng.randint(1, 3)
    while len(trucks) < wanted:
        count = rng.randint(1, wanted - len(trucks))
        g = fleet(
            f"g{len(groups)}",
            rng.choice(depots),
            count=count,
            payload_t=rng.choice([3, 4, 5, 8]),
            speed_kmh=rng.choice([40, 50, 60]),
            hours=rng.choice([3, 4, 6, 9]),
            fixed_cost=rng.choice(fixed),
            cost_per_km=rng.choice(per_km),
        )
        groups.append(g)
        trucks += [_truck(g)] * count
    smallest = min(t.kg for t in trucks)
    loads, units, requests = [], [], []
    for i, place in enumerate(p for p in places if p.startswith("S")):
        kg = rng.randrange(300, smallest + 1, 60)  # one load: it fits every truck
        if rng.random() < 0.5:
            open_h, close_h = 6.0, 18.0
        else:
            open_h = float(rng.randrange(0, 41)) / 2
            close_h = min(24.0, open_h + rng.choice([0.5, 1, 2, 4]))
        loads.append(Load(f"U{i}", place, kg, round(open_h * 3600), round(close_h * 3600)))
        units.append(unit(f"U{i}", place, open_h=open_h, close_h=close_h))
        requests.append(DeliveryRequest(unit=f"U{i}", location=place, load_t={"food": kg / 1000}))
    locations = [
        loc(p, 0.01 * k, LocationKind.DEPOT if p in depots else LocationKind.UNIT_AREA)
        for k, p in enumerate(places)
    ]
    s = scenario(locations, units, [road(a, b, km) for (a, b), km in roads.items()], groups)
    return Day(s, tuple(requests), tuple(loads), tuple(trucks), _shortest(places, roads))


def _truck(g: FleetGroup) -> Truck:
    return Truck(
        g.id,
        g.depot,
        round(g.payload_t * 1000),
        round(g.speed_kmh),
        g.fixed_cost,
        g.cost_per_km,
        round(g.max_route_hours * 3600),
    )


def _shortest(
    places: Sequence[str], roads: dict[tuple[str, str], int]
) -> dict[tuple[str, str], float]:
    """Floyd–Warshall over the two-way roads."""
    km = {(a, b): 0.0 if a == b else math.inf for a in places for b in places}
    for (a, b), d in roads.items():
        km[a, b] = km[b, a] = min(km[a, b], d)
    for k in places:
        for a in places:
            for b in places:
                km[a, b] = min(km[a, b], km[a, k] + km[k, b])
    return km


def _secs(km: float, speed: int) -> int:
    """Whole seconds of driving (exact: integer km at 40, 50 or 60 km/h)."""
    return round(km * 3600 / speed)


def _fits(truck: Truck, trips: Sequence[Sequence[Load]], km: dict[tuple[str, str], float]) -> bool:
    """Whether one truck can drive these trips in one day, starting when it best may.

    A stop's service starts in its window (waiting if early) and lasts ``SERVICE_S``; the
    day is 0-24 h and the drivers' hours bound the time from leaving the depot to the last
    return, waits included. The best start is one of the times the duration's or the
    windows' breaks fall on: 0, a stop reached right at its opening or closing without
    waiting, or the day's end reached without waiting.
    """
    legs: list[tuple[int, Load | None]] = []
    here = truck.depot
    for trip in trips:
        for load in trip:
            legs.append((_secs(km[here, load.place], truck.speed_kmh), load))
            here = load.place
        legs.append((_secs(km[here, truck.depot], truck.speed_kmh), None))
        here = truck.depot
    starts, elapsed = {0}, 0
    for drive, load in legs:
        elapsed += drive
        if load is not None:
            starts |= {load.open_s - elapsed, load.close_s - elapsed}
            elapsed += SERVICE_S
    starts.add(DAY_S - elapsed)
    return any(_timed(legs, s) <= truck.hours_s for s in starts if s >= 0)


def _timed(legs: Sequence[tuple[int, Load | None]], start: int) -> float:
    """The route's duration leaving at ``start``, or infinity where a limit breaks."""
    now = start
    for drive, load in legs:
        now += drive
        if load is not None:
            now = max(now, load.open_s)
            if now > load.close_s:
                return math.inf
            now += SERVICE_S
    return now - start if now <= DAY_S else math.inf


def _cheapest(truck: Truck, loads: frozenset[Load], km: dict[tuple[str, str], float]) -> float:
    """The least km of one truck serving exactly ``loads`` (infinity: it cannot).

    Every order of the stops and every split of it into trips, depth first: a branch is
    cut where it already drives as far as the best found, where the trip is over the
    payload, or where a window closes before the truck can come even leaving at 0 h.
    """
    best = math.inf
    trips: list[list[Load]] = []

    def extend(here: str, on: int, now: int, dist: float, left: frozenset[Load]) -> None:
        nonlocal best
        if dist >= best:
            return
        if not left:
            back = dist + km[here, truck.depot]
            if back < best and _fits(truck, trips, km):
                best = back
            return
        for load in sorted(left, key=lambda x: x.unit):
            for reload in (False, True) if trips and trips[-1] else (False,):
                at, kg, t, d = here, on, now, dist
                if reload:
                    t += _secs(km[at, truck.depot], truck.speed_kmh)
                    d += km[at, truck.depot]
                    at, kg = truck.depot, 0
                if kg + load.kg > truck.kg:
                    continue
                t = max(t + _secs(km[at, load.place], truck.speed_kmh), load.open_s)
                if t > load.close_s:
                    continue
                if reload or not trips:
                    trips.append([])
                trips[-1].append(load)
                extend(
                    load.place, kg + load.kg, t + SERVICE_S, d + km[at, load.place], left - {load}
                )
                trips[-1].pop()
                if not trips[-1]:
                    trips.pop()

    extend(truck.depot, 0, 0, 0.0, loads)
    return best


def brute_force(day: Day) -> tuple[int, float]:
    """The most kilograms any routes serve, and the least cost of serving that many."""
    trucks = day.trucks
    subsets = [
        frozenset(c)
        for k in range(1, len(day.loads) + 1)
        for c in itertools.combinations(day.loads, k)
    ]
    cost = {}
    for kind in set(trucks):
        for some in subsets:  # smallest first: a set with a load less that fails, fails it
            # (one stop less never makes a truck later: shortest roads, whole seconds)
            if len(some) > 1 and any((kind, some - {x}) not in cost for x in some):
                continue
            km = _cheapest(kind, some, day.km)
            if km < math.inf:
                cost[kind, some] = kind.fixed + kind.per_km * km

    @cache
    def best(i: int, left: frozenset[Load]) -> tuple[int, float]:
        """(kilograms served, -cost) at best by trucks ``i``… from the loads ``left``."""
        if i == len(trucks) or not left:
            return 0, 0.0
        kg, neg = best(i + 1, left)
        options = [(kg, neg)]
        for some in subsets:
            if some <= left and (trucks[i], some) in cost:
                kg2, neg2 = best(i + 1, left - some)
                options.append((kg2 + sum(x.kg for x in some), neg2 - cost[trucks[i], some]))
        return max(options)

    kg, neg = best(0, frozenset(day.loads))
    return kg, -neg


SHORT = {
    45: "8,640 kg of 8,880: the best routes move U2 to the other truck, after dropping U0 "
    "there, and give the freed truck U5: three moves, each worse alone",
}
"""Days the router is known to serve fewer tonnes on than the brute force (strict: one it
comes to serve fails the test, to be taken off). A heuristic search's gap: over seeds
0-999 of these days, 3 short and 1 dearer at the same tonnes (by 10 %)."""


@pytest.mark.parametrize(
    "seed",
    [
        pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=SHORT[k])) if k in SHORT else k
        for k in range(300)
    ],
)
def test_the_router_serves_the_most_tonnes_then_at_the_least_cost(seed: int) -> None:
    """The brute force's kilograms, and at them its cost: no more (it is exact), no less."""
    _same_as_brute_force(_day(seed))


def _same_as_brute_force(day: Day) -> None:
    routes = route_day(day.scenario, list(day.requests), day=0, params=PARAMS)
    assert validate(day.scenario, routes, {r.unit: dict(r.load_t) for r in day.requests}) == []
    served = round(sum(r.tonnes for r in routes.routes) * 1000)
    kg, least = brute_force(day)
    assert served == kg
    assert sum(r.cost for r in routes.routes) == pytest.approx(least, abs=1e-6)


@pytest.mark.parametrize("seed", range(1000, 1200))
def test_small_costs_per_km_and_free_trucks_at_the_least_cost(seed: int) -> None:
    """Days whose trucks cost 0 to 0.2 per km, and 0 to 20 fixed: tonnes, then the cost."""
    _same_as_brute_force(_day(seed, SMALL_PER_KM, SMALL_FIXED))


HUGE_PER_KM = (1_000.0, 10_000.0, 100_000.0, 1_000_000.0)
HUGE_FIXED = (0.0, 1e6, 1e8, 1e9)
"""Costs up to fleet.csv's caps (per km 1e6, fixed 1e9): the search's costs for broken
limits had been capped, to stay in 64 bits, below a kilogram's prize, and a tester's day at
10,000 per km served 1.5 t where 2.5 t fitted. Costs then count in coarser units
(``routing.day_model._within_64_bits``): the tonnes stay the most, the cost may round."""


@pytest.mark.parametrize("seed", range(2000, 2060))
def test_costs_up_to_the_caps_still_serve_the_most_tonnes(seed: int) -> None:
    """Tonnes as the brute force's, at a cost within a thousandth of its least."""
    day = _day(seed, HUGE_PER_KM, HUGE_FIXED)
    routes = route_day(day.scenario, list(day.requests), day=0, params=PARAMS)
    assert validate(day.scenario, routes, {r.unit: dict(r.load_t) for r in day.requests}) == []
    kg, least = brute_force(day)
    assert round(sum(r.tonnes for r in routes.routes) * 1000) == kg
    assert sum(r.cost for r in routes.routes) == pytest.approx(least, rel=1e-3)

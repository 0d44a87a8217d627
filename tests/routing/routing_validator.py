"""An independent checker of convoy routes, written without the router's code.

It recomputes road distances with its own Floyd–Warshall over the scenario's road links
open that day (great circle × detour only where no road joins two places on any day;
infinite where roads exist but are all closed that day), replays every truck's day from
its own start time, and returns the list of violations: a leg with no open road,
capacity per trip, goods its fleet group may not carry (``carries``), receiving windows,
drivers' hours, the 0–24 h day, trucks per fleet group, and tonnes conserved (delivered
plus drawn on site plus reported unserved equals what was asked).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from supplyline.domain import Mode, Scenario
from supplyline.domain.routes import Routes

TOL_H = 1.0 / 60  # the solver works in whole seconds and rounds travel times up
TOL_T = 1e-3


def _haversine(scenario: Scenario, a: str, b: str) -> float:
    la, lb = scenario.location(a), scenario.location(b)
    p1, p2 = math.radians(la.lat), math.radians(lb.lat)
    dp, dl = p2 - p1, math.radians(lb.lon - la.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def road_km(scenario: Scenario, day: int) -> dict[tuple[str, str], float]:
    """All-pairs km by Floyd–Warshall on the day's open roads.

    Great circle × detour where no road joins two places on any day; infinite where roads
    do but none is open that day.
    """
    on_day = _floyd(scenario, day)
    any_day = _floyd(scenario, None)
    f = scenario.routing.detour_factor
    return {
        key: v if v < math.inf else math.inf if any_day[key] < math.inf
        else _haversine(scenario, *key) * f
        for key, v in on_day.items()
    }  # fmt: skip


def _floyd(scenario: Scenario, day: int | None) -> dict[tuple[str, str], float]:
    ids = [loc.id for loc in scenario.locations]
    d = {(a, b): (0.0 if a == b else math.inf) for a in ids for b in ids}
    for link in scenario.links:
        if link.mode is Mode.ROAD and (day is None or link.is_open(day)):
            for a, b in link.directions():
                d[a, b] = min(d[a, b], link.distance_km)
    for k in ids:
        for i in ids:
            dik = d[i, k]
            if dik == math.inf:
                continue
            for j in ids:
                if dik + d[k, j] < d[i, j]:
                    d[i, j] = dik + d[k, j]
    return d


def validate(
    scenario: Scenario,
    routes: Routes,
    asked: dict[str, dict[str, float]] | None = None,
) -> list[str]:
    """Every violation found in ``routes`` (empty when all is well)."""
    problems: list[str] = []
    km = road_km(scenario, routes.day)
    groups = {g.id: g for g in scenario.fleet}
    service_h = scenario.routing.service_minutes / 60
    used = Counter(r.fleet_group for r in routes.routes)
    for gid, n in used.items():
        if n > groups[gid].count:
            problems.append(f"{n} trucks of {gid} used, only {groups[gid].count} exist")
    for r in routes.routes:
        g = groups[r.fleet_group]
        problems += _replay(scenario, r, g, km, service_h)
    if asked is not None:
        problems += _conservation(routes, asked)
    return problems


def _conservation(routes: Routes, asked: dict[str, dict[str, float]]) -> list[str]:
    got: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in routes.routes:
        for s in r.stops:
            for c, t in s.load_t.items():
                got[s.unit][c] += t
    for u in [*routes.unserved, *routes.on_site]:
        for c, t in u.load_t.items():
            got[u.unit][c] += t
    return [
        f"{unit} {c}: asked {t}, delivered+on site+unserved {got[unit][c]}"
        for unit, loads in asked.items()
        for c, t in loads.items()
        if abs(got[unit][c] - t) > TOL_T
    ]


def _replay(scenario, r, g, km, service_h) -> list[str]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    if r.start_h < -TOL_H or r.end_h > 24 + TOL_H:
        out.append(f"{r.truck} works {r.start_h:.2f}-{r.end_h:.2f} h, outside the day")
    if r.end_h - r.start_h > g.max_route_hours + TOL_H:
        out.append(f"{r.truck} works {r.end_h - r.start_h:.2f} h > {g.max_route_hours} h")
    t, here = r.start_h, r.depot
    trips: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    path = [r.depot]
    for s in r.stops:
        if trips and s.trip != max(trips):  # went back to the depot to reload
            t += km[here, r.depot] / g.speed_kmh
            here = r.depot
            path.append(r.depot)
        t += km[here, s.location] / g.speed_kmh
        out += _stop(scenario, r.truck, s, t)
        t = max(t, s.service_start_h) + service_h
        here = s.location
        path.append(s.location)
        trips[s.trip][0] += s.tonnes
        trips[s.trip][1] += s.volume_m3 or 0.0
        out += [
            f"{r.truck} carries {c}, which fleet.csv's carries ({sorted(g.carries)}) leaves out"
            for c in s.load_t
            if g.carries
            and c not in g.carries
            and scenario.commodity_by_id[c].supply_class.value not in g.carries
        ]
    t += km[here, r.depot] / g.speed_kmh
    path.append(r.depot)
    if t > r.end_h + TOL_H:
        out.append(f"{r.truck} back at {t:.3f} h but claims {r.end_h:.3f} h")
    for trip, (tonnes, volume) in trips.items():
        if tonnes > g.payload_t + TOL_T:
            out.append(f"{r.truck} trip {trip} carries {tonnes:.3f} t > {g.payload_t} t")
        if g.volume_m3 is not None and volume > g.volume_m3 + TOL_T:
            out.append(f"{r.truck} trip {trip} carries {volume:.3f} m3 > {g.volume_m3} m3")
    out += [
        f"{r.truck} drives {a}→{b}, which no open road joins that day"
        for a, b in itertools.pairwise(path)
        if km[a, b] == math.inf
    ]
    dist = sum(km[a, b] for a, b in itertools.pairwise(path))
    if abs(dist - r.distance_km) > 1e-6 * max(1.0, dist):
        out.append(f"{r.truck} claims {r.distance_km:.3f} km, path is {dist:.3f} km")
    return out


def vrp_violations(
    coords: Sequence[tuple[float, float]],
    demand: Sequence[int],
    capacity: int,
    windows: Sequence[tuple[float, float]],
    service: Sequence[float],
    routes: Sequence[Sequence[int]],
    dist: object,
) -> list[str]:
    """Violations of a plain VRPTW solution (customers 1..n-1, depot 0)."""
    n = len(coords)
    out: list[str] = []
    seen = sorted(c for r in routes for c in r)
    if seen != list(range(1, n)):
        out.append(f"customers served {seen}, expected each of 1..{n - 1} once")
    for r in routes:
        if sum(demand[c] for c in r) > capacity:
            out.append(f"route {list(r)} over capacity")
        t, prev = 0.0, 0
        for c in [*r, 0]:
            t = max(t + dist[prev][c], windows[c][0])  # type: ignore[index]
            if t > windows[c][1] + 1e-9:
                out.append(f"route {list(r)} late at {c}")
            t += service[c]
            prev = c
    return out


def _stop(scenario, truck, s, t) -> list[str]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    unit = scenario.unit(s.unit)
    if s.service_start_h < t - TOL_H:
        out.append(f"{truck} serves {s.unit} at {s.service_start_h:.3f} h, arrives {t:.3f}")
    if s.service_start_h < unit.receive_open_h - TOL_H:
        out.append(f"{truck} serves {s.unit} at {s.service_start_h:.2f} h before opening")
    if s.service_start_h > unit.receive_close_h + TOL_H:
        out.append(f"{truck} serves {s.unit} at {s.service_start_h:.2f} h after close")
    if s.arrival_h > s.service_start_h + TOL_H:
        out.append(f"{truck} at {s.unit}: service before arrival")
    return out

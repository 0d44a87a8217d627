"""The loaded tonnes a day's trucks carry over each road, and routes cut to its capacity.

A road's ``capacity_t_per_day`` is tonnes of goods a day per direction, shared by every
truck and commodity (``docs/scenario-format.md``). PyVRP knows a truck's payload, not a
road's share of the day, so the routes are measured after each search: a truck drives
each leg on the shortest road of the day's graph (the one its km came from), carrying
every load of its trip it has not yet delivered; the way back to its depot is empty (it
delivers only), so it counts nothing. A tester's 2 t/day road carried two 10 t loads,
and a one-way track of 60 t/day any number of 8 t trucks.

Where the routes overfill a road, loads come off it (:meth:`RoadBudget.fit`): one at a
time from the fullest road, the least urgent first, the smallest load that ends the
excess where one does (else the largest), until every road keeps its capacity. A load
larger than the excess is split, not taken off whole: what the road still carries (whole
kilograms, the most urgent commodities first) stays on the truck and only the rest comes
off (a tester's 5 t/day road carried nothing to a unit short of 10 t, its loads being
truck-sized). The trucks that lose loads are timed again by PyVRP
(:func:`~supplyline.routing.solver.reschedule`). The loads taken off are then sent another
way on the trucks and hours left, with the full roads out of the loaded trucks' graph
(:mod:`~supplyline.routing.road_repair`), and what no truck can bring so is ``road_full``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from supplyline.domain import Mode, Scenario
from supplyline.domain.routes import RoadLoad, TruckRoute
from supplyline.routing.day_model import load_size
from supplyline.routing.problem import VrpProblem, VrpRoute, VrpSolution
from supplyline.routing.requests import volume_of
from supplyline.routing.road_round import WaysRound
from supplyline.routing.roads import RoadMatrix, RoadWay, drives, road_matrix
from supplyline.routing.solver import reschedule
from supplyline.routing.translate import Chunk
from supplyline.routing.trip_merge import merged_trips
from supplyline.types import LocationId, day_label

__all__ = [
    "DayGraph",
    "Full",
    "RoadBudget",
    "Taken",
    "kept_chunks",
    "loaded_matrix",
    "with_roads",
]

_EPS_T = 1e-6
"""Tonnes below a milligram: loads are whole kilograms, sums carry float dust."""


class DayGraph:
    """The day's open roads as a graph, for the path of each leg a truck drives.

    The same links, directions and choice among parallel links as
    :func:`~supplyline.routing.roads.road_matrix` (the first of the shortest), so that a
    leg's path is the one its km came from.
    """

    def __init__(
        self, scenario: Scenario, day: int, without: AbstractSet[RoadWay] = frozenset()
    ) -> None:
        ids = [loc.id for loc in scenario.locations]
        self._pos = {x: i for i, x in enumerate(ids)}
        best: dict[tuple[int, int], tuple[float, RoadWay]] = {}
        for link in scenario.links:
            if link.mode is not Mode.ROAD or not drives(link, day):
                continue
            for a, b in link.directions():
                if (link.id, a, b) in without:
                    continue
                key = (self._pos[a], self._pos[b])
                km = max(link.distance_km, 1e-9)  # as road_matrix: zero-length roads count
                if key not in best or km < best[key][0]:
                    best[key] = (km, (link.id, a, b))
        self._way = {k: w for k, (_, w) in best.items()}
        keys = list(best)
        self._graph = csr_matrix(
            ([best[k][0] for k in keys], ([k[0] for k in keys], [k[1] for k in keys])),
            shape=(len(ids), len(ids)),
        )
        self._pred: dict[int, np.ndarray] = {}

    def path(self, origin: LocationId, destination: LocationId) -> tuple[RoadWay, ...]:
        """The road directions of the shortest open road from ``origin`` (empty if none)."""
        i, j = self._pos[origin], self._pos[destination]
        if i == j or not self._way:
            return ()
        if i not in self._pred:
            _, pred = dijkstra(self._graph, directed=True, indices=i, return_predecessors=True)
            self._pred[i] = pred
        pred = self._pred[i]
        ways: list[RoadWay] = []
        while j != i:
            k = int(pred[j])
            if k < 0:
                return ()
            ways.append(self._way[(k, j)])
            j = k
        return tuple(reversed(ways))


def loaded_matrix(
    scenario: Scenario,
    km: RoadMatrix,
    day: int,
    without: AbstractSet[RoadWay],
    loaded_at: AbstractSet[LocationId],
) -> RoadMatrix:
    """``km`` with the legs into ``loaded_at`` driven without the roads ``without``.

    A truck delivers only, so it drives loaded into a unit's place and empty back to its
    depot: the columns of the places loads go to avoid the full roads, the others (the
    depots) keep every open road. A place that is both keeps out of them (safe).
    """
    if not without:
        return km
    other = road_matrix(scenario, km.ids, day=day, without=without)
    col = np.array([x in loaded_at for x in km.ids], dtype=np.bool_)[None, :]
    return RoadMatrix(
        ids=km.ids,
        km=np.where(col, other.km, km.km),
        by_road=np.where(col, other.by_road, km.by_road),
        closed=np.where(col, other.closed, km.closed),
    )


@dataclass(frozen=True, slots=True)
class Full:
    """A road direction the day's routes would have overfilled, and by how much."""

    way: RoadWay
    capacity_t: float
    asked_t: float
    """What the routes would have carried over it that day, before loads came off."""
    two_way: bool = True
    plan_t: float = 0.0
    """What the plan's movements the trucks do not carry take of it (plan mode)."""
    transit_days: int = 0
    """The road's days in transit: its capacity counts what sets out ``transit_days``
    before the routes' day, as the plan counts it."""

    def said(self, day: int) -> str:
        """What a planner reads: the road, the day, its capacity that way and the ask.

        ``road D–S full on C+0 (link D-S: 2 t/day from D to S; the day's loads would need
        20.000 t over it)``; ``road D→S`` for a one-way road. The day is the one the goods
        set out on the road, as the plan counts its capacity (``full on C+3 (link D-S:
        what leaves on C+3 arrives on C+5; …``), and the plan's other movements are said
        where they take some of it (``the plan's other movements take 20.000 t of its
        20 t/day from D to S``).
        """
        link, a, b = self.way
        dash = "–" if self.two_way else "→"
        left = day - self.transit_days
        travel = (
            f"what leaves on {day_label(left)} arrives on {day_label(day)}; "
            if self.transit_days
            else ""
        )
        room = f"{self.capacity_t:g} t/day from {a} to {b}"
        if self.plan_t > _EPS_T:
            room = f"the plan's other movements take {self.plan_t:,.3f} t of its {room}"
        return (
            f"road {a}{dash}{b} full on {day_label(left)} (link {link}: {travel}{room}; "
            f"the day's loads would need {self.asked_t:,.3f} t over it)"
        )


@dataclass(frozen=True, slots=True)
class Taken:
    """What came off one load for a full road: the road to blame and the tonnes taken.

    ``load_t`` is the whole load's where it came off whole, else the part beyond what the
    road still carried (the rest stays on its truck).
    """

    full: Full
    load_t: Mapping[str, float]


def kept_chunks(chunks: Sequence[Chunk], taken: Mapping[int, Taken]) -> list[Chunk]:
    """The loads as the trucks carry them: each split one less what came off it.

    A load taken off whole keeps its figures here (it is on no route any more). What is
    left keeps the volume of its own commodities (none for those without m³/t).
    """
    out = list(chunks)
    for k, t in taken.items():
        c = chunks[k]
        left = {
            com: round(x - t.load_t.get(com, 0.0), 6)
            for com, x in c.load_t.items()
            if x - t.load_t.get(com, 0.0) > _EPS_T
        }
        if left:
            share = sum(left.values()) / c.tonnes
            density = c.volume_m3_per_t
            out[k] = replace(
                c,
                load_t=left,
                volume_m3=volume_of(left, density) if density else c.volume_m3 * share,
                volume_known=any(density.get(com, 0.0) > 0 for com in left)
                if density
                else c.volume_known,
                weighted_t=c.weighted_t * share,
            )
    return out


@dataclass(slots=True)
class RoadBudget:
    """What each road direction of capacity may still carry on the day, as routes take it.

    A road's day is the one the trucks set out on it (the routes' day less its
    ``transit_days``), the day the plan counts its capacity on; ``plan_t`` is what the
    plan's movements the trucks do not carry take of it then
    (:func:`~supplyline.routing.plan_roads.plan_road_tonnes`), and the trucks get the rest.
    """

    scenario: Scenario
    day: int
    plan_t: Mapping[RoadWay, float] = field(default_factory=dict)
    claims: Mapping[tuple[RoadWay, LocationId], float] = field(default_factory=dict)
    """The plan's tonnes over each road direction that the trucks carry, by the place they
    end at (:func:`~supplyline.routing.plan_roads.plan_road_claims`; empty without a plan):
    where a road is over, the loads to a place beyond what the plan sent it over the road
    come off first."""
    used: dict[RoadWay, float] = field(default_factory=lambda: defaultdict(float))
    claimed: dict[tuple[RoadWay, LocationId], float] = field(
        default_factory=lambda: defaultdict(float)
    )
    """What the kept routes of earlier rounds took of ``claims``."""
    full: dict[RoadWay, Full] = field(default_factory=dict)
    """Every road direction some round would have overfilled, with its largest ask."""

    def capacity(self, way: RoadWay) -> float:
        """The way's ``capacity_t_per_day`` (inf when not limited)."""
        cap = self.scenario.link_by_id[way[0]].capacity_t_per_day
        return math.inf if cap is None else cap

    def room(self, way: RoadWay) -> float:
        """What the trucks may still carry over the way: its capacity less the plan's and theirs."""
        return self.capacity(way) - self.plan_t.get(way, 0.0) - self.used[way]

    def loads(self) -> tuple[RoadLoad, ...]:
        """The tonnes on every road direction driven loaded, or taken by the plan's others.

        The trucks' loaded tonnes and the plan's own beside them, on the day they set out.
        """
        ways = {w for w, t in self.used.items() if t > _EPS_T}
        ways |= {w for w, t in self.plan_t.items() if t > _EPS_T}
        links = self.scenario.link_by_id
        return tuple(
            RoadLoad(
                link=w[0],
                origin=w[1],
                destination=w[2],
                tonnes=round(max(self.used.get(w, 0.0), 0.0), 6),
                departure_day=self.day - links[w[0]].transit_days,
                capacity_t_per_day=links[w[0]].capacity_t_per_day,
                plan_t=round(self.plan_t.get(w, 0.0), 6),
            )
            for w in sorted(ways)
        )

    def fit(
        self,
        problem: VrpProblem,
        solution: VrpSolution,
        chunks: Sequence[Chunk],
        graph: DayGraph,
    ) -> tuple[VrpSolution, dict[int, Taken]]:
        """The solution with loads taken off until no road carries more than it may.

        Which load comes off a road that is over (:func:`_pick`): first one whose place
        gets more over the road than the plan sent it that way (``claims``), by that much
        at most; then the least urgent (each load's own priority, then its share of
        urgent tonnes). Returns the solution kept (its routes timed again where they lost
        loads) and, by chunk index, what came off each load with the full road to blame:
        a load larger than what must come off is split, the rest stays on its truck
        (:func:`kept_chunks`); adds the kept routes' tonnes to ``used`` and ``claimed``.
        """
        d = problem.num_depots
        where = [*problem.names[:d], *(c.location for c in chunks)]
        tonnes = [0.0] * d + [c.tonnes for c in chunks]
        urgency = [(0, 0.0)] * d + [_urgency(c) for c in chunks]
        visits = [list(r.visits) for r in solution.routes]
        homes = [problem.names[problem.vehicles[r.vehicle].depot] for r in solution.routes]
        dropped: dict[int, Taken] = {}
        touched: set[int] = set()
        asked: dict[RoadWay, float] = {}
        round_km = WaysRound(self.scenario, self.day, [*homes, *where])
        while True:
            crossings = [
                _crossings(v, home, where, tonnes, d, graph)
                for v, home in zip(visits, homes, strict=True)
            ]
            load: dict[RoadWay, float] = defaultdict(float)
            for route in crossings:
                for way, t, _ in route:
                    load[way] += t
            beyond = self._beyond_claims(crossings, where, tonnes)
            # what each road was asked before loads came off (or, for a road a truck takes
            # only once a stop is gone, when it is first driven)
            asked |= {w: t for w, t in load.items() if w not in asked}
            over = {
                w: t - max(self.room(w), 0.0) for w, t in load.items() if t > self.room(w) + _EPS_T
            }
            if not over:
                break
            way = max(over, key=lambda w: (over[w], w))
            link = self.scenario.link_by_id[way[0]]
            full = Full(
                way,
                self.capacity(way),
                self.used[way] + asked[way],
                link.bidirectional,
                plan_t=self.plan_t.get(way, 0.0),
                transit_days=link.transit_days,
            )
            self.full[way] = max(full, self.full.get(way, full), key=lambda f: f.asked_t)
            on_board = {
                (r, node) for r, route in enumerate(crossings)
                for w, _, nodes in route if w == way for node in nodes
            }  # fmt: skip
            shut = {way, *(w for w in self.full if self.room(w) <= _EPS_T)}
            trips = [(homes[r], where[n]) for r, n in sorted(on_board)]
            ways_round = round_km.km(shut, trips)
            rounds = {n: km for (_, n), km in zip(sorted(on_board), ways_round, strict=True)}
            r, node, cut = _pick(
                on_board, over[way], tonnes, (urgency, rounds), _beyond_on(way, where, beyond)
            )
            c = chunks[node - d]
            before = dropped[node - d].load_t if node - d in dropped else {}
            on = {com: t - before.get(com, 0.0) for com, t in c.load_t.items()}
            keep_kg = math.floor((tonnes[node] - cut) * 1000 + 1e-6)
            if keep_kg >= 1:  # the part the road still carries stays on the truck
                stays = self._most_urgent(on, keep_kg / 1000)
                taken = {com: round(t - stays.get(com, 0.0), 6) for com, t in on.items()}
                tonnes[node] = sum(stays.values())
            else:
                taken = on
                visits[r] = _without(visits[r], node, d)
                touched.add(r)
            whole = {com: before.get(com, 0.0) + taken.get(com, 0.0) for com in c.load_t}
            dropped[node - d] = Taken(full, {com: t for com, t in whole.items() if t > _EPS_T})
        problem = _as_cut(problem, chunks, dropped)
        merged = self._merged(problem, solution, visits, chunks, (homes, where, tonnes), graph)
        kept = dict(enumerate(solution.routes)) | merged
        touched |= set(merged)
        for r in sorted(touched - set(merged)):
            if not any(n >= d for n in visits[r]):
                continue
            (timed,) = reschedule(problem, [(solution.routes[r].vehicle, visits[r])])
            if timed is None:  # shorter legs broke a window (estimates): off it all goes
                was = set(solution.routes[r].visits)
                blame = next(t.full for k, t in dropped.items() if k + d in was)
                dropped |= {n - d: Taken(blame, chunks[n - d].load_t) for n in visits[r] if n >= d}
                visits[r] = []
            else:
                kept[r] = timed
        routes = tuple(
            route if r not in touched else kept[r]
            for r, route in enumerate(solution.routes)
            if any(n >= d for n in visits[r])
        )
        kept_crossings = [
            _crossings(v, homes[r], where, tonnes, d, graph) for r, v in enumerate(visits)
        ]
        for route in kept_crossings:
            for way, t, _ in route:
                self.used[way] += t
        for key, t in _by_place(kept_crossings, where, tonnes).items():
            self.claimed[key] += min(t, max(self.claims.get(key, 0.0) - self.claimed[key], 0.0))
        return replace(solution, routes=routes), dropped

    def _merged(
        self,
        problem: VrpProblem,
        solution: VrpSolution,
        visits: list[list[int]],
        chunks: Sequence[Chunk],
        at: tuple[Sequence[LocationId], Sequence[LocationId], Sequence[float]],
        graph: DayGraph,
    ) -> dict[int, VrpRoute]:
        """Routes whose cut loads go on fewer trips (:mod:`.trip_merge`), timed; ``visits`` too.

        ``problem`` asks each load what the cut left of it (``tonnes`` by node); ``at``
        gives each route's depot, then each node's place and tonnes. A merge is kept only
        where no road goes over what it may still carry and PyVRP times the route (windows,
        hours).
        """
        d = problem.num_depots
        homes, where, tonnes = at
        cut = {n for n in range(d, len(tonnes)) if tonnes[n] < chunks[n - d].tonnes - _EPS_T}
        units = [*problem.names[:d], *(c.unit for c in chunks)]
        out: dict[int, VrpRoute] = {}
        for r, route in enumerate(solution.routes):
            if not cut & set(visits[r]):
                continue
            vehicle = problem.vehicles[route.vehicle]
            fewer = merged_trips(visits[r], d, units, problem.demand, vehicle.capacity)
            if fewer == visits[r]:
                continue
            trial = [fewer if k == r else v for k, v in enumerate(visits)]
            load: dict[RoadWay, float] = defaultdict(float)
            for v, home in zip(trial, homes, strict=True):
                for way, t, _ in _crossings(v, home, where, tonnes, d, graph):
                    load[way] += t
            if any(t > self.room(w) + _EPS_T for w, t in load.items()):
                continue
            (timed,) = reschedule(problem, [(route.vehicle, fewer)])
            if timed is not None:
                visits[r], out[r] = fewer, timed
        return out

    def _beyond_claims(
        self,
        crossings: Sequence[Sequence[tuple[RoadWay, float, tuple[int, ...]]]],
        where: Sequence[LocationId],
        tonnes: Sequence[float],
    ) -> dict[tuple[RoadWay, LocationId], float]:
        """Per road direction and place, the tonnes the routes carry beyond the plan's claim.

        Without a plan (no claims) nothing is beyond: every load is judged by urgency.
        """
        if not self.claims:
            return {}
        return {
            key: t - max(self.claims.get(key, 0.0) - self.claimed[key], 0.0)
            for key, t in _by_place(crossings, where, tonnes).items()
        }

    def _most_urgent(self, load: Mapping[str, float], keep_t: float) -> dict[str, float]:
        """``keep_t`` of ``load``, its most urgent commodities first (then by name)."""
        coms = self.scenario.commodity_by_id
        order = sorted(load, key=lambda c: (coms[c].priority if c in coms else 99, c))
        out: dict[str, float] = {}
        for com in order:
            t = round(min(load[com], keep_t), 6)
            if t > _EPS_T:
                out[com] = t
            keep_t -= t
        return out


def with_roads(route: TruckRoute, graph: DayGraph) -> TruckRoute:
    """The route with each stop's ``roads``: the legs of its trip from the depot up to it.

    The same paths as :func:`_crossings` measured the route on (``graph`` is the one its
    search was cut on), so that the route files can write each road's loaded tonnes as
    the sum of the stops riding over it, to the kilogram.
    """
    stops = []
    prev, trip = route.depot, 0
    ridden: tuple[RoadWay, ...] = ()
    for s in route.stops:
        if s.trip != trip:  # a new trip sets out from the depot
            prev, trip, ridden = route.depot, s.trip, ()
        ridden = (*ridden, *graph.path(prev, s.location))
        stops.append(replace(s, roads=ridden))
        prev = s.location
    return replace(route, stops=tuple(stops))


def _crossings(
    visits: Sequence[int],
    home: LocationId,
    where: Sequence[LocationId],
    tonnes: Sequence[float],
    d: int,
    graph: DayGraph,
) -> list[tuple[RoadWay, float, tuple[int, ...]]]:
    """Each road direction a route drives loaded: the tonnes on board and whose they are.

    A trip runs from the depot through its stops and back; on each leg the truck carries
    the stops still ahead, and the way back is empty.
    """
    out: list[tuple[RoadWay, float, tuple[int, ...]]] = []
    trip: list[int] = []
    for node in [*visits, 0]:
        if node >= d:
            trip.append(node)
            continue
        prev = home
        for k, stop in enumerate(trip):
            ahead = tuple(trip[k:])
            t = sum(tonnes[n] for n in ahead)
            out += [(way, t, ahead) for way in graph.path(prev, where[stop])]
            prev = where[stop]
        trip = []
    return out


def _beyond_on(
    way: RoadWay, where: Sequence[LocationId], beyond: Mapping[tuple[RoadWay, LocationId], float]
) -> dict[int, float]:
    """Per node whose place gets more over ``way`` than the plan sent it there: by how much."""
    return {n: t for n, place in enumerate(where) if (t := beyond.get((way, place), 0.0)) > _EPS_T}


def _urgency(chunk: Chunk) -> tuple[int, float]:
    """How little urgent a load is: its priority, then the share of it not urgent.

    The priority is 1 for the most urgent; the share is by the urgency weight
    ``11 - priority`` of its commodities. A load's own, not its request's: a request
    takes its most urgent commodity's priority, so a unit's food load split off its
    water counted as urgent as another unit's water, and a full road's last room went
    to whichever the search had put first.
    """
    share = chunk.weighted_t / (10 * chunk.tonnes) if chunk.tonnes > 0 else 1.0
    return chunk.priority, round(1.0 - share, 9)


def _by_place(
    crossings: Sequence[Sequence[tuple[RoadWay, float, tuple[int, ...]]]],
    where: Sequence[LocationId],
    tonnes: Sequence[float],
) -> dict[tuple[RoadWay, LocationId], float]:
    """The tonnes the routes carry over each road direction, by the place they go to."""
    out: dict[tuple[RoadWay, LocationId], float] = defaultdict(float)
    for route in crossings:
        for way, _, ahead in route:
            for n in ahead:
                out[(way, where[n])] += tonnes[n]
    return out


def _pick(
    on_board: AbstractSet[tuple[int, int]],
    excess: float,
    tonnes: Sequence[float],
    judged: tuple[Sequence[tuple[int, float]], Mapping[int, float]],
    beyond: Mapping[int, float],
) -> tuple[int, int, float]:
    """The load to take off a full road, as (route, node), and the tonnes to take off it.

    First a load whose place gets more over the road than the plan sent it that way
    (``beyond``, by node), by that much at most: the plan's own loads keep the road.
    Among those (or all, when none is beyond), the least urgent (``judged``'s first,
    :func:`_urgency`), then of those that end the excess the one whose way round is
    shortest (its second, km by node: :mod:`~supplyline.routing.road_round`), then the
    smallest (else the largest: fewest loads off), ties by route and node so the choice
    is reproducible.
    """
    urgency, ways_round = judged
    unclaimed = {(r, n) for r, n in on_board if n in beyond}
    if unclaimed:
        on_board = unclaimed
        excess = min(excess, max(beyond[n] for _, n in unclaimed))
    least = max(urgency[n] for _, n in on_board)
    pool = sorted((tonnes[n], r, n) for r, n in on_board if urgency[n] == least)
    enough = sorted((p for p in pool if p[0] >= excess - _EPS_T), key=lambda p: ways_round[p[2]])
    _, r, n = enough[0] if enough else pool[-1]
    return r, n, min(excess, beyond[n]) if unclaimed else excess


def _as_cut(problem: VrpProblem, chunks: Sequence[Chunk], taken: Mapping[int, Taken]) -> VrpProblem:
    """The problem with each load cut by a full road asking what is left of it.

    Kilograms and litres as the day's model counts them (:func:`~.day_model.load_size`);
    a cargo class's dimension asks its kilograms, at least one, as there.
    """
    if not taken:
        return problem
    d = problem.num_depots
    demand = problem.demand.copy()
    now = kept_chunks(chunks, taken)
    for k in taken:
        kg, litres = load_size(now[k])
        row = demand[d + k]
        row[2:] = np.where(row[2:] > 0, max(1, kg), 0)
        row[:2] = (kg, litres)
    return replace(problem, demand=demand)


def _without(visits: Sequence[int], node: int, d: int) -> list[int]:
    """The visits without ``node``, with no reload left at either end or twice in a row."""
    out: list[int] = []
    for n in visits:
        if n == node or (n < d and (not out or out[-1] < d)):
            continue
        out.append(n)
    while out and out[-1] < d:
        out.pop()
    return out

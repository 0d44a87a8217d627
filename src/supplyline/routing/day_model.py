"""The day's convoy model: truck-loads, depots and fleets as one solver-neutral problem.

Distances are whole decametres and times whole seconds (places no open road joins that
day are ``_FAR`` apart, a banned arc); each load is an optional client whose prize is
what leaving it out costs, so that the router serves all it can and, when trucks are
short, the most tonnes by priority (``docs/routing.md``, *Objective*).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from supplyline.domain import FleetGroup, Scenario
from supplyline.routing.penalties import prize_room
from supplyline.routing.problem import IntArray, VehicleSpec, VrpProblem
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.roads import RoadMatrix
from supplyline.routing.translate import Chunk

__all__ = ["DAY_S", "build_problem", "load_prizes", "load_size", "load_worths"]

DAY_S = 24 * 3600
_FAR = 10**9
"""Distance (10 m) that rules an arc out: more than any truck can drive."""
_FAR_S = 2 * DAY_S
"""Time (s) that rules an arc out: no route of the day can take it. Two days, not
``_FAR``: the search's cost of a late arrival is per second late, and must stay within
64 bits for the latest arrival a route can make (:mod:`~supplyline.routing.penalties`)."""
_DAM_PER_KM = 100
"""The solver counts distance in decametres: fine enough for any road, and coarse enough
that a day's dearest routes stay far inside PyVRP's 64-bit sums at :data:`_COST_UNITS`."""
_COST_UNITS = 10_000
"""The model counts money in ten-thousandths of the currency, so that a cent per km is one
per decametre: every ``cost_per_km`` to the cent and every ``fixed_cost`` to the
hundredth of a cent is its own integer, and 0 is 0.

In thousandths, with at least one per decametre, a cost of 0.1 per km was 1 and a free
truck's 0 was 1 too: a tester's two 3 t trucks, one at 0.1 per km and one free, were the
same to the search and it sent the dear one (21.60 where 0 was possible), and a free 24 h
truck that could serve a whole day lost to an 8 km trip at 1 per km (the free truck's
182 km "cost" 18.2 in the model). ``tests/routing/test_small_km_costs.py``."""
_NO_VOLUME_LIMIT = 10**12


def load_size(c: Chunk) -> tuple[int, int]:
    """A load's kilograms and litres as the model asks them of a truck: each rounded up."""
    return math.ceil(c.tonnes * 1000 - 1e-6), math.ceil(c.volume_m3 * 1000 - 1e-6)


def _leaving(d: int, chunks: Sequence[Chunk], service_s: int) -> IntArray:
    """The service time on each arc that leaves a stop: from a load to any other unit's.

    The stop's service is timed on the way out of it, not at each load, so that loads of
    one unit on one trip are served once (the arc between two of them takes no time), as
    the routes count it; the window still bounds when the service starts (the arrival).
    """
    units = np.array([""] * d + [c.unit for c in chunks], dtype=object)
    out = np.where(units[:, None] != units[None, :], service_s, 0).astype(np.int64)
    out[:d, :] = 0  # a depot has no service
    return out


def _matrices(
    groups: Sequence[FleetGroup],
    nodes_loc: IntArray,
    chunks: Sequence[Chunk],
    km: RoadMatrix,
    service_s: int,
) -> tuple[list[IntArray], list[IntArray], dict[str, int]]:
    """One distance (10 m) and duration (s) matrix per (speed, allowed stops) profile.

    Places no open road joins that day (infinite km) are ``_FAR`` apart, as a banned arc.
    A duration leaving a load for another unit or a depot includes the stop's service
    (:func:`_leaving`).
    """
    sub = km.km[np.ix_(nodes_loc, nodes_loc)]
    cut = ~np.isfinite(sub)
    metres = _dam(sub)
    d = len(nodes_loc) - len(chunks)
    leaving = _leaving(d, chunks, service_s)
    dist: list[IntArray] = []
    dur: list[IntArray] = []
    keys: dict[tuple[float, frozenset[int]], int] = {}
    profile_of: dict[str, int] = {}
    for g in groups:
        banned = frozenset(d + i for i, c in enumerate(chunks) if _banned(g, c))
        key = (g.speed_kmh, banned)
        if key not in keys:
            seconds = _whole_seconds(np.where(cut, 0.0, sub) * 3600 / g.speed_kmh)
            dmat = metres.copy()
            tmat = np.where(cut, _FAR_S, seconds.astype(np.int64) + leaving).astype(np.int64)
            idx = np.fromiter(banned, dtype=np.int64, count=len(banned))
            for mat, far in ((dmat, _FAR), (tmat, _FAR_S)):
                mat[idx, :] = far
                mat[:, idx] = far
                np.fill_diagonal(mat, 0)
            keys[key] = len(dist)
            dist.append(dmat)
            dur.append(tmat)
        profile_of[g.id] = keys[key]
    return dist, dur, profile_of


_NOISE_S = 1e-6
"""Float noise in a time worked out in seconds, far below the model's whole second."""


def _whole_seconds(seconds: np.ndarray) -> np.ndarray:
    """Times up to the whole second, not up past float noise.

    44 km at 40 km/h is 3,960 s, but ``44 / 40 * 3600`` is 3960.0000000000005, which
    rounded up to 3,961 s; and 2.01 h of drivers' hours was 7,235 s, not 7,236, by
    ``floor``. A route of exactly the drivers' hours was then over by a second or two, and
    its load left out (``tests/routing/test_whole_seconds.py``).
    """
    return np.ceil(seconds - _NOISE_S)


def _banned(g: FleetGroup, c: Chunk) -> bool:
    """Whether trucks of ``g`` may not reach load ``c`` (their profile bans its arcs).

    Not for what the trucks may not load: that is the capacity of the load's cargo class
    (:func:`_cargo_dimensions`), so that groups that differ only in what they carry share
    one profile (one matrix each of distance and duration).
    """
    return g.id not in c.allowed and (c.carriers is None or g.id in c.carriers)


def _cargo_dimensions(chunks: Sequence[Chunk]) -> list[frozenset[str]]:
    """The cargo classes of the day's loads that not every truck may carry, in one order.

    Each is a load dimension of the model: a load of the class asks its kilograms of it,
    and a truck has its payload there when it may carry the class, else 0. With none (no
    ``carries`` in fleet.csv), the model is weight and volume as before.
    """
    keys = {c.carriers for c in chunks if c.carriers is not None}
    return sorted(keys, key=sorted)


def _dam(sub: np.ndarray) -> IntArray:
    """Km as whole decametres, ``_FAR`` where no open road joins the places."""
    finite = np.isfinite(sub)
    dam = np.round(np.where(finite, sub, 0.0) * _DAM_PER_KM)
    return np.where(finite, np.minimum(dam, _FAR), _FAR).astype(np.int64)


_PRIZE_BUDGET = 2**55
"""Bound on the sum of all prizes (PyVRP adds costs and prizes in 64-bit integers)."""


def load_prizes(groups: Sequence[FleetGroup], chunks: Sequence[Chunk], scale: int = 1) -> list[int]:
    """What leaving each truck-load out costs: ``M × its urgency-weighted kilograms``.

    The router's objective is lexicographic: the most tonnes, by priority, first, then the
    least cost. ``M`` (:func:`_cost_bound`) is more than any routes of the day can cost,
    so one weighted kilogram more outweighs every cost, and between routes that serve
    the same weighted kilograms the cheaper wins. Urgency is ``11 - priority`` (×10 for
    priority 1 down to ×2 for priority 9), of each commodity for its own tonnes
    (``Chunk.weighted_t``), so that a unit's load of water outweighs its load of general
    goods (a tester's water stayed half behind when every load had the request's
    priority). In :data:`_COST_UNITS` of the currency, as the model's costs.

    Before, the prize was :func:`load_worths` (its own trip's cost, times its urgency,
    plus its urgent tonnes at the dearest such trip): a weighting, not an order. A far
    load was then worth more than a near one of the same tonnes by more than the extra km
    cost, and the router chose it: a tester's day served 2.04 t for 1,028 where the same
    2.04 t cost 576.

    ``scale``: the model's costs are in ``scale`` × :data:`_COST_UNITS` of the currency
    (:func:`_within_64_bits`).
    """
    if not chunks:
        return []
    bound = _cost_bound(groups, len(chunks), scale)
    return [bound * max(1, math.ceil(c.weighted_t * 1000 - 1e-6)) for c in chunks]


def load_worths(groups: Sequence[FleetGroup], chunks: Sequence[Chunk], km: RoadMatrix) -> list[int]:
    """What the fleet cap ranks loads by: ``urgency × own trip + C × urgent tonnes``.

    ``own trip`` is what serving the load on a trip of its own costs (a truck's fixed cost
    plus the round trip at the dearest rate, + 1), ``C`` the dearest such trip of the day,
    urgency as in :func:`load_prizes`. The search's prize until the prizes became
    lexicographic; the fleet cap (:mod:`~supplyline.routing.fleet_cap`) keeps it, per share
    of the trucks' day, because its part per load (the own trip, what a stop is worth)
    keeps the light loads that fill the trucks beside the heavy ones. By weighted tonnes
    alone, a single-trip day of four 4 t trucks was offered 200 loads of 2.6 t (one to a
    truck: 10.4 t) before forty of 0.5 t (``tests/routing/test_fleet_cap_choice.py``).

    Only the depots' rows of ``km`` are read, so thousands of loads cost no square matrix.
    """
    if not chunks:
        return []
    depots = list(dict.fromkeys(g.depot for g in groups))
    pos = {x: i for i, x in enumerate(km.ids)}  # km.index looks each up in a row of ids
    at = np.array([pos[c.location] for c in chunks], dtype=np.int64)
    dep = np.array([pos[x] for x in depots], dtype=np.int64)
    trips = _dam(km.km[np.ix_(dep, at)]) + _dam(km.km[np.ix_(at, dep)]).T  # depots × loads
    fixed = max(round(g.fixed_cost * 1000) for g in groups)
    rate = max(_worth_rate(g) for g in groups)
    home = {g.id: depots.index(g.depot) for g in groups}
    own = []
    for i, c in enumerate(chunks):
        homes = {home[g] for g in c.allowed if g in home}
        own.append(fixed + rate * min(int(trips[h, i]) for h in homes) + 1)
    dearest = max(own, default=0)
    return [
        (11 - c.priority) * trip + dearest * math.ceil(c.weighted_t * 1000 - 1e-6) // 1000
        for c, trip in zip(chunks, own, strict=True)
    ]


def _cost_bound(groups: Sequence[FleetGroup], loads: int, scale: int = 1) -> int:
    """More than any of the day's routes can cost, in :data:`_COST_UNITS` of the currency.

    A truck drives at most its speed × its hours (every arc's time is at least its km at
    that speed, and a route lasts at most the drivers' hours and the day); each arc's
    decametres are rounded, by half a decametre at most, on at most ``3 × loads + 3`` arcs
    (every load, a reload after each, the way back). No more trucks of a group are used
    than there are loads.
    """
    total = 1
    for g in groups:
        hours = min(g.max_route_hours, DAY_S / 3600)
        dam = math.ceil(g.speed_kmh * hours * _DAM_PER_KM) + 3 * loads + 3
        truck = _fixed_cost(g, scale) + _unit_cost(g, scale) * dam
        total += min(g.count, loads) * truck
    return total


def _unit_cost(g: FleetGroup, scale: int = 1) -> int:
    """A truck's cost per 10 m in :data:`_COST_UNITS`: ``cost_per_km`` × 100, a free truck's 0."""
    return _shrunk(round(g.cost_per_km * _COST_UNITS / _DAM_PER_KM), scale)


def _fixed_cost(g: FleetGroup, scale: int = 1) -> int:
    """A truck's fixed cost in :data:`_COST_UNITS`."""
    return _shrunk(round(g.fixed_cost * _COST_UNITS), scale)


def _shrunk(cost: int, scale: int) -> int:
    """``cost`` in ``scale`` times coarser units, to the nearest; a paid cost stays paid (1)."""
    return 0 if cost == 0 else max(1, (cost + scale // 2) // scale)


def _worth_rate(g: FleetGroup) -> int:
    """A truck's cost per 10 m as :func:`load_worths` weighs it: thousandths, at least 1.

    The fleet cap's ranking, not the search's costs: a free truck's loads still weigh
    their round trip there, as they did when the model's costs were in thousandths.
    """
    return max(1, round(g.cost_per_km * 1000 / _DAM_PER_KM))


def _budgeted(prize: Sequence[int]) -> IntArray:
    """The prizes scaled down, if need be, to add up to at most ``_PRIZE_BUDGET``."""
    total = sum(prize)
    if total > _PRIZE_BUDGET:
        prize = [max(1, p * _PRIZE_BUDGET // total) for p in prize]
    return np.array(prize, dtype=np.int64)


def build_problem(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    groups: Sequence[FleetGroup],
    chunks: Sequence[Chunk],
    km: RoadMatrix,
    *,
    multi_trip: bool,
    shifts: Mapping[str, tuple[int, int]] | None = None,
) -> VrpProblem:
    """The day's routing model: the depots, one optional client per truck-load, the fleets.

    A stop's service time is on the arcs out of it, to another unit or a depot: loads of
    one unit on one trip are served once, in the search as in the routes.

    Each fleet group is a vehicle type at its depot (``multi_trip``: it may reload there);
    a load's prize is what leaving it out costs (:func:`load_prizes`). ``shifts`` gives a
    group's working time, (earliest start, latest end) in seconds, where it is not the
    whole day (a truck's hours left after its routes: :mod:`~supplyline.routing.road_repair`).
    """
    shifts = shifts or {}
    depots = list(dict.fromkeys(g.depot for g in groups))
    nodes_loc = np.array(
        [km.index(x) for x in depots] + [km.index(c.location) for c in chunks], dtype=np.int64
    )
    n, d = len(nodes_loc), len(depots)
    service_s = round(scenario.routing.service_minutes * 60)
    dist, dur, profile_of = _matrices(groups, nodes_loc, chunks, km, service_s)
    cargo = _cargo_dimensions(chunks)
    demand = np.zeros((n, 2 + len(cargo)), dtype=np.int64)
    tw_early = np.zeros(n, dtype=np.int64)
    tw_late = np.full(n, DAY_S, dtype=np.int64)
    service = np.zeros(n, dtype=np.int64)  # timed on the arcs out of a stop (_leaving)
    for i, c in enumerate(chunks):
        unit = scenario.unit(c.unit)
        kg, litres = load_size(c)
        demand[d + i, :2] = (kg, litres)
        if c.carriers is not None:  # at least a kilogram, so that no other truck takes it
            demand[d + i, 2 + cargo.index(c.carriers)] = max(1, kg)
        tw_early[d + i] = round(unit.receive_open_h * 3600)
        tw_late[d + i] = round(unit.receive_close_h * 3600)
    vehicles = tuple(
        VehicleSpec(
            name=g.id,
            count=g.count,
            capacity=(
                math.floor(g.payload_t * 1000 + 1e-6),
                math.floor(g.volume_m3 * 1000) if g.volume_m3 is not None else _NO_VOLUME_LIMIT,
                *(math.floor(g.payload_t * 1000 + 1e-6) if g.id in k else 0 for k in cargo),
            ),
            depot=depots.index(g.depot),
            fixed_cost=_fixed_cost(g),
            unit_distance_cost=_unit_cost(g),
            tw_early=shifts.get(g.id, (0, DAY_S))[0],
            tw_late=shifts.get(g.id, (0, DAY_S))[1],
            max_duration=math.floor(g.max_route_hours * 3600 + _NOISE_S),
            profile=profile_of[g.id],
            reload=multi_trip,
        )
        for g in groups
    )
    prize = np.zeros(n, dtype=np.int64)
    prize[d:] = _budgeted(load_prizes(groups, chunks))
    problem = VrpProblem(
        num_depots=d,
        demand=demand,
        tw_early=tw_early,
        tw_late=tw_late,
        service=service,
        distance=tuple(dist),
        duration=tuple(dur),
        vehicles=vehicles,
        prize=prize,
        names=tuple(depots) + tuple(f"{c.unit}/{c.part + 1}" for c in chunks),
    )
    return _within_64_bits(problem, groups, chunks)


def _within_64_bits(
    problem: VrpProblem, groups: Sequence[FleetGroup], chunks: Sequence[Chunk]
) -> VrpProblem:
    """The problem with its costs in coarser units where its sums would not fit 64 bits.

    The prizes are a bound on the day's costs times the loads' weighted kilograms; they
    must add up to at most :data:`_PRIZE_BUDGET`, and the search's cost of a broken limit
    must be able to reach ten times a kilogram's prize
    (:func:`~supplyline.routing.penalties.prize_room`), all in PyVRP's 64-bit integers.
    Where they would not, the trucks' costs are counted in ``scale`` times coarser units
    (every cost rounded, a paid one at least 1), and so the prizes shrink with them: the
    most weighted kilograms still come first, it is cost that is less precise. A tester's
    day at 10,000 per km (prizes 6e15, within the budget) had its costs of broken limits
    capped at a quarter of a kilogram's prize: an overfull truck paid, and the search
    delivered 1.5 t where 2.5 t fitted. A day whose costs are already down to 1 keeps
    the cap (:mod:`~supplyline.routing.penalties`), and its prizes are scaled down to the
    budget (:func:`_budgeted`).
    """
    loads = problem.num_nodes - problem.num_depots
    scale, dearest = 1, max(max(_fixed_cost(g), _unit_cost(g)) for g in groups)
    while scale < dearest and problem.prize is not None:
        room = min(
            prize_room(problem),
            _distance_room(problem, loads),
            _PRIZE_BUDGET / max(1, sum(load_prizes(groups, chunks, scale))),
        )
        if room >= 1.0:
            break
        scale = max(2 * scale, math.ceil(scale / room))
        vehicles = tuple(
            replace(v, fixed_cost=_fixed_cost(g, scale), unit_distance_cost=_unit_cost(g, scale))
            for v, g in zip(problem.vehicles, groups, strict=True)
        )
        prize = problem.prize.copy()
        prize[problem.num_depots :] = _budgeted(load_prizes(groups, chunks, scale))
        problem = replace(problem, vehicles=vehicles, prize=prize)
    return problem


_SAFE_COST = 2**60
"""Bound on a route's costs (PyVRP's 64-bit sums), through every banned arc too."""


def _distance_room(problem: VrpProblem, loads: int) -> float:
    """How many times over the trucks' costs could grow with any route's cost in 64 bits.

    A route the search tries may cross banned arcs (:data:`_FAR` decametres each): at
    most ``3 × loads + 3`` arcs (every load, a reload after each, the way back).
    """
    rate = max(v.unit_distance_cost for v in problem.vehicles)
    fixed = sum(v.fixed_cost * min(v.count, loads) for v in problem.vehicles)
    worst = rate * _FAR * (3 * loads + 3) + fixed
    return math.inf if worst == 0 else _SAFE_COST / worst

"""One day's convoy routes: deliveries to units, trucks at depots, one PyVRP model.

How a day is modelled (also in ``docs/routing.md``):

* every fleet group with trucks is a vehicle type at its depot (several depots and mixed
  fleets make one model); a truck works inside the calendar day (0–24 h), at most its
  ``max_route_hours`` (drivers' hours), and may come back to its depot to load again;
* a unit's deliveries of the day are one request (all commodities together), loads by
  weight and, where a commodity has ``volume_m3_per_t``, by volume;
* **a request larger than a truck is split** into the fewest truck-loads, equal to the
  kilogram, that fit every truck type able to reach the unit whose payload is at least
  half the largest one's (so a mixed fleet shares the work, and small vehicles do not
  shrink the loads); each load carries the same share of every commodity, and each is a
  separate stop that may go on a different truck;
* what a unit's own place holds of a commodity (``stocks.csv``) is drawn there, without a
  truck (``Routes.on_site``); only the rest goes on the trucks;
* before solving, each request is checked against every truck type: a round trip longer
  than the drivers' hours, no way to arrive inside the receiving window, or no road open
  that day (a road that exists but is closed is never replaced by an estimate, and a place
  whose road links are all closed is cut off whatever the depot's road data), rules that
  type out; a request no type can serve is reported with the reason and the numbers;
* stops are optional, each with a prize above what serving it on a trip of its own could
  cost (a truck's fixed cost plus the round trip), plus the dearest such trip per tonne,
  times its urgency, so the solver serves all it can and, when trucks are short, the most
  tonnes by priority; loads it leaves out are reported as ``not_enough_trucks`` (or
  ``too_large`` when even every reaching truck turning all day could not carry them).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from supplyline.domain import FleetGroup, Scenario, did_you_mean
from supplyline.domain.fields import check_fields, whole_number
from supplyline.domain.routes import (
    DrawnOnSite,
    Routes,
    RouteStatus,
    TruckRoute,
    Unserved,
    UnservedReason,
)
from supplyline.errors import (
    ArgumentError,
    Issue,
    ScenarioError,
    SolverError,
    require,
    require_callable,
    require_list,
)
from supplyline.routing.depot_stock import (
    DEMAND_BASIS,
    Allocation,
    DepotStock,
    allocate,
    with_depot_check,
)
from supplyline.routing.greedy import greedy_routes
from supplyline.routing.problem import IntArray, RouterParams, VehicleSpec, VrpProblem
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.roads import RoadMatrix, road_matrix
from supplyline.routing.site_stock import check_held, draw_on_site, less_drawn, stock_on_day
from supplyline.routing.solver import BestCallback, solve_vrp
from supplyline.routing.translate import Chunk, to_routes
from supplyline.routing.truck_fit import depot_options, fit, not_reached, whole
from supplyline.types import CommodityId, LocationId, day_label

__all__ = ["ConvoyParams", "DeliveryRequest", "horizon_day", "route_day"]

DAY_S = 24 * 3600
_FAR = 10**9
"""Distance (10 m) and time (s) that rule an arc out: more than any truck can do."""
_DAM_PER_KM = 100
"""The solver counts distance in decametres: fine enough, and it keeps costs (in
thousandths of the currency) on the scale of PyVRP's penalties for broken constraints."""
_NO_VOLUME_LIMIT = 10**12


@dataclass(frozen=True, slots=True, kw_only=True)
class ConvoyParams:
    """Knobs of the convoy routing of a day."""

    router: RouterParams = field(default_factory=lambda: RouterParams(time_limit_s=10.0))
    multi_trip: bool = True
    """Trucks may come back to their depot to load again within their hours."""
    min_load_t: float = 0.001
    """Requests lighter than this are ignored (rounding dust from the plan)."""

    def __post_init__(self) -> None:
        """Refuse a bad knob when the params are built, not after a solve.

        A tester's ``ConvoyParams(router="x")`` was taken, and the day's routing failed
        only once the movement plan was solved, with an ``AttributeError``.
        """
        check_fields(self)
        if not (math.isfinite(self.min_load_t) and self.min_load_t >= 0):
            raise ArgumentError(f"min_load_t(={self.min_load_t}) must be finite and >= 0")


def horizon_day(
    scenario: Scenario, day: object, error: type[ArgumentError | ScenarioError] = ArgumentError
) -> int:
    """``day`` as an int within the scenario's horizon; else ``error`` saying which days are.

    An ``ArgumentError`` for a script's value; the services pass ``ScenarioError`` for
    the CLI's ``--day`` (a bad option). Numpy integers are taken; ``"3"`` and ``2.5``
    are not days (a TypeError and an IndexError before), and a day past the horizon
    was routed on a date the scenario does not cover.
    """
    n = whole_number(day, "day")
    if not 0 <= n < scenario.horizon_days:
        last = scenario.horizon_days - 1
        message = (
            f"day {n} is outside the horizon of {scenario.horizon_days} days "
            f"(scenario.yaml horizon_days): choose 0 to {last} (C+0 to {day_label(last)})"
        )
        if error is ScenarioError:
            raise ScenarioError([], summary=message)  # the option, not a line of a file
        raise ArgumentError(message)
    return n


def _checked_requests(scenario: Scenario, requests: object) -> list[DeliveryRequest]:
    """The requests as a list, each a DeliveryRequest for a unit and place of the scenario.

    None was a bare TypeError, an unknown location a KeyError deep in the road matrix
    (after the work began); an unknown unit or location is a ScenarioError listing all.
    """
    taken = require_list(requests, DeliveryRequest, "requests")
    issues = [
        Issue(
            file="requests",
            column=f"[{i}].{what}",
            message=f"no {what} {value!r} in scenario {scenario.name!r}{_guess(value, known)}",
        )
        for i, req in enumerate(taken)
        for what, value, known in (
            ("unit", req.unit, scenario.unit_by_id),
            ("location", req.location, scenario.location_by_id),
        )
        if value not in known
    ]
    if issues:
        raise ScenarioError(issues, summary="the requests do not fit the scenario")
    return taken


def _guess(value: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for a request's unknown id, or ``""``."""
    guess = did_you_mean(value, known)
    return f" ({guess})" if guess else ""


def _n_loads(req: DeliveryRequest, g: FleetGroup) -> int:
    kg = round(req.tonnes * 1000)
    n = math.ceil(kg / max(1, math.floor(g.payload_t * 1000)))
    if g.volume_m3 is not None and req.volume_m3 > 0:
        n = max(n, math.ceil(round(req.volume_m3 * 1000) / math.floor(g.volume_m3 * 1000)))
    return max(1, n)


def _plan_chunks(
    requests: Sequence[DeliveryRequest],
    groups: Sequence[FleetGroup],
    km: RoadMatrix,
    scenario: Scenario,
    params: ConvoyParams,
    day: int,
    pinned: Sequence[LocationId | None],
) -> tuple[list[Chunk], list[Unserved], dict[int, tuple[int, str]]]:
    """Split requests into truck-loads; rule out the ones no truck type can serve.

    A request ``pinned`` to a depot goes on that depot's trucks only (it holds the goods).
    """
    service_h = scenario.routing.service_minutes / 60
    chunks: list[Chunk] = []
    unserved: list[Unserved] = []
    bounds: dict[int, tuple[int, str]] = {}
    for r, req in enumerate(requests):
        if not groups:
            unserved.append(whole(req, UnservedReason.NO_TRUCK_REACHES, "no trucks in fleet.csv"))
            continue
        fits = {g.id: fit(req, g, km, service_h, scenario, day) for g in groups}
        allowed = [g for g in groups if fits[g.id].ok and pinned[r] in (None, g.depot)]
        if not allowed:
            unserved.append(not_reached(req, list(fits.values())))
            continue
        # Loads that fit every truck type at least half the size of the largest one, so
        # that a mixed fleet can share the work (tiny vehicles do not shrink the loads).
        big = max(g.payload_t for g in allowed)
        n = max(_n_loads(req, g) for g in allowed if g.payload_t >= 0.5 * big)
        turns = {
            g.id: max(1, math.floor(g.max_route_hours / max(fits[g.id].round_trip_h, 1e-9)))
            if params.multi_trip
            else 1
            for g in allowed
        }
        most = sum(g.count * turns[g.id] for g in allowed)
        bounds[r] = (
            most,
            f"{req.tonnes:.1f} t needs {n} truck-loads; the {sum(g.count for g in allowed)} "
            f"trucks that reach it ({', '.join(g.id for g in allowed)}) can make at most "
            f"{most} trips a day",
        )
        share = {c: t / n for c, t in req.load_t.items()}
        for k in range(n):
            chunks.append(
                Chunk(
                    request=r,
                    part=k,
                    parts=n,
                    unit=req.unit,
                    location=req.location,
                    load_t=share,
                    volume_m3=req.volume_m3 / n,
                    allowed=frozenset(g.id for g in allowed),
                )
            )
    return chunks, unserved, bounds


def _estimated_legs(routes: Sequence[TruckRoute], km: RoadMatrix) -> list[str]:
    """The legs driven whose km is an estimate (no road data between the two places)."""
    legs = (
        (a, b)
        for r in routes
        for a, b in zip(r.path, r.path[1:], strict=False)
        if a != b and not km.by_road[km.index(a), km.index(b)]
    )
    return [f"{a}→{b}" for a, b in dict.fromkeys(legs)]


def _matrices(
    groups: Sequence[FleetGroup], nodes_loc: IntArray, chunks: Sequence[Chunk], km: RoadMatrix
) -> tuple[list[IntArray], list[IntArray], dict[str, int]]:
    """One distance (10 m) and duration (s) matrix per (speed, allowed stops) profile.

    Places no open road joins that day (infinite km) are ``_FAR`` apart, as a banned arc.
    """
    sub = km.km[np.ix_(nodes_loc, nodes_loc)]
    cut = ~np.isfinite(sub)
    metres = _dam(sub)
    d = len(nodes_loc) - len(chunks)
    dist: list[IntArray] = []
    dur: list[IntArray] = []
    keys: dict[tuple[float, frozenset[int]], int] = {}
    profile_of: dict[str, int] = {}
    for g in groups:
        banned = frozenset(d + i for i, c in enumerate(chunks) if g.id not in c.allowed)
        key = (g.speed_kmh, banned)
        if key not in keys:
            seconds = np.ceil(np.where(cut, 0.0, sub) / g.speed_kmh * 3600)
            dmat, tmat = metres.copy(), np.where(cut, _FAR, seconds).astype(np.int64)
            idx = np.fromiter(banned, dtype=np.int64, count=len(banned))
            for mat in (dmat, tmat):
                mat[idx, :] = _FAR
                mat[:, idx] = _FAR
                np.fill_diagonal(mat, 0)
            keys[key] = len(dist)
            dist.append(dmat)
            dur.append(tmat)
        profile_of[g.id] = keys[key]
    return dist, dur, profile_of


def _dam(sub: np.ndarray) -> IntArray:
    """Km as whole decametres, ``_FAR`` where no open road joins the places."""
    finite = np.isfinite(sub)
    dam = np.round(np.where(finite, sub, 0.0) * _DAM_PER_KM)
    return np.where(finite, np.minimum(dam, _FAR), _FAR).astype(np.int64)


_PRIZE_BUDGET = 2**55
"""Bound on the sum of all prizes (PyVRP adds costs and prizes in 64-bit integers)."""


def _prizes(
    requests: Sequence[DeliveryRequest],
    groups: Sequence[FleetGroup],
    chunks: Sequence[Chunk],
    km: RoadMatrix,
    nodes_loc: IntArray,
    depots: list[LocationId],
    vehicles: Sequence[VehicleSpec],
    unit_cost: Mapping[str, int],
) -> IntArray:
    """What leaving each truck-load out costs: ``urgency × (own trip + 1 + C × tonnes)``.

    ``own trip`` is what serving the load on a trip of its own costs (a new truck's fixed
    cost plus the round trip at the dearest rate), so that every load is worth more than
    that and the router serves all it can. ``C`` is the dearest such trip of the day: each
    tonne is worth more than any one truck trip, so when trucks are short the router
    serves the most tonnes, by priority, it can (a tester's 2.1 t load farther out was
    served and a 6.3 t one left when the prize was the load's own trip cost alone).
    Urgency is ``11 - priority`` of the request (×10 for priority 1 down to ×2 for
    priority 9). Scaled down, if need be, so that the prizes add up to at most
    ``_PRIZE_BUDGET``.
    """
    d = len(depots)
    raw = _dam(km.km[np.ix_(nodes_loc, nodes_loc)])
    fixed = max(v.fixed_cost for v in vehicles)
    rate = max(unit_cost.values())
    own = []
    for i, c in enumerate(chunks):
        homes = {depots.index(g.depot) for g in groups if g.id in c.allowed}
        own.append(fixed + rate * min(int(raw[h, d + i] + raw[d + i, h]) for h in homes) + 1)
    dearest = max(own)
    prize = [
        (11 - requests[c.request].priority)
        * (trip + dearest * math.ceil(c.tonnes * 1000 - 1e-6) // 1000)
        for c, trip in zip(chunks, own, strict=True)
    ]
    total = sum(prize)
    if total > _PRIZE_BUDGET:
        prize = [max(1, p * _PRIZE_BUDGET // total) for p in prize]
    return np.array(prize, dtype=np.int64)


def _problem(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    groups: Sequence[FleetGroup],
    chunks: Sequence[Chunk],
    km: RoadMatrix,
    params: ConvoyParams,
) -> VrpProblem:
    depots = list(dict.fromkeys(g.depot for g in groups))
    nodes_loc = np.array(
        [km.index(x) for x in depots] + [km.index(c.location) for c in chunks], dtype=np.int64
    )
    n, d = len(nodes_loc), len(depots)
    dist, dur, profile_of = _matrices(groups, nodes_loc, chunks, km)
    demand = np.zeros((n, 2), dtype=np.int64)
    tw_early = np.zeros(n, dtype=np.int64)
    tw_late = np.full(n, DAY_S, dtype=np.int64)
    service = np.zeros(n, dtype=np.int64)
    for i, c in enumerate(chunks):
        unit = scenario.unit(c.unit)
        demand[d + i] = (math.ceil(c.tonnes * 1000 - 1e-6), math.ceil(c.volume_m3 * 1000 - 1e-6))
        tw_early[d + i] = round(unit.receive_open_h * 3600)
        tw_late[d + i] = round(unit.receive_close_h * 3600)
        service[d + i] = round(scenario.routing.service_minutes * 60)
    # costs in thousandths of the currency: per 10 m that is cost_per_km × 10
    unit_cost = {g.id: max(1, round(g.cost_per_km * 1000 / _DAM_PER_KM)) for g in groups}
    vehicles = tuple(
        VehicleSpec(
            name=g.id,
            count=g.count,
            capacity=(
                math.floor(g.payload_t * 1000 + 1e-6),
                math.floor(g.volume_m3 * 1000) if g.volume_m3 is not None else _NO_VOLUME_LIMIT,
            ),
            depot=depots.index(g.depot),
            fixed_cost=round(g.fixed_cost * 1000),
            unit_distance_cost=unit_cost[g.id],
            tw_early=0,
            tw_late=DAY_S,
            max_duration=math.floor(g.max_route_hours * 3600),
            profile=profile_of[g.id],
            reload=params.multi_trip,
        )
        for g in groups
    )
    prize = np.zeros(n, dtype=np.int64)
    prize[d:] = _prizes(requests, groups, chunks, km, nodes_loc, depots, vehicles, unit_cost)
    return VrpProblem(
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


def _drawn(
    scenario: Scenario,
    requests: list[DeliveryRequest],
    held: Mapping[tuple[str, str], float],
    given: tuple[DrawnOnSite, ...] | None,
) -> tuple[list[DeliveryRequest], tuple[DrawnOnSite, ...]]:
    """The requests left for the trucks and what is drawn on site (``given``, if any)."""
    if given is not None:
        return requests, given
    rest, drawn, _ = draw_on_site(scenario, requests, held)
    return rest, tuple(drawn)


def _left_out(
    requests: Sequence[DeliveryRequest],
    left: Sequence[Chunk],
    bounds: Mapping[int, tuple[int, str]],
) -> list[Unserved]:
    """The truck-loads the router left out, per request: too large, or not enough trucks."""
    by_request: dict[int, list[Chunk]] = defaultdict(list)
    for c in left:
        by_request[c.request].append(c)
    out = []
    for r, lost in by_request.items():
        most, why = bounds[r]
        req = requests[r]
        too_large = lost[0].parts > most
        load: dict[str, float] = defaultdict(float)
        for c in lost:
            for com, t in c.load_t.items():
                load[com] += t
        out.append(
            Unserved(
                unit=req.unit,
                location=req.location,
                load_t=load,
                reason=UnservedReason.TOO_LARGE if too_large else UnservedReason.NOT_ENOUGH_TRUCKS,
                detail=f"{len(lost)} of {lost[0].parts} truck-loads not routed: {why}",
            )
        )
    return out


def _checked(
    routes: Routes,
    depot_t: Mapping[tuple[str, str], float] | None,
    given: tuple[DepotStock, Allocation | None] | None = None,
) -> Routes:
    """The routes with the depots' stocks checked (:mod:`~supplyline.routing.depot_stock`).

    With a ``DepotStock`` given, the loads were allocated to the depots that hold them:
    the excesses are what the allocation could not give.
    """
    if given is not None:
        stock, alloc = given
        short = alloc.short if alloc is not None else ()
        return replace(routes, depot_short=short, depot_stock_basis=stock.basis)
    return routes if depot_t is None else with_depot_check(routes, depot_t, DEMAND_BASIS)


def route_day(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    *,
    day: int,
    params: ConvoyParams | None = None,
    source: str = "demand",
    on_best: BestCallback | None = None,
    held_t: Mapping[tuple[LocationId, CommodityId], float] | None = None,
    on_site: Sequence[DrawnOnSite] | None = None,
    depot_stock: DepotStock | None = None,
) -> Routes:
    """Route the trucks of every depot to bring ``requests`` to their units on ``day``.

    What a unit's own place holds of a commodity is drawn there, without a truck
    (``Routes.on_site``); only the rest is routed. ``held_t`` is what each place holds at
    the start of the day, by (location, commodity): :func:`~supplyline.routing.site_stock.
    held_on_day` gives it after earlier days' draws; without it, the scenario's stocks as if
    nothing had been drawn before (initial + (day + 1) days of replenishment).

    ``on_site`` is what units draw at their place, worked out by the caller (the movement
    plan's, :func:`~supplyline.routing.plan_loads.plan_truck_loads`): then every request
    goes on the trucks as it is, nothing is drawn from ``held_t`` (give one or the other),
    and ``Routes.on_site`` is ``on_site``.

    The day's truck-loads are checked against what each depot holds (``held_t``, or the
    scenario's stocks, after the day's on-site draws; earlier days' truck-loads are not
    known here): ``Routes.depot_short`` lists each depot and commodity the loads ask more
    of (:mod:`~supplyline.routing.depot_stock`). With ``on_site`` the caller knows the
    stocks and checks (:func:`~supplyline.routing.depot_stock.with_depot_check`).

    ``depot_stock`` is what each depot holds for its trucks that day, as the caller knows
    it (the movement plan's, :func:`~supplyline.routing.depot_stock.plan_depot_stock`):
    then the routes respect it. The loads are split among the depots that hold them
    (:func:`~supplyline.routing.depot_stock.allocate`), a truck carries only what its
    depot holds, and what no depot that reaches the unit holds is unserved,
    ``depot_short``, with the figures (and in ``Routes.depot_short``, per depot).

    The arguments are checked before any work: a wrong kind or a day outside the
    horizon is an ArgumentError, a unit or location the scenario lacks a ScenarioError.

    Raises
    ------
    SolverError
        When the solver returns routes that break a hard constraint (a bug, not an input
        problem: every stop is optional, so an empty plan is always feasible).
    """
    require(scenario, Scenario, "the scenario")
    day = horizon_day(scenario, day)
    if params is not None:
        require(params, ConvoyParams, "params")
    require(source, str, "source")
    require_callable(on_best, "on_best")
    if on_site is not None and held_t is not None:
        raise ArgumentError("give held_t (drawn here) or on_site (drawn by the caller), not both")
    given = None if on_site is None else tuple(require_list(on_site, DrawnOnSite, "on_site"))
    if depot_stock is not None:
        require(depot_stock, DepotStock, "depot_stock")
        check_held(scenario, depot_stock.held_t)
    held = stock_on_day(scenario, day) if held_t is None else check_held(scenario, held_t)
    params = params or ConvoyParams()
    t0 = time.perf_counter()
    requests = [r for r in _checked_requests(scenario, requests) if r.tonnes >= params.min_load_t]
    requests, on_site = _drawn(scenario, requests, held, given)
    # what the depots hold for the trucks: the places' stocks after the day's on-site draws
    # (unknown here when the caller drew on site: it checks, as with the movement plan)
    depot_t = None if given is not None else less_drawn(held, on_site)
    respected: tuple[DepotStock, Allocation | None] | None = (
        None if depot_stock is None else (depot_stock, None)
    )
    requests = [r for r in requests if r.tonnes >= params.min_load_t]
    date = scenario.date_of(day)
    if not requests:
        nothing = Routes(
            scenario=scenario.name, day=day, date=date, on_site=on_site, source=source,
            status=RouteStatus.SOLVED if on_site else RouteStatus.NOTHING_TO_DO,
        )  # fmt: skip
        return _checked(nothing, depot_t, respected)
    groups = [g for g in scenario.fleet if g.count > 0]
    ids = [*(g.depot for g in groups), *(r.location for r in requests)]
    km = road_matrix(scenario, ids, day=day)
    pinned: list[LocationId | None] = [None] * len(requests)
    unserved: list[Unserved] = []
    if depot_stock is not None and groups:
        options = depot_options(requests, groups, km, scenario, day)
        alloc = allocate(scenario, requests, options, depot_stock.held_t, day)
        requests, pinned, unserved = list(alloc.requests), list(alloc.depots), [*alloc.unserved]
        respected = (depot_stock, alloc)
    chunks, more, bounds = _plan_chunks(requests, groups, km, scenario, params, day, pinned)
    unserved += more
    notes: list[str] = []
    split = sorted({(c.unit, c.parts) for c in chunks if c.parts > 1})
    if split:
        notes.append(
            "split into truck-loads as equal as the kilogram allows: "
            + ", ".join(f"{u} ×{n}" for u, n in split)
        )
    if not chunks:
        none_routed = Routes(
            scenario=scenario.name, day=day, date=date, status=RouteStatus.PARTIAL,
            unserved=tuple(unserved), on_site=on_site, source=source,
            solve_s=time.perf_counter() - t0,
            notes=tuple(notes),
        )  # fmt: skip
        return _checked(none_routed, depot_t, respected)
    problem = _problem(scenario, requests, groups, chunks, km, params)
    start = greedy_routes(problem)
    solution = solve_vrp(problem, params.router, on_best=on_best, initial=start)
    if not solution.feasible:
        raise SolverError(
            "the routing solver returned routes that break capacity, windows or hours "
            f"(day {day}); this is a bug, please report it with the scenario"
        )
    routes, left = to_routes(problem, solution, chunks, groups, km, scenario)
    unserved += _left_out(requests, left, bounds)
    notes.extend(solution.notes)
    estimated = _estimated_legs(routes, km)
    if estimated:
        notes.append(
            f"no road in the scenario, distance estimated as great circle × "
            f"{scenario.routing.detour_factor:g}: " + ", ".join(estimated)
        )
    return _checked(
        Routes(
            scenario=scenario.name,
            day=day,
            date=date,
            status=RouteStatus.PARTIAL if unserved else RouteStatus.SOLVED,
            routes=tuple(routes),
            unserved=tuple(unserved),
            on_site=on_site,
            source=source,
            total_distance_km=sum(r.distance_km for r in routes),
            total_cost=sum(r.cost for r in routes),
            solve_s=time.perf_counter() - t0,
            notes=tuple(notes),
        ),
        depot_t,
        respected,
    )

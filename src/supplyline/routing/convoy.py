"""One day's convoy routes: deliveries to units, trucks at depots, one PyVRP model.

How a day is modelled (also in ``docs/routing.md``):

* every fleet group with trucks is a vehicle type at its depot (several depots and mixed
  fleets make one model); a truck works inside the calendar day (0–24 h), at most its
  ``max_route_hours`` (drivers' hours), and may come back to its depot to load again;
* a unit's deliveries of the day are one request (all commodities together), loads by
  weight and, where a commodity has ``volume_m3_per_t``, by volume;
* **a request larger than a truck is split** into full truck-loads and what remains, in
  whole kilograms, that fit every truck type able to reach the unit whose payload is at
  least half the largest one's (so a mixed fleet shares the work, and small vehicles do
  not shrink the loads); the first loads carry the most urgent commodity (when the trucks
  have room for all, the fewest loads, commodities mixed), and each is a
  separate stop that may go on a different truck (:mod:`~supplyline.routing.loads`);
  loads the search leaves out while some trucks stay idle are split again to fit those
  trucks and routed on them in a second, shorter search (``ConvoyParams.idle_round``);
* what a unit's own place holds of a commodity (``stocks.csv``) is drawn there, without a
  truck (``Routes.on_site``); only the rest goes on the trucks;
* before solving, each request is checked against every truck type: a round trip longer
  than the drivers' hours, no way to arrive inside the receiving window, or no road open
  that day (a road that exists but is closed is never replaced by an estimate, nor is the
  way against a one-way road, and a place whose road links are all closed is cut off
  whatever the depot's road data; a road is judged as the plan judges it, on the day its
  goods left, and one of capacity 0 on no day: :mod:`~supplyline.routing.roads`), rules
  that type out; a request no type can serve is reported with the reason and the numbers;
* stops are optional, each with a prize above what serving it on a trip of its own could
  cost (a truck's fixed cost plus the round trip), plus the dearest such trip per tonne,
  times the urgency of what it carries, so the solver serves all it can and, when trucks
  are short, the most tonnes by priority; loads it leaves out are reported as
  ``not_enough_trucks`` (or ``too_large`` when even every reaching truck turning all day
  could not carry them);
* no road carries more loaded tonnes that day than its ``capacity_t_per_day`` (each way):
  the routes are measured after each search, loads come off a road they would overfill
  and go round by other roads on the trucks and hours left, else ``road_full``
  (:mod:`~supplyline.routing.road_load`, :mod:`~supplyline.routing.road_repair`).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from supplyline.domain import FleetGroup, Mode, Scenario
from supplyline.domain.fields import check_fields, number_problem
from supplyline.domain.routes import (
    DrawnOnSite,
    Routes,
    RouteStatus,
    TruckRoute,
    Unserved,
)
from supplyline.errors import (
    ArgumentError,
    SolverError,
    require,
    require_callable,
    require_list,
)
from supplyline.routing.cargo import split_by_cargo, uncarried_note
from supplyline.routing.day_model import build_problem
from supplyline.routing.depot_share import MIN_LOAD_T, share_stock, spare_left
from supplyline.routing.depot_stock import (
    DEMAND_BASIS,
    Allocation,
    DepotStock,
    StockBook,
    with_depot_check,
)
from supplyline.routing.fleet_cap import within_caps
from supplyline.routing.greedy import greedy_routes
from supplyline.routing.loads import (
    LoadBound,
    idle_groups,
    left_out,
    leftovers,
    plan_chunks,
    split_notes,
)
from supplyline.routing.problem import RouterParams
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.road_load import DayGraph, RoadBudget, Taken, kept_chunks, with_roads
from supplyline.routing.road_note import RoadNote, road_note
from supplyline.routing.road_repair import Off, offs_of, repair
from supplyline.routing.roads import RoadMatrix, RoadWay, road_matrix
from supplyline.routing.scenario_fit import checked_requests, horizon_day
from supplyline.routing.search_clock import LATER_SHARE, SearchClock
from supplyline.routing.site_stock import check_held, draw_on_site, less_drawn, stock_on_day
from supplyline.routing.solver import BestCallback, solve_vrp
from supplyline.routing.stop_order import group_stops
from supplyline.routing.translate import Chunk, to_routes
from supplyline.routing.trip_cap import idle_split_note
from supplyline.types import CommodityId, LocationId

__all__ = ["ConvoyParams", "DeliveryRequest", "horizon_day", "route_day"]

_REPAIR_ROUNDS = 2
"""Searches for the loads taken off full roads (each a quarter of the time limit, all
within the day's deadline, :mod:`~supplyline.routing.search_clock`): the second takes what
the first's other ways would overfill in turn."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ConvoyParams:
    """Knobs of the convoy routing of a day."""

    router: RouterParams = field(default_factory=lambda: RouterParams(time_limit_s=10.0))
    multi_trip: bool = True
    """Trucks may come back to their depot to load again within their hours."""
    min_load_t: float = MIN_LOAD_T
    """Requests lighter than this are ignored (rounding dust from the plan)."""
    idle_round: bool = True
    """Loads the router leaves out while trucks stay idle (too small for the loads, as a
    tester's 1 t pick-ups beside 4.962 t loads) are split again to fit the idle trucks
    and routed on them in a second, shorter search (a quarter of the time limit, within
    the day's deadline: :mod:`~supplyline.routing.search_clock`)."""

    def __post_init__(self) -> None:
        """Refuse a bad knob when the params are built, not after a solve.

        A tester's ``ConvoyParams(router="x")`` was taken, and the day's routing failed
        only once the movement plan was solved, with an ``AttributeError``.
        """
        check_fields(self)
        if not (math.isfinite(self.min_load_t) and self.min_load_t >= 0):
            raise ArgumentError(
                f"min_load_t(={self.min_load_t}) {number_problem(self.min_load_t)} "
                "(a finite number of tonnes >= 0)"
            )


def _checked_plan_t(
    scenario: Scenario, given: Mapping[RoadWay, float] | None
) -> dict[RoadWay, float]:
    """``road_plan_t`` as a dict, each key a road direction of the scenario, each value >= 0.

    A wrong key would otherwise count against no road, silently.
    """
    if given is None:
        return {}
    if not isinstance(given, Mapping):
        raise ArgumentError(f"road_plan_t(={given!r:.60}) must be a mapping of road ways to t")
    out: dict[RoadWay, float] = {}
    for way, t in given.items():
        link = scenario.link_by_id.get(way[0]) if isinstance(way, tuple) and len(way) == 3 else None
        if link is None or link.mode is not Mode.ROAD or tuple(way[1:]) not in link.directions():
            raise ArgumentError(
                f"road_plan_t: {way!r:.80} is no (link, from, to) of a road of the scenario"
            )
        number = isinstance(t, int | float) and not isinstance(t, bool)
        if not (number and math.isfinite(t) and t >= 0):
            raise ArgumentError(f"road_plan_t[{way!r}](={t!r:.40}) must be a finite number >= 0")
        out[way] = float(t)
    return out


def _checked_claims(
    scenario: Scenario, given: Mapping[tuple[RoadWay, LocationId], float] | None
) -> dict[tuple[RoadWay, LocationId], float]:
    """``road_claims`` as a dict, each key a road direction and a place, each value >= 0."""
    if given is None:
        return {}
    if not isinstance(given, Mapping):
        raise ArgumentError(
            f"road_claims(={given!r:.60}) must be a mapping of (road way, place) to t"
        )
    out: dict[tuple[RoadWay, LocationId], float] = {}
    for key, t in given.items():
        if not (isinstance(key, tuple) and len(key) == 2 and key[1] in scenario.location_by_id):
            raise ArgumentError(f"road_claims: {key!r:.80} is no (road way, place) of the scenario")
        # the way and the tonnes are checked as road_plan_t's are
        out[key] = _checked_plan_t(scenario, {key[0]: t})[key[0]]
    return out


def _service_h(scenario: Scenario) -> float:
    """A stop's service, h: the fleet cap counts the units a truck can stop at by it."""
    return scenario.routing.service_minutes / 60


def _estimated_legs(routes: Sequence[TruckRoute], km: RoadMatrix) -> list[str]:
    """The legs driven whose km is an estimate (no road data between the two places)."""
    legs = (
        (a, b)
        for r in routes
        for a, b in zip(r.path, r.path[1:], strict=False)
        if a != b and not km.by_road[km.index(a), km.index(b)]
    )
    return [f"{a}→{b}" for a, b in dict.fromkeys(legs)]


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


def _solve(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    groups: Sequence[FleetGroup],
    chunks: Sequence[Chunk],
    km: RoadMatrix,
    params: ConvoyParams,
    on_best: BestCallback | None,
    numbered_after: Mapping[str, int] | None = None,
    *,
    roads: tuple[RoadBudget, DayGraph],
    shifts: Mapping[str, tuple[int, int]] | None = None,
) -> tuple[list[TruckRoute], list[Chunk], list[str], dict[int, Taken]]:
    """One search: its truck routes, the loads left out and the solver's notes.

    And the loads taken off roads the routes would overfill, by chunk index, with the
    road (:meth:`~supplyline.routing.road_load.RoadBudget.fit`).
    """
    problem = build_problem(
        scenario, requests, groups, chunks, km, multi_trip=params.multi_trip, shifts=shifts
    )
    start = greedy_routes(problem)
    solution = solve_vrp(problem, params.router, on_best=on_best, initial=start)
    if not solution.feasible:
        raise SolverError(
            "the routing solver returned routes that break capacity, windows or hours; "
            "this is a bug, please report it with the scenario"
        )
    solution = group_stops(problem, solution, [c.unit for c in chunks])  # one stop a unit a trip
    budget, graph = roads
    solution, dropped = budget.fit(problem, solution, chunks, graph)
    carried = kept_chunks(chunks, dropped)  # a split load carries what its roads still take
    routes, left = to_routes(problem, solution, carried, groups, km, scenario, numbered_after)
    routes = [with_roads(r, graph) for r in routes]
    off = {(chunks[k].request, chunks[k].part) for k in dropped}
    left = [c for c in left if (c.request, c.part) not in off]
    return routes, left, list(solution.notes), dropped


def _idle_round(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    first: tuple[Sequence[Chunk], Mapping[int, LoadBound], Sequence[LocationId | None]],
    idle: Sequence[FleetGroup],
    km: RoadMatrix,
    params: ConvoyParams,
    routes: Sequence[TruckRoute],
    day: int,
    notes: list[str],
    roads: tuple[RoadBudget, DayGraph],
    clock: SearchClock,
) -> tuple[list[TruckRoute], list[Unserved], list[Off]]:
    """The loads the first search left out, split again to fit the trucks it left idle.

    ``first`` is the first round's loads left out, its bounds and each request's pinned
    depot. A request no idle truck can serve keeps the first round's reason; the rest
    are routed on the idle trucks only (numbered after the first round's), in a search
    of a quarter of the time limit (or what the day's deadline leaves), and what is still
    left is said with both rounds' figures. Offers each request no more loads than the idle
    trucks can bring it in a day (:mod:`~supplyline.routing.trip_cap`), nor all of them more
    than the idle trucks can carry (:mod:`~supplyline.routing.fleet_cap`), and adds a short
    note on the loads split for them. Returns too the loads taken off a road the idle
    trucks' routes would overfill.
    """
    everything, bounds, pinned = first
    depots = {g.depot for g in idle}
    # a load pinned to a depot (it holds the goods) goes on that depot's idle trucks only
    left = [c for c in everything if pinned[c.request] in (None, *depots)]
    kept = [c for c in everything if pinned[c.request] not in (None, *depots)]
    parts, origin, said = leftovers(scenario, requests, left, bounds)
    chunks, _, bounds2 = plan_chunks(
        parts, idle, km, scenario, multi_trip=params.multi_trip, day=day,
        pinned=[pinned[r] for r in origin],
    )  # fmt: skip
    tried = {origin[c.request] for c in chunks}  # the first round's request of each load
    kept += [c for c in left if c.request not in tried]
    # the rest no idle truck could bring, each unit or all of them (routing.fleet_cap)
    chunks, beyond = within_caps(chunks, bounds2, idle, km, _service_h(scenario))
    lost = left_out(requests, kept, bounds, routes=routes)
    if not chunks:
        return [], lost, []
    used: dict[str, int] = defaultdict(int)
    for r in routes:
        used[r.fleet_group] += 1
    router = clock.router(LATER_SHARE)
    more, left2, extra, dropped = _solve(
        scenario, parts, idle, chunks, km, replace(params, router=router), None, used, roads=roads
    )
    notes.extend(extra)
    off = offs_of(scenario, parts, chunks, dropped, [pinned[r] for r in origin])
    notes.append(idle_split_note(chunks, beyond))
    before = {i: said[i] for i in range(len(parts))}
    return more, [*lost, *left_out(parts, [*left2, *beyond], bounds2, before, routes=more)], off


def _repair(
    scenario: Scenario,
    off: list[Off],
    groups: Sequence[FleetGroup],
    km: RoadMatrix,
    params: ConvoyParams,
    routes: Sequence[TruckRoute],
    day: int,
    notes: list[str],
    budget: RoadBudget,
    stock: tuple[StockBook, StockBook | None] | None,
    clock: SearchClock,
) -> tuple[list[TruckRoute], list[Unserved], RoadNote]:
    """The loads taken off full roads, sent another way on the trucks' hours left, or road_full.

    Returns every route of the day (the trucks that made more trips, then the new ones),
    what stays undelivered, and the note on the full roads, in full and in brief
    (:mod:`~supplyline.routing.road_note`; the full one is added to ``notes``).

    Each round searches a quarter of the time limit, within the day's deadline
    (:mod:`~supplyline.routing.road_repair`), and adds a note naming the full roads.
    ``stock``: what each depot holds for its trucks and what it spares still beyond the
    plan's own legs (plan mode), else None.
    """

    def solve(
        parts: Sequence[DeliveryRequest],
        idle: Sequence[FleetGroup],
        chunks: Sequence[Chunk],
        loaded: RoadMatrix,
        graph: DayGraph,
        used: Mapping[str, int],
        shifts: Mapping[str, tuple[int, int]],
    ) -> tuple[list[TruckRoute], list[Chunk], dict[int, Taken]]:
        quick = replace(params, router=clock.router(LATER_SHARE))  # within the day's deadline
        more, left, extra, dropped = _solve(
            scenario, parts, idle, chunks, loaded, quick, None, used, roads=(budget, graph),
            shifts=shifts,
        )  # fmt: skip
        notes.extend(extra)
        return more, left, dropped

    taken = sum(o.req.tonnes for o in off)
    routes, lost = repair(
        scenario, off, (groups, km, budget, day), routes, solve,
        rounds=_REPAIR_ROUNDS, multi_trip=params.multi_trip,
        held_t=None if stock is None else stock[0], spare_t=None if stock is None else stock[1],
    )  # fmt: skip
    note = road_note(list(budget.full.values()), day, taken, sum(u.tonnes for u in lost))
    notes.append(note[0])
    return routes, lost, note


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
    road_plan_t: Mapping[RoadWay, float] | None = None,
    road_claims: Mapping[tuple[RoadWay, LocationId], float] | None = None,
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
    scenario's stocks, after the day's on-site draws; earlier days' truck-loads are taken
    off only in ``held_t``: :func:`~supplyline.routing.demand_depot_days.demand_day_stock`
    gives it): ``Routes.depot_short`` lists each depot and commodity the loads ask more
    of (:mod:`~supplyline.routing.depot_stock`). With ``on_site`` the caller knows the
    stocks and checks (:func:`~supplyline.routing.depot_stock.with_depot_check`).

    ``depot_stock`` is what each depot holds for its trucks that day, as the caller knows
    it (the movement plan's, :func:`~supplyline.routing.depot_days.plan_day_stock`):
    then the routes respect it. The loads are split among the depots that hold them
    (:func:`~supplyline.routing.depot_share.share_stock`), a truck carries only what its
    depot holds, and what no depot that reaches the unit holds is unserved,
    ``depot_short``, with the figures (and in ``Routes.depot_short``, per depot).

    ``road_plan_t`` is what the movement plan's road movements the trucks do not carry
    take of each road direction's capacity, by ``(link, from, to)``
    (:func:`~supplyline.routing.plan_roads.plan_road_tonnes`): the trucks get the rest.
    A road's capacity is counted on the day the goods set out on it (``day`` less its
    ``transit_days``), as the plan counts it.

    ``road_claims`` is what the plan's road legs the trucks carry bring over each road
    direction to each unit place, by ``((link, from, to), place)``
    (:func:`~supplyline.routing.plan_roads.plan_road_claims`): where the trucks would
    overfill a road, the loads to a place beyond what the plan sent it over that road come
    off first, so the plan's own loads keep the road and the others go round.

    The arguments are checked before any work: a wrong kind or a day outside the
    horizon is an ArgumentError, a unit, location or commodity the scenario lacks a
    ScenarioError (:mod:`~supplyline.routing.scenario_fit`).

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
    plan_t = _checked_plan_t(scenario, road_plan_t)
    claims = _checked_claims(scenario, road_claims)
    params = params or ConvoyParams()
    t0 = time.perf_counter()
    # one deadline for the day's work from here: the fitting and the models count too
    clock = SearchClock(params.router)
    requests = [r for r in checked_requests(scenario, requests) if r.tonnes >= params.min_load_t]
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
            units=len(scenario.units),
        )  # fmt: skip
        return _checked(nothing, depot_t, respected)
    groups = [g for g in scenario.fleet if g.count > 0]
    requests = split_by_cargo(scenario, requests)  # one cargo class a request (carries)
    ids = [*(g.depot for g in groups), *(r.location for r in requests)]
    km = road_matrix(scenario, ids, day=day)
    pinned: list[LocationId | None] = [None] * len(requests)
    unserved: list[Unserved] = []
    spare: StockBook | None = None
    if depot_stock is not None and groups:
        # the one rule reach shares the depots' stock by too (routing.depot_share)
        alloc = share_stock(
            scenario, requests, depot_stock.held_t, day, groups, km, spare_t=depot_stock.spare_t
        )
        if depot_stock.spare_t is not None:  # the repair's other depots give within it
            spare = spare_left(depot_stock.spare_t, requests, alloc)
        requests, pinned, unserved = list(alloc.requests), list(alloc.depots), [*alloc.unserved]
        respected = (depot_stock, alloc)
    chunks, more, bounds = plan_chunks(
        requests, groups, km, scenario, multi_trip=params.multi_trip, day=day, pinned=pinned
    )
    # more than the trucks can bring a day, each unit or all of them (routing.fleet_cap)
    chunks, beyond = within_caps(chunks, bounds, groups, km, _service_h(scenario))
    unserved += more
    notes = uncarried_note(unserved)  # the split notes go first once the stops are known
    if not chunks:
        none_routed = Routes(
            scenario=scenario.name, day=day, date=date, status=RouteStatus.PARTIAL,
            unserved=tuple(unserved), on_site=on_site, source=source,
            solve_s=time.perf_counter() - t0,
            notes=tuple(notes),
        )  # fmt: skip
        return _checked(none_routed, depot_t, respected)
    roads = (RoadBudget(scenario, day, plan_t, claims), DayGraph(scenario, day))
    first = replace(params, router=clock.router(1.0))  # what the fitting left of the limit
    routes, left, said, dropped = _solve(
        scenario, requests, groups, chunks, km, first, on_best, roads=roads
    )
    left += beyond
    repacked = any(c.mixed for c in left)
    if repacked:  # the estimate of room was wrong: most urgent first
        chunks, _, bounds = plan_chunks(
            requests, groups, km, scenario, multi_trip=params.multi_trip, day=day,
            pinned=pinned, mix=False,
        )  # fmt: skip
        chunks, beyond = within_caps(chunks, bounds, groups, km, _service_h(scenario))
        roads = (RoadBudget(scenario, day, plan_t, claims), DayGraph(scenario, day))
        again = replace(params, router=clock.router(1.0))
        routes, left, said, dropped = _solve(
            scenario, requests, groups, chunks, km, again, on_best, roads=roads
        )
        left += beyond
    notes += said
    briefs: tuple[tuple[str, str], ...] = ()
    off = offs_of(scenario, requests, chunks, dropped, pinned)
    idle = idle_groups(groups, routes) if left and params.idle_round else []
    if idle:
        more_routes, lost, more_off = _idle_round(
            scenario, requests, (left, bounds, pinned), idle, km, params, routes, day, notes,
            roads, clock,
        )  # fmt: skip
        routes += more_routes
        unserved += lost
        off += more_off
    else:
        unserved += left_out(
            requests, left, bounds, again=routes if repacked else None, routes=routes
        )
    if off:
        stock = None if depot_stock is None else (dict(depot_stock.held_t), spare)
        routes, lost, (whole, brief) = _repair(
            scenario, off, groups, km, params, routes, day, notes, roads[0], stock, clock
        )
        unserved += lost
        briefs = ((whole, brief),) if brief != whole else ()
    notes[:0] = split_notes(chunks, routes, again=repacked)  # as the planner sees the stops
    estimated = _estimated_legs(routes, km)
    if estimated:
        notes.append(
            f"no road that way in the scenario, distance estimated as great circle × "
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
            road_loads=roads[0].loads(),
            brief_notes=briefs,
        ),
        depot_t,
        respected,
    )

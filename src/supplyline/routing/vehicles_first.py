"""Vehicles first (the hierarchical objective): the fewest vehicles, then distance.

Split from :mod:`supplyline.routing.solver` (the only other module that imports PyVRP);
used there for single-type problems without optional clients when
``RouterParams.vehicles_first`` is set. The search: a start that pays a vehicle price
above any distance, then rounds that drop a route and try to serve every client with
one vehicle fewer, then distance with the smallest fleet found.
"""

from __future__ import annotations

import time

from pyvrp import Client, ProblemData, Result, Route, Solution, SolveParams, solve
from pyvrp.stop import FirstFeasible, MaxRuntime, MultipleCriteria

from supplyline.routing.problem import RouterParams

__all__ = ["solve_vehicles_first"]


def _clients_of(route: Route) -> list[int]:
    return [int(a.idx) for a in route.schedule() if a.is_client()]


def _lower_bound(data: ProblemData) -> int:
    """Vehicles needed by load alone: ceil(total demand / capacity), the strongest dimension."""
    vt = data.vehicle_type(0)
    bound = 1
    for dim in range(data.num_load_dimensions):
        demand = sum(int(c.delivery[dim]) for c in data.clients())
        bound = max(bound, -(-demand // max(1, int(vt.capacity[dim]))))
    return bound


def _optional(data: ProblemData, prize: int) -> ProblemData:
    """The same problem with every client optional, worth ``prize`` when served."""
    clients = [
        Client(
            location=c.location,
            delivery=list(c.delivery),
            pickup=list(c.pickup),
            service_duration=c.service_duration,
            tw_early=c.tw_early,
            tw_late=c.tw_late,
            release_time=c.release_time,
            prize=prize,
            required=False,
            name=c.name,
        )
        for c in data.clients()
    ]
    return data.replace(clients=clients)


class _AllServed:
    """Stop once the best feasible solution leaves no prize uncollected (cost < one prize)."""

    def __init__(self, prize: int) -> None:
        self._prize = prize

    def __call__(self, best_cost: int) -> bool:
        return best_cost < self._prize


def _attempt(
    smaller: ProblemData, keep: list[Route], prize: int, budget: float, seed: int
) -> Solution:
    """One try at serving every client with the smaller fleet.

    Half the time with every client optional at a prize above any distance: the search
    stays feasible and packs in as many clients as it can (the ejection pool of
    route-minimisation heuristics). The other half forces the rest in from that best
    partial solution, with time warp penalised, which is a much shorter way to go than
    from the whole dropped route.
    """
    t0 = time.perf_counter()
    loose = _optional(smaller, prize)
    init = Solution(loose, [Route(loose, _clients_of(r), 0) for r in keep])
    stop = MultipleCriteria([_AllServed(prize), MaxRuntime(0.5 * budget)])
    part = solve(
        loose, stop, seed=seed, collect_stats=False, display=False, initial_solution=init
    ).best
    init_routes = [_clients_of(r) for r in part.routes()]
    init = Solution(smaller, [Route(smaller, c, 0) for c in init_routes])
    rest = max(0.0, budget - (time.perf_counter() - t0))
    if init.is_feasible() and init.is_complete():
        return init
    stop = MultipleCriteria([FirstFeasible(), MaxRuntime(rest)])
    return solve(
        smaller, stop, seed=seed, collect_stats=False, display=False, initial_solution=init
    ).best


def _fewer_vehicles(
    data: ProblemData, best: Solution, deadline: float, seed: int, slice_s: float
) -> Solution:
    """Drop a route and search for a feasible fleet one smaller, until time is up.

    The standard way to put vehicles first (as PyVRP's ``minimise_fleet``), but
    warm-started from the best solution so far, and in short attempts: when one fails
    within ``slice_s``, the next drops another route (next smallest) with another seed,
    which finds more reductions than one long attempt. It stops at the load lower bound.
    """
    vt = data.vehicle_type(0)
    floor = _lower_bound(data)
    prize = _vehicle_price(data)
    attempt = 0
    while best.is_feasible() and best.num_routes() > floor and time.perf_counter() < deadline:
        fleet = best.num_routes() - 1
        smaller = data.replace(vehicle_types=[vt.replace(num_available=fleet)])
        order = sorted(best.routes(), key=lambda r: r.num_clients())
        drop = attempt % len(order)
        keep = [r for k, r in enumerate(order) if k != drop]
        budget = max(0.0, min(slice_s, deadline - time.perf_counter()))
        found = _attempt(smaller, keep, prize, budget, seed + attempt)
        if found.is_feasible() and found.num_clients() == data.num_clients:
            best = Solution(data, [Route(data, _clients_of(r), 0) for r in found.routes()])
            attempt = 0
        else:
            attempt += 1
    return best


def _vehicle_price(data: ProblemData) -> int:
    """A fixed cost per vehicle above any distance a solution can save by using one more.

    Serving every client on its own out-and-back trip from the first depot bounds the
    distance of any sensible solution, so with this price one vehicle fewer always wins:
    the hierarchical objective inside a single search.
    """
    dist = data.distance_matrix(0)
    depot = data.vehicle_type(0).start_depot
    first = data.num_depots
    total = sum(
        int(dist[depot, i]) + int(dist[i, depot]) for i in range(first, first + data.num_clients)
    )
    return max(1, total)


def solve_vehicles_first(data: ProblemData, params: RouterParams, ils: SolveParams) -> Result:
    """Vehicles first: a priced start, fleet minimisation, then distance with that fleet.

    30 % of the time goes to a start that pays a vehicle price above any distance, the
    fleet minimisation runs until 90 % (or the load lower bound), the rest is distance.
    """
    t0 = time.perf_counter()
    limit = params.time_limit_s
    vt = data.vehicle_type(0)
    priced = data.replace(vehicle_types=[vt.replace(fixed_cost=_vehicle_price(data))])
    first = solve(
        priced,
        MaxRuntime(0.30 * limit),
        seed=params.seed,
        collect_stats=False,
        display=False,
        params=ils,
    )
    start = Solution(data, [Route(data, _clients_of(r), 0) for r in first.best.routes()])
    slice_s = max(1.0, 0.15 * limit)
    best = _fewer_vehicles(data, start, t0 + 0.90 * limit, params.seed, slice_s)
    fleet = data.replace(
        vehicle_types=[data.vehicle_type(0).replace(num_available=best.num_routes())]
    )
    init = Solution(fleet, [Route(fleet, _clients_of(r), 0) for r in best.routes()])
    rest = max(0.01, t0 + limit - time.perf_counter())
    last = solve(
        fleet,
        MaxRuntime(rest),
        seed=params.seed,
        collect_stats=False,
        display=False,
        params=ils,
        initial_solution=init,
    )
    final = last.best if last.best.is_feasible() else best
    final = Solution(data, [Route(data, _clients_of(r), 0) for r in final.routes()])
    return Result(
        final, first.stats, first.num_iterations + last.num_iterations, time.perf_counter() - t0
    )

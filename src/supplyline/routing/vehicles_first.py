"""Vehicles first (the hierarchical objective): the fewest vehicles, then distance.

Split from :mod:`supplyline.routing.solver` (the only other module that imports PyVRP);
used there for single-type problems without optional clients when
``RouterParams.vehicles_first`` is set. The search: a start that pays a vehicle price
above any distance, then rounds that drop a route and try to serve every client with
one vehicle fewer, then distance with the smallest fleet found.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import time
import traceback
from multiprocessing.connection import Connection

import numpy as np
from pyvrp import (
    Client,
    PenaltyParams,
    ProblemData,
    Result,
    Route,
    Solution,
    SolveParams,
    solve,
)
from pyvrp.stop import FirstFeasible, MaxRuntime, MultipleCriteria

from supplyline.routing.problem import RouterParams
from supplyline.routing.seeds import derived_seed

log = logging.getLogger(__name__)

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
        found = _attempt(smaller, keep, prize, budget, derived_seed(seed, attempt))
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


_BOLD_MAX_PENALTY = 300.0
"""Cap on the bold search's time-warp penalty, per unit of time warp, in units of the cost
of the distance travelled in that time. PyVRP's cap (100 000) and starting midpoint are
far above a vehicle's price in time-warp terms, so its short searches rarely cross the
infeasible region where a route can be emptied. Measured at 9 s on the eight hard
R1/RC1 instances: a cap of 300 reaches the best-known fleet on 3 (1 000: 1; 100 000: 0);
150 often finds no feasible solution at all."""


def _bold(data: ProblemData, ils: SolveParams) -> SolveParams:
    """Search parameters with cheap time warp and quick penalty updates (see above)."""
    dist = np.asarray(data.distance_matrix(0), dtype=float)
    dur = np.asarray(data.duration_matrix(0), dtype=float)
    speed = float(dist.mean() / dur.mean()) if dur.mean() > 0 else 1.0
    penalty = PenaltyParams(
        solutions_between_updates=100, max_penalty=_BOLD_MAX_PENALTY * max(speed, 1e-9)
    )
    return _with(ils, penalty=penalty)


def _with(base: SolveParams, /, **changes: object) -> SolveParams:
    """``base`` with some of its parts replaced (SolveParams has no ``replace`` of its own)."""
    parts: dict[str, object] = {
        "ils": base.ils,
        "penalty": base.penalty,
        "neighbourhood": base.neighbourhood,
        "operators": base.operators,
        "perturbation": base.perturbation,
    }
    parts.update(changes)
    return SolveParams(**parts)  # type: ignore[arg-type]


def _search(
    data: ProblemData, params: RouterParams, ils: SolveParams, seed: int, *, bold: bool = False
) -> Result:
    """One vehicles-first search (seed ``seed``): priced start, fleet minimisation, distance.

    Steady (the default): 30 % of the time goes to a start that pays a vehicle price above
    any distance, the fleet minimisation runs until 90 % (or the load lower bound), the
    rest is distance. Bold: the priced search alone, with cheap time warp
    (:func:`_bold`), until 85 %, then distance; it empties routes the steady search keeps
    on the tight-window instances, but may end infeasible, so it is the second worker of
    a portfolio, never the only search.
    """
    t0 = time.perf_counter()
    limit = params.time_limit_s
    vt = data.vehicle_type(0)
    priced = data.replace(vehicle_types=[vt.replace(fixed_cost=_vehicle_price(data))])
    first = solve(
        priced,
        MaxRuntime((0.85 if bold else 0.30) * limit),
        seed=seed,
        collect_stats=False,
        display=False,
        params=_bold(data, ils) if bold else ils,
    )
    best = Solution(data, [Route(data, _clients_of(r), 0) for r in first.best.routes()])
    if not bold:
        best = _fewer_vehicles(data, best, t0 + 0.90 * limit, seed, max(1.0, 0.15 * limit))
    fleet = data
    if best.is_feasible():
        fleet = data.replace(vehicle_types=[vt.replace(num_available=best.num_routes())])
    init = Solution(fleet, [Route(fleet, _clients_of(r), 0) for r in best.routes()])
    rest = max(0.01, t0 + limit - time.perf_counter())
    last = solve(
        fleet,
        MaxRuntime(rest),
        seed=seed,
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


_SEED_STRIDE = 7919
"""Seeds of the portfolio's workers: ``seed + k * stride`` (apart, so no two coincide)."""


def _quiet(ils: SolveParams) -> SolveParams:
    """The same search parameters without callbacks (they belong to the parent's face)."""
    return _with(ils, ils=dataclasses.replace(ils.ils, callbacks=None))


def _worker(
    data: ProblemData,
    params: RouterParams,
    ils: SolveParams,
    seed: int,
    bold: bool,
    out: Connection,
) -> None:
    """A portfolio member (child process): send back its routes as client indices.

    An exception is sent back as its traceback text, for the parent to log: the parent's
    own search still gives an answer, and the failure is not lost.
    """
    try:
        res = _search(data, params, ils, seed, bold=bold)
        out.send(([_clients_of(r) for r in res.best.routes()], res.num_iterations))
    except Exception:
        out.send(traceback.format_exc())
    finally:
        out.close()


def _better(a: Solution, b: Solution) -> bool:
    """Whether ``a`` beats ``b``: feasible first, then fewer vehicles, then distance."""
    key_a = (not a.is_feasible(), a.num_routes(), a.distance())
    key_b = (not b.is_feasible(), b.num_routes(), b.distance())
    return key_a < key_b


def _portfolio(data: ProblemData, params: RouterParams, ils: SolveParams) -> Result:
    """``params.workers`` independent searches with different seeds, the best kept.

    The parent runs one search itself and forks the others (fork: no re-import, no
    pickling of the problem, a few milliseconds), so the wrapper's overhead stays small.
    Fleet minimisation succeeds or not by luck of the seed on the hard instances, so
    independent tries on the spare cores raise the chance that one reaches the fleet.
    """
    t0 = time.perf_counter()
    ctx = multiprocessing.get_context("fork")
    quiet = _quiet(ils)
    children = []
    for k in range(1, params.workers):
        recv, send = ctx.Pipe(duplex=False)
        seed = derived_seed(params.seed, k * _SEED_STRIDE)
        args = (data, params, quiet, seed, k % 2 == 1, send)
        proc = ctx.Process(target=_worker, args=args, daemon=True)
        proc.start()
        send.close()
        children.append((proc, recv))
    own = _search(data, params, ils, params.seed)
    best, iters = own.best, own.num_iterations
    for proc, recv in children:
        wait = max(0.0, t0 + params.time_limit_s + 1.0 - time.perf_counter())
        try:
            got = recv.recv() if recv.poll(wait) else None
        except EOFError:  # the child died without a word (killed): keep the others
            got = None
        recv.close()
        proc.join(0.5)
        if proc.is_alive():
            proc.terminate()
            proc.join()
        if got is None:
            continue
        if isinstance(got, str):
            log.warning("a vehicles-first worker failed; its search is left out:\n%s", got)
            continue
        routes, n = got
        other = Solution(data, [Route(data, c, 0) for c in routes])
        iters += n
        if _better(other, best):
            best = other
    return Result(best, own.stats, iters, time.perf_counter() - t0)


def solve_vehicles_first(data: ProblemData, params: RouterParams, ils: SolveParams) -> Result:
    """Vehicles first, in ``params.workers`` processes where the platform can fork.

    One worker: a single search (:func:`_search`); more: a portfolio (:func:`_portfolio`).
    """
    if params.workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _portfolio(data, params, ils)
    return _search(data, params, ils, params.seed)

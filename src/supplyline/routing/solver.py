"""The PyVRP wrapper (with :mod:`.vehicles_first`): turn a :class:`VrpProblem` into routes.

Everything that routes (a scenario's convoys, the VRPLIB/Solomon benchmark) goes through
:func:`solve_vrp`, so what the benchmarks measure is what users get.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from pyvrp import (
    Activity,
    ActivityType,
    Client,
    CostEvaluator,
    Depot,
    IteratedLocalSearchCallbacks,
    IteratedLocalSearchParams,
    Location,
    ProblemData,
    Result,
    Route,
    Solution,
    SolveParams,
    VehicleType,
    solve,
)
from pyvrp.exceptions import PenaltyBoundWarning
from pyvrp.search import NeighbourhoodParams
from pyvrp.stop import MaxIterations, MaxRuntime, MultipleCriteria, NoImprovement
from pyvrp.stop import StoppingCriterion as _Stop

from supplyline.errors import SolverError
from supplyline.routing.fewer_trucks import with_fewer_trucks
from supplyline.routing.new_trips import with_new_trips
from supplyline.routing.penalties import prize_penalties
from supplyline.routing.problem import (
    NO_LIMIT,
    IntArray,
    RouterParams,
    VrpProblem,
    VrpRoute,
    VrpSolution,
)
from supplyline.routing.vehicles_first import solve_vehicles_first

__all__ = ["BestCallback", "build_problem_data", "reschedule", "solve_vrp"]

BestCallback = Callable[[int, float], None]
"""Called with (best cost, seconds since start) each time the search finds a better solution."""

_CAP_LIMIT = 1 << 44
"""Largest capacity or window bound handed to PyVRP; "unbounded" becomes this."""


def _clamp(value: int) -> int:
    return min(int(value), _CAP_LIMIT) if value != NO_LIMIT else _CAP_LIMIT


def _matrices(mats: tuple[IntArray, ...]) -> list[Any]:
    return [np.ascontiguousarray(m, dtype=np.int64) for m in mats]


def build_problem_data(problem: VrpProblem) -> ProblemData:
    """The PyVRP ``ProblemData`` of a problem (depots first, then clients, same order).

    >>> from supplyline.routing.problem import VehicleSpec
    >>> import numpy as np
    >>> p = VrpProblem(num_depots=1, demand=np.array([[0], [1]]), tw_early=np.zeros(2, int),
    ...     tw_late=np.full(2, 100), service=np.zeros(2, int),
    ...     distance=(np.array([[0, 5], [5, 0]]),), duration=(np.array([[0, 5], [5, 0]]),),
    ...     vehicles=(VehicleSpec(name="v", count=1, capacity=(1,)),))
    >>> build_problem_data(p).num_clients
    1
    """
    coords = problem.coords
    n = problem.num_nodes
    locations = [
        Location(
            x=float(coords[i, 0]) if coords is not None else 0.0,
            y=float(coords[i, 1]) if coords is not None else 0.0,
            name=problem.names[i] if i < len(problem.names) else "",
        )
        for i in range(n)
    ]
    depots = [
        Depot(
            location=i,
            tw_early=int(problem.tw_early[i]),
            tw_late=_clamp(int(problem.tw_late[i])),
        )
        for i in range(problem.num_depots)
    ]
    prize = problem.prize
    clients = [
        Client(
            location=i,
            delivery=[int(x) for x in problem.demand[i]],
            service_duration=int(problem.service[i]),
            tw_early=int(problem.tw_early[i]),
            tw_late=_clamp(int(problem.tw_late[i])),
            prize=int(prize[i]) if prize is not None else 0,
            required=prize is None,
        )
        for i in range(problem.num_depots, n)
    ]
    vehicle_types = [
        VehicleType(
            num_available=v.count,
            capacity=[_clamp(c) for c in v.capacity],
            start_depot=v.depot,
            end_depot=v.depot,
            fixed_cost=v.fixed_cost,
            tw_early=v.tw_early,
            tw_late=_clamp(v.tw_late),
            shift_duration=_clamp(v.max_duration),
            unit_distance_cost=v.unit_distance_cost,
            profile=v.profile,
            reload_depots=[v.depot] if v.reload else [],
            name=v.name,
        )
        for v in problem.vehicles
        if v.count > 0
    ]
    if not vehicle_types:
        raise ValueError("no vehicle in the problem (every count is 0)")
    return ProblemData(
        locations=locations,
        clients=clients,
        depots=depots,
        vehicle_types=vehicle_types,
        distance_matrices=_matrices(problem.distance),
        duration_matrices=_matrices(problem.duration),
    )


class _OnBest(IteratedLocalSearchCallbacks):
    def __init__(self, callback: BestCallback, zero: CostEvaluator, dims: int) -> None:
        self._callback = callback
        self._zero = zero
        self._dims = dims
        self._t0 = time.perf_counter()

    def on_best(self, best: Solution) -> None:
        if best.is_feasible():
            self._callback(int(self._zero.cost(best)), time.perf_counter() - self._t0)


def _search_params(
    problem: VrpProblem, params: RouterParams, callbacks: IteratedLocalSearchCallbacks | None
) -> SolveParams:
    """PyVRP's defaults, except a smaller neighbourhood and history without time windows.

    Measured on the CVRPLIB X set at 10 s (interleaved runs, same seeds): 30 neighbours and
    a history of 100 roughly halve the gap there, while on Solomon (time windows) PyVRP's
    defaults are as good or better, so they stay.
    """
    windows = bool(np.any(problem.tw_early != 0) or np.any(problem.tw_late != NO_LIMIT))
    neighbours = params.num_neighbours or (50 if windows else 30)
    history = params.history_length or (300 if windows else 100)
    ils = IteratedLocalSearchParams(history_length=history, callbacks=callbacks)  # type: ignore[arg-type]
    near = NeighbourhoodParams(num_neighbours=neighbours)
    penalty = prize_penalties(problem)
    if penalty is None:
        return SolveParams(ils=ils, neighbourhood=near)
    return SolveParams(ils=ils, neighbourhood=near, penalty=penalty)


def _stopping(params: RouterParams) -> _Stop:
    criteria: list[_Stop] = [MaxRuntime(params.time_limit_s)]
    if params.max_iterations is not None:
        criteria.append(MaxIterations(params.max_iterations))
    if params.no_improvement is not None:
        criteria.append(NoImprovement(params.no_improvement))
    return criteria[0] if len(criteria) == 1 else MultipleCriteria(criteria)


def _extract(problem: VrpProblem, solution: Solution, kept: list[int]) -> list[VrpRoute]:
    """Routes in the problem's terms; ``kept`` maps PyVRP vehicle types to our vehicles."""
    d = problem.num_depots
    routes = []
    for route in solution.routes():
        visits: list[int] = []
        starts: list[int] = []
        arrivals: list[int] = []
        schedule = route.schedule()
        for k, act in enumerate(schedule):
            if act.is_client():
                node = d + int(act.idx)
            elif act.is_depot() and 0 < k < len(schedule) - 1:
                node = int(act.idx)  # a reload stop
            else:
                continue
            visits.append(node)
            starts.append(int(act.start_time))
            arrivals.append(int(act.start_time) - int(act.wait_duration))
        routes.append(
            VrpRoute(
                vehicle=kept[route.vehicle_type()],
                visits=tuple(visits),
                service_start=tuple(starts),
                arrival=tuple(arrivals),
                start=int(route.start_time()),
                end=int(route.end_time()),
                distance=int(route.distance()),
            )
        )
    return routes


def _initial(
    data: ProblemData,
    problem: VrpProblem,
    kept: list[int],
    routes: Sequence[tuple[int, Sequence[int]]],
) -> Solution:
    """A PyVRP solution from (vehicle, nodes) routes; depot nodes in the middle are reloads."""
    d = problem.num_depots
    out = []
    for vehicle, nodes in routes:
        acts = [
            Activity(ActivityType.DEPOT, n) if n < d else Activity(ActivityType.CLIENT, n - d)
            for n in nodes
        ]
        out.append(Route(data, acts, kept.index(vehicle)))
    return Solution(data, out)


def solve_vrp(
    problem: VrpProblem,
    params: RouterParams | None = None,
    *,
    on_best: BestCallback | None = None,
    initial: Sequence[tuple[int, Sequence[int]]] | None = None,
) -> VrpSolution:
    """Solve a routing problem with PyVRP's iterated local search.

    A solution that breaks a hard constraint is returned with ``feasible=False`` (the
    caller decides what that means); clients on no route are listed in ``unserved``.
    ``initial`` routes, as (vehicle index, nodes with depots for reloads), start the search.

    Raises
    ------
    SolverError
        When PyVRP rejects the instance (a bug in the builder, not the user's input).
    """
    params = params or RouterParams()
    t0 = time.perf_counter()
    kept = [i for i, v in enumerate(problem.vehicles) if v.count > 0]
    try:
        data = build_problem_data(problem)
    except (ValueError, OverflowError) as error:
        raise SolverError(f"the routing solver rejected the instance: {error}") from error
    zero = CostEvaluator([0] * data.num_load_dimensions, 0, 0)
    callbacks = _OnBest(on_best, zero, data.num_load_dimensions) if on_best is not None else None
    search = _search_params(problem, params, callbacks)
    build_s = time.perf_counter() - t0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if params.vehicles_first and data.num_vehicle_types == 1 and problem.prize is None:
            result = solve_vehicles_first(data, params, search)
            best, runtime, iterations = result.best, result.runtime, result.num_iterations
        else:
            start = _initial(data, problem, kept, initial) if initial else None
            best, runtime, iterations = _search(data, problem, params, search, start)
    t1 = time.perf_counter()
    routes = _extract(problem, best, kept)
    visited = {v for r in routes for v in r.visits if v >= problem.num_depots}
    unserved = tuple(i for i in range(problem.num_depots, problem.num_nodes) if i not in visited)
    feasible = bool(best.is_feasible())
    return VrpSolution(
        routes=tuple(routes),
        unserved=unserved,
        feasible=feasible,
        cost=int(zero.cost(best)) if feasible else NO_LIMIT,
        distance=int(best.distance()),
        runtime_s=float(runtime),
        iterations=int(iterations),
        build_s=build_s,
        extract_s=time.perf_counter() - t1,
        notes=_notes(caught, feasible),
    )


def _search(
    data: ProblemData,
    problem: VrpProblem,
    params: RouterParams,
    search: SolveParams,
    start: Solution | None,
) -> tuple[Solution, float, int]:
    """PyVRP's search, and for a model with prizes on from the loads it left out as new trips.

    A model with prizes starts from no routes where no ``start`` is given (no greedy
    route fits): PyVRP's own start puts loads on trucks at random and, where the prizes
    outweighed its costs for the limits those routes break, kept them as its best (a
    truck 2 s over its drivers' hours by float noise was a ``SolverError``:
    ``tests/routing/test_whole_seconds.py``). Its search never opens a trip for a load it
    left out (:mod:`.new_trips`): the start gets the loads that fit as trips of their own
    (a greedy start adds trips only after a truck's others: a truck kept its 4.7 t due at
    19.5 h, left the 2.8 t a trip before it would have carried, and the search went on
    to two lighter loads in the morning); and while a load left out fits as a trip of its
    own and the routes with it are better (a prize more for some km), they start the
    search again, within what is left of the time limit and of ``max_iterations``; so do
    the routes with a truck's trips moved into the others' days where that saves its fixed
    cost (:mod:`.fewer_trucks`: a truck sent out for one load in a window stayed out). Each
    round is better than the last, so the rounds end. Returns the best routes, the
    seconds searched and the iterations.
    """
    if problem.prize is not None:
        if start is None:
            start = Solution(data, [])  # every stop optional: no routes break a limit
        start = with_new_trips(data, start) or start
    result = _one_search(data, params, search, start)
    best, runtime, iterations = result.best, float(result.runtime), int(result.num_iterations)
    zero = CostEvaluator([0] * data.num_load_dimensions, 0, 0)
    while problem.prize is not None and best.is_feasible():
        more = _better(zero, best, with_new_trips(data, best))
        more = more or _better(zero, best, with_fewer_trucks(data, best))
        if more is None:
            break
        best = more
        rest = _rest(params, runtime, iterations)
        if rest is None:
            break
        result = _one_search(data, rest, search, more)
        runtime += float(result.runtime)
        iterations += int(result.num_iterations)
        best = _better(zero, best, result.best) or best
    return best, runtime, iterations


def _one_search(
    data: ProblemData, params: RouterParams, search: SolveParams, start: Solution | None
) -> Result:
    """One run of PyVRP's search from ``start`` within ``params``' limits, quietly."""
    return solve(
        data,
        stop=_stopping(params),
        seed=params.seed,
        collect_stats=False,
        display=False,
        params=search,
        initial_solution=start,
    )


def _better(zero: CostEvaluator, best: Solution, more: Solution | None) -> Solution | None:
    """``more`` where it costs less than ``best``, else None."""
    return more if more is not None and zero.cost(more) < zero.cost(best) else None


def _rest(params: RouterParams, runtime: float, iterations: int) -> RouterParams | None:
    """The limits left after searching ``runtime`` seconds and ``iterations``; None: none."""
    seconds = params.time_limit_s - runtime
    if seconds <= 0.0:
        return None
    if params.max_iterations is None:
        return replace(params, time_limit_s=seconds)
    if iterations >= params.max_iterations:
        return None
    return replace(params, time_limit_s=seconds, max_iterations=params.max_iterations - iterations)


def _notes(caught: Sequence[warnings.WarningMessage], feasible: bool) -> tuple[str, ...]:
    """PyVRP's warnings as notes for the user, each once, without its tuning advice.

    Its penalty warning ("PyVRP struggles to find a feasible solution ... consider
    increasing PenaltyParams.max_penalty") names a knob the user does not have, and a
    transport officer read it as "no routes may exist" beside routes that kept every limit:
    it is left out when the routes are feasible, and said in our words when not.
    """
    said: list[str] = []
    for w in caught:
        if issubclass(w.category, PenaltyBoundWarning):
            if feasible:
                continue
            said.append(
                "the route search found no routes that keep every limit (payload, volume, "
                "hours, receiving windows) within its time"
            )
        else:
            said.append(" ".join(str(w.message).split()))
    return tuple(dict.fromkeys(said))


def reschedule(
    problem: VrpProblem, routes: Sequence[tuple[int, Sequence[int]]]
) -> list[VrpRoute | None]:
    """Each route's schedule as PyVRP times it, or None where it breaks a hard constraint.

    ``routes`` are (vehicle index, nodes with depots for reloads), as ``initial`` of
    :func:`solve_vrp`. Used when loads are taken off routes the search returned (a road
    they would overfill, :mod:`~supplyline.routing.road_load`): the trucks' hours and
    arrivals are then PyVRP's own, not a second timing of ours.
    """
    kept = [i for i, v in enumerate(problem.vehicles) if v.count > 0]
    try:
        data = build_problem_data(problem)
    except (ValueError, OverflowError) as error:
        raise SolverError(f"the routing solver rejected the instance: {error}") from error
    out: list[VrpRoute | None] = []
    for vehicle, nodes in routes:
        solution = _initial(data, problem, kept, [(vehicle, nodes)])
        (route,) = solution.routes()
        out.append(_extract(problem, solution, kept)[0] if route.is_feasible() else None)
    return out

"""A greedy first solution: fill each truck's trips in order of prize, reloading when full.

PyVRP's search inserts an optional stop only where it fits as it is; it does not open a
new trip (a reload at the depot) to make room. Starting it from routes that already use
the trucks' second and third trips lets it improve those instead of never finding them.
The result is feasible by construction (capacity, windows, hours, day), in the problem's
own integer units.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from supplyline.routing.problem import VrpProblem

__all__ = ["greedy_routes"]


@dataclass
class _Truck:
    vehicle: int
    nodes: list[int] = field(default_factory=list)
    load: np.ndarray | None = None
    time: int = 0
    start: int | None = None
    here: int = 0


def _try(problem: VrpProblem, t: _Truck, c: int, reload: bool) -> tuple[int, int] | None:
    """(service start, new load start time) if client ``c`` fits next, else None."""
    v = problem.vehicles[t.vehicle]
    dur = problem.duration[v.profile]
    depot = v.depot
    here, now = t.here, t.time
    if reload:
        now += int(dur[here, depot])
        here = depot
    if t.start is None:  # leave the depot just in time for the first window
        leave = max(v.tw_early, int(problem.tw_early[c]) - int(dur[depot, c]))
        arrive = leave + int(dur[depot, c])
    else:
        leave = t.start
        arrive = now + int(dur[here, c])
    begin = max(arrive, int(problem.tw_early[c]))
    if begin > problem.tw_late[c]:
        return None
    back = begin + int(problem.service[c]) + int(dur[c, depot])
    if back > v.tw_late or back - leave > v.max_duration:
        return None
    return begin, leave


def greedy_routes(problem: VrpProblem) -> list[tuple[int, list[int]]]:
    """Routes as (vehicle index, nodes) with depot nodes in the middle for reloads."""
    d = problem.num_depots
    order = list(range(d, problem.num_nodes))
    if problem.prize is not None:
        prize = problem.prize
        order.sort(key=lambda c: -int(prize[c]))
    trucks = [
        _Truck(vehicle=i, here=v.depot, load=np.zeros(problem.dimensions, dtype=np.int64))
        for i, v in enumerate(problem.vehicles)
        for _ in range(v.count)
    ]
    for c in order:
        for t in trucks:
            v = problem.vehicles[t.vehicle]
            assert t.load is not None
            room = np.asarray(v.capacity)
            if np.any(problem.demand[c] > room):
                continue  # not even an empty truck holds it (a cargo class it may not carry)
            fits = bool(np.all(t.load + problem.demand[c] <= room))
            reload = not fits
            if reload and (not v.reload or not t.nodes):
                continue
            got = _try(problem, t, c, reload)
            if got is None:
                continue
            begin, leave = got
            if reload:
                t.nodes.append(v.depot)
                t.load = np.zeros(problem.dimensions, dtype=np.int64)
            t.nodes.append(c)
            t.load = t.load + problem.demand[c]
            t.start, t.time, t.here = leave, begin + int(problem.service[c]), c
            break
    return [(t.vehicle, t.nodes) for t in trucks if t.nodes]

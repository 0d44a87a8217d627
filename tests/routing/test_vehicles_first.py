"""Vehicles-first mode: the fewest vehicles on small instances with a known fleet."""

from __future__ import annotations

import math

import numpy as np
import pytest

from supplyline.routing import RouterParams, solve_vrp
from supplyline.routing.problem import VehicleSpec, VrpProblem


def _ring(clients: int, capacity: int, fleet: int) -> VrpProblem:
    """A depot at the centre of a ring of unit-demand clients, wide windows."""
    pts = [(0.0, 0.0)] + [
        (10 * math.cos(2 * math.pi * k / clients), 10 * math.sin(2 * math.pi * k / clients))
        for k in range(clients)
    ]
    xy = np.array(pts)
    arcs = np.ceil(np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))).astype(int)
    n = clients + 1
    return VrpProblem(
        num_depots=1,
        demand=np.array([[0]] + [[1]] * clients),
        tw_early=np.zeros(n, int),
        tw_late=np.full(n, 10_000),
        service=np.zeros(n, int),
        distance=(arcs,),
        duration=(arcs,),
        vehicles=(VehicleSpec(name="truck", count=fleet, capacity=(capacity,)),),
    )


def test_vehicles_first_reaches_the_load_lower_bound() -> None:
    """Eight unit loads, capacity 4, eight trucks available: two routes serve everyone."""
    sol = solve_vrp(_ring(8, 4, 8), RouterParams(time_limit_s=1.0, seed=3, vehicles_first=True))
    assert (sol.feasible, len(sol.routes), sol.unserved) == (True, 2, ())


def test_portfolio_of_two_workers_reaches_the_load_lower_bound() -> None:
    """Two processes (steady + bold search), the best kept: still two routes, all served."""
    params = RouterParams(time_limit_s=1.0, seed=3, vehicles_first=True, workers=2)
    sol = solve_vrp(_ring(8, 4, 8), params)
    assert (sol.feasible, len(sol.routes), sol.unserved) == (True, 2, ())


def test_portfolio_routes_serve_every_client_once() -> None:
    """The portfolio's answer (possibly a child's routes) visits each client exactly once."""
    params = RouterParams(time_limit_s=1.0, seed=5, vehicles_first=True, workers=2)
    sol = solve_vrp(_ring(12, 4, 12), params)
    assert sorted(v for r in sol.routes for v in r.visits) == list(range(1, 13))


def test_workers_below_one_is_rejected() -> None:
    """``workers=0`` is a caller's mistake, said at construction."""
    with pytest.raises(ValueError, match="workers"):
        RouterParams(workers=0)

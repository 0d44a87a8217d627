"""When the route search stops: once it has stopped improving, or at its time limit.

A tester's 6-delivery day searched the whole 10 s default though its best routes were
found at once; the search now stops after ``RouterParams.no_improvement`` iterations
without a better solution, which must cost nothing on a small day and keep the seed's
routes the same on any machine. ``routes-bench`` keeps the whole time limit.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import star

from supplyline.routing import RouterParams, solve_vrp
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import (
    STOP_AFTER_NO_IMPROVEMENT,
    VehicleSpec,
    VrpProblem,
    VrpSolution,
)
from supplyline.services import routing as routing_service
from supplyline.services import routing_bench

_FULL = STOP_AFTER_NO_IMPROVEMENT + 1_000
"""An iteration bound past the early stop: the "full" search, reproducible (no clock)."""


def _requests(n: int) -> list[DeliveryRequest]:
    return [
        DeliveryRequest(unit=f"U{i}", location=f"L{i}", load_t={"food": 2.0 + 1.5 * i})
        for i in range(n)
    ]


def test_a_small_day_gets_the_full_searchs_routes_when_the_search_stops_early() -> None:
    """Six deliveries: stopping when the search stops improving gives the full search's routes."""
    s = star(6, 40.0, count=3, payload_t=10.0)
    reqs = _requests(6)
    full = RouterParams(time_limit_s=600, max_iterations=_FULL, no_improvement=None, seed=3)
    early = replace(full, no_improvement=STOP_AFTER_NO_IMPROVEMENT)
    a = route_day(s, reqs, day=0, params=ConvoyParams(router=full, idle_round=False))
    b = route_day(s, reqs, day=0, params=ConvoyParams(router=early, idle_round=False))
    assert [r.path for r in b.routes] == [r.path for r in a.routes]
    assert (b.total_cost, b.total_distance_km, b.delivered_t, b.unserved_t) == (
        a.total_cost,
        a.total_distance_km,
        a.delivered_t,
        a.unserved_t,
    )


def _problem(xy: list[tuple[int, int]], demand: list[int]) -> VrpProblem:
    """A depot at the origin and one client per point, 10-unit trucks, no windows."""
    pts = np.array([(0, 0), *xy], dtype=float)
    d = np.round(np.hypot(*(pts[:, None, :] - pts[None, :, :]).transpose(2, 0, 1)))
    d = d.astype(np.int64)
    n = len(pts)
    return VrpProblem(
        num_depots=1,
        demand=np.array([0, *demand], dtype=np.int64).reshape(n, 1),
        tw_early=np.zeros(n, dtype=np.int64),
        tw_late=np.full(n, 100_000, dtype=np.int64),
        service=np.zeros(n, dtype=np.int64),
        distance=(d,),
        duration=(d,),
        vehicles=(VehicleSpec(name="v", count=n - 1, capacity=(10,)),),
    )


def _shape(sol: VrpSolution) -> tuple[Any, ...]:
    return (sol.cost, sol.iterations, [(r.vehicle, r.visits) for r in sol.routes])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    clients=st.lists(
        st.tuples(st.integers(-50, 50), st.integers(-50, 50), st.integers(1, 9)),
        min_size=1,
        max_size=6,
    ),
    seed=st.integers(0, 1_000),
)
def test_a_search_stopped_for_want_of_improvement_repeats_for_its_seed(
    clients: list[tuple[int, int, int]], seed: int
) -> None:
    """Same seed, same routes and iterations, whatever the time limit, when it stops early."""
    problem = _problem([(x, y) for x, y, _ in clients], [q for _, _, q in clients])
    runs = [
        solve_vrp(problem, RouterParams(time_limit_s=limit, max_iterations=_FULL, seed=seed))
        for limit in (300.0, 600.0)
    ]
    assert runs[0].iterations < _FULL  # stopped by the early stop, not the bound
    assert _shape(runs[0]) == _shape(runs[1])


_SOLOMON = """TINY

VEHICLE
NUMBER     CAPACITY
  3         50

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      40         50          0          0       1236          0
    1      45         68         10          0       1100         10
    2      45         70         30          0       1100         10
    3      42         66         10          0       1100         10
"""


def test_routes_bench_searches_its_whole_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """routes-bench hands the router no early stop: its published figures are for the full time."""
    seen: list[RouterParams] = []
    real = routing_bench.solve_vrp

    def spy(problem: VrpProblem, params: RouterParams | None = None, **kw: Any) -> VrpSolution:
        assert params is not None
        seen.append(params)
        return real(problem, replace(params, max_iterations=50), **kw)

    monkeypatch.setattr(routing_bench, "solve_vrp", spy)
    (tmp_path / "TINY.txt").write_text(_SOLOMON)
    run = routing_service.bench_instance(tmp_path / "TINY.txt", time_limit_s=5.0)
    assert run.feasible
    assert [p.no_improvement for p in seen] == [None]

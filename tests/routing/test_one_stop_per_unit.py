"""A unit is one stop a trip: its loads on one trip are never split by another unit's.

A tester's cargo truck at ta-north served wm-inf-1, then wm-log, then wm-inf-1 again on
one trip of the bilateral example's C+14: three services (2.25 h) where two (1.5 h) do,
as the search had returned the loads in that order and only loads next to each other
were merged into one stop.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind
from supplyline.domain.routes import Routes
from supplyline.routing.convoy import ConvoyParams, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.requests import request_for
from supplyline.routing.stop_order import grouped
from supplyline.services.routing import route_scenario_day

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FAST = ConvoyParams(router=RouterParams(time_limit_s=2.0, max_iterations=200, seed=0))


def _twice(routes: Routes) -> list[tuple[str, int, str]]:
    """Every (truck, trip, unit) that has more than one stop."""
    seen = Counter((r.truck, s.trip, s.unit) for r in routes.routes for s in r.stops)
    return [k for k, n in seen.items() if n > 1]


@given(
    st.lists(st.one_of(st.just(-1), st.integers(0, 3)), max_size=14),
)
def test_grouped_keeps_each_trips_loads_and_puts_a_units_together(raw: list[int]) -> None:
    """Reordered visits are the same nodes, depots where they were, each unit's loads together.

    ``-1`` is a reload at the depot (node 0); a client node's unit is drawn from 4.
    """
    units = [f"u{x}" for x in raw if x >= 0]
    visits, k = [], 1
    for x in raw:
        visits.append(0 if x < 0 else k)
        k += x >= 0
    out = grouped(visits, units, 1)
    assert sorted(out) == sorted(visits)
    assert [i for i, n in enumerate(out) if n == 0] == [i for i, n in enumerate(visits) if n == 0]
    trip, seen_units, done = 0, [], set()
    for n in out:
        if n == 0:
            trip += 1
            continue
        u = units[n - 1]
        assert (trip, u) not in done or seen_units[-1] == (trip, u)
        done.add((trip, u))
        seen_units.append((trip, u))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tonnes=st.lists(st.integers(1, 30), min_size=3, max_size=5),
    places=st.lists(st.integers(0, 1), min_size=5, max_size=5),
)
def test_generated_days_bring_a_unit_one_stop_a_trip(tonnes: list[int], places: list[int]) -> None:
    """Units at two places (some sharing one), 12 t trucks: no unit twice on one trip."""
    names = [f"U{i}" for i in range(len(tonnes))]
    sc = scenario(
        [loc("RH", 0.0, LocationKind.RAILHEAD), loc("L0", 0.3), loc("L1", 0.5)],
        [unit(u, f"L{places[i]}", open_h=0.0, close_h=24.0) for i, u in enumerate(names)],
        [road("RH", "L0", 30.0), road("RH", "L1", 50.0), road("L0", "L1", 25.0)],
        [fleet("big", "RH", count=2, payload_t=12.0)],
    )
    reqs = [request_for(sc, u, {"fuel": float(t)}) for u, t in zip(names, tonnes, strict=True)]
    routes = route_day(sc, reqs, day=0, params=FAST)
    assert _twice(routes) == []


@pytest.mark.parametrize(
    ("name", "day", "from_demand"),
    [("bilateral-exercise", 14, False), ("bilateral-exercise", 20, True)],
)
def test_bundled_days_bring_a_unit_one_stop_a_trip(name: str, day: int, from_demand: bool) -> None:
    """The tester's C+14 (plan mode) and a demand day: no (truck, trip, unit) twice."""
    run = route_scenario_day(EXAMPLES / name, day=day, from_demand=from_demand, params=FAST)
    assert run.routes.routes
    assert _twice(run.routes) == []

"""What the traced depot's trucks cannot bring inside a unit's window goes to another depot.

A tester's unit (window 0–4 h, 10 t a day) was traced to its near depot, whose two 4 t
trucks make one trip each inside the window: the depot choice gave near all 10 t, the
trip cap kept 2 t back as ``too_large`` ("too few trips"), and the far depot, holding
the water, stood idle with two trucks that could make the round trip.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario
from routing_scenarios import unit as unit_at

from supplyline.domain import LocationKind, Scenario
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.depot_stock import DepotStock, depot_loads
from supplyline.routing.problem import RouterParams
from supplyline.routing.turns import window_turns

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=1, max_iterations=300, seed=0))
SERVICE_H = 0.5


def _two_depots(
    near_km: float,
    far_km: float,
    near: tuple[int, float, float, float],
    far: tuple[int, float, float, float],
    window: tuple[float, float],
) -> Scenario:
    """Depot NEAR ``near_km`` from site S, depot FAR ``far_km`` behind NEAR; one unit at S.

    Each fleet is (count, payload t, speed km/h, drivers' hours).
    """
    places = [
        loc("NEAR", 0.0, LocationKind.DEPOT),
        loc("FAR", 0.5, LocationKind.DEPOT),
        loc("S", 0.2),
    ]
    units = [unit_at("U", "S", open_h=window[0], close_h=window[1])]
    roads = [road("NEAR", "S", near_km), road("FAR", "NEAR", far_km)]
    groups = [
        fleet("near-g", "NEAR", count=near[0], payload_t=near[1], speed_kmh=near[2], hours=near[3]),
        fleet("far-g", "FAR", count=far[0], payload_t=far[1], speed_kmh=far[2], hours=far[3]),
    ]  # fmt: skip
    return scenario(places, units, roads, groups)


def _route(s: Scenario, ask_t: float):  # type: ignore[no-untyped-def]
    """The day's routes, the ask traced to NEAR by the plan, both depots holding plenty."""
    req = DeliveryRequest(
        unit="U", location="S", load_t={"food": ask_t}, sources_t={("NEAR", "food"): ask_t}
    )
    held = {("NEAR", "food"): 1000.0, ("FAR", "food"): 1000.0}
    return route_day(s, [req], day=0, params=PARAMS, depot_stock=DepotStock(held_t=held))


def test_the_far_depot_carries_what_the_near_trucks_cannot_bring_in_the_window() -> None:
    """The tester's min1: 8 t on near's two trips, the other 2 t on a far truck, 10 t in all."""
    s = _two_depots(45.0, 90.0, (2, 4.0, 30.0, 6.0), (2, 4.0, 40.0, 8.0), (0.0, 4.0))
    routes = _route(s, 10.0)
    assert routes.unserved == ()
    assert round(routes.delivered_t, 3) == 10.0
    loaded = depot_loads(routes)
    assert round(loaded[("NEAR", "food")], 3) == 8.0
    assert round(loaded[("FAR", "food")], 3) == 2.0


def _idle_that_could_go(s: Scenario, routes, km: dict[str, float]) -> list[str]:  # type: ignore[no-untyped-def]
    """Fleet groups with a truck that made no trip but could serve U inside its window."""
    used: dict[str, int] = {}
    for r in routes.routes:
        used[r.fleet_group] = used.get(r.fleet_group, 0) + 1
    u = s.units[0]
    out = []
    for g in s.fleet:
        one_way = km[g.depot] / g.speed_kmh
        turns = window_turns(g, one_way, one_way, SERVICE_H, u.receive_open_h, u.receive_close_h)
        if turns > 0 and used.get(g.id, 0) < g.count:
            out.append(g.id)
    return out


truck = st.tuples(
    st.integers(1, 3),
    st.sampled_from([2.0, 4.0, 6.0]),
    st.sampled_from([30.0, 40.0, 60.0]),
    st.sampled_from([6.0, 8.0, 10.0]),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    near_km=st.sampled_from([10.0, 30.0, 45.0]),
    far_km=st.sampled_from([20.0, 60.0, 90.0]),
    near=truck,
    far=truck,
    window=st.sampled_from([(0.0, 4.0), (6.0, 10.0), (0.0, 24.0), (8.0, 9.0)]),
    ask_t=st.sampled_from([3.0, 10.0, 25.0, 60.0]),
)
def test_no_too_few_trips_beside_an_idle_truck_that_could_go(
    near_km: float,
    far_km: float,
    near: tuple[int, float, float, float],
    far: tuple[int, float, float, float],
    window: tuple[float, float],
    ask_t: float,
) -> None:
    """Nothing is "too few trips" while a depot holding it has an idle truck that could go."""
    s = _two_depots(near_km, far_km, near, far, window)
    routes = _route(s, ask_t)
    too_few = [u for u in routes.unserved if u.reason is UnservedReason.TOO_LARGE]
    if too_few:
        idle = _idle_that_could_go(s, routes, {"NEAR": near_km, "FAR": near_km + far_km})
        assert idle == [], (too_few[0].detail, idle)
    served = sum(u.tonnes for u in routes.unserved) + routes.delivered_t
    assert round(served, 3) == ask_t

"""A full road cuts the load with the shortest way round, not the first of equal loads.

A tester's road D–H of 2 t a day led to U1 at S1 and U2 at S2, 1.5 t each; U2 had its own
bypass D–S2 of 50 km, U1 a way round only through S2 (70 km). The routes took both over
D–H and the cut fell on U1, the first of two equal loads: 1 t of it went 70 km round, 150 km
for the day where cutting U2 served the same 3 t in 130 km. Where U1 had no way round at all
(H–S2 one way), its 1 t was ``road_full`` while U2's bypass stood open
(``routing.road_round``).
"""

from __future__ import annotations

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind
from supplyline.domain.routes import Routes
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=60.0, max_iterations=5_000, seed=0))
ASKS = [
    DeliveryRequest(unit="U1", location="S1", load_t={"food": 1.5}),
    DeliveryRequest(unit="U2", location="S2", load_t={"food": 1.5}),
]


def _routes(h_s2_both_ways: bool) -> Routes:
    places = [
        loc("D", 0.0, LocationKind.DEPOT),
        loc("H", 0.1, LocationKind.HUB),
        loc("S1", 0.2, lat=0.1),
        loc("S2", 0.2, lat=-0.1),
    ]
    links = [
        road("D", "H", 10, capacity=2.0),
        road("H", "S1", 10),
        road("H", "S2", 10, both_ways=h_s2_both_ways),
        road("D", "S2", 50),
    ]
    truck = fleet("g0", "D", count=2, payload_t=3.0, fixed_cost=10.0, cost_per_km=1.0)
    s = scenario(places, [unit("U1", "S1"), unit("U2", "S2")], links, [truck])
    routes = route_day(s, ASKS, day=0, params=PARAMS)
    # the routing validator measures every leg on the open roads, the way round too short:
    # here each road's loaded tonnes keep its capacity instead
    assert [(x.link, x.tonnes) for x in routes.road_loads if x.link == "D-H"] == [("D-H", 2.0)]
    return routes


def test_the_load_with_the_shorter_way_round_is_cut() -> None:
    """U1 is brought whole over D–H; what D–H cannot carry is U2's, round by its bypass.

    The day's 3 t in 130 km (cost 140): D–H–S1–H–S2 back over H (60 km), then D–S2 and back
    over H (70 km); cutting U1 drove 150 km (cost 160).
    """
    routes = _routes(h_s2_both_ways=True)
    assert routes.delivered_t == pytest.approx(3.0)
    assert not routes.unserved
    to_u1 = [stop for r in routes.routes for stop in r.stops if stop.unit == "U1"]
    assert [stop.tonnes for stop in to_u1] == [pytest.approx(1.5)]
    assert sum(r.distance_km for r in routes.routes) == pytest.approx(130.0)


def test_a_load_with_no_way_round_keeps_the_road() -> None:
    """With H–S2 one way, only U2 can go round: all 3 t arrive, none ``road_full``."""
    routes = _routes(h_s2_both_ways=False)
    assert routes.delivered_t == pytest.approx(3.0)
    assert not routes.unserved

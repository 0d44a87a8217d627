"""Every cost per km given to the cent is a cost to the router, and a free truck costs nothing.

The model counted money in thousandths of the currency and a truck's cost per decametre
at least 1: 0.1 per km and 0 per km were both 1, so a tester's two 3 t trucks, one at 0.1
per km and one free, were the same to the search and it sent the dear one (cost 21.60
where 0 was possible); below 0.15 per km every rate was 0.1 (``day_model._COST_UNITS``).
"""

from __future__ import annotations

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit
from routing_validator import validate

from supplyline.domain import LocationKind
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=60.0, max_iterations=5_000, seed=0))
RATES = (0.0, 0.01, 0.02, 0.05, 0.1, 0.14, 0.15, 0.2)


@pytest.mark.parametrize(
    ("first", "second"),
    [(a, b) for a in RATES for b in RATES if a != b],
    ids=lambda x: f"{x:g}",
)
def test_the_cheaper_per_km_of_two_trucks_drives(first: float, second: float) -> None:
    """One 0.55 t load 108 km out; two trucks alike but for their cost per km: the cheaper goes."""
    places = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 1.0)]
    alike = {"count": 1, "payload_t": 3.0, "speed_kmh": 50.0, "fixed_cost": 0.0}
    trucks = [
        fleet("first", "D", **alike, cost_per_km=first),
        fleet("second", "D", **alike, cost_per_km=second),
    ]
    s = scenario(places, [unit("U", "S")], [road("D", "S", 108)], trucks)
    asks = [DeliveryRequest(unit="U", location="S", load_t={"food": 0.55})]
    routes = route_day(s, asks, day=0, params=PARAMS)
    assert validate(s, routes, {a.unit: dict(a.load_t) for a in asks}) == []
    (route,) = routes.routes
    cheaper = "first" if first < second else "second"
    assert route.fleet_group == cheaper
    assert route.cost == pytest.approx(min(first, second) * 216)


def test_a_free_truck_serves_a_day_a_paid_trip_would_share() -> None:
    """A free truck of 24 h that can bring both loads brings both: no 8 km trip at 1 per km.

    A tester's day: the paid truck's 8 km trip cost 8 in money and 8,000 in the model, the
    free truck's extra km counted 0.1 each, and the model preferred the paid trip.
    """
    places = [
        loc("D", 0.0, LocationKind.DEPOT),
        loc("E", 1.0, LocationKind.DEPOT),
        loc("NEAR", 0.05),
        loc("FAR", 0.9),
    ]
    links = [road("D", "NEAR", 4), road("NEAR", "FAR", 100), road("E", "FAR", 10)]
    alike = {"count": 1, "payload_t": 6.0, "speed_kmh": 50.0, "fixed_cost": 0.0}
    trucks = [
        fleet("paid", "D", **alike, hours=3.0, cost_per_km=1.0),
        fleet("free", "E", **alike, hours=24.0, cost_per_km=0.0),
    ]
    s = scenario(places, [unit("N", "NEAR"), unit("F", "FAR")], links, trucks)
    asks = [
        DeliveryRequest(unit="N", location="NEAR", load_t={"food": 1.0}),
        DeliveryRequest(unit="F", location="FAR", load_t={"food": 1.0}),
    ]
    routes = route_day(s, asks, day=0, params=PARAMS)
    assert validate(s, routes, {a.unit: dict(a.load_t) for a in asks}) == []
    assert routes.delivered_t == pytest.approx(2.0)
    assert [r.fleet_group for r in routes.routes] == ["free"]
    assert sum(r.cost for r in routes.routes) == 0.0

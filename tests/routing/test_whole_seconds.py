"""A truck whose route takes exactly its drivers' hours is routed: times in whole seconds.

44 km at 40 km/h is 3,960 s, but ``44 / 40 * 3600`` is 3960.0000000000005 and was rounded
up to 3,961 s; drivers' hours were rounded down past float noise as well (2.01 h gave
7,235 s). A route of exactly the drivers' hours was then a second or two over, and its
load was left out (a random day of ``test_router_vs_brute_force.py``: two trips of exactly
4 h, 44 km between the stops).
"""

from __future__ import annotations

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit
from routing_validator import validate

from supplyline.domain import LocationKind
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=300, seed=1))


@pytest.mark.parametrize(("km", "speed", "hours"), [(44.0, 40.0, 2.7), (45.3, 60.0, 2.01)])
def test_a_round_trip_of_exactly_the_drivers_hours_is_routed(
    km: float, speed: float, hours: float
) -> None:
    """Out and back (and a 30-minute stop) in exactly ``hours``: the load is delivered."""
    places = [loc("D", 0.0, LocationKind.DEPOT), loc("L", 0.5)]
    truck = fleet("T", "D", count=1, payload_t=5.0, speed_kmh=speed, hours=hours)
    s = scenario(places, [unit("U", "L", open_h=0.0, close_h=24.0)], [road("D", "L", km)], [truck])
    asks = [DeliveryRequest(unit="U", location="L", load_t={"food": 2.0})]
    routes = route_day(s, asks, day=0, params=PARAMS)
    assert routes.unserved == ()
    assert routes.delivered_t == pytest.approx(2.0)
    assert validate(s, routes, {"U": {"food": 2.0}}) == []

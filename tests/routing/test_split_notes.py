"""The routes' note of a split delivery speaks of the stops a planner sees, not of packing.

A tester's ``routes steppe --day C+8`` noted "split into full truck-loads, most urgent
first: kas-arm-1 ×2" while routes.csv had one stop for kas-arm-1 (14.87 t on one 24 t
truck): the loads were sized to the 12 t bowsers at the same depot, and the 24 t truck
took both at one stop.
"""

from __future__ import annotations

from routing_scenarios import fleet, loc, road, scenario
from routing_scenarios import unit as unit_at

from supplyline.domain import LocationKind, Scenario
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=300, seed=3))


def _depot(big_count: int) -> Scenario:
    """D –10 km– L (unit U): ``big_count`` 24 t trucks and one 12 t bowser at D."""
    big = fleet("BIG", "D", count=big_count, payload_t=24.0)
    bowser = fleet("BOWSER", "D", count=1, payload_t=12.0, hours=1.0)
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("L", 0.1)]
    return scenario(locs, [unit_at("U", "L")], [road("D", "L", 10.0)], [big, bowser])


def test_two_loads_delivered_at_one_stop_are_not_said_to_be_split() -> None:
    """14.87 t in two loads for the 12 t bowser, both on one 24 t truck: one stop, no note."""
    ask = [DeliveryRequest(unit="U", location="L", load_t={"fuel": 11.55, "food": 3.32})]
    routes = route_day(_depot(1), ask, day=0, params=PARAMS)
    stops = [s for r in routes.routes for s in r.stops if s.unit == "U"]
    assert len(stops) == 1
    assert not [n for n in routes.notes if "split into" in n]


def test_a_delivery_in_several_stops_is_said_with_its_stops() -> None:
    """40 t for 24 t trucks: two stops, and the note counts them as routes.csv has them."""
    ask = [DeliveryRequest(unit="U", location="L", load_t={"food": 40.0})]
    routes = route_day(_depot(2), ask, day=0, params=PARAMS)
    stops = [s for r in routes.routes for s in r.stops if s.unit == "U"]
    (note,) = [n for n in routes.notes if "split into" in n]
    assert note.endswith(f"delivered in several stops: U ×{len(stops)} stops")
    assert len(stops) > 1

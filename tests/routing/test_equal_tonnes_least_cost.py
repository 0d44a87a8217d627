"""Between loads of the same weighted tonnes the router serves the cheaper: tonnes first, then cost.

A load's prize counted its own trip's cost, times its urgency: a far load was worth more
than a near one of the same tonnes by more than the km it costs, and a tester's day
served 2.04 t for 1,028 where the same 2.04 t cost 576. Urgency still comes first: a load
of the more urgent good is served however far (``day_model.load_prizes``).
"""

from __future__ import annotations

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit
from routing_validator import validate

from supplyline.domain import LocationKind
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=60.0, max_iterations=5_000, seed=0))


@pytest.mark.parametrize(
    ("far_good", "served"), [("food", "NEAR"), ("fuel", "FAR")], ids=["same-good", "far-urgent"]
)
def test_one_trip_goes_to_the_cheaper_of_equal_loads(far_good: str, served: str) -> None:
    """One truck of 3 h: a 2 t load 10 km out or one 60 km out, not both (0.9 h + 2.9 h).

    Both food: the near one (cost 120, not 220). The far one fuel (priority 1, food 2):
    the far one, its tonnes weighing more.
    """
    places = [loc("D", 0.0, LocationKind.DEPOT), loc("N", 0.1), loc("F", 0.6)]
    links = [road("D", "N", 10), road("D", "F", 60)]
    units = [unit("NEAR", "N"), unit("FAR", "F")]
    truck = fleet("T", "D", count=1, payload_t=5.0, speed_kmh=50.0, hours=3.0)
    s = scenario(places, units, links, [truck])
    priority = {c.id: c.priority for c in s.commodities}
    asks = [
        DeliveryRequest(unit="NEAR", location="N", load_t={"food": 2.0}, priority=2),
        DeliveryRequest(
            unit="FAR", location="F", load_t={far_good: 2.0}, priority=priority[far_good]
        ),
    ]
    routes = route_day(s, asks, day=0, params=PARAMS)
    assert [stop.unit for r in routes.routes for stop in r.stops] == [served]
    assert routes.delivered_t == pytest.approx(2.0)
    assert validate(s, routes, {a.unit: dict(a.load_t) for a in asks}) == []

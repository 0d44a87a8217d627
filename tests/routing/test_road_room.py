"""The room a road-full cut leaves on a full road goes to the loads taken off it.

Loads come off the fullest road first, so a road cut to its capacity can be left with
room when a load that crossed it is cut again on a road further on. The repair used to
take every full road out of the graph for the loads taken off, and that room went to no
one: here the whole of U2's 10 t stayed ``road_full`` behind a road left carrying 2 t
of its 10 t/day.
"""

from __future__ import annotations

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=2.0, max_iterations=300, seed=1))


def test_the_room_left_on_a_full_road_goes_to_the_load_taken_off_it() -> None:
    """D→M (10 t/day) carries U1's fuel on to U1 over M→U1 (2 t/day) and U2's food to M.

    The first cut takes U2's food (less urgent) off D→M, the next cuts U1's fuel to the
    2 t M→U1 carries, leaving D→M 8 t of room: U2 now gets those 8 t, split to fit.
    """
    s = scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("M", 0.1), loc("U1", 0.2)],
        [unit("u1", "U1"), unit("u2", "M")],
        [road("D", "M", 10.0, capacity=10.0), road("M", "U1", 10.0, capacity=2.0)],
        [fleet("F", "D", count=2)],
    )
    requests = [
        DeliveryRequest(unit="u1", location="U1", load_t={"fuel": 10.0}, priority=1),
        DeliveryRequest(unit="u2", location="M", load_t={"food": 10.0}, priority=2),
    ]
    routes = route_day(s, requests, day=1, params=PARAMS)
    to = {u: 0.0 for u in ("u1", "u2")}
    for r in routes.routes:
        for stop in r.stops:
            to[stop.unit] += stop.tonnes
    assert to == pytest.approx({"u1": 2.0, "u2": 8.0})
    assert {u.unit: u.tonnes for u in routes.unserved} == pytest.approx({"u1": 8.0, "u2": 2.0})
    assert {u.reason for u in routes.unserved} == {UnservedReason.ROAD_FULL}
    over_dm = [x.tonnes for x in routes.road_loads if x.link == "D-M" and x.origin == "D"]
    assert over_dm == pytest.approx([10.0])

"""Invariants of convoy routing on random small days, checked by the independent validator."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit
from routing_validator import validate

from supplyline.domain import LocationKind
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=100, seed=3))

unit_st = st.tuples(
    st.floats(5.0, 250.0),  # road km from the railhead
    st.floats(0.2, 35.0),  # tonnes of food
    st.floats(0.0, 10.0),  # tonnes of fuel
    st.floats(0.0, 14.0),  # window opens
    st.floats(1.0, 10.0),  # window length
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    units=st.lists(unit_st, min_size=1, max_size=5),
    count=st.integers(0, 3),
    payload=st.floats(4.0, 25.0),
    multi_trip=st.booleans(),
)
def test_routes_hold_and_every_tonne_is_accounted_for(
    units: list[tuple[float, float, float, float, float]],
    count: int,
    payload: float,
    multi_trip: bool,
) -> None:
    """Routes respect capacity, windows, hours; delivered + unserved equals what was asked."""
    locs = [loc("RH", 0.0, LocationKind.RAILHEAD)]
    us, links, reqs = [], [], []
    for i, (km, food, fuel, open_h, length) in enumerate(units):
        locs.append(loc(f"L{i}", 0.05 * (i + 1)))
        us.append(unit(f"U{i}", f"L{i}", open_h=open_h, close_h=min(24.0, open_h + length)))
        links.append(road("RH", f"L{i}", km))
        loads = {"food": food, "fuel": fuel} if fuel > 0 else {"food": food}
        reqs.append(DeliveryRequest(unit=f"U{i}", location=f"L{i}", load_t=loads))
    s = scenario(locs, us, links, [fleet("F", "RH", count=count, payload_t=payload)])
    params = ConvoyParams(router=PARAMS.router, multi_trip=multi_trip)
    routes = route_day(s, reqs, day=0, params=params)
    assert validate(s, routes, {r.unit: dict(r.load_t) for r in reqs}) == []

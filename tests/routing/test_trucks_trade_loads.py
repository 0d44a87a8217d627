"""A load served only after another moves to a different truck or trip: a tester's two days.

Both were routed short while one truck had hours to spare: the search's cost for a broken
limit (an overfull trip, a late arrival), far above the loads' prizes, kept it from
crossing the routes that lead to the better ones (:mod:`supplyline.routing.penalties`).
The costs here were worked out by hand.
"""

from __future__ import annotations

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit
from routing_validator import validate

from supplyline.domain import LocationKind
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=60.0, max_iterations=20_000, seed=0))


def _ask(tonnes: dict[str, float], at: dict[str, str]) -> list[DeliveryRequest]:
    return [DeliveryRequest(unit=u, location=at[u], load_t={"food": t}) for u, t in tonnes.items()]


def test_two_identical_trucks_serve_all_four_units() -> None:
    """10.44 t on two 3 t trucks of 6 h: all of it, for 262.

    Before: U1's 1.68 t (due 3-5 h) was left while the second truck worked 1 h of its 6.
    By hand: one truck takes U1 at 3 h, then U3 (2.66-7.72 h); the other U5, then U4 at
    11 h (8.54-11.66 h): 17 + 17 + 61 + 61 and 45 + 45 + 8 + 8 km.
    """
    places = [loc("D", 0.0, LocationKind.DEPOT)] + [loc(f"S{i}", 0.1 * i) for i in range(1, 6)]
    links = [
        road("D", "S1", 17), road("D", "S4", 8), road("S2", "D", 13), road("S2", "S3", 48),
        road("S2", "S5", 43), road("S5", "S1", 45), road("S5", "S4", 37),
    ]  # fmt: skip
    at = {"U1": "S1", "U3": "S3", "U4": "S4", "U5": "S5"}
    windows = {"U1": (3.0, 5.0), "U3": (6.0, 18.0), "U4": (11.0, 12.0), "U5": (6.0, 18.0)}
    units = [unit(u, at[u], open_h=o, close_h=c) for u, (o, c) in windows.items()]
    trucks = fleet("g0", "D", count=2, payload_t=3.0, speed_kmh=50.0, hours=6.0, fixed_cost=0.0)
    s = scenario(places, units, links, [trucks])
    asks = _ask({"U1": 1.68, "U3": 3.0, "U4": 2.76, "U5": 3.0}, at)
    routes = route_day(s, asks, day=0, params=PARAMS)
    assert routes.unserved == ()
    assert routes.delivered_t == pytest.approx(10.44)
    assert sum(r.cost for r in routes.routes) == pytest.approx(262.0)
    assert validate(s, routes, {a.unit: dict(a.load_t) for a in asks}) == []


def test_the_fast_truck_takes_the_load_the_slow_one_could_take_too() -> None:
    """A slow 6 h truck and a fast 4 h one: both loads, 1.8 t, for 722.

    Before: the slow truck took U5 (due 2-4 h, 52 km) and the fast one stood idle; U4,
    107 km out, is within reach of the slow truck only (5.85 h there and back with its
    stop; 4.78 h on the fast one). By hand: the slow truck U4 (100 + 214 km), the fast
    one U5 (200 + 2 × 104 km).
    """
    places = [loc("E", 0.0, LocationKind.DEPOT), loc("S5", 0.5), loc("S4", 1.0)]
    links = [road("E", "S5", 52), road("S5", "S4", 55)]
    at = {"U4": "S4", "U5": "S5"}
    units = [unit("U4", "S4", open_h=6.0, close_h=18.0), unit("U5", "S5", open_h=2.0, close_h=4.0)]
    slow = fleet("slow", "E", count=1, payload_t=5.0, speed_kmh=40.0, hours=6.0)
    fast = fleet(
        "fast", "E", count=1, payload_t=4.0, speed_kmh=50.0, hours=4.0,
        fixed_cost=200.0, cost_per_km=2.0,
    )  # fmt: skip
    s = scenario(places, units, links, [slow, fast])
    asks = _ask({"U4": 0.6, "U5": 1.2}, at)
    routes = route_day(s, asks, day=0, params=PARAMS)
    assert routes.unserved == ()
    assert {r.fleet_group: [x.unit for x in r.stops] for r in routes.routes} == {
        "slow": ["U4"],
        "fast": ["U5"],
    }
    assert sum(r.cost for r in routes.routes) == pytest.approx(722.0)
    assert validate(s, routes, {a.unit: dict(a.load_t) for a in asks}) == []

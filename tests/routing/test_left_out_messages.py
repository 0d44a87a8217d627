"""What a load left out says of the trucks: whose they are, and how many trips they can make.

A tester's plan-mode message counted only the pinned depot's trucks as "the N trucks
that reach it", and "can make at most N trips a day" ignored a receiving window of half
an hour, which lets a truck arrive once.
"""

from __future__ import annotations

from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Scenario
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.depot_stock import DepotStock
from supplyline.routing.problem import RouterParams

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=2, max_iterations=100, seed=6))


def _one_site(open_h: float, close_h: float) -> Scenario:
    """RH and DX with one 10 t truck each (50 km/h, 9 h), 50 and 60 km from U0.

    Round trips with the 30 min stop: 2.5 h from RH, 2.9 h from DX.
    """
    return scenario(
        [
            loc("RH", 0.0, LocationKind.RAILHEAD),
            loc("DX", 0.9, LocationKind.DEPOT),
            loc("L0", 0.45),
        ],
        [unit("U0", "L0", open_h=open_h, close_h=close_h)],
        [road("RH", "L0", 50.0), road("DX", "L0", 60.0)],
        [fleet("F", "RH", count=1), fleet("X", "DX", count=1)],
    )


def test_a_short_receiving_window_bounds_the_trips_said() -> None:
    """Window 6-6.5 h: each truck arrives once (hours alone would allow 3 and 2)."""
    req = DeliveryRequest(unit="U0", location="L0", load_t={"food": 40.0})
    routes = route_day(_one_site(6.0, 6.5), [req], day=0, params=PARAMS)
    (lost,) = routes.unserved
    assert lost.reason is UnservedReason.TOO_LARGE
    assert "can make at most 2 trips a day within its receiving window 6-6.5 h" in lost.detail


def test_a_wide_window_leaves_the_bound_to_the_drivers_hours() -> None:
    """Window 6-18 h: RH's truck 3 trips (9 h ÷ 2.5 h), DX's 3 (9 h ÷ 2.9 h); no window said."""
    req = DeliveryRequest(unit="U0", location="L0", load_t={"food": 80.0})
    routes = route_day(_one_site(6.0, 18.0), [req], day=0, params=PARAMS)
    (lost,) = routes.unserved
    assert "can make at most 6 trips a day;" in lost.detail + ";"
    assert "window" not in lost.detail


def test_a_load_pinned_to_its_depot_counts_that_depot_s_trucks_and_says_so() -> None:
    """Plan mode, only RH holds the food: 'the 1 truck of depot RH that reaches it'."""
    req = DeliveryRequest(unit="U0", location="L0", load_t={"food": 40.0})
    held = {("RH", "food"): 100.0}
    routes = route_day(
        _one_site(6.0, 18.0), [req], day=0, params=PARAMS, depot_stock=DepotStock(held_t=held)
    )
    (lost,) = routes.unserved
    assert "the 1 truck of depot RH that reaches it and can carry one (F)" in lost.detail
    assert "at most 3 trips a day" in lost.detail

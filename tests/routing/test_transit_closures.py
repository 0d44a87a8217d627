"""Routes and the reach check judge a road leg on the day its goods leave, as the plan does.

The movement plan closes a link to what *departs* on an outage day: a tester's plan drove
41.5 t over ``r-a3-a5`` (a day in transit, closed C+6–C+8) leaving C+5 and arriving C+6,
and said the closure cut site-a5 off on C+7–C+9; ``routes --day 6`` reported those
41.5 t ``road_closed`` and ``reach`` said a5 was cut off on C+6–C+8. Now the road graph of
day N takes a link as it was on day N − ``transit_days`` (C+0 at the earliest).
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import FleetGroup, LocationKind, Mode, Scenario
from supplyline.domain.routes import UnservedReason
from supplyline.planning import plan_movements
from supplyline.planning.examples import one_link
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.plan_loads import plan_truck_loads
from supplyline.routing.problem import RouterParams
from supplyline.routing.reach import check_reach
from supplyline.routing.roads import drives, road_matrix

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=100, seed=3))


def _slow_road() -> Scenario:
    """D –20 km– S, a day in transit, closed on C+1; trucks at D."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1)]
    ds = dataclasses.replace(road("D", "S", 20.0), transit_days=1, outage_days=frozenset({1}))
    return scenario(locs, [unit("US", "S")], [ds], [fleet("F", "D")])


def _food() -> list[DeliveryRequest]:
    return [DeliveryRequest(unit="US", location="S", load_t={"food": 5.0})]


def test_a_link_in_transit_a_day_is_driven_for_what_left_on_an_open_day() -> None:
    """Closed on C+1: what arrives on C+1 left on C+0 (driven), on C+2 left on C+1 (not)."""
    (link,) = _slow_road().links
    assert [drives(link, d) for d in range(3)] == [True, True, False]
    assert not road_matrix(_slow_road(), ["D", "S"], day=1).closed[0, 1]
    assert road_matrix(_slow_road(), ["D", "S"], day=2).closed[0, 1]


def test_routes_deliver_on_the_closure_day_what_left_the_day_before() -> None:
    """C+1: the 5 t are delivered; C+2: road_closed, naming the day the goods would leave."""
    day1 = route_day(_slow_road(), _food(), day=1, params=PARAMS)
    assert day1.unserved == ()
    assert day1.delivered_t == pytest.approx(5.0)
    (lost,) = route_day(_slow_road(), _food(), day=2, params=PARAMS).unserved
    assert lost.reason is UnservedReason.ROAD_CLOSED
    assert lost.detail == (
        "road D–S closed on C+1 (link D-S: what leaves on C+1 arrives on C+2): "
        "no open road between D and S (F)"
    )


def test_reach_says_the_days_nothing_can_arrive() -> None:
    """US is cut off on C+2 (not C+1, the outage day), the closure and transit named."""
    row = check_reach(_slow_road(), {"US": 1.0}, availability=1.0).rows[0]
    assert row.cut_off_days == (2,)
    assert row.cut_off == "C+2: road D–S (link D-S: closed C+1, 1 day in transit)"


def _planned(transit: int, closed: frozenset[int]) -> Scenario:
    """The planner's one-link example, its road two-way, with trucks at its depot."""
    s, _ = one_link(days=6, transit_days=transit, outage_days=sorted(closed))
    trucks = FleetGroup(id="F", depot="D", partner="A", vehicle_type="truck", count=4,
                        payload_t=10.0, speed_kmh=60.0, max_route_hours=10.0)  # fmt: skip
    link = dataclasses.replace(s.links[0], bidirectional=True)
    return dataclasses.replace(s, links=(link,), fleet=(trucks,))


def _check_agreement(transit: int, closed: frozenset[int]) -> None:
    """Assert that the plan's road legs land on no day the reach check calls cut off.

    And that the routes of each day they land carry them without ``road_closed``.
    """
    s = _planned(transit, closed)
    _, demand = one_link(days=6, transit_days=transit, outage_days=sorted(closed))
    plan = plan_movements(s, demand)
    arrivals = {m.arrival_day for m in plan.movements if m.mode is Mode.ROAD and m.tonnes > 1e-6}
    row = check_reach(s, {"u1": 8.0}, availability=1.0, plan=plan).rows[0]
    assert not arrivals & set(row.cut_off_days)
    for day in sorted(arrivals):
        loads, drawn = plan_truck_loads(s, plan, day)
        routes = route_day(s, loads, day=day, params=PARAMS, source="plan", on_site=drawn)
        assert [u for u in routes.unserved if u.reason is UnservedReason.ROAD_CLOSED] == []


def test_the_plan_and_the_reach_check_agree_on_a_closure_of_a_link_in_transit() -> None:
    """Closed C+2 with a day in transit: the plan lands goods C+1, C+2, C+4, C+5, never C+3.

    The reach check says C+3 (and C+0, before any goods can arrive by that road, is the
    road as on C+0: open); routes carry every leg on the day it lands.
    """
    s = _planned(1, frozenset({2}))
    _, demand = one_link(days=6, transit_days=1, outage_days=[2])
    plan = plan_movements(s, demand)
    arrivals = sorted(
        {m.arrival_day for m in plan.movements if m.mode is Mode.ROAD and m.tonnes > 1e-6}
    )
    assert arrivals == [1, 2, 4, 5]
    row = check_reach(s, {"u1": 8.0}, availability=1.0, plan=plan).rows[0]
    assert row.cut_off_days == (3,)
    _check_agreement(1, frozenset({2}))


@settings(max_examples=12, deadline=None)
@given(
    transit=st.integers(0, 2),
    closed=st.frozensets(st.integers(0, 5), max_size=3),
)
def test_the_plan_never_lands_road_goods_on_a_day_the_reach_check_calls_cut_off(
    transit: int, closed: frozenset[int]
) -> None:
    """Any closure days and transit: the plan's road legs avoid the cut-off days.

    The reach check's cut-off days, and routes of the days they land drive them.
    """
    _check_agreement(transit, closed)

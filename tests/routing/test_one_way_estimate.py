"""No straight-line estimate against a one-way road: the way it does not lead is not driven.

A tester's two valleys were joined only by a one-way track, town-a → town-b; the routes
sent a truck from town-b to a site in valley A "by great circle × 1.6". The estimate
stands in only between places that no road path joins in either direction on any day (a
place without roads, separate road networks); where roads lead one way only, the other
way cannot be driven.
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Scenario
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.reach import check_reach
from supplyline.routing.roads import blocking_roads, one_way_roads, road_matrix

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=100, seed=3))


def _valleys(*, a_trucks: bool = True) -> Scenario:
    """A –10 km– S5 (two-way); A →35 km→ B one-way (the track); B –4 km– SB; roadless R.

    Trucks at B (FB), and at A (FA) with ``a_trucks``; R (an airstrip) has no road.
    """
    locs = [
        loc("A", 0.0, LocationKind.DEPOT),
        loc("S5", -0.09),
        loc("B", 0.3, LocationKind.DEPOT),
        loc("SB", 0.33),
        loc("R", 0.15, LocationKind.AIRFIELD, lat=0.05),
    ]
    track = dataclasses.replace(road("A", "B", 35.0), bidirectional=False)
    links = [road("A", "S5", 10.0), track, road("B", "SB", 4.0)]
    groups = [fleet("FB", "B", hours=12.0)]
    if a_trucks:
        groups.append(fleet("FA", "A", hours=12.0))
    return scenario(locs, [unit("U5", "S5"), unit("UB", "SB")], links, groups)


def _to_s5(tonnes: float = 6.0) -> list[DeliveryRequest]:
    return [DeliveryRequest(unit="U5", location="S5", load_t={"food": tonnes})]


def test_the_way_against_a_one_way_road_is_closed_not_estimated() -> None:
    """B→S5 is infinite and closed on every day; S5→B is the 45 km road; R keeps estimates."""
    s = _valleys()
    for day in range(s.horizon_days):
        m = road_matrix(s, ["B", "S5", "R"], day=day)
        assert m.closed[0, 1]
        assert math.isinf(m.km[0, 1])
        assert m.by_road[1, 0]
        assert m.km[1, 0] == pytest.approx(45.0)
        assert not m.closed[2, 1]
        assert not m.by_road[2, 1]
        assert math.isfinite(m.km[2, 1])
    m = road_matrix(s, ["B", "S5"])  # without a day: every day of the horizon
    assert m.closed[0, 1]


def test_the_one_way_road_is_what_blocks_the_way() -> None:
    """From B to S5 the track A→B stands in the way, on any day; from A nothing does."""
    s = _valleys()
    assert [lk.id for lk in one_way_roads(s, "B", "S5")] == ["A-B"]
    assert [lk.id for lk in blocking_roads(s, "B", "S5", 1)] == ["A-B"]
    assert one_way_roads(s, "A", "S5") == []
    assert one_way_roads(s, "R", "S5") == []  # no road joins them: the estimate stands in


def test_the_site_goes_to_the_depot_that_can_reach_it() -> None:
    """U5's 6 t go from A only, by road; no leg is estimated, no note says so."""
    routes = route_day(_valleys(), _to_s5(), day=0, params=PARAMS)
    assert routes.unserved == ()
    assert routes.delivered_t == pytest.approx(6.0)
    assert {r.depot for r in routes.routes} == {"A"}
    assert not any("estimated" in note for note in routes.notes)


def test_a_site_only_the_wrong_end_of_a_one_way_road_has_trucks_for_is_unserved() -> None:
    """Only B's trucks: U5 is road_closed, the one-way track named as the reason."""
    routes = route_day(_valleys(a_trucks=False), _to_s5(), day=0, params=PARAMS)
    assert routes.routes == ()
    (lost,) = routes.unserved
    assert (lost.reason, lost.tonnes) == (UnservedReason.ROAD_CLOSED, 6.0)
    assert lost.detail == "road A→B leads one way only (link A-B): no open road from B to S5 (FB)"


def test_reach_flags_a_site_only_the_wrong_end_of_a_one_way_road_serves() -> None:
    """U5 with B's trucks alone: cut off on every day, the track named, not sustainable."""
    rows = {r.unit: r for r in check_reach(_valleys(a_trucks=False), {"U5": 2.0, "UB": 2.0},
                                            availability=1.0).rows}  # fmt: skip
    assert rows["U5"].cut_off_days == (0, 1, 2)
    assert rows["U5"].cut_off == "C+0–C+2: road A→B (link A-B: one way only)"
    assert not rows["U5"].sustainable
    assert rows["UB"].sustainable
    assert rows["UB"].cut_off_days == ()


@settings(max_examples=30, deadline=None)
@given(
    a=st.sampled_from(["A", "B", "S5", "SB", "R"]),
    b=st.sampled_from(["A", "B", "S5", "SB", "R"]),
    day=st.integers(0, 2),
)
def test_an_estimate_stands_in_only_where_no_road_joins_either_way(
    a: str, b: str, day: int
) -> None:
    """For every pair: road km, or estimated exactly when one end is the roadless R.

    Between places with roads the leg is driven by road or not at all (``closed``).
    """
    assume(a != b)
    m = road_matrix(_valleys(), [a, b], day=day)
    i, j = m.index(a), m.index(b)
    estimated = math.isfinite(m.km[i, j]) and not m.by_road[i, j]
    assert estimated == ("R" in (a, b))
    if "R" not in (a, b):
        assert m.by_road[i, j] != m.closed[i, j]


def test_the_way_back_from_a_one_way_dead_end_is_estimated() -> None:
    """A →30 km→ D one way, and no road out of D at all: the scenario is silent on leaving D.

    links.csv's default is one way, so a planner's outbound roads leave such dead ends; the
    plan feeds them (only a road out that is closed on a day bars the way in), and the
    router estimates the way back instead of calling the unit road_closed.
    """
    locs = [loc("A", 0.0, LocationKind.DEPOT), loc("D", 0.27)]
    one_way = dataclasses.replace(road("A", "D", 30.0), bidirectional=False)
    s = scenario(locs, [unit("UD", "D")], [one_way], [fleet("FA", "A", hours=12.0)])
    m = road_matrix(s, ["A", "D"], day=0)
    assert m.km[0, 1] == pytest.approx(30.0)
    assert m.by_road[0, 1]
    assert not m.closed[1, 0]
    assert not m.by_road[1, 0]
    assert math.isfinite(m.km[1, 0])
    routes = route_day(
        s, [DeliveryRequest(unit="UD", location="D", load_t={"food": 2.0})], day=0, params=PARAMS
    )
    assert not routes.unserved

"""A road whose ``capacity_t_per_day`` is 0 is closed to trucks on every day.

A tester's road ``r-townb-b4`` had capacity 0 on purpose: ``validate`` and the plan said
nothing could reach site-b4, while ``routes`` drove five truck-loads over it and the reach
check called b4 "ok" at 98 %. Capacities above 0 bound the loaded tonnes a day
(``test_road_capacity.py``).
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import Link, LocationKind, Scenario, Stock
from supplyline.domain.routes import UnservedReason
from supplyline.io import write_scenario
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.reach import check_reach
from supplyline.routing.roads import cut_off_roads, drives, road_matrix
from supplyline.services.routing import route_scenario_day

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=100, seed=3))


def _capped(a: str, b: str, km: float, capacity: float) -> Link:
    return dataclasses.replace(road(a, b, km), capacity_t_per_day=capacity)


def _behind_zero(*, detour: bool = False) -> Scenario:
    """Trucks at D; site S 14 km away over D–S of capacity 0; with ``detour``, D–M–S open."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1), loc("M", 0.05, lat=0.05)]
    links = [_capped("D", "S", 14.0, 0.0)]
    if detour:
        links += [road("D", "M", 10.0), road("M", "S", 12.0)]
    return scenario(locs, [unit("US", "S")], links, [fleet("F", "D")])


def _food(tonnes: float = 8.0) -> list[DeliveryRequest]:
    return [DeliveryRequest(unit="US", location="S", load_t={"food": tonnes})]


@pytest.mark.parametrize("day", [0, 1, 2])
def test_a_road_of_capacity_zero_is_driven_on_no_day(day: int) -> None:
    """D–S of 0 t/day: not driven, S cut off by it, no estimate in its place."""
    s = _behind_zero()
    (link,) = s.links
    assert not drives(link, day)
    m = road_matrix(s, ["D", "S"], day=day)
    assert m.closed[0, 1]
    assert m.closed[1, 0]
    assert math.isinf(m.km[0, 1])
    assert [lk.id for lk in cut_off_roads(s, "S", day)] == ["D-S"]


def test_routes_do_not_drive_a_road_of_capacity_zero() -> None:
    """The 8 t for US are road_closed, the road named with why: capacity 0."""
    routes = route_day(_behind_zero(), _food(), day=1, params=PARAMS)
    assert routes.routes == ()
    (lost,) = routes.unserved
    assert (lost.reason, lost.tonnes) == (UnservedReason.ROAD_CLOSED, 8.0)
    assert lost.detail == (
        "road D–S closed on every day (link D-S: capacity 0 t/day): "
        "no open road between D and S (F)"
    )


def test_routes_take_the_open_detour_around_a_road_of_capacity_zero() -> None:
    """D–M–S (22 km) is driven; the 14 km D–S of capacity 0 is not: 44 km there and back."""
    routes = route_day(_behind_zero(detour=True), _food(), day=0, params=PARAMS)
    assert routes.unserved == ()
    (truck,) = routes.routes
    assert truck.distance_km == pytest.approx(44.0)


def test_reach_flags_a_place_behind_a_road_of_capacity_zero_on_every_day() -> None:
    """US is cut off C+0–C+2, not sustainable, the road named with its capacity."""
    row = check_reach(_behind_zero(), {"US": 4.0}, availability=1.0).rows[0]
    assert row.cut_off_days == (0, 1, 2)
    assert row.cut_off == "C+0–C+2: road D–S (link D-S: capacity 0 t/day)"
    assert not row.sustainable
    assert row.reason == (
        "cut off by road on C+0–C+2, with demand on C+0–C+2 "
        "(roads closed: C+0–C+2: road D–S (link D-S: capacity 0 t/day))"
    )


def test_plan_mode_routes_note_the_units_the_plan_leaves_short(tmp_path: Path) -> None:
    """A transport officer's day read "0 trucks, nothing to do", silent on a unit 8 t short.

    The plan cannot bring S anything by road (its only road has capacity 0), so no road leg
    is routed: the routes now say which units the plan leaves short that day.
    """
    s = _behind_zero()
    stocks = (Stock(location="D", commodity="food", initial_t=500.0, replenishment_t_per_day=50.0),)
    write_scenario(dataclasses.replace(s, stocks=stocks), tmp_path / "sc")
    run = route_scenario_day(tmp_path / "sc", day=1, params=PARAMS)
    assert run.plan is not None
    short = sum(x.short_t for x in run.plan.shortfalls if x.day == 1 and x.unit == "US")
    assert short > 0
    (note,) = [n for n in run.routes.notes if "leaves 1 unit(s) short" in n]
    assert note.endswith(f"US {short:,.3f} t")

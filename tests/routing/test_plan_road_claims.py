"""Where a road is full, the plan's own loads over it keep it, and the most urgent its room.

Trucks drive their shortest open road; where that overfills a road, loads come off it.
Which: first those whose place gets more over the road than the plan sent it that way
(the plan had kept every capacity, so its loads fit), then the least urgent, each load by
its own commodities (a unit's food split off its water is food). A tester's plan sent
U1's 10 t and 2 t of U2's over D1–J (12 t/day) and U2's other 8 t by D1–S2: the trucks
put U2's 10 t on D1–J too, the cut took U1's loads off, and U1's 3 t went 50 km round by
S2 where the plan used 15 km (210 km in all, now 200).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import Link, LocationKind, Scenario, Stock
from supplyline.domain.routes import Routes, UnservedReason
from supplyline.errors import ArgumentError
from supplyline.io import write_scenario
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.plan_roads import plan_road_claims
from supplyline.routing.problem import RouterParams
from supplyline.services.planning import plan_scenario
from supplyline.services.routing import route_scenario_day

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=2.0, max_iterations=300, seed=1))


def _delivered(routes: Routes) -> dict[str, dict[str, float]]:
    """Tonnes delivered, by unit and commodity."""
    out: dict[str, dict[str, float]] = {}
    for r in routes.routes:
        for stop in r.stops:
            mine = out.setdefault(stop.unit, {})
            for com, t in stop.load_t.items():
                mine[com] = mine.get(com, 0.0) + t
    return out


def _loads(routes: Routes) -> dict[str, float]:
    """The trucks' loaded tonnes on each road way."""
    return {f"{x.origin}>{x.destination}": x.tonnes for x in routes.road_loads}


def _short_and_detour() -> Scenario:
    """D –100 km, 10 t/day– S1 –50 km– S2, and D –200 km– S2: two 10 t trucks at D.

    The short way to S2 is over D–S1 (150 km); the plan keeps D–S1 for S1's goods.
    """
    return scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("S1", 0.9), loc("S2", 1.3)],
        [unit("u1", "S1"), unit("u2", "S2")],
        [road("D", "S1", 100.0, capacity=10.0), road("S1", "S2", 50.0), road("D", "S2", 200.0)],
        [fleet("F", "D", count=2, payload_t=10.0)],
    )


def test_the_plans_load_keeps_a_full_road_and_the_other_takes_its_own() -> None:
    """u1's 10 t of food ride D–S1 as the plan sent them; u2's fuel goes D–S2, 200 km.

    Without the plan's claim the less urgent food came off D–S1 and went round by S2
    (250 km), while u2's fuel took D–S1 and S1–S2 (150 km): 650 km in all. Now u1 100
    km there and 100 back, u2 200 km there and 150 back (empty, over S1): 550 km.
    """
    requests = [
        DeliveryRequest(unit="u1", location="S1", load_t={"food": 10.0}, priority=2),
        DeliveryRequest(unit="u2", location="S2", load_t={"fuel": 10.0}, priority=1),
    ]
    claims = {(("D-S1", "D", "S1"), "S1"): 10.0, (("D-S2", "D", "S2"), "S2"): 10.0}
    routes = route_day(_short_and_detour(), requests, day=1, params=PARAMS, road_claims=claims)
    assert routes.unserved == ()
    assert _delivered(routes) == {"u1": {"food": 10.0}, "u2": {"fuel": 10.0}}
    assert _loads(routes) == pytest.approx({"D>S1": 10.0, "D>S2": 10.0})
    assert routes.total_distance_km == pytest.approx(550.0)


def test_without_a_plan_the_least_urgent_load_comes_off() -> None:
    """No claims (``--from-demand``): the food, less urgent, comes off D–S1 and goes round.

    u1's food 250 km there by S2 and 100 back, u2's fuel 150 km there and back: 650 km.
    """
    requests = [
        DeliveryRequest(unit="u1", location="S1", load_t={"food": 10.0}, priority=2),
        DeliveryRequest(unit="u2", location="S2", load_t={"fuel": 10.0}, priority=1),
    ]
    routes = route_day(_short_and_detour(), requests, day=1, params=PARAMS)
    assert routes.unserved == ()
    assert _loads(routes) == pytest.approx(
        {"D>S1": 10.0, "S1>S2": 10.0, "D>S2": 10.0, "S2>S1": 10.0}
    )
    assert routes.total_distance_km == pytest.approx(650.0)


def test_a_full_roads_last_room_goes_to_the_more_urgent_load() -> None:
    """D–M of 10 t/day: u1's fuel and food (5 t each) and u2's fuel (5 t) all need it.

    Each load counts by what it carries: u1's food load (priority 2) comes off, both
    fuel loads (priority 1) keep the road's 10 t. Before, every load of u1 counted as
    u1's request, priority 1 (its fuel's), and the road's room went by search order:
    u2's fuel came off beside u1's food.
    """
    s = scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("M", 0.1), loc("S1", 0.2), loc("S2", 0.2, lat=0.1)],
        [unit("u1", "S1"), unit("u2", "S2")],
        [road("D", "M", 10.0, capacity=10.0), road("M", "S1", 10.0), road("M", "S2", 10.0)],
        [fleet("F", "D", count=3, payload_t=5.0)],
    )
    requests = [
        DeliveryRequest(unit="u1", location="S1", load_t={"fuel": 5.0, "food": 5.0}, priority=1),
        DeliveryRequest(unit="u2", location="S2", load_t={"fuel": 5.0}, priority=1),
    ]
    routes = route_day(s, requests, day=1, params=PARAMS)
    assert _delivered(routes) == {"u1": {"fuel": 5.0}, "u2": {"fuel": 5.0}}
    assert [(u.unit, dict(u.load_t), u.reason) for u in routes.unserved] == [
        ("u1", {"food": 5.0}, UnservedReason.ROAD_FULL)
    ]
    assert _loads(routes)["D>M"] == pytest.approx(10.0)


def test_road_claims_name_a_road_way_and_a_place_of_the_scenario() -> None:
    """A claim on a place the scenario lacks would count for no load: refused."""
    request = DeliveryRequest(unit="u1", location="S1", load_t={"food": 1.0})
    with pytest.raises(ArgumentError, match="no \\(road way, place\\) of the scenario"):
        route_day(
            _short_and_detour(), [request], day=1, road_claims={(("D-S1", "D", "S1"), "X"): 1.0}
        )
    with pytest.raises(ArgumentError, match="is no \\(link, from, to\\) of a road"):
        route_day(
            _short_and_detour(), [request], day=1, road_claims={(("D-S1", "S2", "D"), "S1"): 1.0}
        )


def _full_road_folder(tmp_path: Path) -> Path:
    """The tester's: D1 –10 km, 12 t/day– J –5 km– S1 (U1) and J –5 km– S2 (U2); D1 –40 km– S2.

    U1 and U2 eat 10 t of fuel a day each; D1–S2 costs 1 a tonne, the others nothing,
    so the plan sends U1's 10 t and 2 t of U2's over D1–J and U2's other 8 t by D1–S2.
    One 5 t truck at D1.
    """

    def link(a: str, b: str, km: float, capacity: float | None, cost: float) -> Link:
        return dataclasses.replace(road(a, b, km), capacity_t_per_day=capacity, cost_per_t=cost)

    s = scenario(
        [
            loc("D1", 0.0, LocationKind.DEPOT),
            loc("J", 0.09),
            loc("S1", 0.13),
            loc("S2", 0.13, lat=0.05),
        ],
        [
            dataclasses.replace(unit("U1", "S1"), personnel=10_000),
            dataclasses.replace(unit("U2", "S2"), personnel=10_000),
        ],
        [
            link("D1", "J", 10.0, 12.0, 0.0),
            link("J", "S1", 5.0, None, 0.0),
            link("J", "S2", 5.0, None, 0.0),
            link("D1", "S2", 40.0, None, 1.0),
        ],
        [fleet("F", "D1", count=1, payload_t=5.0, speed_kmh=40.0, hours=10.0)],
    )
    s = dataclasses.replace(
        s,
        commodities=tuple(c for c in s.commodities if c.id == "fuel"),
        stocks=(Stock(location="D1", commodity="fuel", initial_t=200.0),),
    )
    folder = tmp_path / "sc"
    write_scenario(s, folder)
    return folder


def test_the_plans_road_claims_are_what_its_legs_bring_each_place(tmp_path: Path) -> None:
    """D1→J carries U1's 10 t and U2's 2 t in the plan, D1→S2 U2's other 8 t."""
    folder = _full_road_folder(tmp_path)
    run = plan_scenario(folder, tmp_path / "plan")
    got = plan_road_claims(run.opened.scenario, run.plan, 1)
    assert got == pytest.approx(
        {
            (("D1-J", "D1", "J"), "S1"): 10.0,
            (("D1-J", "D1", "J"), "S2"): 2.0,
            (("D1-S2", "D1", "S2"), "S2"): 8.0,
            (("J-S1", "J", "S1"), "S1"): 10.0,
            (("J-S2", "J", "S2"), "S2"): 2.0,
        }
    )


def test_trucks_keep_the_plans_roads_where_one_is_full(tmp_path: Path) -> None:
    """U2's 8 t come off D1–J and go by D1–S2 as the plan's did: 200 km, not 210.

    U1 two trips of 15 km there and back (60 km), U2's 2 t by J (30 km), its 8 t in two
    trips by D1–S2, 40 km there and 15 back empty by J (110 km).
    """
    folder = _full_road_folder(tmp_path)
    routes = route_scenario_day(folder, day=1, params=PARAMS).routes
    assert routes.unserved == ()
    assert _delivered(routes) == {"U1": {"fuel": 10.0}, "U2": {"fuel": 10.0}}
    assert _loads(routes) == pytest.approx({"D1>J": 12.0, "J>S1": 10.0, "J>S2": 2.0, "D1>S2": 8.0})
    assert routes.total_distance_km == pytest.approx(200.0)

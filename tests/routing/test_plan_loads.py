"""Routes from the plan carry what the plan's road legs bring into the units' places.

A tester's plan moved 12.6 t over road A–C on C+0 to stock C for C+0–C+2 (A–C closed on
C+1 and C+2), but the routes took only the 4.2 t delivered on C+0 and reported C+1's
4.2 t ``road_closed``: they used the plan's deliveries (what a unit takes from stock at its
place), not what the plan's road movements bring.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from routing_scenarios import START, fleet, loc, road, scenario, unit

from supplyline.domain import (
    Delivery,
    LocationKind,
    Mode,
    Movement,
    Plan,
    PlanStatus,
    Scenario,
    Stock,
)
from supplyline.domain.routes import DrawnOnSite
from supplyline.errors import ArgumentError
from supplyline.io import write_scenario
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.plan_loads import plan_truck_loads
from supplyline.routing.problem import RouterParams
from supplyline.services.routing import route_scenario_day

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=100, seed=3))


def _chain() -> Scenario:
    """D –50 km– A –30 km– C (A–C closed C+1, C+2); UA at A, UC at C; rail R→C; hub H."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("A", 0.3), loc("C", 0.5),
            loc("R", 0.9, LocationKind.RAILHEAD), loc("H", 0.2, LocationKind.HUB)]  # fmt: skip
    ac = dataclasses.replace(road("A", "C", 30.0), outage_days=frozenset({1, 2}))
    rail = dataclasses.replace(road("R", "C", 40.0), id="R-C", mode=Mode.RAIL)
    links = [road("D", "A", 50.0), ac, rail, road("D", "H", 10.0)]
    units = [unit("UA", "A"), unit("UC", "C")]
    return scenario(locs, units, links, [fleet("F", "D", count=2)])


def _move(link: str, a: str, b: str, tonnes: float, day: int, *, com: str = "food",
          mode: Mode = Mode.ROAD, arrive: int | None = None) -> Movement:  # fmt: skip
    return Movement(link=link, origin=a, destination=b, mode=mode, commodity=com,
                    departure_day=day, arrival_day=day if arrive is None else arrive,
                    tonnes=tonnes)  # fmt: skip


def _give(u: str, where: str, day: int, tonnes: float, com: str = "food") -> Delivery:
    return Delivery(unit=u, location=where, commodity=com, day=day, tonnes=tonnes)


def _plan(s: Scenario, moves: list[Movement], deliveries: list[Delivery]) -> Plan:
    return Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0, movements=tuple(moves),
                deliveries=tuple(deliveries))  # fmt: skip


def _prestock() -> tuple[Scenario, Plan]:
    """C+0: 22 t D→A, 12 t of it on A→C (C's 4 t a day for C+0–C+2); UA eats 10 t a day."""
    s = _chain()
    moves = [_move("D-A", "D", "A", 22.0, 0), _move("A-C", "A", "C", 12.0, 0),
             _move("D-A", "D", "A", 10.0, 1)]  # fmt: skip
    gives = [_give("UA", "A", d, 10.0) for d in (0, 1)]
    gives += [_give("UC", "C", d, 4.0) for d in range(3)]
    return s, _plan(s, moves, gives)


def test_goods_passing_through_a_place_are_delivered_where_the_road_flow_ends() -> None:
    """C+0: UA 22 − 12 = 10 t, UC 12 t (3 days' worth); nothing is drawn on site."""
    s, plan = _prestock()
    loads, drawn = plan_truck_loads(s, plan, 0)
    assert [(r.unit, r.location, dict(r.load_t)) for r in loads] == [
        ("UA", "A", {"food": 10.0}),
        ("UC", "C", {"food": 12.0}),
    ]
    assert drawn == []


def test_a_prestocked_place_draws_on_site_on_its_closure_days() -> None:
    """C+1: 10 t to UA by truck; UC's 4 t drawn on site at C (stocked on C+0), no truck."""
    s, plan = _prestock()
    loads, drawn = plan_truck_loads(s, plan, 1)
    assert [(r.unit, dict(r.load_t)) for r in loads] == [("UA", {"food": 10.0})]
    assert drawn == [DrawnOnSite(unit="UC", location="C", load_t={"food": 4.0})]


def test_the_routes_of_the_plan_prestock_before_the_closure() -> None:
    """C+0 routed: 12 t reach UC (two 6 t loads), 10 t UA; C+1: nothing is road_closed."""
    s, plan = _prestock()
    loads, drawn = plan_truck_loads(s, plan, 0)
    day0 = route_day(s, loads, day=0, params=PARAMS, source="plan", on_site=drawn)
    to = {st.unit: 0.0 for r in day0.routes for st in r.stops}
    for r in day0.routes:
        for st in r.stops:
            to[st.unit] += st.tonnes
    assert to == pytest.approx({"UA": 10.0, "UC": 12.0})
    assert day0.unserved == ()
    loads1, drawn1 = plan_truck_loads(s, plan, 1)
    day1 = route_day(s, loads1, day=1, params=PARAMS, source="plan", on_site=drawn1)
    assert day1.unserved == ()
    assert day1.on_site_t == pytest.approx(4.0)
    assert day1.delivered_t == pytest.approx(10.0)


def test_rail_arrivals_hub_legs_and_deployments_need_no_truck() -> None:
    """Rail R→C 5 t, road D→H 3 t (no unit at H), UC's own kit on D→A: no truck-load.

    UC's 5 t delivered that day arrived by rail, at its place (not drawn from stock).
    """
    s = _chain()
    moves = [_move("R-C", "R", "C", 5.0, 0, mode=Mode.RAIL), _move("D-H", "D", "H", 3.0, 0),
             _move("D-A", "D", "A", 7.0, 0, com="deploy:UA")]  # fmt: skip
    loads, drawn = plan_truck_loads(s, _plan(s, moves, [_give("UC", "C", 0, 5.0)]), 0)
    assert loads == []
    assert drawn == [
        DrawnOnSite(unit="UC", location="C", load_t={"food": 5.0}, link="R-C", mode=Mode.RAIL)
    ]


def test_a_road_leg_is_routed_on_the_day_it_arrives() -> None:
    """D→A leaving C+0 and arriving C+1 (a day's transit) is a truck-load of C+1 only."""
    s = _chain()
    plan = _plan(s, [_move("D-A", "D", "A", 6.0, 0, arrive=1)], [])
    assert plan_truck_loads(s, plan, 0)[0] == []
    assert [dict(r.load_t) for r in plan_truck_loads(s, plan, 1)[0]] == [{"food": 6.0}]


def test_units_at_one_place_share_in_proportion_to_what_they_take_from_that_day() -> None:
    """9 t into A on C+0: UA takes 2 + 4, UB 3 t from C+0 on → 6 t and 3 t; equal if none."""
    s = _chain()
    s = dataclasses.replace(s, units=(*s.units, unit("UB", "A")))
    gives = [_give("UA", "A", 0, 2.0), _give("UA", "A", 2, 4.0), _give("UB", "A", 1, 3.0)]
    loads, drawn = plan_truck_loads(s, _plan(s, [_move("D-A", "D", "A", 9.0, 0)], gives), 0)
    assert [(r.unit, dict(r.load_t)) for r in loads] == [
        ("UA", {"food": pytest.approx(6.0)}),
        ("UB", {"food": pytest.approx(3.0)}),
    ]
    assert drawn == []
    equal, _ = plan_truck_loads(s, _plan(s, [_move("D-A", "D", "A", 9.0, 0)], []), 0)
    assert [(r.unit, r.tonnes) for r in equal] == [("UA", 4.5), ("UB", 4.5)]


def test_route_day_takes_on_site_or_held_not_both() -> None:
    """Both given is an ArgumentError naming them."""
    s = _chain()
    req = [DeliveryRequest(unit="UA", location="A", load_t={"food": 1.0})]
    with pytest.raises(ArgumentError, match=r"held_t .* or on_site"):
        route_day(s, req, day=0, params=PARAMS, held_t={}, on_site=[])


def test_plan_mode_routes_of_a_scenario_folder_prestock_a_site_cut_off_next_day(
    tmp_path: Path,
) -> None:
    """D –50 km– A, closed on C+1: the plan stocks A on C+0; the routes carry both days.

    UA eats 0.1 t of food and 0.1 t of fuel a day (100 people × 1 kg); C+0's trucks carry
    0.4 t (C+0 and C+1), handed to the unit on arrival (the plan keeps goods in the unit's
    hands rather than the site's store): on C+1 nothing moves, nothing is drawn from the
    site's store, nothing is road_closed.
    """
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("A", 0.3)]
    da = dataclasses.replace(road("D", "A", 50.0), outage_days=frozenset({1}))
    s = scenario(locs, [unit("UA", "A")], [da], [fleet("F", "D")])
    stocks = tuple(Stock(location="D", commodity=c, initial_t=10.0) for c in ("food", "fuel"))
    folder = tmp_path / "sc"
    write_scenario(dataclasses.replace(s, stocks=stocks), folder)
    day0 = route_scenario_day(folder, day=0, params=PARAMS).routes
    assert day0.source == "plan"
    assert day0.delivered_t == pytest.approx(0.4)
    assert day0.unserved == ()
    day1 = route_scenario_day(folder, day=1, params=PARAMS).routes
    assert day1.unserved == ()
    assert day1.routes == ()
    assert day1.on_site_t == 0.0  # the unit holds C+1's 0.2 t since C+0


def test_plan_mode_routes_have_no_road_closed_where_only_the_way_back_closes(
    tmp_path: Path,
) -> None:
    """A tester's one-way roads: D→A open, A→D (the way back) closed on C+1.

    The plan used to bring C+1's 0.2 t over D→A on C+1, which the routes reported
    ``road_closed`` ("no open road back from A to D"); now it stocks A on C+0: C+0's trucks
    carry 0.4 t, handed to the unit, which holds C+1's 0.2 t (nothing drawn from the site's
    store), and nothing is road_closed on any day.
    """
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("A", 0.3)]
    there = dataclasses.replace(road("D", "A", 50.0), bidirectional=False)
    back = dataclasses.replace(
        road("A", "D", 50.0), bidirectional=False, outage_days=frozenset({1})
    )
    s = scenario(locs, [unit("UA", "A")], [there, back], [fleet("F", "D")])
    stocks = tuple(Stock(location="D", commodity=c, initial_t=10.0) for c in ("food", "fuel"))
    folder = tmp_path / "sc"
    write_scenario(dataclasses.replace(s, stocks=stocks), folder)
    days = [route_scenario_day(folder, day=d, params=PARAMS).routes for d in range(3)]
    assert [r.unserved for r in days] == [(), (), ()]
    assert [r.delivered_t for r in days] == pytest.approx([0.4, 0.0, 0.2])
    assert days[1].routes == ()
    assert days[1].on_site_t == 0.0  # the unit holds C+1's 0.2 t since C+0

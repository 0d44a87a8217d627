"""The reach check judges each unit from where its goods can come by road, on its trucks.

A tester's relief units were all judged from an airstrip's three 1 t pick-ups 90 km away
(``needs 165.4 t/day = 166 truck-loads; … 4.5 t/day``), though a warehouse holding water
with ten 8 t bowsers stood 5 km from the largest site, and ``routes`` delivered there by
bowser without trouble: only the arrival ends of long-haul links counted.
"""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import START, fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Mode, Movement, Plan, PlanStatus, Scenario, Stock
from supplyline.routing.reach import check_reach, supply_points


def _relief() -> Scenario:
    """HOME →air→ AF (4x4s, 1 t) –90 km– L; warehouse W (bowsers, 8 t) –5 km– L; U at L."""
    locs = [
        loc("HOME", -1.0, LocationKind.AIRFIELD),
        loc("AF", 0.8, LocationKind.AIRFIELD),
        loc("W", 0.05, LocationKind.DEPOT),
        loc("L", 0.0),
    ]
    air = dataclasses.replace(
        road("HOME", "AF", 900.0), id="air", mode=Mode.AIR, bidirectional=False
    )
    links = [air, road("AF", "L", 90.0), road("W", "L", 5.0)]
    trucks = [fleet("PICKUP", "AF", count=3, payload_t=1.0), fleet("BOWSER", "W", count=10,
              payload_t=8.0)]  # fmt: skip
    s = scenario(locs, [unit("U", "L")], links, trucks)
    return dataclasses.replace(s, stocks=(Stock(location="W", commodity="food", initial_t=300.0),))


def test_a_stocked_warehouse_near_the_unit_serves_it_not_a_far_airfield() -> None:
    """W 5 km with bowsers: 10 × 0.75 × 12 turns × 8 t = 720 t/day covers 165 t; ok."""
    (row,) = check_reach(_relief(), {"U": 165.4}, availability=0.75).rows
    assert (row.supply_point, row.road_km, row.depot, row.trucks) == ("W", 5.0, "W", 10)
    assert row.turns_per_truck == 12  # 10 km at 50 km/h + 0.5 h stop = 0.7 h, in 9 h
    assert row.capacity_t_per_day == 720.0
    assert row.sustainable


def test_a_depot_holding_nothing_is_not_where_the_goods_come_from() -> None:
    """Without W's stock, the airfield's pick-ups are the unit's: 3 × 0.75 × 2 × 1 t."""
    s = dataclasses.replace(_relief(), stocks=())
    (row,) = check_reach(s, {"U": 165.4}, availability=0.75).rows
    assert (row.supply_point, row.depot, row.capacity_t_per_day) == ("AF", "AF", 4.5)
    assert not row.sustainable


def test_with_a_plan_the_places_its_road_legs_start_from_are_the_supply_points() -> None:
    """The plan trucks food from AF only (W holds stock but sends nothing): AF is judged."""
    s = _relief()
    leg = Movement(link="AF-L", origin="AF", destination="L", mode=Mode.ROAD, commodity="food",
                   departure_day=0, arrival_day=0, tonnes=4.0)  # fmt: skip
    plan = Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0, movements=(leg,))  # fmt: skip
    assert supply_points(s, plan) == ["AF"]
    (row,) = check_reach(s, {"U": 4.0}, availability=0.75, plan=plan).rows
    assert (row.supply_point, row.depot) == ("AF", "AF")
    assert supply_points(s) == ["AF", "W"]  # without the plan: freight arrives, stock held


def test_the_units_own_stocked_place_is_not_its_supply_point() -> None:
    """L's own well (stock at L) is drawn on site; the unit is still judged from W."""
    s = _relief()
    s = dataclasses.replace(s, stocks=(*s.stocks, Stock(location="L", commodity="food",
                                                        replenishment_t_per_day=60.0)))  # fmt: skip
    (row,) = check_reach(s, {"U": 165.4}, availability=0.75).rows
    assert (row.supply_point, row.depot) == ("W", "W")


def test_trucks_that_cannot_make_the_round_trip_are_passed_over() -> None:
    """W's bowsers have 0.5 h: too short for 10 km and a stop; AF's pick-ups serve U."""
    s = _relief()
    slow = dataclasses.replace(s.fleet[1], max_route_hours=0.5)
    s = dataclasses.replace(s, fleet=(s.fleet[0], slow))
    (row,) = check_reach(s, {"U": 1.0}, availability=1.0).rows
    assert (row.supply_point, row.depot, row.trucks) == ("AF", "AF", 3)
    assert row.sustainable


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    depots=st.lists(
        st.tuples(st.floats(1.0, 300.0), st.booleans(), st.floats(1.0, 12.0)),
        min_size=1,
        max_size=4,
    )
)
def test_the_serving_depot_is_the_nearest_stocked_one_whose_trucks_make_the_trip(
    depots: list[tuple[float, bool, float]],
) -> None:
    """Depots D<i> at km_i from U's place, stocked or not, trucks of h_i drivers' hours.

    When some stocked depot's trucks make the round trip (2 km / 50 km/h + 0.5 h ≤ h),
    the serving depot is stocked, its trucks make it, and none such is nearer.
    """
    locs = [loc("L", 0.0)] + [loc(f"D{i}", 0.01 * (i + 1), LocationKind.DEPOT)
                              for i in range(len(depots))]  # fmt: skip
    links = [road(f"D{i}", "L", km) for i, (km, _, _) in enumerate(depots)]
    trucks = [fleet(f"F{i}", f"D{i}", hours=h) for i, (_, _, h) in enumerate(depots)]
    stocks = tuple(Stock(location=f"D{i}", commodity="food", initial_t=10.0)
                   for i, (_, held, _) in enumerate(depots) if held)  # fmt: skip
    s = dataclasses.replace(scenario(locs, [unit("U", "L")], links, trucks), stocks=stocks)
    (row,) = check_reach(s, {"U": 1.0}, availability=1.0).rows
    able = [(km, f"D{i}") for i, (km, held, h) in enumerate(depots)
            if held and 2 * km / 50.0 + 0.5 <= h]  # fmt: skip
    if able:
        assert row.depot is not None
        assert row.depot == row.supply_point
        assert (depots[int(row.depot[1:])][0], row.depot) == min(able)

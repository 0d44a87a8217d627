"""Plan-mode truck-loads at a place shared by several units add up to what the place gets.

A tester's units ``pass`` and ``fh-team`` shared ``s-pass``: the plan's road legs brought
20 t of water on C+3 and the units took 19.2 t and 0.8 t; the routes trucked 19.472 t and
0.528 t and drew 0.272 t on site for fh-team besides, so the place got 20.272 t.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import START, fleet, loc, road, scenario, unit

from supplyline.domain import Delivery, LocationKind, Mode, Movement, Plan, PlanStatus, Scenario
from supplyline.routing.plan_loads import plan_truck_loads, share_place

_DAY = 1


def _shared(n_units: int) -> Scenario:
    """Depot D –20 km– place P, where ``n_units`` units U0… sit; horizon 3 days."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("P", 0.2)]
    units = [unit(f"U{i}", "P") for i in range(n_units)]
    return scenario(locs, units, [road("D", "P", 20.0)], [fleet("F", "D")])


def _plan(s: Scenario, road_t: float, gives: list[Delivery]) -> Plan:
    move = Movement(link="D-P", origin="D", destination="P", mode=Mode.ROAD,
                    commodity="food", departure_day=_DAY, arrival_day=_DAY,
                    tonnes=road_t)  # fmt: skip
    moves = (move,) if road_t > 0 else ()
    return Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0, movements=moves,
                deliveries=tuple(gives))  # fmt: skip


def _at_place(s: Scenario, plan: Plan) -> tuple[dict[str, float], dict[str, float]]:
    """Food trucked and drawn on site at P on the day, by unit."""
    loads, drawn = plan_truck_loads(s, plan, _DAY)
    trucked = {r.unit: r.load_t.get("food", 0.0) for r in loads if r.location == "P"}
    on_site = {d.unit: d.load_t.get("food", 0.0) for d in drawn if d.location == "P"}
    return trucked, on_site


def test_the_testers_shared_site_gets_what_the_road_brings_and_nothing_more() -> None:
    """20 t by road, takes 19.2 t and 0.8 t: trucked 19.2 t and 0.8 t, nothing on site."""
    s = _shared(2)
    gives = [
        Delivery(unit="U0", location="P", commodity="food", day=_DAY, tonnes=19.2),
        Delivery(unit="U1", location="P", commodity="food", day=_DAY, tonnes=0.8),
        Delivery(unit="U0", location="P", commodity="food", day=_DAY + 1, tonnes=19.2),
        Delivery(unit="U1", location="P", commodity="food", day=_DAY + 1, tonnes=0.2),
    ]
    trucked, on_site = _at_place(s, _plan(s, 20.0, gives))
    assert trucked == pytest.approx({"U0": 19.2, "U1": 0.8})
    assert on_site == {}


def test_a_road_short_of_the_days_takes_trucks_each_unit_its_share_and_draws_the_rest() -> None:
    """10 t by road, takes 15 t and 5 t: 7.5 t and 2.5 t by truck, 7.5 t and 2.5 t on site."""
    s = _shared(2)
    gives = [
        Delivery(unit="U0", location="P", commodity="food", day=_DAY, tonnes=15.0),
        Delivery(unit="U1", location="P", commodity="food", day=_DAY, tonnes=5.0),
    ]
    trucked, on_site = _at_place(s, _plan(s, 10.0, gives))
    assert (trucked, on_site) == (
        pytest.approx({"U0": 7.5, "U1": 2.5}),
        pytest.approx({"U0": 7.5, "U1": 2.5}),
    )


def test_stock_for_later_days_goes_by_what_each_unit_takes_later() -> None:
    """12 t by road, takes 2 t and 0 t today, 4 t and 6 t later: 2 + 4 t and 6 t."""
    assert share_place(12.0, {"a": 2.0, "b": 0.0}, {"a": 4.0, "b": 6.0}) == pytest.approx(
        {"a": 6.0, "b": 6.0}
    )


_TONNES = st.floats(0.0, 50.0, allow_nan=False).map(lambda t: round(t, 3))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n_units=st.integers(1, 4),
    road_t=_TONNES,
    today=st.lists(_TONNES, min_size=4, max_size=4),
    later=st.lists(_TONNES, min_size=4, max_size=4),
)
def test_trucked_and_drawn_at_a_shared_place_add_up_to_what_it_gets(
    n_units: int, road_t: float, today: list[float], later: list[float]
) -> None:
    """Trucked + drawn at the place = max(road tonnes, the day's takes); no unit short.

    Each unit gets at least what it takes that day (by truck or on site), draws on site
    no more than that, and nothing is drawn on site while the road brings enough.
    """
    s = _shared(n_units)
    gives = [
        Delivery(unit=f"U{i}", location="P", commodity="food", day=day, tonnes=t)
        for i in range(n_units)
        for day, t in ((_DAY, today[i]), (_DAY + 1, later[i]))
        if t > 0
    ]
    trucked, on_site = _at_place(s, _plan(s, road_t, gives))
    takes = sum(today[:n_units])
    got = sum(trucked.values()) + sum(on_site.values())
    assert got == pytest.approx(max(road_t, takes), abs=1e-5)
    assert sum(trucked.values()) == pytest.approx(road_t, abs=1e-5)
    for i in range(n_units):
        uid = f"U{i}"
        assert trucked.get(uid, 0.0) + on_site.get(uid, 0.0) >= today[i] - 1e-6
        assert on_site.get(uid, 0.0) <= today[i] + 1e-9
    if road_t >= takes:
        assert on_site == {}


def test_units_at_another_place_take_nothing_of_a_places_road_tonnes() -> None:
    """A unit at another place takes nothing of P's road tonnes."""
    s = _shared(2)
    s = dataclasses.replace(
        s,
        locations=(*s.locations, loc("Q", 0.4)),
        units=(*s.units, unit("UQ", "Q")),
        links=(*s.links, road("D", "Q", 40.0)),
    )
    gives = [Delivery(unit="UQ", location="Q", commodity="food", day=_DAY, tonnes=3.0)]
    trucked, on_site = _at_place(s, _plan(s, 6.0, gives))
    assert trucked == pytest.approx({"U0": 3.0, "U1": 3.0})
    assert on_site == {}

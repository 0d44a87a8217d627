"""With a plan, the reach check weighs each unit's busiest delivery day against its trucks' day.

A tester's u0 read ok at 38.7 t/day against 81 t/day, while the plan delivered it 193.5 t
on C+8 (build-up included) and ``routes --day 8`` left 85.5 t ``too_large``. Worked by
hand here: depot D, unit U 40 km away by road; 2 trucks of 10 t at 40 km/h with 3 h of
drivers' hours: a round trip of 2 h + 0.5 h stop, one turn a day each. At 75 %
availability they carry 15 t/day steady (12 t/day of demand fits); on one day, every
truck on the road, 2 × 1 × 10 t = 20 t.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st
from routing_scenarios import START, fleet, loc, road, scenario, unit

from supplyline.domain import Delivery, LocationKind, Plan, PlanStatus, Scenario, Stock
from supplyline.domain.routes import ReachRow
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.depot_stock import DepotStock
from supplyline.routing.problem import RouterParams
from supplyline.routing.reach import check_reach, reach_rows
from supplyline.routing.reach_busiest import BusiestDay, busiest_days

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=300, seed=1))
DAILY_T = 12.0
"""U's steady demand: within the 15 t/day its trucks carry at 75 % availability."""


def _scenario() -> Scenario:
    """D (food, 2 trucks of 10 t, 3 h) and U at L, 40 km by road."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("L", 0.3)]
    groups = [fleet("T", "D", count=2, payload_t=10.0, speed_kmh=40.0, hours=3.0)]
    s = scenario(locs, [unit("U", "L")], [road("D", "L", 40.0)], groups, detour=1.0)
    held = Stock(location="D", commodity="food", initial_t=500.0, replenishment_t_per_day=0.0)
    return dataclasses.replace(s, stocks=(held,))


def _plan(s: Scenario, tonnes_by_day: dict[int, float]) -> Plan:
    """A plan delivering U these tonnes of food on these days (and nothing else)."""
    deliveries = tuple(
        Delivery(unit="U", location="L", commodity="food", day=day, tonnes=t)
        for day, t in tonnes_by_day.items()
    )
    return Plan(
        scenario=s.name, start_date=START, horizon_days=s.horizon_days,
        status=PlanStatus.OPTIMAL, objective=0.0, deliveries=deliveries,
    )  # fmt: skip


def _row(s: Scenario, plan: Plan | None) -> ReachRow:
    check = check_reach(
        s, {"U": DAILY_T}, availability=0.75, plan=plan, goods={"U": {"food": DAILY_T}}
    )
    (row,) = check.rows
    return row


def test_a_build_up_day_beyond_the_trucks_day_is_flagged_with_its_figures() -> None:
    """12 t/day fits 15 t/day, but 32 t on C+1 (12 + 20 t build-up) is beyond 2 × 1 × 10 t."""
    s = _scenario()
    row = _row(s, _plan(s, {1: 32.0, 2: DAILY_T}))
    assert (row.capacity_t_per_day, row.busiest_day, row.busiest_t) == (15.0, 1, 32.0)
    assert not row.sustainable
    assert row.reason == (
        "the plan delivers 32.0 t on C+1 (build-up included); the 2 trucks of D can carry "
        "at most 20 t a day (2 × 1 turn × 10 t)"
    )


def test_routes_leaves_what_the_flag_says_on_that_day() -> None:
    """``routes`` brings 20 t of the 32 t and leaves 12 t ``too_large``: the flag's figures."""
    s = _scenario()
    req = DeliveryRequest(unit="U", location="L", load_t={"food": 32.0})
    held = DepotStock(held_t={("D", "food"): 500.0})
    routes = route_day(s, [req], day=1, params=PARAMS, depot_stock=held)
    assert [u.reason for u in routes.unserved] == ["too_large"]
    assert sum(sum(u.load_t.values()) for u in routes.unserved) == pytest.approx(12.0)


@pytest.mark.parametrize("busiest_t", [18.0, 20.0])
def test_a_busiest_day_within_the_trucks_day_stays_ok(busiest_t: float) -> None:
    """18 t, and exactly 20 t, on C+1 fit: ok, the day and tonnes given, no reason."""
    s = _scenario()
    row = _row(s, _plan(s, {1: busiest_t, 2: DAILY_T}))
    assert (row.sustainable, row.reason) == (True, "")
    assert (row.busiest_day, row.busiest_t) == (1, busiest_t)


def test_without_a_plan_no_busiest_day_is_judged() -> None:
    """``reach`` from stocks has no deliveries: the columns are empty, the unit ok."""
    row = _row(_scenario(), None)
    assert (row.sustainable, row.busiest_day, row.busiest_t) == (True, None, None)


def test_the_table_gives_the_busiest_day_last() -> None:
    """``reach.csv``'s rows end with ``busiest_day`` and ``busiest_t`` (C+ number, tonnes)."""
    s = _scenario()
    check = check_reach(s, {"U": DAILY_T}, availability=0.75, plan=_plan(s, {1: 32.0}))
    (row,) = reach_rows(check)
    assert list(row)[-2:] == ["busiest_day", "busiest_t"]
    assert (row["busiest_day"], row["busiest_t"], row["ok"]) == (1, 32.0, False)


def test_equal_days_give_the_earliest_and_an_undelivered_unit_none() -> None:
    """Two days of 5 t: the first; a unit the plan delivers nothing is left out."""
    s = _scenario()
    assert busiest_days(_plan(s, {2: 5.0, 1: 5.0}), ["U", "V"]) == {"U": BusiestDay(1, 5.0)}


@given(st.dictionaries(st.integers(0, 2), st.floats(0.001, 1000.0), min_size=1))
def test_the_busiest_day_is_the_days_most_tonnes(tonnes_by_day: dict[int, float]) -> None:
    """Whatever the days' tonnes, the busiest day holds the most of them (to the gram)."""
    s = _scenario()
    top = busiest_days(_plan(s, tonnes_by_day), ["U"])["U"]
    assert top.tonnes == pytest.approx(max(tonnes_by_day.values()), abs=1e-6)
    assert tonnes_by_day[top.day] == pytest.approx(top.tonnes, abs=1e-6)

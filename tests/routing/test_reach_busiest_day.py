"""With a plan, the reach check weighs each place's busiest day of road-leg arrivals.

The day's tonnes are what ``routes`` in plan mode loads on the trucks (the plan's road
legs into the unit's place, :func:`plan_road_loads`), not ``deliveries.csv``, which puts a
deploying unit's build-up on its arrival day. A tester's bn-1 (s3, 1 truck of 12 t) was
flagged for 48.5 t "delivered" on C+6, while the road legs brought 14.0 t on C+4 and
34.5 t on C+5, and ``routes`` left nothing on any day; with 10 t trucks (s2) the flag said
C+6 where ``routes`` left 4.491 t ``too_large`` on C+5. Worked by hand here: depot D, unit
U at L 40 km away by road; 2 trucks of 10 t at 40 km/h with 3 h of drivers' hours: a
round trip of 2 h + 0.5 h stop, one turn a day each. At 75 % availability they carry
15 t/day steady (12 t/day of demand fits); on one day, every truck on the road,
2 × 1 × 10 t = 20 t.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st
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
from supplyline.domain.reach_flags import FlagKind
from supplyline.domain.routes import ReachCheck, ReachRow
from supplyline.routing.convoy import ConvoyParams, route_day
from supplyline.routing.depot_stock import DepotStock
from supplyline.routing.plan_loads import plan_truck_loads
from supplyline.routing.problem import RouterParams
from supplyline.routing.reach import check_reach, reach_rows
from supplyline.routing.reach_busiest import BusiestDay, busiest_days
from supplyline.routing.reach_counts import flagged_count_words

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=300, seed=1))
DAILY_T = 12.0
"""U's steady demand: within the 15 t/day its trucks carry at 75 % availability."""
BUILD_UP = {1: 32.0, 2: DAILY_T}
"""deliveries.csv: U arrives on C+1 and takes its day and 20 t of build-up there."""


def _scenario(*units: str) -> Scenario:
    """D (food, 2 trucks of 10 t, 3 h) and ``units`` (U alone by default) at L, 40 km."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("L", 0.3)]
    groups = [fleet("T", "D", count=2, payload_t=10.0, speed_kmh=40.0, hours=3.0)]
    at_l = [unit(u, "L") for u in units or ("U",)]
    s = scenario(locs, at_l, [road("D", "L", 40.0)], groups, detour=1.0)
    held = Stock(location="D", commodity="food", initial_t=500.0, replenishment_t_per_day=0.0)
    return dataclasses.replace(s, stocks=(held,))


def _plan(s: Scenario, legs: dict[int, float], delivered: dict[tuple[str, int], float]) -> Plan:
    """Road legs D→L of food arriving on these days; these deliveries (unit, day)."""
    (link,) = s.links
    movements = tuple(
        Movement(
            link=link.id, origin="D", destination="L", mode=Mode.ROAD, commodity="food",
            departure_day=day, arrival_day=day, tonnes=t,
        )
        for day, t in legs.items()
    )  # fmt: skip
    deliveries = tuple(
        Delivery(unit=u, location="L", commodity="food", day=day, tonnes=t)
        for (u, day), t in delivered.items()
    )
    return Plan(
        scenario=s.name, start_date=START, horizon_days=s.horizon_days,
        status=PlanStatus.OPTIMAL, objective=0.0, deliveries=deliveries, movements=movements,
    )  # fmt: skip


def _u(by_day: dict[int, float]) -> dict[tuple[str, int], float]:
    return {("U", d): t for d, t in by_day.items()}


def _check(s: Scenario, plan: Plan | None) -> ReachCheck:
    units = [u.id for u in s.units]
    return check_reach(
        s,
        dict.fromkeys(units, DAILY_T),
        availability=0.75,
        plan=plan,
        goods={u: {"food": DAILY_T} for u in units},
    )


def _row(s: Scenario, plan: Plan | None) -> ReachRow:
    (row,) = _check(s, plan).rows
    return row


def _left_t(s: Scenario, plan: Plan, day: int) -> float:
    """What ``routes`` in plan mode leaves unserved on ``day`` (the plan's road loads)."""
    requests, _ = plan_truck_loads(s, plan, day)
    if not requests:
        return 0.0
    held = DepotStock(held_t={("D", "food"): 500.0})
    routes = route_day(s, requests, day=day, params=PARAMS, depot_stock=held)
    return sum(u.tonnes for u in routes.unserved)


S3_LIKE = {0: 18.0, 1: 14.0, 2: DAILY_T}
"""The legs bring the build-up a day ahead: 18 t on C+0, 14 t on C+1 (32 t delivered)."""
S2_LIKE = {0: 26.0, 1: 6.0, 2: DAILY_T}
"""As S3_LIKE, but 26 t on C+0: more than the trucks' 20 t."""


def test_build_up_brought_ahead_within_the_trucks_day_is_ok() -> None:
    """s3-like: 32 t delivered on C+1, but the legs bring at most 18 t a day: ok, no flag."""
    s = _scenario()
    plan = _plan(s, S3_LIKE, _u(BUILD_UP))
    row = _row(s, plan)
    assert (row.sustainable, row.reason, row.flagged_for) == (True, "", ())
    assert (row.busiest_day, row.busiest_t, row.busiest_capacity_t) == (0, 18.0, 20.0)


def test_routes_leaves_nothing_on_any_day_of_the_s3_like_plan() -> None:
    """The days ``routes`` drives (C+0–C+2) all fit: nothing unserved, as the check says."""
    s = _scenario()
    plan = _plan(s, S3_LIKE, _u(BUILD_UP))
    assert [_left_t(s, plan, day) for day in (0, 1, 2)] == [0.0, 0.0, 0.0]


def test_the_legs_busiest_day_beyond_the_trucks_day_is_flagged_with_its_figures() -> None:
    """s2-like: 26 t brought to L on C+0 is beyond 2 × 1 × 10 t; C+1's 32 t delivered is not."""
    s = _scenario()
    row = _row(s, _plan(s, S2_LIKE, _u(BUILD_UP)))
    assert (row.capacity_t_per_day, row.busiest_day, row.busiest_t) == (15.0, 0, 26.0)
    assert (row.sustainable, row.busiest_capacity_t) == (False, 20.0)
    assert row.flagged_for == (FlagKind.TRUCKS,)
    assert row.reason == (
        "the plan's road legs bring 26.0 t to L on C+0; the 2 trucks of D can carry "
        "at most 20 t a day (2 × 1 turn × 10 t)"
    )


def test_the_flagged_day_is_the_day_routes_leaves_loads() -> None:
    """``routes`` on the s2-like plan leaves 6 t on C+0, the flagged day, and none on C+1."""
    s = _scenario()
    plan = _plan(s, S2_LIKE, _u(BUILD_UP))
    assert _row(s, plan).busiest_day == 0
    assert _left_t(s, plan, 0) == pytest.approx(6.0)
    assert _left_t(s, plan, 1) == 0.0


def test_a_shared_place_is_judged_on_its_day_total_and_says_so() -> None:
    """U and V at L take 12 t each on C+1 (24 t): each alone fits 20 t, the place does not."""
    s = _scenario("U", "V")
    plan = _plan(s, {1: 24.0}, {("U", 1): 12.0, ("V", 1): 12.0})
    rows = _check(s, plan).rows
    assert [(r.busiest_day, r.busiest_t, r.sustainable) for r in rows] == [(1, 24.0, False)] * 2
    assert rows[0].reason == (
        "the plan's road legs bring 24.0 t to L on C+1 for its 2 units (U, V); the 2 trucks "
        "of D can carry at most 20 t a day (2 × 1 turn × 10 t)"
    )
    assert _left_t(s, plan, 1) == pytest.approx(4.0)


def test_without_a_plan_no_busiest_day_is_judged() -> None:
    """``reach`` from stocks has no plan: the columns are empty, the unit ok."""
    row = _row(_scenario(), None)
    assert (row.sustainable, row.busiest_day, row.busiest_t) == (True, None, None)
    assert row.busiest_capacity_t is None


def test_the_table_gives_the_busiest_day_and_its_capacity_last() -> None:
    """``reach.csv`` ends with the busiest day's capacity: the reason's 20 t, not 15 t.

    ``busiest_capacity_t`` counts every truck; ``capacity_t`` the 75 % available.
    """
    s = _scenario()
    (row,) = reach_rows(_check(s, _plan(s, S2_LIKE, _u(BUILD_UP))))
    assert list(row)[-5:-2] == ["busiest_day", "busiest_t", "busiest_capacity_t"]
    assert (row["busiest_day"], row["busiest_t"], row["busiest_capacity_t"]) == (0, 26.0, 20.0)
    assert (row["capacity_t"], row["ok"]) == (15.0, False)
    assert "at most 20 t a day" in row["reason"]


def test_equal_days_give_the_earliest_and_a_unit_with_no_legs_none() -> None:
    """Two days of 5 t: the first; a unit whose place no leg reaches is left out."""
    s = _scenario("U", "V")
    s = dataclasses.replace(s, units=(s.units[0], dataclasses.replace(s.units[1], destination="D")))
    plan = _plan(s, {2: 5.0, 1: 5.0}, {})
    assert busiest_days(s, plan, ["U", "V"]) == {"U": BusiestDay(1, 5.0, ("U",))}


@given(st.dictionaries(st.integers(0, 2), st.floats(0.001, 1000.0), min_size=1))
def test_the_busiest_day_is_the_days_most_road_tonnes(legs: dict[int, float]) -> None:
    """Whatever the legs' tonnes a day, the busiest day holds the most of them (to the gram)."""
    s = _scenario()
    top = busiest_days(s, _plan(s, legs, {}), ["U"])["U"]
    assert top.tonnes == pytest.approx(max(legs.values()), abs=1e-6)
    assert legs[top.day] == pytest.approx(top.tonnes, abs=1e-6)


@pytest.mark.parametrize(
    ("kinds", "said"),
    [
        ((FlagKind.CUT_OFF,) * 2, "2 of 2 unit(s) flagged: 2 cut off by road beyond their stock"),
        (
            (FlagKind.TRUCKS, None),
            "1 of 2 unit(s) flagged: 1 beyond what their trucks can carry",
        ),
        ((None, None), "0 of 2 unit(s) flagged"),
    ],
)
def test_the_heading_counts_the_flags_by_kind(
    kinds: tuple[FlagKind | None, ...], said: str
) -> None:
    """Cut off beyond the stock is not said as trucks; each kind has its count."""
    s = _scenario("U", "V")
    check = _check(s, None)
    rows = tuple(
        dataclasses.replace(r, sustainable=k is None, flagged_for=() if k is None else (k,))
        for r, k in zip(check.rows, kinds, strict=True)
    )
    assert flagged_count_words(dataclasses.replace(check, rows=rows)) == said

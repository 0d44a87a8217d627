"""Shortfalls that no capacity could avoid say why.

The place is too far for that day, or closed links cut it off; a shortfall that more
capacity would remove has no cause of its own (the bottleneck report names the capacity).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain import Demand, Mode, PlanStatus, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.assemble import prepare
from supplyline.planning.capacity_cause import CAPACITY_CAUSE, capacities_alone
from supplyline.planning.examples import gauge_break, one_link
from supplyline.planning.highs import HighsSession, Solution
from supplyline.planning.summary import shortfall_rows
from supplyline.planning.unexplained import explained_shortfall
from supplyline.planning.unreachable import (
    _Arrivals,
    _reopened,
    _sources,
    explain_unreachable,
    reachable,
)
from supplyline.services.scenarios import assess_requirements, bundled_example


def test_a_day_before_anything_can_arrive_is_short_because_it_is_too_far() -> None:
    plan = plan_movements(*one_link(transit_days=2, days=6))
    assert [s.day for s in plan.shortfalls] == [0, 1]
    assert {s.cause for s in plan.shortfalls} == {"no Rations can reach U before C+2"}


@pytest.mark.parametrize(
    ("transit", "capacity", "cause"),
    [
        (
            3,
            None,
            "no Rations can reach U within the 3-day horizon: the quickest way from its "
            "stock takes longer",
        ),
        (1, 0.0, "no Rations can reach U: no chain of links that can carry it leads there"),
    ],
)
def test_a_horizon_too_short_is_told_from_no_way_at_all(
    transit: int, capacity: float | None, cause: str
) -> None:
    """A tester's one-day horizon over a one-day road was blamed on the links."""
    plan = plan_movements(*one_link(transit_days=transit, days=3, capacity_t_per_day=capacity))
    assert [s.day for s in plan.shortfalls] == [0, 1, 2]
    assert {s.cause for s in plan.shortfalls} == {cause}


def test_a_closure_that_cuts_the_unit_off_is_named_with_all_its_days() -> None:
    plan = plan_movements(*one_link(transit_days=1, days=8, outage_days=[0, 1, 2, 6]))
    causes = {s.day: s.cause for s in plan.shortfalls}
    assert sorted(causes) == [0, 1, 2, 3]
    assert causes[0] == "no Rations can reach U before C+1"  # nothing departs before day 0
    # all its closure days, C+6 too: cut to those it explains, a planner read the last of
    # them as the day the link reopens
    closure = "the closure of road link L1 (closed C+0–C+2, C+6) cuts U off from Rations"
    assert [causes[day] for day in (1, 2, 3)] == [closure] * 3


def test_a_shortfall_more_capacity_would_remove_blames_the_capacity() -> None:
    """The records say the words the faces show (they were empty until 2026-11-30)."""
    plan = plan_movements(*one_link(capacity_t_per_day=5.0, days=5))
    assert [s.cause for s in plan.shortfalls if s.day >= 1] == [CAPACITY_CAUSE] * 4


@settings(max_examples=40, deadline=None)
@given(
    transit=st.integers(0, 3),
    days=st.integers(1, 9),
    closed=st.sets(st.integers(0, 8), max_size=6),
)
def test_a_cause_is_given_exactly_where_no_food_can_be_that_day(
    transit: int, days: int, closed: set[int]
) -> None:
    """On one link, food can be at U (which stores) from the first open day plus transit.

    A shortfall has a cause on exactly the days no food can arrive: before the first
    arrival, and on days the closure cuts U off after it (then stock delivered before
    could have covered it). Hypothesis found the second kind (only C+0 open, C+6 short),
    which an earlier version of this test did not allow for; and then the same with a
    supply too small to stock ahead (C+1–C+6 closed, 50 t/day at D, 56 t eaten), whose
    cause names the closure and the supply together.
    """
    scenario, demand = one_link(
        transit_days=transit, days=days, outage_days=sorted(d for d in closed if d < days)
    )
    problem = prepare(scenario, demand, PlanParams())
    arrivals = {d + transit for d in range(days) if d not in closed}
    first = min(arrivals, default=days)
    there = reachable(problem, problem.net.arc_open)
    assert there[0, 1].tolist() == [t >= first for t in range(days)]
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    for s in plan.shortfalls:
        assert (s.cause != "") == (s.day not in arrivals)
        if s.day < first:
            assert s.short_t == s.required_t  # nothing at all arrives that day
        elif s.cause:  # stock delivered before could cover it, unless the supply could not
            assert "stock delivered before could cover" in s.cause or (
                "and the supply together" in s.cause and "the supply at D" in s.cause
            )
    assert np.isclose(
        sum(s.short_t for s in plan.shortfalls if s.day < first),
        float(demand.consumption_t[0, 0, :first].sum()),
    )


def test_parallel_closed_links_are_named_together() -> None:
    scenario, demand = one_link(transit_days=1, days=6, outage_days=[0, 1, 2])
    spare = dataclasses.replace(scenario.links[0], id="L2", mode=Mode.RAIL)
    plan = plan_movements(dataclasses.replace(scenario, links=(*scenario.links, spare)), demand)
    assert {s.day: s.cause for s in plan.shortfalls if s.day > 0} == {
        day: "the closures of road link L1 (closed C+0–C+2), rail link L2 (closed C+0–C+2) "
        "cut U off from Rations (reopening any one would do)"
        for day in (1, 2, 3)
    }


def test_the_summary_says_why_each_unit_falls_short() -> None:
    """Days with a cause give it; the other days are the capacities'."""
    scenario, demand = one_link(capacity_t_per_day=5.0, transit_days=2, days=6)
    rows = shortfall_rows(plan_movements(scenario, demand, PlanParams(explain_top=0)))
    assert [row["why"] for row in rows] == [
        "C+0–C+1: no Rations can reach U before C+2; C+2–C+5: capacity (see the bottlenecks)"
    ]


def test_a_plan_not_proven_best_blames_capacity_or_the_time_limit() -> None:
    """A plan the time limit stopped may fall short for want of time, not of capacity."""
    scenario, demand = one_link(capacity_t_per_day=5.0, transit_days=2, days=6)
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    uncaused = [dataclasses.replace(s, cause="") for s in plan.shortfalls]
    problem = prepare(scenario, demand, PlanParams(explain_top=0))
    shortfalls, _ = explain_unreachable(problem, uncaused, proven=False)
    stopped = dataclasses.replace(plan, status=PlanStatus.FEASIBLE, shortfalls=shortfalls)
    assert [row["why"] for row in shortfall_rows(stopped)] == [
        "C+0–C+1: no Rations can reach U before C+2; "
        "C+2–C+5: capacity, or the time limit: the plan is not proven best"
    ]


def test_the_relief_examples_shortfall_is_blamed_on_the_mountain_road(
    relief: tuple[Scenario, Demand],
) -> None:
    """Its 1.3 t short at sites 5 and 6 come from the mountain road's closure."""
    plan = plan_movements(*relief, PlanParams(explain_top=0))
    assert plan.shortfalls
    assert all("the closure of road link r-mountain" in s.cause for s in plan.shortfalls)


def test_a_closure_after_goods_could_arrive_says_earlier_stock_would_cover_it() -> None:
    """U stores nothing itself, but the unit holds what it was given before the closure."""
    scenario, demand = one_link(capacity_t_per_day=10.0, days=8, outage_days=[3, 4])
    depot, camp = scenario.locations
    scenario = dataclasses.replace(
        scenario, locations=(depot, dataclasses.replace(camp, storage_t=0.0))
    )
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    causes = {s.day: s.cause for s in plan.shortfalls}
    assert causes[0] == "no Rations can reach U before C+1"
    assert {causes[4], causes[5]} == {
        "the closure of road link L1 (closed C+3–C+4) cuts U off from Rations; "
        "stock delivered before could cover these days (as far as capacities allow: see the "
        "bottlenecks)"
    }


def test_a_closure_mid_horizon_is_named_though_the_place_could_hold_stock() -> None:
    """U stores (no limit): goods could wait there, but none can arrive while L1 is shut."""
    plan = plan_movements(
        *one_link(capacity_t_per_day=10.0, days=8, outage_days=[3, 4]), PlanParams(explain_top=0)
    )
    assert {s.cause for s in plan.shortfalls if s.day in (4, 5)} == {
        "the closure of road link L1 (closed C+3–C+4) cuts U off from Rations; "
        "stock delivered before could cover these days (as far as capacities allow: see the "
        "bottlenecks)"
    }


def test_a_plan_not_proven_best_points_at_no_bottlenecks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped by the time limit, the plan lists none: the cause does not send one to them.

    A tester's fallback plan said "(as far as capacities allow: see the bottlenecks)" above
    a bottleneck section that said they were not computed.
    """
    real_solve = HighsSession.solve

    def stopped(self: HighsSession, **kw: bool) -> Solution:
        return dataclasses.replace(real_solve(self, **kw), status=PlanStatus.FEASIBLE)

    monkeypatch.setattr(HighsSession, "solve", stopped)
    plan = plan_movements(
        *one_link(capacity_t_per_day=10.0, days=8, outage_days=[3, 4]), PlanParams(explain_top=0)
    )
    assert plan.status is PlanStatus.FEASIBLE
    assert {s.cause for s in plan.shortfalls if s.day in (4, 5)} == {
        "the closure of road link L1 (closed C+3–C+4) cuts U off from Rations; "
        "stock delivered before could cover these days (as far as capacities allow; which "
        "of them bind is not computed in a plan not proven best)"
    }


def test_closures_in_series_name_only_the_links_on_the_way() -> None:
    """D→M→U both closed; a closed spur D→X is not to blame."""
    scenario, demand = one_link(transit_days=1, days=8)
    depot, camp = scenario.locations
    road = scenario.links[0]
    mid, spur = (
        dataclasses.replace(depot, id="M", name="M"),
        dataclasses.replace(depot, id="X", name="X"),
    )
    links = (
        dataclasses.replace(road, id="L1", destination="M", outage_days=frozenset({0, 1, 2})),
        dataclasses.replace(road, id="L2", origin="M", outage_days=frozenset({0, 1, 2})),
        dataclasses.replace(road, id="L3", destination="X", outage_days=frozenset({0, 1, 2})),
    )
    scenario = dataclasses.replace(scenario, locations=(depot, camp, mid, spur), links=links)
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    causes = {s.day: s.cause for s in plan.shortfalls}
    assert causes[3] == (
        "the closures of road link L1 (closed C+0–C+2), road link L2 (closed C+0–C+2) "
        "together cut U off from Rations"
    )


def test_the_headline_demand_is_what_units_consume_not_their_build_up(
    relief: tuple[Scenario, Demand],
) -> None:
    """Delivered plus short can be checked against it: the build-up is a soft target."""
    from supplyline.planning.summary import headline

    scenario, demand = relief
    assert float(demand.buildup_t.sum()) > 0
    head = headline(plan_movements(scenario, demand, PlanParams(explain_top=0)), demand)
    assert head["demand_t"] == pytest.approx(float(demand.consumption_t.sum()), abs=1e-6)
    assert head["met_share"] == pytest.approx(1 - head["short_t"] / demand.consumption_t.sum())


def test_summary_amounts_come_to_the_gram_as_the_plan_files_give_them(
    relief: tuple[Scenario, Demand],
) -> None:
    """A tester's JSON read short_t 1.198 beside demand_t 7.485000000000001."""
    from supplyline.planning.summary import headline, shortfall_rows, target_rows, totals_by_mode
    from supplyline.types import to_gram

    scenario, demand = relief
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    rows = [headline(plan, demand), *shortfall_rows(plan, demand), *target_rows(plan, demand)]
    rows += totals_by_mode(plan, scenario, with_total=True)
    amounts = [
        v
        for row in rows
        for k, v in row.items()
        if isinstance(v, float) and k.endswith(("_t", "_pct", "_t_days", "pax", "cost", "tonnes"))
    ]
    assert len(amounts) > 10
    assert all(v == to_gram(v) for v in amounts)


def test_a_yard_that_handles_no_tonnes_is_named_as_the_capacity_to_raise() -> None:
    """A tester's yard at 0 t/day: named (it had read "capacity" alone), and as a capacity.

    The LP lets no goods on or off at a place handling 0 t/day; the days the goods could
    reach the unit through the yard are the yard's handling's, which the bottleneck report
    offers to raise, and the days before are too far, whatever the handling.
    """
    plan = plan_movements(*gauge_break(yard_handling_t_per_day=0.0, days=5))
    assert plan.total_short_t == pytest.approx(2 * 5 * 60.0)  # 60 t/day of each
    for name, commodity in (("Diesel", "fuel"), ("Rations", "food")):
        causes = {s.day: s.cause for s in plan.shortfalls if s.commodity == commodity}
        assert causes == {
            **dict.fromkeys(range(3), f"no {name} can reach U before C+3"),
            **dict.fromkeys(
                (3, 4),
                f"capacity: no {name} can reach U while every way there passes through a "
                "place that handles 0 t/day (Y) (see the bottlenecks)",
            ),
        }
    (yard,) = plan.bottlenecks
    assert (yard.resource, yard.shortfall_removed_t) == ("Y", pytest.approx(4 * 60.0))


def test_a_camp_that_handles_nothing_is_short_for_capacity_as_its_bottleneck_says() -> None:
    """A tester's camp of handling 0: its reason agrees with "+5 t/day there removes 45 t".

    The reason had said every way "passes through a place that handles no tonnes", among
    what no capacity could change, while the bottleneck offered to raise the handling. Now
    the days a raise reaches blame the capacity, and the tonnes are not said to be short
    "that no capacity could avoid"; the first day, which nothing can reach, still is.
    """
    scenario, demand = one_link(capacity_t_per_day=5.0, days=10, daily_t=10.0)
    camp = dataclasses.replace(scenario.locations[1], handling_t_per_day=0.0)
    scenario = dataclasses.replace(scenario, locations=(scenario.locations[0], camp))
    plan = plan_movements(scenario, demand)
    first, *rest = sorted(plan.shortfalls, key=lambda s: s.day)
    assert first.cause == "no Rations can reach U before C+1"
    assert {s.cause for s in rest} == {
        "capacity: no Rations can reach U while every way there passes through a place that "
        "handles 0 t/day (U) (see the bottlenecks)"
    }
    assert all(capacities_alone(s.cause) for s in rest)
    said = explained_shortfall(plan)
    assert said is not None
    assert said.startswith("10 t short that no capacity could avoid")
    (camp_handling,) = plan.bottlenecks
    assert camp_handling.resource == "U"
    assert camp_handling.shortfall_removed_t == pytest.approx(45.0)


@settings(max_examples=25, deadline=None)
@given(st.sets(st.integers(0, 29), max_size=12), st.data())
def test_arrivals_looked_up_in_a_table_are_the_arcs_asked_one_by_one(
    closed_days: set[int], data: st.DataObject
) -> None:
    """The cached table of arrivals says what asking each arc into the place says.

    Asked arc by arc for every query, a tester's relief example with every link closed
    spent 5 s naming the closures to blame.
    """
    opened = assess_requirements(bundled_example("relief-operation"))
    scenario = opened.opened.scenario
    links = tuple(
        dataclasses.replace(x, outage_days=frozenset(closed_days)) if i % 3 == 0 else x
        for i, x in enumerate(scenario.links)
    )
    p = prepare(dataclasses.replace(scenario, links=links), opened.demand, PlanParams())
    arrivals = _Arrivals(p=p, sources=_sources(p))
    net = p.net
    reopened = frozenset(data.draw(st.sets(st.integers(0, len(links) - 1), max_size=3)))
    n_k, n_v = len(p.demand.commodity_ids), len(net.location_ids)
    k = np.array(data.draw(st.lists(st.integers(0, n_k - 1), min_size=20, max_size=20)))
    v = np.array(data.draw(st.lists(st.integers(0, n_v - 1), min_size=20, max_size=20)))
    t = np.array(data.draw(st.lists(st.integers(0, p.days - 1), min_size=20, max_size=20)))
    there, arc_open = arrivals.there(reopened), _reopened(p, reopened)
    usable = np.flatnonzero(net.arc_carries(people=False))
    expected = [
        bool(arrivals.sources[kk, vv, tt])
        or any(
            tt - net.arc_delay[a] >= 0
            and arc_open[a, tt - net.arc_delay[a]]
            and there[kk, net.arc_from[a], tt - net.arc_delay[a]]
            for a in usable
            if net.arc_to[a] == vv
        )
        for kk, vv, tt in zip(k.tolist(), v.tolist(), t.tolist(), strict=True)
    ]
    assert arrivals.arrive(reopened, k, v, t).tolist() == expected


def test_stock_on_hand_at_a_store_of_nothing_is_weighed_as_supply() -> None:
    """A unit at a depot of 0 t storage holding 1 t from the start, eating 1 t from C+1.

    The store keeps what is on hand; the unit got its 1 t on C+1, and C+2–C+3 said "no
    Rations can reach D on these days" (1,500 examples of the shortfall-cause property,
    --hypothesis-seed=2): it is the supply, 1 t for 3 t eaten.
    """
    scenario, _ = one_link(transit_days=0, days=4, replenishment_t_per_day=0.0)
    depot, camp = scenario.locations
    stock = dataclasses.replace(scenario.stocks[0], initial_t=1.0)
    unit = dataclasses.replace(scenario.units[0], home="D", destination="D", required_day=1)
    scenario = dataclasses.replace(
        scenario,
        locations=(dataclasses.replace(depot, storage_t=0.0), camp),
        units=(unit,),
        stocks=(stock,),
    )
    demand = Demand(
        start_date=scenario.start_date,
        horizon_days=4,
        unit_ids=("u1",),
        commodity_ids=("food",),
        consumption_t=np.array([[[0.0, 1.0, 1.0, 1.0]]]),
        buildup_t=np.zeros((1, 1, 4)),
        arrival_day=np.array([1]),
    )
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    supply = (
        "not enough Rations can reach D in the horizon: whatever the transport capacities, the "
        "units there would still be short of 2 t in all, as in this plan; the supply "
        "at D, 1 t of Rations on hand, is the limit: see bottleneck 1"
    )
    assert {s.day: s.cause for s in plan.shortfalls} == {2: supply, 3: supply}


def test_a_closure_beyond_what_the_supply_can_stock_ahead_names_both() -> None:
    """Only C+0 open and 50 t/day at D for 8 t/day eaten over 7 days: 6 t short on C+6."""
    plan = plan_movements(*one_link(transit_days=0, days=7, outage_days=[1, 2, 3, 4, 5, 6]))
    (short,) = plan.shortfalls
    assert (short.day, round(short.short_t, 6)) == (6, 6.0)
    assert short.cause.startswith(
        "the closure of road link L1 (closed C+1–C+6) and the supply together"
    )

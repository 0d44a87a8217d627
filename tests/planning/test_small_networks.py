"""Tiny networks whose optimal plan can be worked out by hand."""

from __future__ import annotations

import dataclasses

import pytest

from supplyline.domain import (
    Demand,
    Link,
    Mode,
    PlanStatus,
    ResourceKind,
    Scenario,
    Stock,
    Unit,
)
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import (
    gauge_break,
    late_unit,
    make_demand,
    one_link,
    two_depots_one_hub,
)
from supplyline.planning.summary import totals_by_mode


def _short(plan, unit: str, commodity: str) -> dict[int, float]:  # type: ignore[no-untyped-def]
    return {s.day: s.short_t for s in plan.shortfalls if (s.unit, s.commodity) == (unit, commodity)}


def test_one_link_only_day_zero_falls_short() -> None:
    """With an unlimited link taking one day, only the demand of day 0 falls short."""
    plan = plan_movements(*one_link())
    assert plan.status is PlanStatus.OPTIMAL
    assert _short(plan, "u1", "food") == {0: 8.0}


def test_one_link_sends_each_day_what_is_eaten_next_day() -> None:
    """The plan sends 8 t a day on days 0..3, arriving one day later (no stock is built)."""
    plan = plan_movements(*one_link())
    sent = [(m.departure_day, m.arrival_day, m.tonnes) for m in plan.movements]
    assert sent == [(d, d + 1, 8.0) for d in range(4)]


def test_binding_capacity_gives_exact_shortfall() -> None:
    """At 5 t/day the unit gets 5 of its 8 t on days 1..4: 8 + 4 × 3 = 20 t short."""
    plan = plan_movements(*one_link(capacity_t_per_day=5.0))
    assert plan.total_short_t == pytest.approx(20.0)
    assert _short(plan, "u1", "food") == pytest.approx({0: 8.0, 1: 3.0, 2: 3.0, 3: 3.0, 4: 3.0})


def test_binding_capacity_is_the_top_bottleneck_with_measured_effect() -> None:
    """The link is the bottleneck; +3 t/day removes the 12 t it causes."""
    plan = plan_movements(*one_link(capacity_t_per_day=5.0))
    top = plan.bottlenecks[0]
    assert (top.kind, top.resource, top.days) == (
        ResourceKind.LINK_TONNES,
        "L1 (D→U)",
        (0, 1, 2, 3),
    )
    assert (top.suggested_extra, top.shortfall_removed_t) == (3.0, 12.0)
    assert "removes 12 t of shortfall" in top.explanation


def test_outage_is_bridged_by_the_units_own_stock_as_far_as_capacity_allows() -> None:
    """10 t/day, closed on day 2: days 0,1,3 carry 30 t; day 3 lacks 4 t (8 + 4 short)."""
    plan = plan_movements(*one_link(capacity_t_per_day=10.0, outage_days=[2]))
    assert _short(plan, "u1", "food") == pytest.approx({0: 8.0, 3: 4.0})
    assert all(m.departure_day != 2 for m in plan.movements)


def test_gauge_break_yard_limits_the_lower_priority_commodity() -> None:
    """A 100 t/day yard passes all 60 t of fuel (priority 1) and 40 of the 60 t of food."""
    plan = plan_movements(*gauge_break())
    assert _short(plan, "b1", "fuel") == pytest.approx({0: 60.0, 1: 60.0, 2: 60.0})
    assert _short(plan, "b1", "food") == pytest.approx(
        {0: 60.0, 1: 60.0, 2: 60.0} | {d: 20.0 for d in range(3, 10)}
    )


def test_gauge_break_dwell_delays_the_first_delivery_to_day_three() -> None:
    """Rail 1 day + dwell 1 day + rail 1 day + road 0 days: first goods on day 3."""
    plan = plan_movements(*gauge_break())
    assert min(d.day for d in plan.deliveries) == 3


def test_gauge_break_yard_is_the_bottleneck_and_more_handling_removes_the_shortfall() -> None:
    """The yard binds; +20 t/day there removes the 140 t of food shortfall from day 3."""
    plan = plan_movements(*gauge_break())
    top = plan.bottlenecks[0]
    assert (top.kind, top.resource) == (ResourceKind.HANDLING, "Y")
    assert (top.suggested_extra, top.shortfall_removed_t) == (20.0, 140.0)


def test_a_yard_that_takes_all_the_fuel_says_it_keeps_the_food_out() -> None:
    """At 60 t/day the yard carries the fuel (priority 1) and none of the food.

    A tester's port was said to limit water alone while food went 100 % short behind it.
    """
    plan = plan_movements(*gauge_break(yard_handling_t_per_day=60.0))
    top = plan.bottlenecks[0]
    assert top.commodities == ("fuel", "food")  # what uses it, then what it keeps out, as said
    # more of it changes the food's shortfall alone: it does not limit the fuel it carries
    assert top.explanation.startswith(
        "the transshipment yard Y (handling 60 t/day) is used to the full by fuel on C+1–C+8 "
        "and keeps out food;"
    )
    assert "removes 420 t of shortfall: 420 t less food short at b1" in top.explanation


YARD_SHUT = "the transshipment yard Y (handling 0 t/day)"
"""How the bottleneck report names the gauge-break yard when it handles nothing."""


def test_a_yard_that_handles_nothing_blocks_what_the_measuring_plan_moves_through_it() -> None:
    """A yard of 0 t/day limits no commodity (none passes): it blocks what would pass.

    Named as the measuring re-solve moves it: the food and fuel that +120 t/day there
    lets through (it said "limits nothing yet").
    """
    plan = plan_movements(*gauge_break(yard_handling_t_per_day=0.0))
    top = plan.bottlenecks[0]
    assert (top.kind, top.resource) == (ResourceKind.HANDLING, "Y")
    assert set(top.commodities) == {"food", "fuel"}  # what it blocks, as said
    said, rest = top.explanation.split(" that would pass through it on C+2–C+8; ")
    assert said.startswith(f"{YARD_SHUT} blocks the ")
    assert set(said.removeprefix(f"{YARD_SHUT} blocks the ").split(" and ")) == {"food", "fuel"}
    assert rest.startswith("+120 t/day there on C+1–C+8 removes 840 t of shortfall")


def test_a_yard_that_handles_nothing_is_one_bottleneck_over_all_its_days() -> None:
    """With the rail into it shut on C+3–C+4 its priced days fall in two runs: one entry.

    A tester's bridge that handled nothing took four of the report's twelve places.
    """
    scenario, demand = gauge_break(yard_handling_t_per_day=0.0)
    rail = dataclasses.replace(scenario.links[0], outage_days=frozenset({3, 4}))
    plan = plan_movements(dataclasses.replace(scenario, links=(rail, *scenario.links[1:])), demand)
    (yard,) = [b for b in plan.bottlenecks if b.resource == "Y"]
    assert yard.days == (2, 3, 4, 7, 8)
    assert f"{YARD_SHUT} blocks the " in yard.explanation
    assert " that would pass through it on C+2–C+4, C+7–C+8; " in yard.explanation


def test_a_yard_that_handles_nothing_unmeasured_blocks_everything_through_it() -> None:
    """Without the measuring re-solve (--explain 0) nothing names what would pass: all of it."""
    plan = plan_movements(*gauge_break(yard_handling_t_per_day=0.0), PlanParams(explain_top=0))
    assert plan.bottlenecks[0].explanation == (
        f"{YARD_SHUT} blocks everything that would pass through it on C+2–C+8"
    )


def test_deliveries_name_the_partner_whose_stock_they_came_from() -> None:
    """Partner A's depot sustains partner B's unit: every delivery is traced to A."""
    plan = plan_movements(*gauge_break())
    assert {d.source_partner for d in plan.deliveries} == {"A"}


def test_mixed_sources_are_traced_in_proportion() -> None:
    """Depots of A and B each send 4 t/day through one hub: each delivery is 4 t A, 4 t B."""
    plan = plan_movements(*two_depots_one_hub())
    got = sorted((d.day, d.source_partner, d.tonnes) for d in plan.deliveries)
    assert got == [(d, p, 4.0) for d in range(2, 6) for p in ("A", "B")]


def _late_unit(lift_t: float, cap: float, required_day: int = 1):  # type: ignore[no-untyped-def]
    scenario, _ = one_link(capacity_t_per_day=cap)
    link = scenario.links[0]
    unit = Unit(
        id="d1",
        name="Deploying",
        partner="A",
        home="D",
        destination="U",
        personnel=10,
        deployment_lift_t=lift_t,
        available_day=0,
        required_day=required_day,
    )
    scenario = dataclasses.replace(
        scenario,
        units=(*scenario.units, unit),
        links=(dataclasses.replace(link, capacity_pax_per_day=None),),
    )
    return scenario, make_demand(scenario, {})


def test_on_a_long_horizon_a_least_priority_tonne_short_still_outweighs_a_late_unit() -> None:
    """800 days, 1 t/day: feeding u1's priority-9 need every day leaves d1 never closed.

    Lateness weighed 20 a tonne-day whatever the horizon: past 556 days a tonne late
    outweighed a priority-9 tonne short, and the plan let u1 go short to move d1's 10 t.
    """
    scenario, _ = _late_unit(10.0, 1.0)
    food = dataclasses.replace(scenario.commodities[0], priority=9)
    scenario = dataclasses.replace(scenario, commodities=(food,), horizon_days=800)
    plan = plan_movements(
        scenario, make_demand(scenario, {("u1", "food"): 1.0}), PlanParams(explain_top=0)
    )
    assert _short(plan, "u1", "food") == {0: 1.0}  # only what nothing can reach in time
    assert plan.closures[0].closure_day is None


def test_a_lift_larger_than_a_days_capacity_closes_late() -> None:
    """100 t over a 50 t/day one-day link: departs days 0 and 1, closes day 2, 1 day late."""
    plan = plan_movements(*_late_unit(100.0, 50.0))
    (closure,) = plan.closures
    assert (closure.closure_day, closure.days_late, closure.moved_t, closure.moved_pax) == (
        2,
        1,
        100.0,
        10.0,
    )


def test_a_lift_that_fits_closes_on_time() -> None:
    """40 t over a 50 t/day link closes on day 1, its required day."""
    plan = plan_movements(*_late_unit(40.0, 50.0))
    assert plan.closures[0].days_late == 0


@pytest.mark.parametrize(("lift_t", "departures"), [(40.0, [2]), (90.0, [1, 2])])
def test_a_unit_waits_at_home_and_arrives_on_its_required_day_not_before(
    lift_t: float, departures: list[int]
) -> None:
    """Required on C+3 over a one-day link: it leaves on C+2, or as late as capacity lets.

    Arriving early was as good as on time, and plans had units on site a week before they
    were needed, with nothing planned to feed them (a unit consumes from its required day).
    """
    plan = plan_movements(*_late_unit(lift_t, 50.0, required_day=3))
    moves = [m for m in plan.movements if m.commodity == "deploy:d1"]
    assert sorted({m.departure_day for m in moves}) == departures
    assert plan.closures[0].closure_day == 3


def test_deployment_moves_appear_as_deploy_commodity() -> None:
    """A unit's own lift moves as ``deploy:<unit>`` with tonnes and people together."""
    plan = plan_movements(*_late_unit(40.0, 50.0))
    (move,) = [m for m in plan.movements if m.commodity == "deploy:d1"]
    assert (move.tonnes, move.pax, move.departure_day) == (40.0, 10.0, 0)


def test_unreachable_unit_falls_short_without_error() -> None:
    """A unit no link reaches gets nothing: all its demand is shortfall, status optimal."""
    scenario, demand = one_link()
    scenario = dataclasses.replace(
        scenario,
        links=(
            dataclasses.replace(scenario.links[0], mode=Mode.ROAD, outage_days=frozenset(range(5))),
        ),
    )
    plan = plan_movements(scenario, demand)
    assert plan.status is PlanStatus.OPTIMAL
    assert plan.total_short_t == pytest.approx(40.0)


@pytest.mark.parametrize("factory", [one_link, gauge_break])
def test_pruning_does_not_change_the_optimum(factory) -> None:  # type: ignore[no-untyped-def]
    """The pruned model has the naive model's objective, with fewer columns."""
    scenario, demand = factory()
    pruned = plan_movements(scenario, demand, PlanParams(explain_top=0))
    naive = plan_movements(scenario, demand, PlanParams(explain_top=0, prune=False))
    assert pruned.objective == pytest.approx(naive.objective, rel=1e-9)
    assert pruned.stats.columns < naive.stats.columns


@pytest.mark.parametrize("method", ["simplex", "ipm", "ipm-nocrossover"])
def test_methods_agree_on_the_objective(method: str) -> None:
    """Dual simplex and interior point (with or without crossover) reach the same optimum."""
    scenario, demand = gauge_break()
    base = plan_movements(scenario, demand, PlanParams(explain_top=0, method="simplex"))
    other = plan_movements(scenario, demand, PlanParams(explain_top=0, method=method))
    assert other.objective == pytest.approx(base.objective, rel=1e-6)


def test_unused_link_is_never_used() -> None:
    """A parallel link that costs more carries nothing while the cheap one has room."""
    scenario, demand = one_link()
    dear = Link(
        id="L2",
        origin="D",
        destination="U",
        mode=Mode.RAIL,
        distance_km=90,
        transit_days=1,
        cost_per_t=50.0,
    )
    scenario = dataclasses.replace(scenario, links=(*scenario.links, dear))
    plan = plan_movements(scenario, demand)
    assert {m.link for m in plan.movements} == {"L1"}


def test_negligible_demand_is_dropped_not_declared_infeasible() -> None:
    """A demand of 6e-8 t/day (below solver tolerance) plans as optimal with no shortfall.

    Found by Hypothesis: HiGHS's presolve called such a model infeasible.
    """
    scenario, _ = one_link()
    plan = plan_movements(scenario, make_demand(scenario, {("u1", "food"): 5.96e-8}))
    assert plan.status is PlanStatus.OPTIMAL
    assert plan.shortfalls == ()


def _two_ways_for_people(road_per_pax: float, air_per_pax: float) -> tuple[Scenario, Demand]:
    """The late unit's march, a day long, and beside it a flight as quick for people only."""
    scenario, demand = late_unit(transit_days=1, flight_days=1, seat_cost=air_per_pax)
    march = dataclasses.replace(scenario.links[0], cost_per_pax=road_per_pax)
    return dataclasses.replace(scenario, links=(march, *scenario.links[1:])), demand


@pytest.mark.parametrize(("road", "air", "way"), [(10.0, 100.0, "march"), (500.0, 100.0, "flight")])
def test_people_take_the_cheaper_of_two_equally_quick_ways(
    road: float, air: float, way: str
) -> None:
    """Ten people, on time either way: they go where a seat costs less, and it is counted."""
    scenario, demand = _two_ways_for_people(road, air)
    plan = plan_movements(scenario, demand)
    people = [m for m in plan.movements if m.pax > 0]
    assert [(m.link, m.pax) for m in people] == [(way, 10.0)]
    by_mode = {r["mode"]: r for r in totals_by_mode(plan, scenario)}
    seat = min(road, air)
    road_cost = 20.0 * 3.0 + sum(m.tonnes * 2.0 for m in plan.movements if m.link == "supply")
    if way == "march":
        assert by_mode[Mode.ROAD]["cost"] == pytest.approx(road_cost + 10 * seat)
    else:
        assert by_mode[Mode.AIR]["cost"] == pytest.approx(10 * seat)
        assert by_mode[Mode.ROAD]["cost"] == pytest.approx(road_cost)


def _forward_store() -> tuple[Scenario, Demand]:
    """Goods must wait out an outage in a 5 t forward store, full on C+3–C+6.

    The road from the rear depot R to the forward depot F is shut on C+3–C+12; the unit
    at U eats 2 t a day from C+8, a day from F. Days C+8–C+14 need 14 t from F's store.
    """
    scenario, _ = one_link()
    loc = scenario.locations[0]
    road = {"mode": Mode.ROAD, "distance_km": 50, "transit_days": 1, "cost_per_t": 1.0}
    scenario = dataclasses.replace(
        scenario,
        horizon_days=16,
        locations=(
            dataclasses.replace(loc, id="R", name="R"),
            dataclasses.replace(loc, id="F", name="F", storage_t=5.0),
            dataclasses.replace(scenario.locations[1], storage_t=0.0),  # the unit's area U
        ),
        links=(
            Link(id="in", origin="R", destination="F", outage_days=frozenset(range(3, 13)), **road),  # type: ignore[arg-type]
            Link(id="on", origin="F", destination="U", **road),  # type: ignore[arg-type]
        ),
        units=(dataclasses.replace(scenario.units[0], required_day=8),),
        stocks=(Stock(location="R", commodity="food", initial_t=100.0),),
    )
    return scenario, make_demand(scenario, {("u1", "food"): 2.0})


def test_a_full_store_is_reported_over_the_days_it_is_full_and_measured_there() -> None:
    """The shadow price sat on C+6 alone, and 9 t more room on C+6 alone bought nothing.

    The road's outage, which gains as much when lifted, ranks below it (a tie).
    """
    plan = plan_movements(*_forward_store())
    assert plan.total_short_t == pytest.approx(9.0)
    (top, outage) = plan.bottlenecks
    assert (outage.kind, outage.resource, outage.shortfall_removed_t) == (
        ResourceKind.OUTAGE,
        "in closed C+3–C+12",
        9.0,
    )
    assert (top.kind, top.resource, top.days) == (ResourceKind.STORAGE, "F", (3, 4, 5, 6))
    assert (top.suggested_extra, top.shortfall_removed_t) == (9.0, 9.0)
    assert top.explanation.startswith("storage at F (5 t) limits food on C+3–C+6; +9 t there ")


def test_a_few_kilograms_a_day_are_said_not_rounded_away() -> None:
    """0.005 t/day for 0.01 t a day: 0.02 t removed is said (a flat 0.5 t said 'changes little')."""
    plan = plan_movements(*one_link(capacity_t_per_day=0.005, daily_t=0.01))
    top = plan.bottlenecks[0]
    assert top.shortfall_removed_t == pytest.approx(0.02)
    assert top.explanation.startswith("the road link L1 D→U (0.005 t/day) limits food on C+0–C+3;")
    assert "removes 0.020 t of shortfall: 0.020 t less food short at u1" in top.explanation


def _rail_and_yard_at(t_per_day: float) -> tuple[Scenario, Demand]:
    """The gauge break with both rail links and the yard at ``t_per_day``."""
    scenario, demand = gauge_break(yard_handling_t_per_day=t_per_day)
    rails = {"std", "broad"}
    links = tuple(
        dataclasses.replace(x, capacity_t_per_day=t_per_day) if x.id in rails else x
        for x in scenario.links
    )
    return dataclasses.replace(scenario, links=links), demand


def test_three_capacities_in_a_row_are_raised_together() -> None:
    """Rail, yard and rail at 60 t/day: more of any one alone buys nothing.

    A tester's link, yard and link were each said to change nothing on their own; all
    three at +60 t/day remove 420 t of the 780 t short (food, which nothing lets through).
    """
    plan = plan_movements(*_rail_and_yard_at(60.0))
    assert plan.total_short_t == pytest.approx(780.0)
    (top,) = plan.bottlenecks
    assert top.suggested_extra == 60.0
    said = top.explanation
    assert "+60 t/day there together with +60 t/day at the transshipment yard Y" in said
    assert "and +60 t/day at the rail link std H→Y (60 t/day)" in said
    assert "removes 420 t of shortfall" in said
    assert plan_movements(*_rail_and_yard_at(120.0)).total_short_t == pytest.approx(360.0)


def test_handling_at_the_units_own_place_limits_what_arrives_there() -> None:
    """What a place handles arrives days after it departed: a tester's camp took 3 t a day.

    The camp was said to "block everything that would pass through it", no commodity named.
    """
    scenario, _ = one_link(transit_days=2, days=5)  # departures C+0–C+2, arrivals C+2–C+4
    camp = dataclasses.replace(scenario.locations[1], handling_t_per_day=3.0, dwell_days=1)
    scenario = dataclasses.replace(scenario, locations=(scenario.locations[0], camp))
    plan = plan_movements(scenario, make_demand(scenario, {("u1", "food"): 4.0}))
    top = next(b for b in plan.bottlenecks if b.resource == camp.id)
    assert (top.kind, top.commodities) == (ResourceKind.HANDLING, ("food",))
    assert " limits food on C+" in top.explanation
    assert "blocks" not in top.explanation

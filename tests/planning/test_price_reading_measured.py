"""Readings of a price in a tier's unit: a closure's measured gains, fair shares' weights."""

from __future__ import annotations

import dataclasses

import pytest

from supplyline.domain import ResourceKind, Stock
from supplyline.planning import plan_movements
from supplyline.planning.bottleneck_rows import closure_table_rows, one_more_saves
from supplyline.planning.examples import late_unit, make_demand, one_link
from supplyline.planning.params import PlanParams, Weights


def test_a_closure_reads_each_lateness_in_its_own_unit() -> None:
    """The march closed C+1–C+2 delays 20 t and 10 people by 2 days: 40 t-days, 20 person-days.

    ``saves`` is the main measured gain (the t-days: they weigh 40 × 20 to 20 × 20), the
    table lists both; dividing the objective saved by a t-day's weight read 60 t-days.
    """
    scenario, demand = late_unit(march_closed=(1, 2))
    plan = plan_movements(scenario, demand)
    (closure,) = [b for b in plan.bottlenecks if b.kind is ResourceKind.OUTAGE]
    lift_t, people = scenario.units[0].deployment_lift_t, scenario.units[0].personnel
    assert (closure.late_t_days_cut, closure.late_pax_days_cut) == (2 * lift_t, 2 * people)
    assert (closure.saves_tier, closure.saves, closure.saves_unit) == (
        "lateness",
        closure.late_t_days_cut,
        "t-days late",
    )
    said = f"{2 * lift_t:g} t-days and {2 * people:g} person-days late"
    assert one_more_saves(closure) == said
    assert [row["lifting_it_saves"] for row in closure_table_rows(plan)] == [said]


def test_a_closure_whose_person_days_weigh_more_saves_them() -> None:
    """With a person-day late weighing 100 to a t-day's 20, the 20 person-days are the main gain."""
    scenario, demand = late_unit(march_closed=(1, 2))
    params = PlanParams(weights=Weights(late_per_pax_day=100.0))
    (closure,) = [
        b for b in plan_movements(scenario, demand, params).bottlenecks if b.kind == "outage"
    ]
    assert closure.late_pax_days_cut is not None
    assert (closure.saves, closure.saves_unit) == (closure.late_pax_days_cut, "pax-days late")
    assert one_more_saves(closure).startswith(f"{closure.late_t_days_cut:g} t-days and ")


@pytest.mark.parametrize("fair", [False, True])
def test_one_more_tonne_on_one_day_saves_one_tonne_short(fair: bool) -> None:
    """A unit at U eats 8 t on the one day, its store gets 0.5: 7.5 t short, 94 % of it.

    One more tonne there removes a tonne short on C+0, so one more saves exactly 1 t short.
    By hand, with the link's cost scale 2 and priority-2 food (8/9 of the shortfall weight):
    a tonne short on C+0 of a 1-day horizon weighs 1e5 + 1.01 × 1000 (a day's target gap);
    with fair shares, 94 % short is in the top band, 9 × 0.0105 of the priority-1 weight
    more. Over the shortfall weight alone the fair-share price had read 1.105 t short.
    """
    scenario, _ = one_link(days=1)
    store = Stock(location="U", commodity="food", replenishment_t_per_day=0.5)
    scenario = dataclasses.replace(scenario, stocks=(store,))
    demand = make_demand(scenario, {("u1", "food"): 8.0})
    plan = plan_movements(scenario, demand, PlanParams(fair_share=fair))
    (supply,) = plan.bottlenecks
    bands = 9 * 0.0105 * 1e5 if fair else 0.0
    assert supply.shadow_price == pytest.approx(((1e5 + 1010) * 8 / 9 + bands) * 2, abs=1e-5)
    assert (supply.saves, supply.saves_unit) == (1.0, "t short")
    assert one_more_saves(supply) == "1 t short"


def test_a_price_not_measured_is_not_read_in_tonnes_no_capacity_can_change() -> None:
    """A road binding C+0–C+7 to a unit nothing reaches before C+2 serves its targets.

    The only shortfall, 8 t on C+0 and C+1, comes before any goods can arrive: the road's
    price, not measured, had read "0.25 t short" (a tester's "0.33 t short", measured
    "35.98 t-days below target"). It reads in the targets' tier, as the measured claim
    does, with the same figure.
    """
    scenario, _ = one_link(capacity_t_per_day=10.0, transit_days=2, days=10)
    unit = dataclasses.replace(scenario.units[0], on_hand_days=0.0)
    scenario = dataclasses.replace(scenario, units=(unit,))
    demand = make_demand(scenario, {("u1", "food"): 8.0}, buildup_t={("u1", "food"): 16.0})
    readings = []
    for top in (0, 3):  # not measured (not asked), then measured
        plan = plan_movements(scenario, demand, PlanParams(explain_top=top))
        assert {s.day for s in plan.shortfalls} == {0, 1}
        assert {s.cause for s in plan.shortfalls} == {"no Rations can reach U before C+2"}
        (road,) = plan.bottlenecks
        readings.append((road.measuring.value, road.saves_tier, road.saves, road.saves_unit))
    assert readings == [
        ("not_asked", "targets", 28.0, "t-days below target"),
        ("measured", "targets", 28.0, "t-days below target"),
    ]


def test_a_capacity_of_0_not_measured_reads_its_price_as_the_shortfall_it_keeps() -> None:
    """A camp handling 0 t/day: nothing uses it, so its price named no goods and read cost.

    A tester's camp read "1,900,982 cost units" unmeasured and "8.71 t short" measured; the
    goods it keeps out are any of those short where a capacity could change it.
    """
    scenario, demand = one_link(capacity_t_per_day=5.0, days=10, daily_t=10.0)
    camp = dataclasses.replace(scenario.locations[1], handling_t_per_day=0.0)
    scenario = dataclasses.replace(scenario, locations=(scenario.locations[0], camp))
    readings = []
    for top in (0, 3):  # not measured (not asked), then measured
        (handling,) = plan_movements(scenario, demand, PlanParams(explain_top=top)).bottlenecks
        readings.append((handling.saves_tier, handling.saves_unit, handling.saves))
    assert readings[0] == readings[1]
    assert readings[0][:2] == ("shortfall", "t short")

"""A border post that checks so many people a day (``handling_pax_per_day``), by hand."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest

from supplyline.domain import Demand, ResourceKind, Scenario
from supplyline.domain.checks import check_scenario
from supplyline.planning import plan_movements
from supplyline.planning.arrival import demand_on_arrival
from supplyline.planning.examples import border_post, gauge_break


def _people_through(plan, place: str) -> tuple[dict[int, float], dict[int, float]]:  # type: ignore[no-untyped-def]
    came: dict[int, float] = defaultdict(float)
    left: dict[int, float] = defaultdict(float)
    for m in plan.movements:
        if m.pax and m.destination == place:
            came[m.arrival_day] += m.pax
        if m.pax and m.origin == place:
            left[m.departure_day] += m.pax
    return dict(came), dict(left)


def test_forty_people_a_day_take_a_hundred_across_in_three_days() -> None:
    """100 people at 40 a day: 40, 40, 20 arrive on C+2, C+3, C+4; closure 2 days late."""
    plan = plan_movements(*border_post(pax_per_day=40.0))
    came, left = _people_through(plan, "X")
    assert max(came.values()) <= 40.0 + 1e-9
    assert max(left.values()) <= 40.0 + 1e-9
    at_camp: dict[int, float] = defaultdict(float)
    for m in plan.movements:
        if m.pax and m.destination == "U":
            at_camp[m.arrival_day] += m.pax
    assert dict(at_camp) == pytest.approx({2: 40.0, 3: 40.0, 4: 20.0})
    (closure,) = plan.closures
    assert (closure.closure_day, closure.days_late, closure.earliest_day) == (4, 2, 2)
    assert closure.days_late_by_distance == 0


def test_the_border_post_is_the_bottleneck_and_sixty_more_close_the_unit_on_time() -> None:
    plan = plan_movements(*border_post(pax_per_day=40.0))
    (top,) = plan.bottlenecks
    assert (top.kind, top.resource, top.capacity) == (ResourceKind.HANDLING_PAX, "X", 40.0)
    assert (top.suggested_extra, top.extra_unit) == (60.0, "pax/day")
    assert top.explanation.startswith(
        "the border crossing X (handling 40 pax/day) limits deployment"
    )
    assert "+60 pax/day there" in top.explanation
    assert "u1 closes 2 days earlier" in top.explanation
    raised = plan_movements(*border_post(pax_per_day=100.0))
    assert raised.closures[0].closure_day == 2


def test_people_and_tonnes_are_handled_apart() -> None:
    """A post limiting people does not limit the equipment, nor a tonnes limit the people."""
    plan = plan_movements(*border_post(pax_per_day=40.0, lift_t=500.0))
    tonnes_at_camp = sum(m.tonnes for m in plan.movements if m.link == "on" and m.arrival_day == 2)
    assert tonnes_at_camp == pytest.approx(500.0)
    plan = plan_movements(*border_post(pax_per_day=None, handling_t_per_day=20.0, lift_t=40.0))
    came, _ = _people_through(plan, "X")
    assert came == pytest.approx({1: 100.0})
    assert {b.kind for b in plan.bottlenecks} == {ResourceKind.HANDLING}


def test_people_who_cannot_cross_at_all_are_not_fed_beyond_it() -> None:
    """A post that lets nobody through: the unit never closes and eats nothing at the camp.

    Its equipment still goes; validate warns that the people cannot get there.
    """
    scenario, demand = border_post(pax_per_day=0.0)
    assert int(demand_on_arrival(scenario, demand).arrival_day[0]) == scenario.horizon_days
    plan = plan_movements(scenario, demand)
    (closure,) = plan.closures
    assert (closure.closure_day, closure.earliest_day, closure.moved_t) == (None, None, 50.0)
    assert plan.total_short_t == 0.0
    assert not plan.deliveries
    (warning,) = [f for f in check_scenario(scenario) if f.entity_id == "u1"]
    assert "its people cannot get" in warning.message
    assert "handling_pax_per_day" in warning.message


def test_a_yard_that_handles_no_tonnes_is_no_way_for_a_units_equipment() -> None:
    """The gauge break's yard at 0 t/day: a unit whose equipment must cross it never closes."""
    scenario, demand = gauge_break(yard_handling_t_per_day=0.0)
    unit = dataclasses.replace(scenario.units[0], home="H", personnel=0, deployment_lift_t=30.0)
    scenario = dataclasses.replace(scenario, units=(unit,))
    assert int(demand_on_arrival(scenario, demand).arrival_day[0]) == scenario.horizon_days
    (warning,) = [f for f in check_scenario(scenario) if "its equipment" in f.message]
    assert warning.entity_id == "b1"
    assert "handling_t_per_day" in warning.message


def _road_and_post(pax_per_day: float) -> tuple[Scenario, Demand]:
    """The border post and the road into it both take ``pax_per_day`` people a day."""
    scenario, demand = border_post(pax_per_day=pax_per_day)
    road = dataclasses.replace(scenario.links[0], capacity_pax_per_day=pax_per_day)
    return dataclasses.replace(scenario, links=(road, *scenario.links[1:])), demand


def test_two_limits_in_a_row_are_raised_together() -> None:
    """A road of 40 people a day into a post of 40: more at either alone buys nothing.

    A tester raised the post alone, as the report named it, and gained nothing; the
    report had offered no extra and no word why.
    """
    plan = plan_movements(*_road_and_post(40.0))
    assert plan.closures[0].closure_day == 4
    said = {b.resource: b.explanation for b in plan.bottlenecks}
    assert (
        "+60 pax/day there on C+1 together with +60 pax/day at the road link to-border" in said["X"]
    )
    assert "u1 closes 2 days earlier" in said["X"]
    assert plan_movements(*_road_and_post(100.0)).closures[0].closure_day == 2


def test_a_tonnes_limit_is_raised_with_a_tonnes_limit_not_a_people_one() -> None:
    """The post checks 40 people and 10 t a day, the road into it carries 10 t a day.

    A tester's airfield's tonnes handling was paired with a people limit, and both said
    to change nothing on their own; the road's tonnes go with the post's.
    """
    scenario, demand = border_post(pax_per_day=40.0, handling_t_per_day=10.0, lift_t=60.0)
    road = dataclasses.replace(scenario.links[0], capacity_t_per_day=10.0)
    plan = plan_movements(dataclasses.replace(scenario, links=(road, *scenario.links[1:])), demand)
    tonnes = [b for b in plan.bottlenecks if b.suggested_extra is not None]
    assert {b.kind for b in tonnes} >= {ResourceKind.LINK_TONNES, ResourceKind.HANDLING}
    for b in tonnes:
        if b.kind is not ResourceKind.HANDLING_PAX:
            assert "pax/day" not in b.explanation
            assert "together with +" in b.explanation

"""A bottleneck's run of days is the stretch it is full, and its extra the least round one.

A tester worked each plan out by hand (round 45): a rail line through a gauge yard of
100 t/day with a dwell of one day, then a road to the camp. Lift unloaded at the yard on
day d leaves it on d+1, reaches the railhead on d+2 and the camp on d+3.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scenario_files import scenario_from_files

from supplyline.domain import Demand, Plan, ResourceKind, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.bottlenecks import _raised_elsewhere
from supplyline.planning.measure import Measured
from supplyline.planning.outcome_words import NO_GAINS
from supplyline.planning.resources import Run
from supplyline.planning.round_figures import nice_below, nice_ceil


def _chain(
    tmp_path: Path, *, lift_t: float, required_day: int, rail_t: str = "500"
) -> tuple[Scenario, Demand]:
    """Home → rail → gauge yard (100 t/day, dwell 1) → rail → railhead → road → camp."""
    return scenario_from_files(
        tmp_path / "chain",
        days=12,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 2}",
        links=f"rail-w,home,yard,rail,1435,600,1,,{rail_t},,10,,false,\n"
        f"rail-e,yard,rh,rail,1520,500,1,,{rail_t},,10,,false,\n"
        "road,rh,camp,road,,30,1,,500,,2,,true,\n",
        locations="home,Home garrison,home,garrison,52.0,14.0,,,0\n"
        "yard,Gauge yard,home,transshipment,52.1,23.6,100,,1\n"
        "rh,East railhead,home,railhead,53.0,30.0,,,0\n"
        "camp,Camp,home,unit_area,53.1,30.3,,0,0\n",
        units=f"bde,Brigade,home,home,camp,0,0,{required_day},{lift_t},0\n",
        stocks="",
    )


def _with(scenario: Scenario, *, yard_t: float, rail_t: float | None = None) -> Scenario:
    """The scenario with the yard's handling (and both rail links) set as given."""
    locations = tuple(
        dataclasses.replace(x, handling_t_per_day=yard_t) if x.id == "yard" else x
        for x in scenario.locations
    )
    links = tuple(
        dataclasses.replace(x, capacity_t_per_day=rail_t)
        if rail_t is not None and x.id.startswith("rail")
        else x
        for x in scenario.links
    )
    return dataclasses.replace(scenario, locations=locations, links=links)


def _late_t_days(plan: Plan) -> float:
    return sum(c.late_t_days for c in plan.closures)


def test_the_least_round_extra_is_found_where_the_midpoint_rounds_past_it(
    tmp_path: Path,
) -> None:
    """400 t must unload on C+1–C+2 to be in place on C+5: +100 t/day, not +110.

    By hand: at 100 t/day it unloads on C+1–C+4 and reaches the camp on C+4–C+7, 300
    t-days late; at 200 t/day on C+1–C+2, on time; at 199, 2 t unload on C+3, a day late.
    The bisection from the unlimited re-solve's +300 tried 98 (too few), then 110, and
    the midpoint 104 rounded back up to 110: +100 was never tried.
    """
    scenario, demand = _chain(tmp_path, lift_t=400.0, required_day=5)
    plan = plan_movements(scenario, demand)
    assert _late_t_days(plan) == pytest.approx(300.0)
    (yard,) = [b for b in plan.bottlenecks if b.kind is ResourceKind.HANDLING]
    assert yard.suggested_extra == 100.0
    assert "+100 t/day there on C+1–C+3 cuts the lift arriving late by 300 t-days" in (
        yard.explanation
    )
    _least_yard_is(200.0, scenario, demand)


def _least_yard_is(yard_t: float, scenario: Scenario, demand: Demand) -> None:
    """Re-planned by hand's figure: on time with ``yard_t`` t/day, 2 t-days late with 1 less."""
    assert _late_t_days(plan_movements(_with(scenario, yard_t=yard_t), demand)) == 0.0
    short_of_it = plan_movements(_with(scenario, yard_t=yard_t - 1.0), demand)
    assert _late_t_days(short_of_it) == pytest.approx(2.0)


def test_a_yard_full_unloading_then_loading_is_one_bottleneck_with_the_least_extra(
    tmp_path: Path,
) -> None:
    """300 t through the yard, required C+5: one entry, +50 t/day on C+1–C+3.

    By hand the yard is full unloading on C+1–C+3 and loading on C+2–C+4; its duals sat
    on C+1 (unloading) and C+3 (loading), and it was listed twice, each asking +100
    t/day. 150 t/day unloads it all on C+1–C+2, in place on C+5; 149 leaves 2 t a day
    late.
    """
    scenario, demand = _chain(tmp_path, lift_t=300.0, required_day=5)
    plan = plan_movements(scenario, demand)
    assert _late_t_days(plan) == pytest.approx(100.0)
    (yard,) = [b for b in plan.bottlenecks if b.kind is ResourceKind.HANDLING]
    assert yard.days == (1, 2, 3, 4)
    assert yard.suggested_extra == 50.0
    assert "; +50 t/day there on C+1–C+3 cuts the lift arriving late by 100 t-days" in (
        yard.explanation
    )
    _least_yard_is(150.0, scenario, demand)


def test_each_of_three_capacities_in_a_row_names_the_others_it_needs(tmp_path: Path) -> None:
    """Rail, yard and rail all at 100 t/day: each entry says +50 at all three.

    Each link was priced on one of the three days it is full; one said "more there
    changes nothing on its own" while another found the set, at +100 t/day each. By
    hand: 150 t/day on both links and at the yard puts all 300 t in place on C+5.
    """
    scenario, demand = _chain(tmp_path, lift_t=300.0, required_day=5, rail_t="100")
    plan = plan_movements(scenario, demand)
    assert _late_t_days(plan) == pytest.approx(100.0)
    measured = [b for b in plan.bottlenecks if b.shortfall_removed_t is not None]
    assert {b.resource for b in measured} == {"rail-e (yard→rh)", "rail-w (home→yard)"}
    for b in measured:
        assert b.suggested_extra == 50.0
        assert "changes nothing" not in b.explanation
        assert b.explanation.count("+50 t/day") == 3
        assert b.explanation.endswith(
            "cuts the lift arriving late by 100 t-days (in one plan that does so, bde closes "
            "1 day earlier; other equally good plans may close units on other days)"
        )
    all_three = plan_movements(_with(scenario, yard_t=150.0, rail_t=150.0), demand)
    assert _late_t_days(all_three) == 0.0
    yard_short = plan_movements(_with(scenario, yard_t=149.0, rail_t=150.0), demand)
    assert _late_t_days(yard_short) == pytest.approx(2.0)


@given(st.floats(min_value=1e-6, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_no_round_figure_lies_between_one_and_the_rung_below_it(value: float) -> None:
    """``nice_below`` is the next round figure down: every figure between rounds up past it."""
    rung = nice_ceil(value)
    below = nice_below(rung)
    assert below < rung
    assert nice_ceil(below) == below
    assert nice_ceil(below + (rung - below) / 2) == rung
    assert nice_ceil(below * (1 + 1e-6)) == rung


def _run(kind: ResourceKind, key: tuple[str, int]) -> Run:
    return Run(kind=kind, key=key, days=[3], value=200.0, rows=[], cols=[])


def test_a_capacity_alone_points_to_the_rank_that_raises_it_with_others() -> None:
    """Rank 1 "changes nothing on its own" while rank 2 raised it with others and gained.

    A tester's rail link said so and left the planner without the answer that the next
    rank held; it now says where it is.
    """
    rail_e = _run(ResourceKind.LINK_TONNES, ("link", 1))
    rail_w = _run(ResourceKind.LINK_TONNES, ("link", 0))
    yard = _run(ResourceKind.HANDLING, ("handle", 1))
    alone = Measured(extra=0.0, gains=NO_GAINS, effect="", crossing=(), alone=True)
    chain = Measured(
        extra=100.0,
        gains=NO_GAINS,
        effect="cuts the lift arriving late by 100 t-days",
        crossing=("deployment",),
        partners=((yard.kind, yard.key), (rail_e.kind, rail_e.key)),
    )
    found: list[tuple[Run, Measured | None]] = [(rail_e, alone), (rail_w, chain), (yard, None)]
    assert _raised_elsewhere(rail_e, found) == (
        " (but it does with others: rank 2 raises it with them)"
    )
    assert _raised_elsewhere(rail_w, found) == ""  # nobody else raised rail-w

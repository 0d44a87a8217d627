"""The remedies that matter first, and words that say only what a resource holds back.

A tester's hand-solved cases (``scenarios/``, fictional):

- ``depot-store-rail-gap``: S feeds depot D by rail with no transit (closed C+5–C+7); D
  holds at most 10 t; the road D→C carries 6 t a day, exactly the unit's need. 10 t held
  at D covers C+5 and 4 t of C+6: 8 t short on C+6–C+7, and 8 t more room at D removes
  all of it. The road on C+8–C+11, where the unit lacks nothing, had a large shadow price
  (a degenerate dual: capacity equal to demand), held rank 2 with "more there changes
  nothing on its own", and took ``--explain 2``'s second slot from the store.
- ``yard-store-rail-gap``: the same with a yard Y (3 t of storage) behind a rail closure;
  the rail link on C+8–C+10 ranked above the store whose +7 t removes 7 t.
- ``food-fuel-road``: one road of 10 t a day brings 8 t of food and 8 t of fuel a day, a
  day's transit; food is short only on C+0, before anything can arrive, and goes first
  after: the road holds back fuel alone (6 t a day on C+1–C+9, 54 t), yet was said to
  "limit food and fuel".
- ``lift-food-road``: a unit's 20 t lift and its food share a road; no food is short, yet
  the road was said to "limit food and deployment".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.domain import Bottleneck, Measuring, Plan
from supplyline.planning import PlanParams, plan_movements
from supplyline.services.scenarios import assess_requirements

SCENARIOS = Path(__file__).parent / "scenarios"
ONE_SIDED = (
    "; its shadow price is one-sided (a degenerate dual): what less of it would cost, "
    "not what more of it alone saves"
)


def _plan(name: str, explain_top: int, heard: list[str] | None = None) -> Plan:
    """The scenario's plan with its top ``explain_top`` bottlenecks measured."""
    assessed = assess_requirements(SCENARIOS / name)
    return plan_movements(
        assessed.opened.scenario,
        assessed.demand,
        PlanParams(explain_top=explain_top),
        progress=None if heard is None else heard.append,
    )


def _ranks(plan: Plan) -> list[tuple[str, str, tuple[int, ...], float | None, float | None]]:
    """Each entry's kind, resource, days, suggested extra and shortfall removed, in rank order."""
    return [
        (b.kind.value, b.resource, b.days, b.suggested_extra, b.removes_shortfall_t)
        for b in plan.bottlenecks
    ]


def _entry(plan: Plan, resource: str, first_day: int) -> Bottleneck:
    return next(b for b in plan.bottlenecks if b.resource == resource and b.days[0] == first_day)


@pytest.fixture(scope="module")
def depot_store() -> tuple[Plan, list[str]]:
    """``depot-store-rail-gap`` with ``--explain 2``, and what its progress said."""
    heard: list[str] = []
    return _plan("depot-store-rail-gap", 2, heard), heard


def test_the_store_that_removes_the_shortfall_ranks_above_the_road_that_buys_nothing(
    depot_store: tuple[Plan, list[str]],
) -> None:
    """Ranks: the road C+0–C+5, the store (+8 t removes 8 t), the degenerate road, the closure."""
    plan, _ = depot_store
    assert plan.total_short_t == pytest.approx(8.0)
    assert _ranks(plan) == [
        ("link_tonnes", "rd (D→C)", (0, 1, 2, 3, 4, 5), 2.0, 8.0),
        ("storage", "D", (4,), 8.0, 8.0),
        ("link_tonnes", "rd (D→C)", (8, 9, 10, 11), None, None),
        ("outage", "rs closed C+5–C+7", (5, 6, 7), None, 8.0),
    ]


def test_explain_2_measures_past_the_resource_that_buys_nothing(
    depot_store: tuple[Plan, list[str]],
) -> None:
    """Its slot goes on down the shadow-price list to the store, and the progress says so."""
    plan, heard = depot_store
    assert all(b.measuring is Measuring.MEASURED for b in plan.bottlenecks)
    assert [h for h in heard if h.startswith("measuring bottleneck")] == [
        "measuring bottleneck 1 of 2: rd (D→C), 6 t/day",
        "measuring bottleneck 2 of 2: rd (D→C), 6 t/day",
        "measuring bottleneck 2 of 2 (in place of one that buys nothing on its own): D, 10 t",
    ]


def test_the_road_that_buys_nothing_says_its_price_is_one_sided(
    depot_store: tuple[Plan, list[str]],
) -> None:
    """It claims no shortage of food, and says what its shadow price is, beside the figure."""
    road = _entry(depot_store[0], "rd (D→C)", 8)
    assert road.shadow_price > 0  # kept: a true dual, what less of the road would cost
    assert road.explanation == (
        "the road link rd D→C (6 t/day) is used to the full by food on C+8–C+11; "
        f"more there changes nothing on its own{ONE_SIDED}"
    )
    store = _entry(depot_store[0], "D", 4)
    assert store.explanation.startswith("storage at D (10 t) limits food on C+4; +8 t there ")


def test_explain_1_measures_the_top_rate_and_words_the_others_without_a_claim() -> None:
    """With one slot the road gains and takes it; the others are full, not said to limit."""
    plan = _plan("depot-store-rail-gap", 1)
    assert [(b.resource, b.measuring) for b in plan.bottlenecks[:3]] == [
        ("rd (D→C)", Measuring.MEASURED),
        ("rd (D→C)", Measuring.NOT_ASKED),
        ("D", Measuring.NOT_ASKED),
    ]
    assert (
        plan.bottlenecks[2].explanation == "storage at D (10 t) is used to the full by food on C+4"
    )


def test_the_yard_store_ranks_above_the_rail_link_that_buys_nothing() -> None:
    """``yard-store-rail-gap``: +7 t of storage at Y removes 7 t, measured with ``--explain 2``."""
    plan = _plan("yard-store-rail-gap", 2)
    assert _ranks(plan) == [
        ("link_tonnes", "rb (Y→C)", (3, 4, 5), 3.0, 7.0),
        ("storage", "Y", (5,), 7.0, 7.0),
        ("link_tonnes", "rb (Y→C)", (8, 9, 10), None, None),
        ("outage", "ra closed C+3–C+4", (3, 4), None, 7.0),
    ]
    assert _entry(plan, "rb (Y→C)", 8).explanation.endswith(ONE_SIDED)


def test_a_road_limits_only_the_fuel_it_holds_back() -> None:
    """Food passes and is short only on C+0; the road limits fuel, 54 t, and says so."""
    (road,) = _plan("food-fuel-road", 3).bottlenecks
    assert road.commodities == ("food", "fuel")  # those using it, as the sentence names them
    assert road.explanation == (
        "the road link r1 D→C (10 t/day) is used to the full by food and fuel on C+0–C+8 "
        "and limits fuel; +6 t/day there removes 54 t of shortfall: 54 t less fuel short at u, "
        "for 54 more in transport cost (the links' cost units)"
    )


def test_a_road_not_measured_claims_to_limit_nothing() -> None:
    """``--explain 0``: what more of it would buy is not known, so it is said to be full."""
    (road,) = _plan("food-fuel-road", 0).bottlenecks
    assert road.measuring is Measuring.NOT_ASKED
    assert road.explanation == (
        "the road link r1 D→C (10 t/day) is used to the full by food and fuel on C+0–C+8"
    )


def test_a_road_limits_the_lift_and_not_the_food_that_is_never_short() -> None:
    """``lift-food-road``: no food is short; the road holds back the lift alone."""
    plan = _plan("lift-food-road", 3)
    assert plan.total_short_t == 0
    (road,) = plan.bottlenecks
    assert road.explanation.startswith(
        "the road link h H→C (10 t/day) is used to the full by food and deployment on "
        "C+0–C+3 and limits deployment; +15 t/day there on C+0 cuts the lift arriving late "
        "by 30 t-days"
    )

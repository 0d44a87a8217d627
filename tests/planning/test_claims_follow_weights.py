"""A claim's words, and the extra it offers, follow the order of the objective in force.

The words ranked lateness before the days-of-supply targets whatever the weights: under
the default weights (a tonne-day below target 1,000, one late 20) a road's claim began
"+41 t/day there cuts the lift arriving late by 270 t-days", grown for the lateness, where
+11 t/day filled all the targets that any extra could. ``[weights] target_gap_per_t_day =
10`` puts lateness first, and then the claim does.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scenario_files import scenario_from_files

from supplyline.domain import Bottleneck, Demand, Plan, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.extract import Outcome
from supplyline.planning.objective_tiers import DEFAULT_ORDER, Tier, TierOrder, tier_order
from supplyline.planning.outcome_words import better
from supplyline.planning.params import PlanParams, Weights
from supplyline.planning.round_figures import nice_below

LATENESS_FIRST = Weights(target_gap_per_t_day=10.0)
"""A tonne-day late (20) weighs more than one below target (10): lateness before targets."""
LATE_ORDER: TierOrder = (Tier.SHORTFALL, Tier.LATENESS, Tier.TARGETS, Tier.COST)

FILLS = "fills "
CUTS = "cuts the lift arriving late"


def _road_for_both(folder: Path, capacity_t: float = 10.0) -> tuple[Scenario, Demand]:
    """One road of ``capacity_t`` a day, a day's transit, carries both gains' goods.

    u1's 30 t of lift, required at the camp on C+1, and the food of u2, 100 people in place
    with 3 days of supply as their target, eating 10 t a day: the road's 10 t a day feed
    u2 or move u1, never both, so more of it both cuts the lift late and fills targets.
    """
    return scenario_from_files(
        folder,
        days=10,
        commodity="{id: food, supply_class: food, priority: 2, demand_unit: kg, "
        "per_person_per_day: 100}",
        links=f"r,d,c,road,,40,1,,{capacity_t},,1,,false,\n",
        locations="d,Depot,home,depot,50.0,10.0,,,0\nc,Camp,home,unit_area,50.0,10.5,,,0\n",
        units="u1,Unit 1,home,d,c,10,0,1,30,0\nu2,Unit 2,home,c,c,100,0,0,0,3\n",
        stocks="d,food,1000,0,home\n",
    )


def _road_claim(plan: Plan) -> Bottleneck:
    (claim,) = [b for b in plan.bottlenecks if b.resource.startswith("r ")]
    return claim


def _road_raised(scenario: Scenario, extra: float) -> Scenario:
    (road,) = scenario.links
    raised = dataclasses.replace(road, capacity_t_per_day=road.capacity_t_per_day + extra)
    return dataclasses.replace(scenario, links=(raised,))


def _late_and_gap(plan: Plan) -> tuple[float, float]:
    """Tonne-days of lift late and below the targets, as the claims' figures count them."""
    return (
        sum(c.late_t_days for c in plan.closures),
        sum(g.below_t for g in plan.target_gaps),
    )


@pytest.mark.parametrize(
    ("weights", "first", "second"),
    [(Weights(), FILLS, CUTS), (LATENESS_FIRST, CUTS, FILLS)],
    ids=["targets-first", "lateness-first"],
)
def test_a_claim_says_its_gains_in_the_objectives_order(
    tmp_path: Path, weights: Weights, first: str, second: str
) -> None:
    """The road's extra gains both; the gain the weights value more is said first."""
    scenario, demand = _road_for_both(tmp_path / "road")
    said = _road_claim(plan_movements(scenario, demand, PlanParams(weights=weights))).explanation
    gain = said.split(" there ", 1)[1]
    assert gain.startswith(first)
    assert gain.index(first) < gain.index(second)


@pytest.mark.parametrize(
    ("weights", "tier"),
    [(Weights(), 1), (LATENESS_FIRST, 0)],
    ids=["targets-first", "lateness-first"],
)
def test_the_extra_offered_is_the_least_that_gains_all_of_the_first_tier(
    tmp_path: Path, weights: Weights, tier: int
) -> None:
    """The extra gains what unlimited capacity gains in the tier first in force; a rung less not.

    ``tier`` indexes :func:`_late_and_gap`: lateness (0) or targets (1). Under the default
    weights the extra is no longer grown until the lesser gain, lateness, is whole too.
    """
    params = PlanParams(weights=weights, explain_top=0)
    scenario, demand = _road_for_both(tmp_path / "road")
    plan = plan_movements(scenario, demand, PlanParams(weights=weights))
    claim = _road_claim(plan)
    assert claim.suggested_extra is not None
    before = _late_and_gap(plan)[tier]

    def gained(extra: float) -> float:
        return (
            before
            - _late_and_gap(plan_movements(_road_raised(scenario, extra), demand, params))[tier]
        )

    unlimited = gained(1000.0)
    assert unlimited > 1.0
    assert gained(claim.suggested_extra) == pytest.approx(unlimited, abs=1e-3)
    assert gained(nice_below(claim.suggested_extra)) < unlimited - 1e-3


def test_the_default_weights_rank_targets_before_lateness_and_a_params_file_can_swap_them() -> None:
    """The order is the weights' as the plan uses them, capped by the horizon."""
    assert tier_order(Weights(), 35) == DEFAULT_ORDER
    assert tier_order(LATENESS_FIRST, 35) == LATE_ORDER
    assert tier_order(Weights(target_gap_per_t_day=20.0), 35) == DEFAULT_ORDER  # a tie: default
    assert tier_order(Weights(target_gap_per_t_day=20.0, late_per_pax_day=21.0), 35) == LATE_ORDER


def _outcome(short: int, late: int, gap: int, cost: int) -> Outcome:
    return Outcome(
        short_t=float(short),
        short_by={},
        late_days={},
        closure_day={},
        late_t_days=float(late),
        late_pax_days=0.0,
        gap_t_days=float(gap),
        transport_cost=float(cost),
    )


def _key(o: Outcome, order: TierOrder) -> tuple[float, ...]:
    figure = {
        Tier.SHORTFALL: o.short_t,
        Tier.LATENESS: o.late_t_days,
        Tier.TARGETS: o.gap_t_days,
        Tier.COST: o.transport_cost,
    }
    return tuple(figure[t] for t in order)


outcomes = st.builds(_outcome, *(st.integers(min_value=0, max_value=3) for _ in range(4)))


@given(a=outcomes, b=outcomes, order=st.sampled_from([DEFAULT_ORDER, LATE_ORDER]))
def test_better_is_the_strict_order_of_the_objectives_tiers(
    a: Outcome, b: Outcome, order: TierOrder
) -> None:
    """``better`` is the lexicographic order of the figures in the order in force, strict."""
    assert better(a, b, order) == (_key(a, order) < _key(b, order))
    assert not (better(a, b, order) and better(b, a, order))

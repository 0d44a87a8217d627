"""What a bottleneck says more capacity buys must follow from the optimum, not from a tie.

Two optimal plans can close a unit on different days for the same lateness (the last
tonne sooner, others later). Measured by a tester: the bilateral example's spares supply
claimed "+6 t/day lets 2 units close 2 unit-days earlier", yet with the 6 t added the
optimum's lateness (and its closure days) stayed the same.
"""

from __future__ import annotations

from supplyline.domain import Demand, ResourceKind, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.bottlenecks import _effect
from supplyline.planning.build import prepare
from supplyline.planning.extract import Outcome
from supplyline.planning.params import PlanParams


def _outcome(late_days: dict[int, int], late_t_days: float) -> Outcome:
    return Outcome(
        short_t=0.0,
        short_by={},
        late_days=late_days,
        late_t_days=late_t_days,
        late_pax_days=0.0,
        transport_cost=100.0,
    )


def test_closure_days_that_move_without_less_lateness_are_no_gain(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """Earlier closures are claimed only when less lift is late (tonne- or person-days)."""
    problem = prepare(*bilateral, PlanParams())
    base = _outcome({0: 3, 1: 2}, late_t_days=50.0)
    tie = _outcome({0: 1, 1: 2}, late_t_days=50.0)
    gain = _outcome({0: 1, 1: 2}, late_t_days=20.0)
    assert "earlier" not in _effect(problem, base, tie)[1]
    assert "close 2 day(s) earlier" in _effect(problem, base, gain)[1]


def test_the_bilateral_supplies_claim_no_earlier_closure(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """The regression itself: no supply bottleneck of the example claims closures.

    And supplies binding on C+0 say the stock on hand, not "0 t/day".
    """
    plan = plan_movements(*bilateral)
    supplies = [b for b in plan.bottlenecks if b.kind is ResourceKind.SUPPLY]
    assert supplies
    for b in supplies:
        assert "earlier" not in b.explanation, b.explanation
        assert "(0 t/day)" not in b.explanation, b.explanation

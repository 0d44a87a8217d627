"""After a closure, a road too small to catch up: the closure and the capacity, or the supply.

D→U, a day's transit, the road 10 t/day and closed C+3–C+4; D stores without limit; the
unit at U eats 8 t a day and holds a 16 t target (it brings 16 t). With 9 t a day at D,
re-planned (also checked with `supplyline plan` on the same scenario in files):

=========  ========================  ===========================  ===================
           as planned                road open every day          every capacity
                                                                  unlimited / +100 t
=========  ========================  ===========================  ===================
short      C+5: 5 t                  none                         5 t / 2 t
C+1–C+3    7, 6, 5 t below           the same                     same / 6, 4, 2
C+4–C+5    13, 16                    4, 3                         13, 16 / 10, 16
C+6–C+11   14, 12, 10, 8, 6, 4       2, 1, 0, 0, 0, 0             none / the same
=========  ========================  ===========================  ===================

So C+5's shortfall is the closure's and the supply's (no capacity helps: only 27 t could
be sent before the road closed), where it had read "stock delivered before could cover
these days (as far as capacities allow)"; C+6–C+11 are the closure's and the road's (the
depot held the closure's 18 t back and the road brings 2 t a day more than is eaten; no
supply helps), where they had read "capacity" alone. C+1–C+3 stay the supply's, C+4–C+5
the closure's with the supply short too. With 50 t a day the closed days do not name the
supply, and C+6–C+11 name the closure with the capacities too; C+1–C+3, before the
closure, stay "capacity": the road open on every day leaves them as they are.
"""

from __future__ import annotations

from depot_cases import closures_lifted, roomy

from supplyline.domain import Demand, Plan, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import make_demand, one_link
from supplyline.planning.summary import target_rows

PARAMS = PlanParams(explain_top=0)
CLOSURE = "road link L1 (closed C+3–C+4)"
CATCH_UP = (
    f"the closure of {CLOSURE} and the capacities together: with it closed, the capacities "
    "cannot bring U the Rations its units missed in time (see the bottlenecks); with it "
    "reopened, they would leave room for more"
)


def _camp(replenishment_t_per_day: float) -> tuple[Scenario, Demand]:
    """D→U, 10 t/day, closed C+3–C+4; 8 t a day eaten at U, a 16 t target."""
    scenario, _ = one_link(
        days=12,
        capacity_t_per_day=10.0,
        replenishment_t_per_day=replenishment_t_per_day,
        outage_days=(3, 4),
    )
    return scenario, make_demand(scenario, {("u1", "food"): 8.0}, buildup_t={("u1", "food"): 16.0})


def _short(plan: Plan) -> dict[int, float]:
    return {s.day: round(s.short_t, 6) for s in plan.shortfalls}


def _below(plan: Plan, days: range) -> list[float]:
    on = {g.day: round(g.below_t, 6) for g in plan.target_gaps}
    return [on.get(day, 0.0) for day in days]


def test_the_re_plans_say_which_lever_removes_each_day() -> None:
    """The table above: the road open, every capacity unlimited, 100 t a day more."""
    scenario, demand = _camp(9.0)
    plan = plan_movements(scenario, demand, PARAMS)
    opened = plan_movements(closures_lifted(scenario, {"L1"}), demand, PARAMS)
    whatever = plan_movements(roomy(scenario), demand, PARAMS)
    more = plan_movements(*_camp(109.0), PARAMS)
    assert [_short(x) for x in (plan, opened, whatever, more)] == [{5: 5.0}, {}, {5: 5.0}, {5: 2.0}]
    after = range(6, 12)
    assert _below(plan, after) == _below(more, after) == [14.0, 12.0, 10.0, 8.0, 6.0, 4.0]
    assert _below(opened, after) == [2.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    assert _below(whatever, after) == [0.0] * 6


def test_the_shortfall_after_the_closure_names_the_closure_and_the_supply() -> None:
    """C+5: as short with every capacity unlimited, never with the road open."""
    (short,) = plan_movements(*_camp(9.0), PARAMS).shortfalls
    assert short.cause == (
        f"the closure of {CLOSURE} and the supply together: with it closed, not enough "
        "Rations can reach U in the horizon: whatever the transport capacities, the units there "
        "would still be short of 5 t in all, as in this plan; the supply at D, 9 t/day "
        "of Rations, is the limit: see bottleneck 1; with it reopened, the supply would leave "
        "room for more"
    )


def test_the_days_after_the_closure_name_the_closure_and_the_capacities() -> None:
    """C+6–C+11 read "capacity (see the bottlenecks)" before; the other days as they were."""
    scenario, demand = _camp(9.0)
    (row,) = target_rows(plan_movements(scenario, demand, PARAMS), demand)
    days = dict(part.split(": ", 1) for part in row["why"].split("; C+")[1:])
    assert days["6–C+11"] == CATCH_UP
    assert days["1–C+3"].startswith("not enough Rations can reach U in time")
    assert days["4–C+5"].startswith(f"the closure of {CLOSURE} cuts U off from Rations")


def test_with_supply_to_spare_the_capacity_before_the_closure_stays_the_capacitys() -> None:
    """50 t a day: C+1–C+3 as with the road open (2 t a day caught up), so "capacity".

    C+6–C+11 (14 … 4 t below; none with the road open or every capacity unlimited) name
    the closure and the capacities; C+5's shortfall (2 t, none either way) the closure with
    the stock delivered before.
    """
    scenario, demand = _camp(50.0)
    plan = plan_movements(scenario, demand, PARAMS)
    opened = plan_movements(closures_lifted(scenario, {"L1"}), demand, PARAMS)
    whatever = plan_movements(roomy(scenario), demand, PARAMS)
    assert _below(plan, range(1, 4)) == _below(opened, range(1, 4)) == [6.0, 4.0, 2.0]
    assert _below(opened, range(6, 12)) == _below(whatever, range(6, 12)) == [0.0] * 6
    assert _short(plan) == {5: 2.0}
    assert _short(opened) == _short(whatever) == {}
    (row,) = target_rows(plan, demand)
    days = dict(part.split(": ", 1) for part in row["why"].split("; C+")[1:])
    assert days["1–C+3"] == "capacity (see the bottlenecks)"
    assert days["6–C+11"] == CATCH_UP
    assert plan.shortfalls[0].cause.endswith(
        "stock delivered before could cover these days (as far as capacities allow: see the "
        "bottlenecks)"
    )

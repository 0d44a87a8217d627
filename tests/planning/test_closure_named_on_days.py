"""A closure that alone leaves some days short is named on exactly those days.

D→U over two roads: L1, a day's transit, 8 t/day, closed C+3–C+4; L2, four days' transit,
2 t/day, never closed. The unit at U eats 8 t a day; D gives 50 t a day. By hand: nothing
can arrive on C+0 (8 t short); C+1–C+3 L1 brings exactly what is eaten, nothing to hold;
C+4 and C+5 only L2's 2 t arrive (6 t short each); from C+6 L1 and L2 bring 10 t. With L1
open on every day, only C+0 is short. Goods can arrive on C+4–C+5 (by L2), so no closure
cuts U off, and the cause had read "capacity" alone (empty in the files), though the
report's closures table said the closure removed those 12 t.
"""

from __future__ import annotations

from depot_cases import closures_lifted

from supplyline.domain import ResourceKind, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.capacity_cause import CAPACITY_CAUSE
from supplyline.planning.examples import one_link, slow_road_beside_a_closed_one

NAMED = "; the closure of road link L1 on C+3–C+4 is the limit on these days: see closure {rank}"


def _two_roads() -> Scenario:
    """The scenario above, its unit eating 8 t a day."""
    return slow_road_beside_a_closed_one()[0]


def test_the_re_plans_are_as_solved_by_hand() -> None:
    """C+0 8 t, C+4 and C+5 6 t short; with L1 open on every day, C+0 alone."""
    scenario = _two_roads()
    _, demand = one_link(days=8)
    plan = plan_movements(scenario, demand)
    opened = plan_movements(closures_lifted(scenario, {"L1"}), demand)
    assert {s.day: s.short_t for s in plan.shortfalls} == {0: 8.0, 4: 6.0, 5: 6.0}
    assert {s.day: s.short_t for s in opened.shortfalls} == {0: 8.0}


def test_the_closure_is_named_on_exactly_the_days_its_re_plan_removes() -> None:
    """C+4–C+5 name the closure with its rank; C+0, as short with it open, does not."""
    _, demand = one_link(days=8)
    plan = plan_movements(_two_roads(), demand)
    (rank,) = [i for i, b in enumerate(plan.bottlenecks, start=1) if b.kind is ResourceKind.OUTAGE]
    causes = {s.day: s.cause for s in plan.shortfalls}
    assert causes[0] == "no Rations can reach U before C+1"
    assert causes[4] == causes[5] == CAPACITY_CAUSE + NAMED.format(rank=rank)


def test_the_closures_table_says_the_shortfall_it_ranks_by() -> None:
    """Both faces' closures tables show the 12 t the closure removes, which ranks it.

    A re-checker read a closure saving 13.7 million ranked above one saving 24 million,
    with no column saying that the first removes 32.46 t of shortfall and the second none.
    """
    from supplyline.planning.summary import CLOSURE_RANK_RULE, closure_table_rows
    from supplyline.reports.summary import closures_held_table

    _, demand = one_link(days=8)
    plan = plan_movements(_two_roads(), demand)
    (row,) = closure_table_rows(plan)
    assert str(row["removes_t"]) == "12"
    table = closures_held_table(plan)
    assert "shortfall removed t" in table.columns
    assert CLOSURE_RANK_RULE in table.caption

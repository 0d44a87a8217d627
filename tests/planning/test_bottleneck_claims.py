"""What a bottleneck says more capacity buys must follow from the optimum, not from a tie.

Two optimal plans can close a unit on different days for the same lateness (the last
tonne sooner, others later). Measured by a tester: the bilateral example's spares supply
claimed "+6 t/day lets 2 units close 2 unit-days earlier", yet with the 6 t added the
optimum's lateness (and its closure days) stayed the same.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from supplyline.domain import Demand, Measuring, ResourceKind, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.assemble import build_model, prepare
from supplyline.planning.bottlenecks import NOT_LEAST, _explanation
from supplyline.planning.extract import Outcome
from supplyline.planning.highs import HighsSession
from supplyline.planning.measure import Measured, Resolver
from supplyline.planning.objective_tiers import DEFAULT_ORDER, Tier
from supplyline.planning.outcome_words import AS_RESOLVED, NO_GAINS, OTHERS_MAY_DIFFER, as_good
from supplyline.planning.outcome_words import effect as _effect
from supplyline.planning.params import PlanParams
from supplyline.planning.resources import Run
from supplyline.planning.summary import bottleneck_caveats
from supplyline.services.scenarios import assess_requirements


def _outcome(
    late_days: dict[int, int], late_t_days: float, closure: dict[int, int | None] | None = None
) -> Outcome:
    return Outcome(
        short_t=0.0,
        short_by={},
        late_days=late_days,
        closure_day=closure if closure is not None else dict.fromkeys(late_days, 20),
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
    assert _effect(problem, base, gain)[1] == (
        f"cuts the lift arriving late by 30 t-days ({AS_RESOLVED}"
        f"{problem.scenario.units[0].id} closes 2 days earlier{OTHERS_MAY_DIFFER})"
    )


def test_a_unit_that_does_not_close_is_said_to_close_by_a_day_not_days_earlier(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """A tester read "close 4 day(s) earlier" for a unit that never closed in the horizon."""
    problem = prepare(*bilateral, PlanParams())
    base = _outcome({0: 3}, late_t_days=50.0, closure={0: None})
    gain = _outcome({0: 0}, late_t_days=0.0, closure={0: 12})
    effect = _effect(problem, base, gain)[1]
    unit = problem.scenario.units[0].id
    assert effect == (
        f"cuts the lift arriving late by 50 t-days ({AS_RESOLVED}{unit} closes by C+12, where "
        f"now it does not close within the horizon{OTHERS_MAY_DIFFER})"
    )


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


_PAX_LINK_SCENARIO = {
    "scenario.yaml": "name: pax-link\nstart_date: 2025-06-01\nhorizon_days: 6\n"
    "partners:\n  - {id: A, name: Alpha}\ncommodities:\n  - id: food\n"
    "    supply_class: general\n    priority: 3\n    demand_unit: kg\n"
    "    per_person_per_day: 1000\n",
    "locations.csv": "id,name,partner,kind,lat,lon\nH,H,A,garrison,50.0,10.0\n"
    "D,D,A,depot,50.0,10.5\nU,U,A,unit_area,50.0,12.0\n",
    "links.csv": "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,"
    "capacity_pax_per_day,cost_per_t\nl1,H,U,road,100,1,100,10,1\nl2,D,H,road,100,0,,,1\n",
    "stocks.csv": "location,commodity,initial_t\nD,food,1000\n",
    "units.csv": "id,name,partner,home,destination,personnel,required_day,deployment_lift_t\n"
    "u1,u1,A,H,U,30,2,20\nu2,u2,A,U,U,10,,0\n",
}


def test_a_pax_capacity_limits_only_people(tmp_path: Path) -> None:
    """Food shares the link with the people but not its pax capacity (a tester's case)."""
    for name, text in _PAX_LINK_SCENARIO.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = assess_requirements(tmp_path)
    plan = plan_movements(result.opened.scenario, result.demand)
    pax = [b for b in plan.bottlenecks if b.kind is ResourceKind.LINK_PAX]
    assert pax, plan.bottlenecks
    assert "limits deployment on" in pax[0].explanation
    assert "food" not in pax[0].explanation


def test_shortfall_is_said_where_it_falls_most_never_where_another_plan_may_move_it(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """The total removed is fixed by the optimum, its split between units is not.

    A tester read "removes 90 t: water at site-2 120 t, …" with 30 t more elsewhere, and
    re-plans moved the "more" to other units; a relief planner's extra left fuel 90 %
    short and the claim named only water: the increases are said as the re-solve's.
    """
    problem = prepare(*bilateral, PlanParams())
    base = replace(_outcome({}, 0.0), short_t=150.0, short_by={(0, 0): 120.0, (1, 0): 30.0})
    new = replace(_outcome({}, 0.0), short_t=60.0, short_by={(1, 0): 60.0})
    effect = _effect(problem, base, new)[1]
    first = problem.demand.unit_ids[0]
    com = problem.demand.commodity_ids[0]
    second = problem.demand.unit_ids[1]
    assert effect == (
        f"removes 90 t of shortfall: 90 t less {com} short (120 t less at {first}; "
        f"30 t more at {second})"
    )


def test_days_of_supply_filled_sooner_are_said(bilateral: tuple[Scenario, Demand]) -> None:
    """A tester's yard filled 77 t-days of targets; it read "saves 2 in transport cost"."""
    problem = prepare(*bilateral, PlanParams())
    base = replace(_outcome({}, 0.0), gap_t_days=100.0)
    new = replace(_outcome({}, 0.0), gap_t_days=23.0, transport_cost=98.0)
    assert _effect(problem, base, new)[1] == (
        "fills 77 t-days more of the units' days-of-supply targets, and saves 2 in transport cost "
        "(the links' cost units)"
    )


def test_a_supply_that_only_saves_cost_suggests_the_least_that_saves_it_all(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """The bilateral forward depot's spares: +0.25 t/day saves all 229 (it said +41, then +1).

    Two testers re-solved the plan's MPS: +0.24 saved 228.48, +0.25 and unlimited 229.38;
    +0.24 had been taken as good within a millionth of the transport cost.
    """
    plan = plan_movements(*bilateral)
    spares = next(b for b in plan.bottlenecks if b.resource == "os-forward/spares")
    assert spares.suggested_extra == 0.25
    assert spares.explanation.endswith(
        "+0.25 t/day there saves 229 in transport cost (the links' cost units)"
    )


def test_a_resource_that_limits_more_than_three_commodities_says_how_many_more() -> None:
    """A tester's yard limited four; the sentence named three and dropped the fourth."""
    from supplyline.planning.bottlenecks import _explanation
    from supplyline.planning.resources import Run

    run = Run(
        kind=ResourceKind.HANDLING, key=("handle_in", 0), days=[3, 4], value=1.0, rows=[], cols=[]
    )
    four = ("deployment", "water", "food", "fuel")
    text = _explanation("the yard", run, four, None)
    # not measured: full with them, not said to limit them (no claim of a shortage)
    assert text == "the yard is used to the full by deployment, water, food and 1 more on C+3–C+4"
    assert _explanation("the yard", run, four[:3], None).endswith("food on C+3–C+4")


def test_a_claim_says_when_it_makes_lift_later(bilateral: tuple[Scenario, Demand]) -> None:
    """A tester's +3 t/day of food removed 56 t short and left a unit no longer closed.

    Late t-days rose from 1,306 to 1,881 and the claim said only the tonnes. Closure days
    that move with the same lateness are not said (equally good plans differ in them).
    """
    problem = prepare(*bilateral, PlanParams())
    base = _outcome({0: 3}, late_t_days=1306.0, closure={0: 16})
    worse = _outcome({0: 19}, late_t_days=1881.0, closure={0: None})
    assert (
        f"lets the lift arriving late grow by 575 t-days ({AS_RESOLVED}wm-hq no longer closes"
        in (_effect(problem, base, worse)[1])
    )
    shifted = _outcome({0: 5}, late_t_days=1306.0, closure={0: 18})
    assert "later" not in _effect(problem, base, shifted)[1]


def test_a_claim_names_a_unit_that_closes_later_too(bilateral: tuple[Scenario, Demand]) -> None:
    """A planner's unit went from 1 to 11 days late under a claim naming only the earlier."""
    problem = prepare(*bilateral, PlanParams())
    base = _outcome({0: 3, 1: 1}, late_t_days=50.0, closure={0: 16, 1: 14})
    gain = _outcome({0: 0, 1: 11}, late_t_days=20.0, closure={0: 13, 1: 24})
    units = [u.id for u in problem.scenario.units]
    assert _effect(problem, base, gain)[1] == (
        f"cuts the lift arriving late by 30 t-days ({AS_RESOLVED}{units[0]} closes 3 days "
        "earlier; "
        f"{units[1]} closes 10 days later{OTHERS_MAY_DIFFER})"
    )


def test_the_suggestions_say_they_are_each_measured_alone(
    bilateral: tuple[Scenario, Demand],
) -> None:
    plan = plan_movements(*bilateral)
    caveats = bottleneck_caveats(plan, 5)
    assert caveats[0].startswith("each suggestion is measured on its own")
    assert caveats[1] == "ranks 4–5 are ranked by shadow price only, not measured"


def test_a_claims_tonnes_read_as_the_tables_round_them() -> None:
    """A tester read "removes 6.32 t" in the sentence beside 6.33 in the table (6.325)."""
    from supplyline.planning.outcome_words import tonnes_text

    assert tonnes_text(6.3249999999) == "6.33"  # 6.325 to the gram, as the table has it


def test_a_unit_on_time_in_both_plans_is_not_said_to_close_later(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """A tester's u01 "closes 1 day later" and was on time in both plans."""
    problem = prepare(*bilateral, PlanParams())
    base = _outcome({0: 3, 1: 0}, late_t_days=50.0, closure={0: 16, 1: 10})
    gain = _outcome({0: 0, 1: 0}, late_t_days=20.0, closure={0: 13, 1: 11})
    said = _effect(problem, base, gain)[1]
    assert "later" not in said
    assert said.endswith(
        f"{problem.scenario.units[0].id} closes 3 days earlier{OTHERS_MAY_DIFFER})"
    )


def test_a_unit_on_time_that_becomes_late_is_said_so(bilateral: tuple[Scenario, Demand]) -> None:
    problem = prepare(*bilateral, PlanParams())
    base = _outcome({0: 3, 1: 0}, late_t_days=50.0, closure={0: 16, 1: 10})
    gain = _outcome({0: 0, 1: 2}, late_t_days=20.0, closure={0: 13, 1: 14})
    assert _effect(problem, base, gain)[1].endswith(
        f"{problem.scenario.units[1].id} closes 2 days late, where now it is on time"
        f"{OTHERS_MAY_DIFFER})"
    )


def test_as_good_is_lateness_as_the_objective_counts_it_not_closure_days() -> None:
    """Testers' yards were offered +1,100 and +340 t/day where +200 did as well.

    The goal (the unlimited re-solve) is one optimum of many: its units' closure days, or
    days late, are no target; its tonne- and person-days of lift late are.
    """
    base = _outcome({0: 3, 1: 2}, late_t_days=500.0, closure={0: 16, 1: 14})
    goal = _outcome({0: 0, 1: 2}, late_t_days=100.0, closure={0: 5, 1: 14})
    tie = _outcome({0: 1, 1: 1}, late_t_days=100.0, closure={0: 14, 1: 13})
    short_of_it = _outcome({0: 0, 1: 2}, late_t_days=101.0, closure={0: 5, 1: 14})
    assert as_good(tie, goal, Tier.LATENESS, base, DEFAULT_ORDER)
    assert not as_good(short_of_it, goal, Tier.LATENESS, base, DEFAULT_ORDER)


def test_unmeasured_ranks_within_those_asked_for_say_the_time_ran_out(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """A tester raised --explain to 5 and read "--explain N measures the top N" again."""
    plan = plan_movements(*bilateral, PlanParams(explain_top=2, explain_time_s=30.0))
    top = plan.bottlenecks[:2]
    # as if the time had run out before the second: what the caveat says of it
    ran_out = Measuring.TIME_RAN_OUT
    cut = replace(top[1], shortfall_removed_t=None, suggested_extra=None, measuring=ran_out)
    plan = replace(plan, bottlenecks=(top[0], cut, *plan.bottlenecks[2:]))
    assert (plan.stats.explain_top, plan.stats.explain_budget_s) == (2, 30.0)
    caveats = bottleneck_caveats(plan, 4)
    assert "rank 2 is not measured: the measuring time (30 s) ran out" in caveats
    assert "ranks 3–4 are ranked by shadow price only, not measured" in caveats
    short = replace(plan, stats=replace(plan.stats, explain_budget_s=0.3))
    assert "rank 2 is not measured: the measuring time (0.3 s) ran out" in bottleneck_caveats(
        short, 4
    )


def test_an_extra_found_when_time_ran_out_is_said_to_be_enough_not_least() -> None:
    measured = Measured(extra=1100.0, gains=NO_GAINS, effect="cuts …", crossing=(), least=False)
    run = Run(
        kind=ResourceKind.HANDLING, key=("handle", 0), days=[4, 5], value=1.0, rows=[], cols=[]
    )
    run.lifted = [4, 5]
    said = _explanation("the yard Y", run, ("food",), measured)
    assert f"+1,100 t/day there {NOT_LEAST} cuts …" in said


def test_a_resolver_past_its_deadline_says_it_ran_out(bilateral: tuple[Scenario, Demand]) -> None:
    problem = prepare(*bilateral, PlanParams())
    model = build_model(problem)
    resolve = Resolver(HighsSession(model, PlanParams()), deadline=0.0)
    assert resolve() is None
    assert resolve.ran_out


def test_a_claim_with_partners_says_the_plan_that_keeps_units_on_their_days(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """A tester's "together with" claims named units closing later; each was a tie.

    The named resource had been left unraised after checking the partners alone, so no
    plan that kept the units on their days could be found.
    """
    scenario, demand = bilateral
    narrow = {"rail-west": 300.0, "rail-east-1": 300.0}
    links = tuple(
        replace(x, capacity_t_per_day=narrow[x.id]) if x.id in narrow else x for x in scenario.links
    )
    plan = plan_movements(replace(scenario, links=links), demand)
    together = [b for b in plan.bottlenecks if "together with" in b.explanation]
    assert together
    for b in together:
        assert "later" not in b.explanation
        assert " late, where now" not in b.explanation


def test_ranks_cut_short_are_counted_up_to_those_asked_for_not_those_shown(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """With --explain 6 and 5 shown, the note said "ranks 2–5": rank 6 was not measured either."""
    plan = plan_movements(*bilateral, PlanParams(explain_top=2, explain_time_s=30.0))
    assert len(plan.bottlenecks) >= 3
    first, *rest = plan.bottlenecks
    cut = [
        replace(b, shortfall_removed_t=None, suggested_extra=None, measuring=Measuring.TIME_RAN_OUT)
        for b in rest
    ]
    asked = replace(plan.stats, explain_top=len(plan.bottlenecks))
    plan = replace(plan, bottlenecks=(first, *cut), stats=asked)
    caveats = bottleneck_caveats(plan, 2)
    last = len(plan.bottlenecks)
    assert f"ranks 2–{last} are not measured: the measuring time (30 s) ran out" in caveats
    assert not any("shadow price only" in c for c in caveats)

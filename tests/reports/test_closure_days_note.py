"""The unit closure table says which of its figures the optimum fixes, where a unit is late.

A tester moved one unit's required day and saw two other battalions' closure days jump,
with nothing saying that which unit's tonnes arrive late is a tie between equally good
plans; the late t-days are what the plan fixes.
"""

from __future__ import annotations

import html

from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import late_unit, one_link
from supplyline.planning.summary import CLOSURE_DAYS_NOTE, closure_days_note
from supplyline.reports import render_plan_report

QUICK = PlanParams(explain_top=0)


def test_a_late_unit_gets_the_note_in_the_report() -> None:
    scenario, demand = late_unit()
    plan = plan_movements(scenario, demand, QUICK)
    assert any(c.late_t_days > 0 for c in plan.closures)
    note = closure_days_note(plan)
    assert note is not None
    assert "late t-days" in note
    assert note in html.unescape(render_plan_report(scenario, demand, plan))


def test_no_late_unit_no_note() -> None:
    scenario, demand = one_link()
    plan = plan_movements(scenario, demand, QUICK)
    assert all(c.late_t_days == 0 and c.late_pax_days == 0 for c in plan.closures)
    assert closure_days_note(plan) is None
    assert "are fixed by the optimum" not in html.unescape(
        render_plan_report(scenario, demand, plan)
    )


def test_the_note_names_what_is_late() -> None:
    """A unit late only in people: the note speaks of person-days, not t-days."""
    scenario, demand = late_unit(lift_t=0.0)
    plan = plan_movements(scenario, demand, QUICK)
    assert all(c.late_t_days == 0 for c in plan.closures)
    assert any(c.late_pax_days > 0 for c in plan.closures)
    assert closure_days_note(plan) == CLOSURE_DAYS_NOTE.format(what="person-days")

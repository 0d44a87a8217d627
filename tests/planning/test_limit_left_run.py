"""The time limit bounds the explaining after the solve (supplyline.planning.limit_left)."""

from __future__ import annotations

import math

import pytest

from supplyline.domain import Measuring, SolveStats
from supplyline.domain.plan import BOTTLENECK_MEASURING, SHORTFALL_CAUSES
from supplyline.planning import limit_left
from supplyline.planning.bottleneck_rows import bottleneck_caveats
from supplyline.planning.examples import one_link
from supplyline.planning.limit_left import CUT_SHORT_CAUSE, LimitLeft
from supplyline.planning.params import PlanParams
from supplyline.planning.solve import plan_movements


@pytest.fixture
def limit_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit's clock stopped past any deadline: the solve is done, the limit used up."""
    monkeypatch.setattr(limit_left, "now", lambda: math.inf)


@pytest.mark.usefixtures("limit_spent")
def test_a_spent_limit_skips_the_shortfall_causes_and_says_so() -> None:
    """Every shortfall's cause says the limit skipped it, and the plan's notes say how."""
    plan = plan_movements(*one_link(capacity_t_per_day=5.0), PlanParams(time_limit_s=60))
    assert plan.shortfalls
    assert {s.cause for s in plan.shortfalls} == {CUT_SHORT_CAUSE}
    assert "shortfall causes" in plan.stats.cut_short
    assert any("--time-limit" in note for note in plan.stats.notes)


@pytest.mark.usefixtures("limit_spent")
def test_a_spent_limit_measures_no_bottleneck() -> None:
    """Bottlenecks are still ranked, none measured, and the plan names the measuring cut."""
    plan = plan_movements(*one_link(capacity_t_per_day=5.0), PlanParams(time_limit_s=60))
    assert plan.bottlenecks
    assert all(b.measuring is not Measuring.MEASURED for b in plan.bottlenecks)
    assert "bottleneck measuring" in plan.stats.cut_short


def test_a_run_within_its_limit_is_not_cut_short() -> None:
    """With time to spare, the plan is the one made without a limit."""
    params = PlanParams(time_limit_s=60)
    limited = plan_movements(*one_link(capacity_t_per_day=5.0), params)
    assert limited.stats.cut_short == ()
    assert limited == plan_movements(*one_link(capacity_t_per_day=5.0))


def test_no_limit_is_never_spent() -> None:
    """Without a limit a stage keeps its own deadline."""
    assert LimitLeft(deadline=None).capped(5.0) == 5.0
    assert not LimitLeft(deadline=None).spent()


def test_an_explain_time_given_is_honoured_whatever_the_limit() -> None:
    """Only the default measuring time is cut to what the limit leaves; a given one is not.

    The limit is spent (its clock stopped past it), yet ``explain_time_s`` measures as
    asked, and the plan does not name the measuring among what the limit cut.
    """
    given = PlanParams(time_limit_s=60, explain_time_s=600)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(limit_left, "now", lambda: math.inf)
        plan = plan_movements(*one_link(capacity_t_per_day=5.0), given)
    assert any(b.measuring is Measuring.MEASURED for b in plan.bottlenecks)
    assert BOTTLENECK_MEASURING not in plan.stats.cut_short
    assert plan.stats.cut_short == (SHORTFALL_CAUSES,)  # the causes are still the limit's


@pytest.mark.usefixtures("limit_spent")
def test_the_notes_name_the_time_limit_not_the_measuring_time() -> None:
    """Where the limit cut the measuring, no note blames the measuring's own time.

    Each says once that the time limit ran out and how to get the rest: a longer
    ``--time-limit``, or ``--explain-time``.
    """
    plan = plan_movements(*one_link(capacity_t_per_day=5.0), PlanParams(time_limit_s=60))
    said = [*plan.stats.notes, *bottleneck_caveats(plan, 10)]
    ran_out = [note for note in said if "ran out" in note]
    assert ran_out
    for note in ran_out:
        assert "measuring time" not in note
        assert note.count("time limit ran out") == 1, note
        assert "--time-limit" in note
    assert any("--explain-time" in note for note in ran_out)


def test_a_limit_cut_outage_note_says_the_limit() -> None:
    """The untried closures' note names the time limit, not ``--explain-time``'s seconds."""
    stats = SolveStats(
        outages_untried=("r1 closed C+0–C+2",),
        explain_top=3,
        explain_budget_s=10.0,
        cut_short=(BOTTLENECK_MEASURING,),
    )
    assert stats.outages_note is not None
    assert stats.outages_note.startswith("the time limit ran out before this closure")
    assert "measuring time" not in stats.outages_note
    assert "--time-limit" in stats.outages_note

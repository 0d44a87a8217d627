"""What a reader of a plan must be warned of, in the words every face says them in.

The words lived in the CLI (``plan_warnings`` in ``cli/plan_shown.py``), and the HTML
report said none of them: an analyst's camp whose unit held 8 t over its ``storage_t``
was warned of on the terminal and not in ``plan.html``, nor a plan the time limit kept
from being proven best, nor a solver's tolerances. They are said once here; the terminal
prints them and the report lists them in its Warnings section.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from supplyline.domain import Plan, PlanStatus, Scenario
from supplyline.io.csv_out import to_gram
from supplyline.planning import Method
from supplyline.planning.camp_stock import units_beyond_storage
from supplyline.planning.crossings import crossing_words, crossings
from supplyline.planning.round_trips import round_trips
from supplyline.services.plan_limits import Fallback, not_proven_words
from supplyline.types import figure_text, figure_with_unit

__all__ = ["NOTICEABLE_T", "plan_warnings", "threads_note"]

NOTICEABLE_T = 1e-6
"""A plan off its constraints by more than a gram gets the note whatever its method."""


def plan_warnings(
    plan: Plan,
    scenario: Scenario,
    *,
    fallback: Fallback | None = None,
    threads: int | None = None,
    below: Sequence[str | None] = (),
) -> tuple[str, ...]:
    """What a reader of the plan must know about how it was made (not proven best, …).

    In order: the plan not proven best (how it was made: ``fallback``), the plan's own
    notes (:attr:`~supplyline.domain.SolveStats.notes`) but those in ``below`` (said
    elsewhere by the face: the terminal says the outages' note under the bottlenecks, the
    report all of them in its summary), the places whose units' stock with the store's is
    more than their ``storage_t``, goods going round a cycle of roads to a full store,
    goods on the road both ways between two full stores,
    ``threads`` asked beyond the machine's cores, and the solver's
    tolerances where they show.

    >>> from supplyline.planning.examples import one_link
    >>> from supplyline.planning import plan_movements
    >>> scenario, demand = one_link()
    >>> plan_warnings(plan_movements(scenario, demand), scenario)
    ()
    """
    out = []
    if plan.status is PlanStatus.FEASIBLE:
        out.append(_not_proven_warning(plan, fallback))
    out += [f"warning: {note}." for note in plan.stats.notes if note not in below]
    out += units_beyond_storage(plan, scenario)
    out += round_trips(plan, scenario)
    out += [crossing_words(c) for c in crossings(plan, scenario)]
    if (too_many := threads_note(threads)) is not None:
        out.append(too_many)
    stats = plan.stats
    off = (
        f"In this plan a balance or capacity is off by {_kg_text(stats.max_violation)} at "
        f"most, {_kg_text(stats.total_violation)} summed over all of them (what a total over "
        "the horizon may be off by)."
    )
    if not Method(stats.method).at_a_vertex:
        out.append(
            f"note: {stats.method} stops at a point within the solver's tolerances, not at "
            "a vertex: where choices are equally good (or differ by less than those "
            "tolerances tell) the plan may split flows between them and carry round trips "
            f"(out and back on one day) that cost it nothing it can see. {off} The default "
            "(simplex) gives a vertex plan, without them."
        )
    elif stats.max_violation > NOTICEABLE_T:
        out.append(f"note: the solver stopped within its tolerances. {off}")
    return tuple(out)


def threads_note(threads: int | None) -> str | None:
    """A note when the plan asked HiGHS for more threads than the machine has cores.

    A tester's ``--threads 999`` on 2 cores solved the relief example in 9.7 s against
    0.20 s with 1, and nothing said why.
    """
    cores = os.cpu_count() or 1
    if threads is None or threads <= cores:
        return None
    return (
        f"note: {threads} solver threads asked on a machine with {cores} core(s): HiGHS "
        f"was given {cores}, as more only slows it down and keeps it from its time limit "
        "(--threads, or solver.threads in scenario.yaml)"
    )


def _not_proven_warning(plan: Plan, fallback: Fallback | None) -> str:
    """The warning under a plan the time limit kept from being proven best: how it was made.

    With the units it leaves undeployed: a tester's fallback came within 5 % of the
    optimum's cost (shortfall weighs most) and closed 6 of 14 units.
    """
    how = not_proven_words(fallback)
    never = [c for c in plan.closures if c.days_late is None]
    late_t = sum(c.late_t_days for c in plan.closures)
    late_pax = sum(c.late_pax_days for c in plan.closures)
    undeployed = (
        f" In it {len(never)} of {len(plan.closures)} deploying unit(s) do not close within "
        f"the horizon ({figure_with_unit(figure_text(to_gram(late_t)), 't-days')} of lift"
        + (
            f" and {figure_with_unit(figure_text(to_gram(late_pax)), 'person-days')}"
            if to_gram(late_pax)
            else ""
        )
        + " late in all)."
        if never
        else ""
    )
    return (
        f"warning: the time limit stopped the solver before it proved this plan best; {how}, "
        "but it is not proven the best plan (shortfalls and lateness may be larger)."
        f"{undeployed} Raise the time limit (--time-limit, or solver.time_limit_s in "
        "scenario.yaml) for the optimum."
    )


def _kg_text(tonnes: float) -> str:
    """A small mass as a planner reads it: 2.4 kg, 476 kg, 1,234 kg."""
    kg = tonnes * 1000.0
    return f"{figure_text(kg)} kg"  # the one rule of a figure (README, How figures read)

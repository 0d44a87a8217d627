"""What a plan leaves late or short where no bottleneck explains it, in words.

A link of capacity 0 is no capacity the solver can price: the template with rail-1 at
0 t and 0 people a day never closed its unit, and the plan said "no capacity limits the
plan". :func:`~supplyline.planning.bottleneck_rows.bottleneck_note` says this instead,
and the faces then show the scenario's warnings, which say why.

Shortfalls whose ``cause`` is more than the capacities (no such goods can reach the unit
that day, the stock runs out: :func:`~supplyline.planning.capacity_cause.capacities_alone`)
are explained already, in the shortfall table's "why": those are said apart
(:func:`explained_shortfall`), not sent to warnings a scenario may not have.
"""

from __future__ import annotations

from supplyline.domain import Plan
from supplyline.planning.capacity_cause import capacities_alone
from supplyline.types import counted, figure_text, to_gram

__all__ = ["explained_shortfall", "unexplained_outcome"]


def unexplained_outcome(plan: Plan) -> str | None:
    """What a plan leaves late or short unexplained, in words ("1 unit cannot close").

    None if nothing. Shortfalls with a ``cause`` are left out: the shortfall table says
    why (:func:`explained_shortfall`). Said where no bottleneck explains it
    (:func:`~supplyline.planning.bottleneck_rows.bottleneck_note`): the faces then show
    the scenario's warnings, which say what no capacity the plan uses can change.
    """
    never = sum(1 for c in plan.closures if c.days_late is None)
    late = sum(1 for c in plan.closures if c.days_late is not None and c.days_late > 0)
    parts = []
    if never:
        parts.append(f"{counted(never, 'unit')} cannot close within the horizon")
    if late:
        parts.append(f"{counted(late, 'unit')} {'is' if late == 1 else 'are'} late")
    short_t = sum(s.short_t for s in plan.shortfalls if capacities_alone(s.cause))
    if to_gram(short_t) > 0:
        parts.append(f"{figure_text(short_t)} t of supplies fall short")
    return " and ".join(parts) or None


def explained_shortfall(plan: Plan) -> str | None:
    """The tonnes short that the shortfall table explains, with its first reason; None if none.

    ``"4 t short that no capacity could avoid (the shortfall table says why: no food can
    reach Camp1 before C+1, and 3 reasons more)"``: a depot's handling was full on every day it
    could load, at no price, since the 4 t were due on C+0, which nothing can reach.
    """
    caused = [s for s in plan.shortfalls if not capacities_alone(s.cause)]
    short_t = sum(s.short_t for s in caused)
    if to_gram(short_t) <= 0:
        return None
    reasons = list(dict.fromkeys(s.cause for s in caused))
    more = f", and {counted(len(reasons) - 1, 'reason')} more" if len(reasons) > 1 else ""
    return (
        f"{figure_text(short_t)} t short that no capacity could avoid "
        f"(the shortfall table says why: {reasons[0]}{more})"
    )

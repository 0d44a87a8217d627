"""What a plan leaves late or short where no bottleneck explains it, in words.

A link of capacity 0 is no capacity the solver can find full: the template with rail-1
at 0 t and 0 people a day never closed its unit, and the plan said "no capacity limits
the plan". :func:`~supplyline.planning.summary.bottleneck_note` says this instead, and
the faces then show the scenario's warnings, which say why.
"""

from __future__ import annotations

from supplyline.domain import Plan
from supplyline.types import counted, figure_text, to_gram

__all__ = ["unexplained_outcome"]


def unexplained_outcome(plan: Plan) -> str | None:
    """What a plan leaves late or short, in words ("1 unit cannot close"); None if nothing.

    Said where no bottleneck explains it
    (:func:`~supplyline.planning.summary.bottleneck_note`): the faces then show the
    scenario's warnings, which say what no capacity the plan uses can change.
    """
    never = sum(1 for c in plan.closures if c.days_late is None)
    late = sum(1 for c in plan.closures if c.days_late is not None and c.days_late > 0)
    parts = []
    if never:
        parts.append(f"{counted(never, 'unit')} cannot close within the horizon")
    if late:
        parts.append(f"{counted(late, 'unit')} {'is' if late == 1 else 'are'} late")
    if to_gram(plan.total_short_t) > 0:
        parts.append(f"{figure_text(plan.total_short_t)} t of supplies fall short")
    return " and ".join(parts) or None

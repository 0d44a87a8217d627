"""The unit closure for programs: deployment.csv's fields under its names, and the words.

``plan --format csv|json`` named the closure days ``required``, ``earliest`` and
``closure``, where deployment.csv has ``required_label``, ``earliest_label`` and
``closure_label`` (and their ``_day``); the earliest cell could be words ("never: no
route …"), the closure cell "not closed". A program joining stdout to the file met other
names for the same fields and words in a day's column. The people's table and the report
keep :func:`~supplyline.planning.summary.closure_rows`.

>>> from supplyline.planning.examples import one_link
>>> from supplyline.planning import plan_movements
>>> deployment_rows(plan_movements(*one_link(capacity_t_per_day=5.0)))
[]
"""

from __future__ import annotations

from typing import Any

from supplyline.domain import Plan, Scenario
from supplyline.planning.summary import CLOSURE_FIGURES, closure_rows

__all__ = ["deployment_rows"]


def deployment_rows(plan: Plan, scenario: Scenario | None = None) -> list[dict[str, Any]]:
    """Each deploying unit, in :func:`closure_rows`' order, with deployment.csv's fields.

    Every field deployment.csv has, under its name and with its meaning, besides the
    words a program also needs: ``partner``, ``state`` ("on time", "3 d late (1 by
    distance)", "not closed within the horizon", "cannot deploy"),
    ``days_late_by_distance``, and ``earliest_note``, why there is no earliest day ("never:
    no route from 'H' to 'I'", "not in horizon"; None where there is one).
    """
    by_unit = {c.unit: c for c in plan.closures}
    rows = []
    for shown in closure_rows(plan, scenario):
        c = by_unit[shown["unit"]]
        rows.append(
            {
                "unit": c.unit,
                "partner": shown["partner"],
                **plan.day_cells("required_", c.required_day),
                **plan.day_cells("earliest_", c.earliest_day),
                "earliest_note": shown["earliest"] if c.earliest_day is None else None,
                **plan.day_cells("closure_", c.closure_day),
                "state": shown["state"],
                **{name: shown[name] for name in CLOSURE_FIGURES},
            }
        )
    return rows

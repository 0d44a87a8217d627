"""The unit closure for programs: deployment.csv's rows, under its names, in its order.

``plan --format csv|json`` named the closure days ``required``, ``earliest`` and
``closure``, where deployment.csv has ``required_label``, ``earliest_label`` and
``closure_label`` (and their ``_day``); later it carried ``state`` and ``earliest_note``
that the file lacked, and listed the units latest first where the file keeps the plan's
order. Its rows are now the file's records
(:func:`~supplyline.domain.deployment.deployment_records`), field for field and in order.
The people's table and the report keep :func:`~supplyline.planning.summary.closure_rows`.

>>> from supplyline.planning.examples import one_link
>>> from supplyline.planning import plan_movements
>>> deployment_rows(plan_movements(*one_link(capacity_t_per_day=5.0)))
[]
"""

from __future__ import annotations

from typing import Any

from supplyline.domain import Plan, Scenario
from supplyline.domain.deployment import deployment_records

__all__ = ["deployment_rows"]


def deployment_rows(plan: Plan, scenario: Scenario | None = None) -> list[dict[str, Any]]:
    """Each deploying unit's deployment.csv row, in the plan's order (as the file lists them).

    Every field deployment.csv has (:data:`~supplyline.domain.deployment.DEPLOYMENT_FIELDS`),
    the words among them: ``state`` ("on time", "3 d late (1 by distance)", "not closed
    within the horizon", "cannot deploy") and ``earliest_note``, why there is no earliest
    day ("never: no route from 'H' to 'I'", "not in horizon"; None where there is one).
    """
    return deployment_records(plan, scenario)

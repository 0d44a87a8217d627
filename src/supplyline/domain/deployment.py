"""A unit's closure as a record: deployment.csv's row, plan.json's closure, stdout's row.

Why here: the plan files (io) and ``plan --format csv|json`` (planning) may not import one
another, and they gave a unit two different records. A tester's unit bound for a place no
link reaches read ``state: cannot deploy`` and ``earliest_note: never: no route …`` on
stdout, while deployment.csv and plan.json had neither field, so in the files it looked
like a unit that merely does not close within the horizon; stdout also listed the units
latest first, the files in the plan's order. Both now take :func:`deployment_records`:
one list of fields (:data:`DEPLOYMENT_FIELDS`), one order (the plan's), and the verdict's
words (:func:`closure_verdict`) that the people's closure table says too.

>>> from supplyline.planning.examples import late_unit
>>> from supplyline.planning import plan_movements
>>> scenario, demand = late_unit()
>>> (row,) = deployment_records(plan_movements(scenario, demand), scenario)
>>> row["state"], row["earliest_note"], row["days_late_by_distance"], row["days_late_by_closures"]
('4 d late (4 by distance)', None, 4, 0)
"""

from __future__ import annotations

import dataclasses
from typing import Any, Final

from supplyline.domain.plan import Closure, Plan
from supplyline.domain.scenario import Scenario

__all__ = ["DEPLOYMENT_FIELDS", "DERIVED_CLOSURE_FIELDS", "closure_verdict", "deployment_records"]

DEPLOYMENT_FIELDS: Final = (
    "unit",
    "required_day",
    "required_label",
    "required_date",
    "earliest_day",
    "earliest_label",
    "earliest_date",
    "closure_day",
    "closure_label",
    "closure_date",
    "days_late",
    "late_t_days",
    "late_pax_days",
    "lift_t",
    "moved_t",
    "pax",
    "moved_pax",
    # after: a spreadsheet that counts deployment.csv's columns keeps its place
    "partner",
    "state",
    "earliest_note",
    "days_late_by_distance",
    "days_late_by_closures",
    "reason",
)
"""deployment.csv's columns, plan.json's closure keys and ``plan --format csv|json``'s
``unit_closure`` fields, in this order."""

_STORED: Final = frozenset(f.name for f in dataclasses.fields(Closure))

DERIVED_CLOSURE_FIELDS: Final = tuple(f for f in DEPLOYMENT_FIELDS if f not in _STORED)
"""The fields a record says beyond :class:`~supplyline.domain.Closure`'s own (labels, dates,
partner, verdict): what reading plan.json back passes over."""


def closure_verdict(closure: Closure, no_way: str | None) -> tuple[str | None, str]:
    """Why ``closure`` has no earliest day (None where it has one), and its state in words.

    ``no_way``: why the unit has no way to its destination at all
    (:func:`~supplyline.domain.deploy_ways.cannot_deploy`), None where it has one. Such a
    unit "cannot deploy", its earliest day "never: no route from 'H' to 'I'"; one that only
    runs out of days is "not closed within the horizon", its earliest "not in horizon".

    >>> from supplyline.domain import Closure
    >>> c = Closure(unit="u", required_day=2, closure_day=None, lift_t=1.0, pax=0.0,
    ...             moved_t=0.0, moved_pax=0.0)
    >>> closure_verdict(c, "no route from 'H' to 'I'")
    ("never: no route from 'H' to 'I'", 'cannot deploy')
    >>> closure_verdict(c, None)
    ('not in horizon', 'not closed within the horizon')
    """
    note = None
    if closure.earliest_day is None:
        note = f"never: {no_way}" if no_way is not None else "not in horizon"
    if closure.closure_day is None:
        return note, "cannot deploy" if no_way is not None else "not closed within the horizon"
    if not closure.days_late:
        return note, "on time"
    causes = [
        f"{days} by {cause}"
        for days, cause in (
            (closure.days_late_by_distance, "distance"),
            (closure.days_late_by_closures, "closures"),
        )
        if days
    ]
    state = f"{closure.days_late} d late"
    if causes:
        state += f" ({', '.join(causes)})"
    return note, state


def deployment_records(plan: Plan, scenario: Scenario | None) -> list[dict[str, Any]]:
    """Each deploying unit's record under :data:`DEPLOYMENT_FIELDS`, in the plan's order.

    Without the scenario, ``partner`` is None and no unit is known to have no way (its
    state reads "not closed within the horizon").
    """
    no_way = scenario.units_without_way if scenario is not None else {}
    units = scenario.unit_by_id if scenario is not None else {}
    records = []
    for c in plan.closures:
        note, state = closure_verdict(c, no_way.get(c.unit))
        unit = units.get(c.unit)
        record: dict[str, Any] = {
            **{name: getattr(c, name) for name in DEPLOYMENT_FIELDS if name in _STORED},
            **plan.day_cells("required_", c.required_day),
            **plan.day_cells("earliest_", c.earliest_day),
            **plan.day_cells("closure_", c.closure_day),
            "days_late": c.days_late,
            "partner": unit.partner if unit is not None else None,
            "state": state,
            "earliest_note": note,
            "days_late_by_closures": c.days_late_by_closures,
        }
        records.append({name: record[name] for name in DEPLOYMENT_FIELDS})
    return records

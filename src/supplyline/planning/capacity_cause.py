"""The cause a shortfall or a target gap reads where the capacities alone are to blame.

One source for the words: the plan's records carry them (``shortfalls.csv``,
``plan.json``), and the CLI table and the HTML report show them as they are. The files
had left such a cause empty where both faces said "capacity (see the bottlenecks)": a
tester's plan had 65 of 285 shortfall rows so, one sentence in the table and nothing in
the file. A record with this cause (or an empty one, from a plan written before) is no
cause the bottleneck report leaves unexplained (:func:`capacities_alone`).
"""

from __future__ import annotations

__all__ = [
    "CAPACITY_CAUSE",
    "CAPACITY_NAMED",
    "UNPROVEN_CAUSE",
    "capacities_alone",
    "capacity_cause",
]

CAPACITY_CAUSE = "capacity (see the bottlenecks)"
"""In a plan proven best: the bottleneck report names the capacities."""
UNPROVEN_CAUSE = "capacity, or the time limit: the plan is not proven best"
"""In a plan the time limit stopped: it lists no bottlenecks, and the limit may bind too."""
CAPACITY_NAMED = "capacity: "
"""Begins a cause that names the capacity to blame: a place that handles 0 t/day, the only
thing between the goods and the unit that day (:mod:`~supplyline.planning.unreachable`)."""


def capacity_cause(*, proven: bool) -> str:
    """The words for a record the capacities alone hold back.

    >>> capacity_cause(proven=True)
    'capacity (see the bottlenecks)'
    """
    return CAPACITY_CAUSE if proven else UNPROVEN_CAUSE


def capacities_alone(cause: str) -> bool:
    """Whether ``cause`` blames the capacities alone (empty: a plan written before said so).

    A cause that names the capacity (:data:`CAPACITY_NAMED`) blames it alone too: no
    tonnes of it are short "that no capacity could avoid".

    >>> capacities_alone(""), capacities_alone(CAPACITY_CAUSE), capacities_alone("no Water …")
    (True, True, False)
    """
    return cause in ("", CAPACITY_CAUSE, UNPROVEN_CAUSE) or cause.startswith(CAPACITY_NAMED)

"""A benchmark solution's routes, as a user re-checks them, and its solution file.

``routes-bench`` printed vehicles, cost and "feasible" but not the routes, so no one
could re-check the one or re-score the other. Each route here is its customers in the
instance's numbering (the depot 0, never listed), in visit order, with its load and its
distance in the instance's convention (:func:`~supplyline.routing.instances.
convention_arcs`, as the printed cost is summed), and for an instance with time windows
(Solomon) each customer's arrival and start of service, recomputed in that arithmetic
too, never read from the solver's scaled integers. The solution file is the conventional
CVRPLIB/Solomon one, ``Route #1: 5 3 7`` lines then ``Cost 827.3``, which
:func:`~supplyline.routing.instances.read_routes` (``--bks FILE``) reads back.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from supplyline.routing.conventions import Convention
from supplyline.routing.instances import BenchInstance, convention_arcs

__all__ = ["BenchRoute", "bench_routes", "cost_words", "solution_text"]


@dataclass(frozen=True, slots=True, kw_only=True)
class BenchRoute:
    """One vehicle's route of a benchmark solution, in the instance's own terms."""

    customers: tuple[int, ...]
    """Customer numbers as in the instance file, in visit order."""
    load: int
    """The customers' demand summed."""
    distance: float
    """Depot, customers, depot, each arc as the convention counts it."""
    arrival: tuple[float, ...] | None = None
    """Arrival at each customer (Solomon: travel time is the arc's distance), or None."""
    service_start: tuple[float, ...] | None = None
    """Start of service at each customer (arrival, or its ready time when later)."""


def _windowed(instance: BenchInstance) -> bool:
    """Whether the instance has time windows (Solomon's conventions; CVRPLIB has none)."""
    return instance.convention in (Convention.DIMACS, Convention.HIERARCHICAL)


def bench_routes(
    instance: BenchInstance, routes: Sequence[Sequence[int]]
) -> tuple[BenchRoute, ...]:
    """``routes`` (customer numbers) with their loads, distances and, with windows, times.

    The times start at 0 at the depot; an arc takes its distance (Solomon's rule).
    """
    arcs = convention_arcs(instance.coords, instance.convention)
    out = []
    for route in routes:
        path = [0, *route, 0]
        distance = round(float(sum(arcs[a, b] for a, b in itertools.pairwise(path))), 6)
        load = int(sum(int(instance.demand[c]) for c in route))
        arrival: list[float] | None = None
        start: list[float] | None = None
        if _windowed(instance):
            arrival, start = [], []
            t = 0.0
            for a, b in itertools.pairwise([0, *route]):
                t += float(arcs[a, b])
                arrival.append(round(t, 6))
                t = max(t, float(instance.ready[b]))
                start.append(round(t, 6))
                t += float(instance.service[b])
        out.append(
            BenchRoute(
                customers=tuple(int(c) for c in route),
                load=load,
                distance=distance,
                arrival=None if arrival is None else tuple(arrival),
                service_start=None if start is None else tuple(start),
            )
        )
    return tuple(out)


def cost_words(cost: float) -> str:
    """A cost as a solution file writes it: to the thousandth, no trailing zeros.

    >>> cost_words(827.3), cost_words(27591.0), cost_words(1650.79999999)
    ('827.3', '27591', '1650.8')
    """
    if not math.isfinite(cost):
        raise ValueError(f"cost(={cost}) must be finite")
    return f"{cost:.3f}".rstrip("0").rstrip(".")


def solution_text(routes: Sequence[BenchRoute], cost: float, *, header: str = "") -> str:
    """The CVRPLIB/Solomon solution file: ``Route #k: c1 c2 …`` lines, then ``Cost X``.

    ``header``, when given, is the first line (a ``Key: value`` line, which VRPLIB's
    solution readers take as data and ``Route`` line readers pass over).

    >>> print(solution_text([BenchRoute(customers=(5, 3), load=20, distance=9.5)], 9.5), end="")
    Route #1: 5 3
    Cost 9.5
    """
    lines = [
        f"Route #{k}: {' '.join(str(c) for c in r.customers)}"
        for k, r in enumerate(routes, start=1)
    ]
    return "\n".join([*([header] if header else []), *lines, f"Cost {cost_words(cost)}"]) + "\n"

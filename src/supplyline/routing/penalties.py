"""What breaking a limit costs the search, on the scale of the loads' prizes.

PyVRP's search crosses routes that break a limit (an overfull truck, a late arrival,
drivers' hours overrun) on its way between good ones, at a cost per kilogram over and per
second late that it adapts as it goes. It starts that cost at 50,000 (the middle of its
default range), whatever the units, and a day's prizes
(:func:`~supplyline.routing.day_model.load_prizes`, in ten-thousandths of the currency) are
worth nothing like that per kilogram or second: with the prizes of the time, one to ten
thousand per kilogram, a second late cost more than leaving any load out, the search
never crossed a broken limit, and it kept the routes of its greedy start, one move from
better, until it stopped. A tester's two 3 t trucks left U1's 1.68 t undelivered with one
of them working 1 h of its 6 h (serving it meant moving another load to that truck
first, through routes one load over a truck's payload), and a slow and a fast truck kept
on the slow one a load the fast one could take as well, so that the load only the slow
one could reach stayed behind (``tests/routing/test_trucks_trade_loads.py``).

So for a model with prizes the search starts each cost from what a broken limit is worth
in the loads' terms: per kilogram (litre) over, the median prize per kilogram (litre) of
the loads; per second late or over hours, the median prize per second of a load's round
trip on its fastest truck; and starts at :data:`_START` of that, so that it crosses broken
limits early and raises the costs (by PyVRP's rules, every :data:`_UPDATE_EVERY`
candidates) where too few of its routes keep every limit. They move within a thousandth
and a thousand times their start, never so high that the costs could overflow PyVRP's
64-bit arithmetic; and where that bound would keep them under :data:`_REACH` times what a
kilogram or a second is worth, the model's costs are counted in coarser units, so that the
prizes shrink under it (:func:`prize_room`). A model without prizes (the VRPLIB and
Solomon benchmarks, whose costs are distances) keeps PyVRP's defaults, measured there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from pyvrp import PenaltyParams, ProblemData

from supplyline.routing.problem import VrpProblem

__all__ = ["prize_penalties", "prize_room"]

_START = 0.3
"""Where each cost starts, as a share of what a broken limit is worth in the loads' terms.

Measured on 992 random days of at most six loads and three trucks (the generator of
``tests/routing/test_router_vs_brute_force.py``, seeds 0-999), the first search alone
against the brute force: days short of its tonnes or dearer at them, for search seeds
0, 1, 2: 3, 3, 2 at 0.3; 5, 6, 3 at 1; 6, 6 (seeds 0, 1) at 0.1."""
_SPAN = 1000.0
"""How far, either way, the search may move a cost from where it starts."""
_UPDATE_EVERY = 100
"""Candidates between two updates of the costs (PyVRP's default: 500). The search stops
after 2,000 iterations without better routes (:mod:`~supplyline.routing.search_stop`):
at 500 the costs move four times in that span, by 1.5⁴ = 5× at most, and a tester's
truck that had to hand its load to another truck to take the only load it could reach
kept its first one; at 100 they move twenty times. On 395 of the days above, with the
code of the time (before the loads' own trips, :mod:`~supplyline.routing.new_trips`, and
whole seconds, starting at 1): 8 short and 3 dearer at 500, 4 short at 100."""
_REACH = 10.0
"""How far past what a kilogram (litre, second) is worth in prizes the cost of breaking a
limit by one must be able to go: the median prize per kilogram is within a factor of five
of every load's (urgency 2 to 10), so at ten times it no overfull kilogram pays."""
_DAY_S = 24 * 3600
"""A window's span at most: a stop reached after the day is late by up to a day more."""
_SAFE = float(2**60)
"""Bound on a penalty times the largest violation the model allows (int64 arithmetic)."""


@dataclass
class _Started(PenaltyParams):
    """PyVRP's penalty parameters, with the costs started at ``start`` (loads, time, distance).

    PyVRP starts them at the middle of ``min_penalty``…``max_penalty`` for every kind of
    violation at once (``midpoint_penalties``); a kilogram and a second are not worth the
    same, so each starts at its own.
    """

    start: tuple[float, ...] = ()

    def midpoint_penalties(self, data: ProblemData) -> tuple[list[float], float, float]:
        *loads, late, distance = self.start
        return list(loads), late, distance


def prize_penalties(problem: VrpProblem) -> PenaltyParams | None:
    """The penalty parameters for a model with prizes, None for one without (PyVRP's own)."""
    started = _starts(problem)
    if started is None:
        return None
    start, cap = started
    start = [min(s, cap) for s in start]
    return _Started(
        solutions_between_updates=_UPDATE_EVERY,
        min_penalty=min(start) / _SPAN,
        max_penalty=min(max(start) * _SPAN, cap),
        start=tuple(start),
    )


def prize_room(problem: VrpProblem) -> float:
    """How many times over the prizes could grow with a broken limit still dearer than a load.

    The cost of a broken limit must be able to reach :data:`_REACH` times what a
    kilogram (litre, second) is worth in prizes, within the bound that keeps it in 64
    bits; below 1, the prizes must shrink by that much (:mod:`~supplyline.routing.day_model`
    shrinks the trucks' costs, and so the prizes, a bound on the costs times the weighted
    kilograms). A tester's day at 10,000 per km had that bound, set by the longest time a
    route could be late, at a quarter of a kilogram's prize: an overfull truck paid, the
    search stayed among routes that break a limit and kept its start, 1.5 t where one
    truck's two trips carried 2.5 t. Infinite for a model without prizes.
    """
    started = _starts(problem)
    if started is None:
        return math.inf
    start, cap = started
    return cap / (max(start) / _START * _REACH)


def _starts(problem: VrpProblem) -> tuple[list[float], float] | None:
    """Where each cost starts (loads, time, distance), and the bound on them all; None: no prizes.

    The bound keeps a cost times the most a search could break its limit by within
    :data:`_SAFE`: every load on one truck, or every arc of a route of all of them (and
    as many reloads) late by the longest arc and a day. PyVRP bounds every cost alike
    (one ``max_penalty``), so the bound is the least of them.
    """
    if problem.prize is None:
        return None
    d = problem.num_depots
    prize = problem.prize[d:].astype(float)
    worth = prize > 0
    if not worth.any():
        return None
    demand = problem.demand[d:].astype(float)
    per_unit = []
    for k in range(demand.shape[1]):
        some = worth & (demand[:, k] > 0)
        per_unit.append(float(np.median(prize[some] / demand[some, k])) if some.any() else 0.0)
    kg = per_unit[0] or max(per_unit, default=0.0) or 1.0
    loads = [x or kg for x in per_unit]
    trip = _round_trips(problem)
    late = float(np.median(prize[worth] / np.maximum(trip[worth], 1)))
    start = [_START * x for x in (*loads, late, late)]  # no distance limit: as time
    most = [float(demand[:, k].sum()) for k in range(demand.shape[1])]
    longest = max(float(m.max()) for m in problem.duration) + _DAY_S
    most += [2.0 * (2 * len(prize) + 2) * longest] * 2
    return start, min(_SAFE / max(v, 1.0) for v in most)


def _round_trips(problem: VrpProblem) -> np.ndarray:
    """Each client's shortest round trip (s) from the depot of a vehicle type that can reach it."""
    d = problem.num_depots
    n = problem.num_nodes
    best = np.full(n - d, np.inf)
    for v in problem.vehicles:
        if v.count <= 0:
            continue
        dur = problem.duration[v.profile]
        there = dur[v.depot, d:].astype(float) + dur[d:, v.depot].astype(float)
        best = np.minimum(best, there)
    return np.where(np.isfinite(best), best, 1.0)

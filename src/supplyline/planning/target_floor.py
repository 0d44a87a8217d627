"""The least tonne-days some units can be below their targets, going short no sooner.

A tester's units were short of water because the supply was too small for all of them
(331 t in all, as the supply's count allows no less), yet their days-of-supply gaps read
"capacity": re-planned with every capacity unlimited, the gaps were the same to the
kilogram-day (2,333.4 t-days); with four times the water, they went. No stock can be
built up when there is not enough to eat: water held toward a target on one day is water
some unit eats later, or goes short of sooner.

So the gaps are weighed as the plan's objective weighs them, in all: the least tonne-days
below target any plan could leave the units, whatever the capacities, if by every day they
eat no less than in this plan (none short sooner, nor of more). It is a small linear
programme over the supply's count (:class:`~supplyline.planning.supply_floor.SupplyFloor`):
each source's day of supply sent to the places by the first day it can be there, held at
each place for as long as needed, eaten by its units or held toward their targets (pooled
at a place). It overstates what any plan can do (no capacity, storage, handling or holding
limit; units at one place share their stock), so the least is never above the truth's.
Per day it does not hold: a day's bound alone let one unit keep the depot's water a day
that the other units then lacked.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix, csr_matrix, hstack, identity, vstack

from supplyline.errors import SolverError

__all__ = ["least_below_t_days", "slack_t", "slack_t_days"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

SLACK_T = 1e-4
"""Tonnes (a tenth of a kilogram) by which the units may eat less by a day than the plan's
records say, beside a gram for each record so far (each is rounded to the gram) and a
millionth of what they eat: the solver's tolerances are finer."""


def least_below_t_days(
    *,
    supply: FloatArray,
    first: IntArray,
    eaten: FloatArray,
    target: FloatArray,
    own: FloatArray,
    eaten_by: FloatArray,
    slack: FloatArray,
) -> float | None:
    """The fewest tonne-days below target, the places' units eating ``eaten_by`` by each day.

    ``supply`` gives the tonnes of each source row (a source place and day), ``first``
    (``[row, place]``) the first day it can be at each place (``days`` where it never
    can); ``eaten``, ``target`` and ``own`` (``[place, day]``) what the units there eat,
    their target and the stock they bring on the day they arrive; ``eaten_by``
    (``[day]``) what the units of all the places eat by each day in the plan, less
    ``slack`` (:func:`slack_t`). None where no plan eats that much (a plan off by more than
    the slack, as one by PDLP may be: nothing is claimed of it); raises
    :class:`~supplyline.errors.SolverError` where HiGHS fails otherwise.

    4 t on day 0 for a unit eating 1 t a day with a target of 2 t: 1 t below on its last day.

    >>> least_below_t_days(
    ...     supply=np.array([4.0]), first=np.array([[0]]), eaten=np.array([[1.0, 1.0, 1.0]]),
    ...     target=np.array([[2.0, 2.0, 2.0]]), own=np.zeros((1, 3)),
    ...     eaten_by=np.array([1.0, 2.0, 3.0]), slack=np.zeros(3),
    ... )
    1.0
    """
    places, days = eaten.shape
    n_cells = places * days
    cell = np.arange(n_cells).reshape(places, days)
    row, at = np.nonzero((first < days) & (supply > 0)[:, None])
    n_sent = len(row)
    # columns: sent (row to place), eaten, held at the day's end, held toward the target
    came = coo_matrix(
        (-np.ones(n_sent), (cell[at, first[row, at]], np.arange(n_sent))), shape=(n_cells, n_sent)
    )
    same = identity(n_cells, format="csr")
    before = coo_matrix(
        (-np.ones(places * (days - 1)), (cell[:, 1:].ravel(), cell[:, :-1].ravel())),
        shape=(n_cells, n_cells),
    )
    balance = hstack([came, same, same + before, csr_matrix((n_cells, n_cells))]).tocsr()
    given, of_row = np.unique(row, return_inverse=True)
    sends = coo_matrix((np.ones(n_sent), (of_row, np.arange(n_sent))), shape=(len(given), n_sent))
    gives = hstack([sends, csr_matrix((len(given), 3 * n_cells))])
    toward = hstack([csr_matrix((n_cells, n_sent + n_cells)), -same, same])
    by_day = np.arange(days)[:, None] >= np.tile(np.arange(days), places)[None, :]
    eats_by = csr_matrix(-by_day.astype(np.float64))  # [day, cell]: eaten by that day
    no_sooner = hstack([csr_matrix((days, n_sent)), eats_by, csr_matrix((days, 2 * n_cells))])
    bounds = np.zeros((n_sent + 3 * n_cells, 2))
    bounds[:, 1] = np.inf
    bounds[n_sent : n_sent + n_cells, 1] = eaten.ravel()
    bounds[n_sent + 2 * n_cells :, 1] = target.ravel()
    cost = np.zeros(n_sent + 3 * n_cells)
    cost[n_sent + 2 * n_cells :] = -1.0  # the most held toward the targets, over the days
    from scipy.optimize import linprog  # here: 0.2 s of import that --help and validate skip

    result = linprog(
        cost,
        A_ub=vstack([gives, toward, no_sooner]).tocsr(),
        b_ub=np.concatenate([supply[given], np.zeros(n_cells), -(eaten_by - slack)]),
        A_eq=balance,
        b_eq=own.ravel(),
        bounds=bounds,
        method="highs",
    )
    if result.status == 2:  # infeasible: the plan eats more than the count allows
        return None
    if result.status != 0:
        raise SolverError(f"HiGHS could not weigh the days-of-supply targets: {result.message}")
    return float(max(0.0, target.sum() + result.fun))


def slack_t(eaten_by: FloatArray, records_by: FloatArray) -> FloatArray:
    """``[day]``: tonnes the units may eat less by each day than the plan (:data:`SLACK_T`).

    ``records_by`` counts the plan's records (each rounded to the gram) that make up
    ``eaten_by``, by each day.
    """
    return np.asarray(SLACK_T + 1e-6 * (records_by + np.abs(eaten_by)), dtype=np.float64)


def slack_t_days(slack: FloatArray) -> float:
    """The most ``slack`` on what is eaten by each day can lower the least, in tonne-days.

    Eating less by a day by a tonne lets a tonne more be held on every day from it on.
    """
    days = len(slack)
    return float((slack * (days - np.arange(days))).sum())

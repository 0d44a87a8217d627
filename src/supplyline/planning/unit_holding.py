"""What a unit holds at its camp: the most worth holding, and from when goods there are its.

The unit's own stock (``hold`` columns of :mod:`supplyline.planning.assemble`) and the
camp's store (``stock`` columns) may hold the same goods at the same place; these say how
much a unit can use and when the store's stock of a commodity is for a unit that is there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from supplyline.planning.assemble import Problem

__all__ = ["CAMP_STORE_SHARE", "TOL_HELD_T", "handed_over_from", "most_worth_holding"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
CAMP_STORE_SHARE = 0.1
"""How much dearer a tonne-day is in a camp's store than in the hands of its unit that needs
it (a share of the holding cost): a tie-break below every other cost, which hands goods
to the unit on arrival unless keeping them in the store is strictly better."""
TOL_HELD_T = 1e-6
"""A gram more than a unit can use may be held: the bound never cuts a plan by rounding."""


def handed_over_from(p: Problem) -> IntArray:
    """``[commodity, location]``: first day a unit there needs the goods (the horizon: none).

    From that day, goods of that commodity reaching the place are for a unit that can
    take them: the store's stock of them costs :data:`CAMP_STORE_SHARE` more than the
    unit's own.
    """
    n_k, n_v = len(p.demand.commodity_ids), len(p.net.location_ids)
    first = np.full((n_k, n_v), p.days, dtype=np.int64)
    needs = (p.consumption_t.sum(axis=2) + p.target_t.sum(axis=2)) > 0  # [unit, commodity]
    u, k = np.nonzero(needs)
    np.minimum.at(first, (k, p.unit_dest[u]), p.demand.arrival_day[u])
    return first


def most_worth_holding(p: Problem) -> FloatArray:
    """``[unit, commodity, day]``: the most a unit can use of what it holds at a day's end.

    All it will still eat and the highest target still to come (or what is left of its
    stock at the start, eaten day by day, if more). A unit is no dump: with a depot's store
    full from the start, a tester's plan sent 26.8 t of medical to a camp that needed 2.5 t
    to make room, and the plan delivered more than the requirements ask.
    """
    eaten = np.cumsum(p.consumption_t, axis=2)
    still_to_eat = eaten[:, :, -1:] - eaten
    highest_target_ahead = np.maximum.accumulate(p.target_t[:, :, ::-1], axis=2)[:, :, ::-1]
    left_of_start = p.on_hand_t[:, :, None] - eaten
    most: FloatArray = np.maximum(still_to_eat + highest_target_ahead, left_of_start)
    return most * (1 + 1e-9) + TOL_HELD_T

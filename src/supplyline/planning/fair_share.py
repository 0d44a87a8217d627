"""Fair shares of a shortfall between units: an option (``PlanParams.fair_share``).

By default a tonne short weighs the same wherever it falls, so the plan falls short where
that costs least: often all of it at the hardest-to-reach site (a relief planner's
cut-off camps went 90 % short while the camps by the port got everything). With fair
shares, each unit's shortfall of a commodity over the horizon, as a share of what it
consumes, is cut into :data:`BANDS` bands of equal width, and a tonne in a higher band
costs more (:data:`STEP` of the shortfall weight per band). The plan then spreads a
shortfall so that the units' shares come within a band of one another where the
capacities allow, at the price of up to ``(BANDS - 1) × STEP`` (9.45 %) more tonnes
short in all where spreading them wastes capacity (a longer or narrower way round).

In the LP: per unit and commodity with demand, one row ``Σ_t short − Σ_b share_b = 0``
and columns ``share_b ≤ demand / BANDS`` costing ``b × STEP × the shortfall weight``
(``b = 0 .. BANDS - 1``), of the priority-1 weight whatever the commodity's priority;
convex, so the cheaper bands fill first. A band outweighs when a tonne falls short and
a unit's lateness: with fair shares the target gap and lateness are capped ten times
lower (:meth:`~supplyline.planning.params.Weights.with_fair_shares`), so that a day
earlier costs at most 0.0102 of the shortfall weight over the whole horizon (a tester's
sites one day's transit apart shared nothing while a day cost 1 %). The largest
surcharge and the timing together (0.104) stay below a step of priority (0.111, a
ninth): a higher priority is never short to spread a lower one more fairly. Bands are
per commodity: commodities of one priority still trade tonnes between them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from supplyline.planning.model import Assembler, Block, IntArray

if TYPE_CHECKING:
    from supplyline.planning.assemble import Problem
    from supplyline.planning.params import Weights

__all__ = ["BANDS", "STEP", "add_fair_shares", "top_band_surcharge"]

BANDS = 10
"""Bands of a unit's shortfall share (10 % each)."""
STEP = 0.0105
"""A band's surcharge per tonne, as a share of the priority-1 shortfall weight: above
what a tonne short earlier can cost over the whole horizon with fair shares (0.0102),
and with the timing of the next priority, ``(BANDS - 1) × STEP + 0.0091`` (0.104),
below a priority step (a ninth, 0.111)."""


def top_band_surcharge(weights: Weights) -> float:
    """What a tonne short in the top band costs on top of its shortfall weight, unscaled.

    The most a band adds, ``(BANDS - 1) × STEP`` of the priority-1 weight: a shadow price
    read in tonnes short divides by the heaviest a tonne can weigh, this included.

    >>> from supplyline.planning.params import Weights
    >>> round(top_band_surcharge(Weights()) / Weights().shortfall_per_t, 4)
    0.0945
    """
    return (BANDS - 1) * STEP * weights.shortfall_per_t


def add_fair_shares(
    p: Problem, asm: Assembler, short: Block, key: Callable[[IntArray, IntArray], IntArray]
) -> None:
    """Add the share bands of every unit and commodity that has shortfall columns.

    ``short`` is the block of shortfall columns (attributes ``u``, ``k``, ``t``); ``key``
    turns (unit, commodity) into the row key of the ``fair`` row block.
    """
    if short.size == 0:
        return
    total = p.consumption_t.sum(axis=2)  # [unit, commodity]
    n_k = total.shape[1]
    pairs = np.unique(short["u"] * n_k + short["k"])
    asm.add_entries("fair", key(short["u"], short["k"]), short.index, 1.0)
    band = np.repeat(np.arange(BANDS, dtype=np.int64), len(pairs))
    u_b, k_b = np.tile(pairs // n_k, BANDS), np.tile(pairs % n_k, BANDS)
    # of the priority-1 weight whatever the commodity's: a tester's priority-9 food got a
    # ninth of a band, and its sites' shares came apart to spare a unit's lateness
    weight = p.cost_scale * p.weights.shortfall_per_t
    shares = asm.add_columns(
        "share",
        {"u": u_b, "k": k_b, "band": band},
        cost=(band * (STEP * weight)).astype(np.float64),
        upper=total[u_b, k_b] / BANDS,
    )
    asm.add_entries("fair", key(u_b, k_b), shares.index, -1.0)

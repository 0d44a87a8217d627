"""Whether each capacity a claim raises with its own is needed for the gain it claims.

Where more of a resource alone buys nothing, the measuring adds the capacity that binds
with it, picked by its shadow price (:func:`~supplyline.planning.measure.measure_run`).
A price is no promise: on a degenerate dual it is one-sided, and one capacity of several
full together can carry a price though more of it buys nothing. Kept because the re-solve
used a little more of it, such a partner was still named ("together with +0.01 t/day at
…"), and a planner would pay for an extra that buys nothing. So each partner is re-solved
without its extra, the others at theirs (the measuring's warm re-solves, within its time),
and named only where the claim without it does less, as
:func:`~supplyline.planning.next_limit.capped_by` names the capacity that caps a gain only
where re-solving with it gains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from supplyline.planning.assemble import Problem
from supplyline.planning.extract import Outcome, outcome_of
from supplyline.planning.lifts import Lift
from supplyline.planning.model import LpModel
from supplyline.planning.objective_tiers import Tier
from supplyline.planning.outcome_words import as_good, gain_tier

if TYPE_CHECKING:  # measure imports this module
    from supplyline.planning.measure import Resolver

__all__ = ["Checked", "check_partners"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Checked:
    """The partners a claim needs, and the solution its words are said of."""

    kept: tuple[int, ...]
    """Positions in the lifts given (1 onwards) of the partners kept."""
    x: FloatArray
    """The re-solve with the named resource and the kept partners at their extras."""
    unverified: bool = False
    """The time ran out before every kept partner was re-solved without: those not yet
    tried are kept, and the words say they are not verified."""


def check_partners(
    p: Problem,
    m: LpModel,
    resolve: Resolver,
    base: Outcome,
    lifts: list[Lift],
    figures: list[float],
    x: FloatArray,
) -> Checked | None:
    """Re-solve without each partner's extra (``lifts[1:]``), and keep it only if it gains.

    ``lifts[0]`` is the named resource; each is raised by its ``figures`` entry, and ``x``
    is the re-solve with them all. A partner without whose extra the claim does as well,
    in every respect down to the most important one it gains on ``base`` (as the least
    extra is judged: :func:`~supplyline.planning.outcome_words.as_good`), is left out, its
    bounds put back, and the claim is then the re-solve without it (what was measured).
    Transport cost counts only where that is all the claim gains: a partner that only
    makes a route cheaper buys nothing of a claim that removes shortfall. None where a
    re-solve ended in a status the solver cannot vouch for (:attr:`Resolver.unsure`):
    nothing verified to say.
    """
    joint = outcome_of(p, m, x)
    tier = gain_tier(joint, base, p.tiers) or Tier.COST
    kept: list[int] = []
    for i in range(1, len(lifts)):
        lifts[i].restore()
        y = resolve()
        if y is None:
            lifts[i].to(figures[i])
            if not resolve.out_of_time:
                return None
            # the ones not tried are kept, and said as not verified
            return Checked(kept=(*kept, *range(i, len(lifts))), x=x, unverified=True)
        without = outcome_of(p, m, y)
        if as_good(without, joint, tier, base, p.tiers):
            x, joint = y, without  # it buys nothing more: left out, left as the scenario has it
            continue
        lifts[i].to(figures[i])
        kept.append(i)
    return Checked(kept=tuple(kept), x=x)

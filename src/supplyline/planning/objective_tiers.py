"""The order in which the objective in force ranks what a plan gains: the claims' tiers.

The bottleneck and closure claims say what an extra (or a lifted closure) buys by its most
important gain, choose the extra that does best, and call one outcome better than another
by the first tier in which they differ. That order is the objective's, and the objective
is a weighted sum whose weights a user can change (``--params plan.toml``): shortfall
always first (its weight is capped above any tonne's worth of the rest,
:meth:`~supplyline.planning.params.Weights.target_gap`), transport cost last (the other
weights are multiplied by the dearest link's cost), and between them days-of-supply
targets and lateness in the order of their weights as the plan used them. The words once
ranked lateness before targets whatever the weights, and a claim said an extra "cuts the
lift arriving late" as its main gain where the objective valued the targets it filled
fifty times more. This module alone decides the order.
"""

from __future__ import annotations

from enum import IntEnum

from supplyline.planning.params import Weights

__all__ = ["DEFAULT_ORDER", "Tier", "TierOrder", "tier_order"]


class Tier(IntEnum):
    """A way one plan can gain on another; its number names it, not its rank (:data:`TierOrder`)."""

    SHORTFALL = 0
    """Less shortfall, in tonnes or weighted by priority."""
    LATENESS = 1
    """Less lift arriving late, in tonne- or person-days."""
    TARGETS = 2
    """Fewer tonne-days below the units' days-of-supply targets."""
    COST = 3
    """Less transport cost."""


TierOrder = tuple[Tier, Tier, Tier, Tier]
"""The four tiers, most important first, as the objective in force ranks them."""

DEFAULT_ORDER: TierOrder = (Tier.SHORTFALL, Tier.TARGETS, Tier.LATENESS, Tier.COST)
"""The default weights' order: a tonne-day below target weighs 1,000, one late 20."""


def tier_order(weights: Weights, days: int) -> TierOrder:
    """The tiers' order under ``weights`` on a horizon of ``days``, most important first.

    Targets come before lateness unless a tonne- or person-day late weighs more than a
    tonne-day below target, each as the plan weighs it (capped by the horizon:
    :meth:`~supplyline.planning.params.Weights.target_gap`,
    :meth:`~supplyline.planning.params.Weights.lateness`); equal weights keep the default
    order.

    >>> tier_order(Weights(), 30) == DEFAULT_ORDER
    True
    >>> [t.name for t in tier_order(Weights(target_gap_per_t_day=10.0), 30)]
    ['SHORTFALL', 'LATENESS', 'TARGETS', 'COST']
    """
    target = weights.target_gap(days)
    late = max(weights.lateness(days, people=False), weights.lateness(days, people=True))
    if late > target:
        return (Tier.SHORTFALL, Tier.LATENESS, Tier.TARGETS, Tier.COST)
    return DEFAULT_ORDER

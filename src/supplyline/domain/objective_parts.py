"""The plan's objective split into its tiers, each also in the unit a planner counts it in.

The objective is one weighted sum (shortfall ≫ days-of-supply targets, lateness ≫
transport cost ≫ holding), and a planner read its total, "objective 520,314,131", as
neither tonnes, days nor money. Its parts say how much of it each tier is, in objective
units, beside what that tier counts: tonnes short weighted by priority, tonne-days below
the targets, tonne- and person-days late, transport cost in the links' cost units.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ObjectiveParts"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ObjectiveParts:
    """The objective by tier: its share in objective units, and the tier's own count.

    ``shortfall + targets + lateness + transport + holding`` is the objective; ``holding``
    is the rest: goods and people waiting, and the small cost of a leg that keeps flows
    from pointless round trips (the tie-breakers).

    >>> parts = ObjectiveParts(shortfall=0.0, targets=10.0, lateness=30.0, transport=5.0,
    ...     holding=0.5, short_t_priority=0.0, target_t_days=1.0, late_t_days=2.0,
    ...     late_pax_days=0.0, transport_cost=5.0)
    >>> parts.total
    45.5
    """

    shortfall: float
    """Objective units of the tonnes short (weighted by priority, an earlier day more)."""
    targets: float
    """Objective units of the tonne-days below the units' days-of-supply targets."""
    lateness: float
    """Objective units of the deployment lift arriving after its required day."""
    transport: float
    """The links' transport cost, which the objective counts at its face value."""
    holding: float
    """The rest: holding and the legs' tie-breaking cost, in objective units."""
    short_t_priority: float
    """Tonnes short, each weighted by its commodity's priority, 1 (priority 1) to 1/9 (9)."""
    target_t_days: float
    """Tonne-days below the days-of-supply targets."""
    late_t_days: float
    """Tonne-days of lift arriving late, as deployment.csv's ``late_t_days`` sums them."""
    late_pax_days: float
    """Person-days of people arriving late."""
    transport_cost: float
    """Transport cost in the links' cost units, as the "Moved by mode" table's ``cost``."""

    @property
    def total(self) -> float:
        """The parts summed: the objective, to rounding."""
        return self.shortfall + self.targets + self.lateness + self.transport + self.holding

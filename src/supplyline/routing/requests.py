"""A delivery request: what one unit is to receive on a day, at its place."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from supplyline.domain import Scenario
from supplyline.domain.fields import check_fields
from supplyline.domain.frozen_map import FrozenMap
from supplyline.errors import ArgumentError
from supplyline.types import CommodityId, LocationId, UnitId

__all__ = ["DeliveryRequest", "request_for"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliveryRequest:
    """What one unit is to receive on the day, by commodity, at its location."""

    unit: UnitId
    location: LocationId
    load_t: Mapping[CommodityId, float]
    volume_m3: float = 0.0
    priority: int = 3
    """The most urgent priority among its commodities (1 is the most important)."""
    sources_t: Mapping[tuple[LocationId, CommodityId], float] = field(default_factory=dict)
    """Tonnes of the load the movement plan brings from each depot with trucks, by (depot,
    commodity) (:mod:`~supplyline.routing.plan_sources`): in plan mode those depots'
    trucks carry them first. Empty: the depot is chosen by the rule alone."""

    def __post_init__(self) -> None:
        """Refuse what a script may hand in as an ArgumentError, naming the field.

        A NaN or negative load was a plain ValueError (outside ``except SupplylineError``),
        a list for ``load_t`` a bare TypeError; loads are taken as floats (numpy's too).
        """
        check_fields(self)
        object.__setattr__(self, "load_t", FrozenMap(self.load_t))
        if any(not (math.isfinite(t) and t >= 0) for t in self.load_t.values()):
            raise ArgumentError(
                f"load_t of {self.unit} must be finite and >= 0: {dict(self.load_t)}"
            )
        if not (math.isfinite(self.volume_m3) and self.volume_m3 >= 0):
            raise ArgumentError(f"volume_m3(={self.volume_m3}) must be finite and >= 0")
        object.__setattr__(self, "sources_t", FrozenMap(self.sources_t))
        if any(not (math.isfinite(t) and t >= 0) for t in self.sources_t.values()):
            raise ArgumentError(
                f"sources_t of {self.unit} must be finite and >= 0: {dict(self.sources_t)}"
            )

    @property
    def tonnes(self) -> float:
        """Total tonnes."""
        return sum(self.load_t.values())


def request_for(
    scenario: Scenario, unit: UnitId, loads: Mapping[CommodityId, float]
) -> DeliveryRequest:
    """The request of ``loads`` for ``unit`` at its destination.

    Its volume by the commodities' m³/t; its priority the most urgent of the commodities
    it carries (one rule for requests from the demand and from the plan).
    """
    coms = scenario.commodity_by_id
    return DeliveryRequest(
        unit=unit,
        location=scenario.unit(unit).destination,
        load_t=loads,
        volume_m3=sum(t * (coms[c].volume_m3_per_t or 0.0) for c, t in loads.items() if c in coms),
        priority=min((coms[c].priority for c in loads if c in coms), default=3),
    )

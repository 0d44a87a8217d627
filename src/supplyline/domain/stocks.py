"""Stocks, supply sources and the trucks that carry the last mile."""

from __future__ import annotations

import math
from dataclasses import dataclass

from supplyline.domain.commodities import Commodity
from supplyline.domain.field_ranges import (
    MIN_PAYLOAD_T,
    MIN_SPEED_KMH,
    MIN_VOLUME_M3,
    out_of_range,
)
from supplyline.domain.fields import check_fields, named_fields
from supplyline.errors import ArgumentError
from supplyline.types import CommodityId, LocationId, PartnerId

__all__ = ["MIN_PAYLOAD_T", "MIN_SPEED_KMH", "MIN_VOLUME_M3", "FleetGroup", "Stock"]

# MIN_PAYLOAD_T, MIN_SPEED_KMH and MIN_VOLUME_M3 live with the other limits the files take
# (supplyline.domain.field_ranges), which the records' messages say; named here too.


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Stock:
    """What a location holds of one commodity at the start, and what arrives there daily.

    A stock with daily replenishment is a *source*: a home base, a port of embarkation, a
    host-nation depot that is restocked from outside the plan. ``owner`` is the partner the
    goods belong to (by default the location's partner), which the ledger uses.
    """

    location: LocationId
    commodity: CommodityId
    initial_t: float = 0.0
    replenishment_t_per_day: float = 0.0
    owner: PartnerId | None = None

    def __post_init__(self) -> None:
        check_fields(self)
        for name in ("initial_t", "replenishment_t_per_day"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise out_of_range("stock", f"{self.location}/{self.commodity}", name, value)


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class FleetGroup:
    """``count`` trucks of one type based at ``depot``, for last-mile convoy routing.

    ``carries`` names what the trucks may load: commodity ids and supply classes (a water
    bowser ``water``; a flatbed ``food``, ``general``, ``medical``…); empty, anything. A
    tester's bowsers were given rations when every truck was counted as cargo room.
    """

    id: str
    depot: LocationId
    partner: PartnerId
    vehicle_type: str
    count: int
    payload_t: float
    speed_kmh: float
    volume_m3: float | None = None
    fixed_cost: float = 0.0
    cost_per_km: float = 0.0
    max_route_hours: float = 9.0
    carries: frozenset[str] = frozenset()
    """Commodity ids and supply-class names the trucks may load; empty: any commodity."""

    def __post_init__(self) -> None:
        check_fields(self)
        if not self.id:
            raise ArgumentError("fleet id must not be empty")
        if self.count < 0:
            raise out_of_range("fleet", self.id, "count", self.count)
        # the least a truck may be (1 kg, 1 litre, 1 km/h: the router counts whole kilograms
        # and litres), and what cannot be computed with: in the loader's words, its range
        least = {"payload_t": MIN_PAYLOAD_T, "speed_kmh": MIN_SPEED_KMH, "volume_m3": MIN_VOLUME_M3}
        for name in ("payload_t", "speed_kmh", "max_route_hours", "volume_m3"):
            value = getattr(self, name)
            if value is None:  # volume_m3: not limited
                continue
            too_small = value < least[name] if name in least else value <= 0
            if not math.isfinite(value) or too_small:
                raise out_of_range("fleet", self.id, name, value)
        for name in ("fixed_cost", "cost_per_km"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise out_of_range("fleet", self.id, name, value)

    def may_carry(self, commodity: Commodity) -> bool:
        """Whether these trucks may load ``commodity``: named by id or by supply class.

        >>> from supplyline.domain import SupplyClass
        >>> water = Commodity(id="water", name="Water", supply_class=SupplyClass.WATER)
        >>> food = Commodity(id="rations", name="Rations", supply_class=SupplyClass.FOOD)
        >>> bowser = FleetGroup(id="b", depot="D", partner="A", vehicle_type="bowser",
        ...     count=1, payload_t=10, speed_kmh=50, carries=frozenset({"water"}))
        >>> bowser.may_carry(water), bowser.may_carry(food)
        (True, False)
        """
        if not self.carries:
            return True
        return commodity.id in self.carries or commodity.supply_class.value in self.carries

"""Stocks, supply sources and the trucks that carry the last mile."""

from __future__ import annotations

import math
from dataclasses import dataclass

from supplyline.domain.commodities import Commodity
from supplyline.domain.fields import check_fields, named_fields
from supplyline.errors import ArgumentError
from supplyline.types import CommodityId, LocationId, PartnerId

__all__ = ["MIN_PAYLOAD_T", "MIN_SPEED_KMH", "MIN_VOLUME_M3", "FleetGroup", "Stock"]

MIN_PAYLOAD_T = 0.001
"""The least payload a truck may have: 1 kg. The router counts loads in whole kilograms, so a
truck of less carries nothing; one of 5e-324 t made ``routes`` pack 1-gram loads for ever
and the reach check divide into infinity (OverflowError)."""

MIN_VOLUME_M3 = 0.001
"""The least cargo volume a truck may have: 1 litre, as the router counts volume in whole
litres (a van of 0.0004 m³ held nothing, and ``routes`` packed loads for ever)."""

MIN_SPEED_KMH = 1.0
"""The least average road speed: slower than walking is no vehicle's. A speed of 5e-324
km/h made a round trip of infinite hours, refused deep in the reach check with a message
about ``round_trip_h`` that named neither the file nor the column."""


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
                raise ArgumentError(f"{name}(={value}) must be a finite number >= 0")


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
            raise ArgumentError(f"count(={self.count}) must be >= 0")
        for name in ("payload_t", "speed_kmh", "max_route_hours"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ArgumentError(f"{name}(={value}) must be a finite number > 0")
        for name, least, why in (
            ("payload_t", MIN_PAYLOAD_T, "t (1 kg: the router counts whole kilograms)"),
            ("speed_kmh", MIN_SPEED_KMH, "km/h (an average road speed)"),
        ):
            if getattr(self, name) < least:
                raise ArgumentError(
                    f"{name}(={getattr(self, name)}) must be at least {least:g} {why}"
                )
        for name in ("fixed_cost", "cost_per_km"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise ArgumentError(f"{name}(={value}) must be a finite number >= 0")
        if self.volume_m3 is not None and not (
            math.isfinite(self.volume_m3) and self.volume_m3 > 0
        ):
            raise ArgumentError(f"volume_m3(={self.volume_m3}) must be > 0")
        if self.volume_m3 is not None and self.volume_m3 < MIN_VOLUME_M3:
            raise ArgumentError(
                f"volume_m3(={self.volume_m3}) must be at least {MIN_VOLUME_M3:g} "
                "(1 litre: the router counts whole litres)"
            )

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

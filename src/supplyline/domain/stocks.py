"""Stocks, supply sources and the trucks that carry the last mile."""

from __future__ import annotations

from dataclasses import dataclass, field

from supplyline.domain.commodities import Commodity
from supplyline.domain.field_ranges import MIN_PAYLOAD_T, MIN_SPEED_KMH, MIN_VOLUME_M3
from supplyline.domain.fields import named_fields
from supplyline.domain.record_ranges import check_record
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
        check_record(self, "stock")  # each number in stocks.csv's range, its words


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
    carries_anything: bool = field(default=False, compare=False)
    """The planner said on purpose that the trucks may load anything (fleet.csv's ``*``):
    ``carries`` is then empty, and no warning takes the empty cell for an omission. Not
    compared: ``*`` and an empty cell plan the same, so the scenario's fingerprint (and the
    outputs it matches) stays as it was."""

    def __post_init__(self) -> None:
        # each number in fleet.csv's range, its words: the least a truck may be too (1 kg,
        # 1 litre, 1 km/h: the router counts whole kilograms and litres)
        check_record(self, "fleet")
        if not self.id:
            raise ArgumentError("fleet id must not be empty")
        if self.carries_anything and self.carries:
            raise ArgumentError(
                f"fleet {self.id!r}: carries_anything leaves nothing to name, yet carries is "
                f"{sorted(self.carries)}"
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

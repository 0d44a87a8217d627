"""The multimodal network: locations and the links between them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from supplyline.domain.field_ranges import MAX_DAYS_APART, out_of_range
from supplyline.domain.fields import check_fields, named_fields
from supplyline.errors import ArgumentError
from supplyline.types import LinkId, LocationId, PartnerId

__all__ = ["Link", "Location", "LocationKind", "Mode"]


class LocationKind(StrEnum):
    """What a location is; transshipment and border locations bound what crosses them."""

    DEPOT = "depot"
    PORT = "port"
    AIRFIELD = "airfield"
    RAILHEAD = "railhead"
    TRANSSHIPMENT = "transshipment"
    BORDER = "border"
    HUB = "hub"
    WAREHOUSE = "warehouse"
    UNIT_AREA = "unit_area"
    GARRISON = "garrison"


class Mode(StrEnum):
    """Transport mode of a link."""

    RAIL = "rail"
    ROAD = "road"
    AIR = "air"
    SEA = "sea"
    INLAND_WATER = "inland_water"


def _nonneg_or_none(entity: str, entity_id: str, name: str, value: float | None) -> None:
    """Refuse a negative or non-finite ``value`` (None: not limited), in the loader's words."""
    if value is not None and not (math.isfinite(value) and value >= 0):
        raise out_of_range(entity, entity_id, name, value)


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """A place in the network. ``None`` capacities mean "not limited"."""

    id: LocationId
    name: str
    partner: PartnerId
    kind: LocationKind
    lat: float
    lon: float
    handling_t_per_day: float | None = None
    """What can be loaded, unloaded or transshipped here per day (a yard's or crossing's limit)."""
    handling_pax_per_day: float | None = None
    """People who can arrive here per day, and separately leave (a border post's checks)."""
    storage_t: float | None = None
    dwell_days: int = 0
    """Days cargo waits here before it can move on (transshipment, customs)."""

    def __post_init__(self) -> None:
        check_fields(self)
        if not self.id:
            raise ArgumentError("location id must not be empty")
        if not (math.isfinite(self.lat) and -90 <= self.lat <= 90):
            raise out_of_range("location", self.id, "lat", self.lat)
        if not (math.isfinite(self.lon) and -180 <= self.lon <= 180):
            raise out_of_range("location", self.id, "lon", self.lon)
        for name in ("handling_t_per_day", "handling_pax_per_day", "storage_t"):
            _nonneg_or_none("location", self.id, name, getattr(self, name))
        if not 0 <= self.dwell_days <= MAX_DAYS_APART:  # 10**300 overflowed in the planner
            raise out_of_range("location", self.id, "dwell_days", self.dwell_days)

    @property
    def handles_tonnes(self) -> bool:
        """Whether goods or equipment can be loaded or unloaded here at all."""
        return self.handling_t_per_day is None or self.handling_t_per_day > 0

    @property
    def handles_people(self) -> bool:
        """Whether people can arrive or leave here at all."""
        return self.handling_pax_per_day is None or self.handling_pax_per_day > 0


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A transport connection; with ``bidirectional`` it runs both ways with the same figures.

    Capacities are per day and per direction; ``None`` means "not limited". On an outage
    day nothing departs on the link.
    """

    id: LinkId
    origin: LocationId
    destination: LocationId
    mode: Mode
    distance_km: float
    transit_days: int
    capacity_t_per_day: float | None = None
    capacity_pax_per_day: float | None = None
    cost_per_t: float = 0.0
    cost_per_pax: float = 0.0
    """What moving one person over the link costs (a seat, a berth), as ``cost_per_t`` a tonne."""
    gauge_mm: int | None = None
    bidirectional: bool = False
    outage_days: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        check_fields(self)
        if not self.id:
            raise ArgumentError("link id must not be empty")
        if self.origin == self.destination:
            raise ArgumentError(f"link {self.id} starts and ends at {self.origin}")
        if not (math.isfinite(self.distance_km) and self.distance_km >= 0):
            raise out_of_range("link", self.id, "distance_km", self.distance_km)
        if not 0 <= self.transit_days <= MAX_DAYS_APART:
            raise out_of_range("link", self.id, "transit_days", self.transit_days)
        for name in ("capacity_t_per_day", "capacity_pax_per_day", "cost_per_t", "cost_per_pax"):
            _nonneg_or_none("link", self.id, name, getattr(self, name))
        if self.gauge_mm is not None and self.mode is not Mode.RAIL:
            raise ArgumentError(f"gauge_mm is only for rail links, not {self.mode}")
        if self.gauge_mm is not None and not 300 <= self.gauge_mm <= 2000:
            raise out_of_range("link", self.id, "gauge_mm", self.gauge_mm)

    def directions(self) -> tuple[tuple[LocationId, LocationId], ...]:
        """The (from, to) pairs this link can be used in."""
        forward = (self.origin, self.destination)
        return (forward, (self.destination, self.origin)) if self.bidirectional else (forward,)

    @property
    def carries_tonnes(self) -> bool:
        """Whether goods or equipment can move over it at all (no capacity is no limit)."""
        return self.capacity_t_per_day is None or self.capacity_t_per_day > 0

    @property
    def carries_people(self) -> bool:
        """Whether people can move over it at all (no capacity is no limit)."""
        return self.capacity_pax_per_day is None or self.capacity_pax_per_day > 0

    def is_open(self, day: int) -> bool:
        """Whether anything can depart on this link on ``day``."""
        return day not in self.outage_days

"""The multimodal network: locations and the links between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from supplyline.domain.fields import named_fields
from supplyline.domain.record_ranges import check_record
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
        check_record(self, "location")  # each number in locations.csv's range, its words
        if not self.id:
            raise ArgumentError("location id must not be empty")

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
        # each number in links.csv's range, its words; outage days against the horizon are
        # the scenario's check (check_scenario), which says them together as ranges
        check_record(self, "link")
        if not self.id:
            raise ArgumentError("link id must not be empty")
        if self.origin == self.destination:
            raise ArgumentError(f"link {self.id} starts and ends at {self.origin}")
        if self.gauge_mm is not None and self.mode is not Mode.RAIL:
            raise ArgumentError(f"gauge_mm is only for rail links, not {self.mode}")

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

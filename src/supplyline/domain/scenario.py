"""The Scenario aggregate: one operation, as immutable typed data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from supplyline.domain.agreements import Agreement
from supplyline.domain.commodities import Commodity, VehicleClass
from supplyline.domain.deploy_ways import cannot_deploy
from supplyline.domain.field_ranges import FieldRange
from supplyline.domain.fields import named_fields
from supplyline.domain.frozen_map import FrozenMap
from supplyline.domain.network import Link, Location
from supplyline.domain.partners import Partner
from supplyline.domain.record_ranges import check_record
from supplyline.domain.references import did_you_mean
from supplyline.domain.stocks import FleetGroup, Stock
from supplyline.domain.units import Unit
from supplyline.errors import ArgumentError, NotFoundError
from supplyline.types import CommodityId, LinkId, LocationId, PartnerId, UnitId, id_problem

__all__ = ["DEFAULT_ACTIVITY_LEVELS", "RoutingOptions", "Scenario", "SolverOptions"]

MAX_ACTIVITY = 10.0
"""The largest activity multiplier (as scenario.yaml allows)."""
_MULTIPLIER = FieldRange(0.0, MAX_ACTIVITY, "× normal")
"""An activity level's multiplier, as scenario.yaml's ``activity_levels`` says it: a script's
``{"surge": -1.0}`` was told ``must be 0 to 10.0``, the file ``-1.0 is negative (a number
from 0 to 10 × normal)``."""
_LEVEL_HINT = "a short name such as 'exercise', mapped to its multiplier of normal"

DEFAULT_ACTIVITY_LEVELS: Mapping[str, float] = FrozenMap(
    {"none": 0.0, "low": 0.5, "normal": 1.0, "high": 1.5, "surge": 2.0}
)


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class SolverOptions:
    """Knobs of the movement-plan solver that a scenario may set (the CLI may override)."""

    time_limit_s: float | None = None
    threads: int | None = None
    fair_share: bool = False
    """Spread a shortfall between units as shares of their demand (see PlanParams)."""

    def __post_init__(self) -> None:
        check_record(self, "solver")  # each number in scenario.yaml's range, its words
        if not isinstance(self.fair_share, bool):
            raise ArgumentError(f"fair_share(={self.fair_share!r}) must be True or False")


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class RoutingOptions:
    """Last-mile routing defaults: detour over great-circle distance, time spent at a stop."""

    detour_factor: float = 1.3
    service_minutes: float = 30.0

    def __post_init__(self) -> None:
        check_record(self, "routing")  # each number in scenario.yaml's range, its words


def _index(items: tuple[Any, ...], key: str) -> Mapping[str, Any]:
    return FrozenMap({getattr(item, key): item for item in items})


@named_fields
@dataclass(frozen=True, kw_only=True)
class Scenario:
    """Everything supplyline knows about one operation.

    Construction checks nothing across entities; call
    :func:`supplyline.domain.checks.check_scenario` for that (the loader does).

    It pickles and deep-copies to an equal scenario (for a process pool), without its
    indexes by id, which are made again when first asked for. Its ``repr`` names it and
    counts its records: the whole of the relief example ran to tens of thousands of
    characters.
    """

    name: str
    start_date: dt.date
    horizon_days: int
    description: str = ""
    partners: tuple[Partner, ...] = ()
    commodities: tuple[Commodity, ...] = ()
    vehicle_classes: tuple[VehicleClass, ...] = ()
    activity_levels: Mapping[str, float] = field(default_factory=lambda: DEFAULT_ACTIVITY_LEVELS)
    factor_overrides: Mapping[str, float] = field(default_factory=lambda: FrozenMap({}))
    solver: SolverOptions = field(default_factory=SolverOptions)
    routing: RoutingOptions = field(default_factory=RoutingOptions)
    locations: tuple[Location, ...] = ()
    links: tuple[Link, ...] = ()
    units: tuple[Unit, ...] = ()
    stocks: tuple[Stock, ...] = ()
    fleet: tuple[FleetGroup, ...] = ()
    agreements: tuple[Agreement, ...] = ()

    def __post_init__(self) -> None:
        check_record(self, "scenario")  # horizon_days in scenario.yaml's range, its words
        if (dt.date.max - self.start_date).days < self.horizon_days - 1:
            raise ArgumentError(
                f"horizon_days(={self.horizon_days}) from start_date(={self.start_date}) "
                f"runs past {dt.date.max}, the last date the calendar holds"
            )
        # added to the defaults, as scenario.yaml's are: a script's {"exercise": 1.8} lost
        # "normal" and failed with KeyError, and did not load back equal once written
        levels = {**DEFAULT_ACTIVITY_LEVELS, **self.activity_levels}
        for level, multiplier in levels.items():  # NaN made NaN demand, unnoticed
            if (problem := id_problem(level)) is not None:
                raise ArgumentError(
                    f"activity_levels: the level name {level!r:.60} {problem} ({_LEVEL_HINT})"
                )
            if (problem := _MULTIPLIER.problem(multiplier)) is not None:
                raise ArgumentError(f"activity_levels[{level!r}]: {problem}")
        object.__setattr__(self, "activity_levels", FrozenMap(levels))
        object.__setattr__(self, "factor_overrides", FrozenMap(self.factor_overrides))

    def __getstate__(self) -> dict[str, Any]:
        """Its fields only: the indexes by id (cached properties) are made again on demand."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(getattr(self, name))} {name}"
            for name in ("partners", "commodities", "locations", "links", "units", "stocks")
        )
        return (
            f"Scenario(name={self.name!r}, start_date={self.start_date.isoformat()}, "
            f"horizon_days={self.horizon_days}, {counts})"
        )

    def date_of(self, day: int) -> dt.date:
        """Calendar date of a day counted from the start."""
        return self.start_date + dt.timedelta(days=day)

    @cached_property
    def partner_by_id(self) -> Mapping[PartnerId, Partner]:
        """Partners by id."""
        return _index(self.partners, "id")

    @cached_property
    def commodity_by_id(self) -> Mapping[CommodityId, Commodity]:
        """Commodities by id."""
        return _index(self.commodities, "id")

    @cached_property
    def location_by_id(self) -> Mapping[LocationId, Location]:
        """Locations by id."""
        return _index(self.locations, "id")

    @cached_property
    def link_by_id(self) -> Mapping[LinkId, Link]:
        """Links by id."""
        return _index(self.links, "id")

    @cached_property
    def unit_by_id(self) -> Mapping[UnitId, Unit]:
        """Units by id."""
        return _index(self.units, "id")

    @cached_property
    def units_without_way(self) -> Mapping[UnitId, str]:
        """Deploying units with no way to their destination, and why (:func:`cannot_deploy`).

        Worked out once per scenario and kept: ``plan --out`` asked for it five times (its
        headline, stdout's closure rows, deployment.csv, plan.json, and the report's
        headline and closure table again), each a search of the links from every unit's
        home. A scenario never changes, so what it says never does either.
        """
        return FrozenMap(cannot_deploy(self))

    def location(self, location_id: LocationId) -> Location:
        """The location with this id, or a NotFoundError that names it."""
        try:
            return self.location_by_id[location_id]
        except KeyError:
            guess = did_you_mean(location_id, self.location_by_id)
            raise NotFoundError(
                f"no location {location_id!r} in scenario {self.name!r}"
                + (f" ({guess})" if guess else "")
            ) from None

    def unit(self, unit_id: UnitId) -> Unit:
        """The unit with this id, or a NotFoundError that names it."""
        try:
            return self.unit_by_id[unit_id]
        except KeyError:
            guess = did_you_mean(unit_id, self.unit_by_id)
            raise NotFoundError(
                f"no unit {unit_id!r} in scenario {self.name!r}" + (f" ({guess})" if guess else "")
            ) from None

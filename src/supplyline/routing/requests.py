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

__all__ = ["DeliveryRequest", "request_for", "volume_densities", "volume_of"]


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
    off_truck_t: Mapping[tuple[LocationId, CommodityId], float] = field(default_factory=dict)
    """Tonnes of the load the plan's road legs bring from places where no truck is based,
    by (place, commodity): no truck loads them there, and a ``depot_short`` says where
    they are (:mod:`~supplyline.routing.stranded_goods`)."""

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
        for name in ("sources_t", "off_truck_t"):
            object.__setattr__(self, name, FrozenMap(getattr(self, name)))
            if any(not (math.isfinite(t) and t >= 0) for t in getattr(self, name).values()):
                raise ArgumentError(
                    f"{name} of {self.unit} must be finite and >= 0: {dict(getattr(self, name))}"
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
        volume_m3=volume_of(loads, _scenario_densities(scenario, loads)),
        priority=min((coms[c].priority for c in loads if c in coms), default=3),
    )


def volume_densities(scenario: Scenario, req: DeliveryRequest) -> dict[CommodityId, float]:
    """m³ per tonne of each of the request's commodities, as its volume was counted.

    The one rule for every part of a request (a depot's share, what is left after an
    on-site draw, a truck-load): a part's volume is :func:`volume_of` its commodities by
    these, so a commodity without ``volume_m3_per_t`` brings none. Each part's volume
    was once the request's in proportion to a weight that fell back on tonnes where the
    part had no bulky commodity: a tester's water-only loads, split off a delivery with
    tents, took 1 m³ a tonne and were cut to a small truck's volume. From the scenario's
    commodities, 0 for one without ``volume_m3_per_t``; a request whose volume was given
    otherwise (a script's, not the sum of its commodities') spreads it over its tonnes
    evenly.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> volume_densities(s, DeliveryRequest(unit="u1", location="U", load_t={"food": 8.0}))
    {'food': 0.0}
    """
    density = _scenario_densities(scenario, req.load_t)
    counted = volume_of(req.load_t, density)
    if abs(counted - req.volume_m3) <= 1e-9 * max(1.0, req.volume_m3):
        return density
    even = req.volume_m3 / req.tonnes if req.tonnes > 0 else 0.0
    return dict.fromkeys(req.load_t, even)


def volume_of(load_t: Mapping[CommodityId, float], density: Mapping[CommodityId, float]) -> float:
    """m³ of ``load_t`` (tonnes by commodity) at ``density`` (m³/t; a commodity absent: none).

    >>> volume_of({"water": 10.0, "tents": 0.5}, {"water": 0.0, "tents": 4.0})
    2.0
    """
    return sum(t * density.get(c, 0.0) for c, t in load_t.items())


def _scenario_densities(
    scenario: Scenario, load_t: Mapping[CommodityId, float]
) -> dict[CommodityId, float]:
    """The scenario's m³/t of each commodity of ``load_t`` (0 where it has none or is unknown)."""
    coms = scenario.commodity_by_id
    return {c: (coms[c].volume_m3_per_t or 0.0) if c in coms else 0.0 for c in load_t}

"""Commodities and vehicle classes: what is consumed, and what consumes fuel.

A commodity's daily demand per unit is the sum of three parts, each optional:

* ``per_person_per_day`` × personnel,
* ``per_vehicle_per_day`` × vehicles,
* if ``vehicle_fuel``: Σ over vehicle classes of vehicles × km/day × L/100 km ÷ 100,

in the commodity's ``demand_unit`` (kg, t or L), turned into tonnes by its mass: a kg is
1 kg, a t 1,000 kg, and a litre ``kg_per_demand_unit``. Left out, a litre of water weighs
1.0 kg, of fuel :data:`FUEL_KG_PER_LITRE`, of anything else 1.0, and each but water's is a
warning (:func:`check_litre_masses`): diesel given no density had been weighed as water,
19 % heavier, without a word. The
vehicle part is litres whatever the unit, so a ``vehicle_fuel`` commodity is counted in L:
counted in kg or t it has no density to weigh those litres by (a tester's 1,000 L of diesel
read 1 t in kg, and 1,000 t in t, for 0.84 t).
The vehicle parts scale with the unit's activity level; the personal part does too when
``activity_scaled`` is set. A rate is a number or the key of a planning factor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from supplyline.domain.fields import named_fields
from supplyline.domain.findings import Finding
from supplyline.domain.record_ranges import check_record
from supplyline.errors import ArgumentError, Severity
from supplyline.types import CommodityId

__all__ = [
    "FUEL_KG_PER_LITRE",
    "MAX_KG_PER_LITRE",
    "RESERVED_PREFIXES",
    "USUAL_KG_PER_LITRE",
    "Commodity",
    "DemandUnit",
    "Rate",
    "SupplyClass",
    "VehicleClass",
    "check_litre_masses",
    "commodity_problems",
]

Rate = float | str
"""A planning rate: a number, or a planning-factor key (``food.wfp.full_ration_net_kg_ppd``)."""

RESERVED_PREFIXES = ("deploy:", "deploy-pax:")
"""No commodity id starts with these, in any letter case: a plan's movements of a unit's own
lift carry ``deploy:<unit id>`` as commodity, and an exported model names the unit's people
``deploy-pax:<unit id>``. A commodity of such an id would be merged with that lift in the
plan's files; spreadsheets' lookups and many databases compare text ignoring case, so
``Deploy:bn-1`` would meet ``deploy:bn-1`` there too."""


class SupplyClass(StrEnum):
    """Broad supply classes, close to the NATO classes but named in plain words."""

    FOOD = "food"
    WATER = "water"
    FUEL = "fuel"
    SPARE_PARTS = "spare_parts"
    MEDICAL = "medical"
    SHELTER = "shelter"
    CONSTRUCTION = "construction"
    GENERAL = "general"
    PERSONAL = "personal"


class DemandUnit(StrEnum):
    """The unit a commodity's consumption rates are written in."""

    KG = "kg"
    L = "L"
    T = "t"


_MASS_UNITS = {DemandUnit.KG: 1.0, DemandUnit.T: 1000.0}
"""Demand units that are masses, in kilograms."""

MAX_KG_PER_LITRE = 25.0
"""The most a litre of a commodity counted in L may weigh. Nothing shipped by the litre is
denser than about 20 kg/L (mercury 13.5): above it, a density was given per m³ (diesel's
840 kg/m³ for 0.84 kg/L), which made a tester's fuel 1,000 times heavier (44,506 t for
44.5 t), and a load refuses it."""
USUAL_KG_PER_LITRE = (0.4, 2.0)
"""The densities of what planners ship by the litre, with room: LPG 0.51, petrol 0.74,
diesel and jet fuel 0.8–0.84, water 1.0, sulphuric acid 1.84. Outside, a load warns."""
FUEL_KG_PER_LITRE = 0.84
"""The kg a litre of a fuel weighs when its commodity gives no ``kg_per_demand_unit``.

Diesel is 0.820–0.845 kg/L at 15 °C (EN 590, https://www.ncheurope.com/en/diesel-requirements-eu,
a secondary summary of the standard) and JP-8 (NATO F-34) 0.775–0.840
(MIL-HDBK-1022A 2.3.2.1, https://buildingcriteria2.tpub.com/ufc_3_460_01/ufc_3_460_010036.htm,
a copy of the handbook): 0.84, at the top of both, puts a fuel of unknown density at the
more it might weigh, not the less (a lift planned short fails; one planned long does not).
The planning factors shipped hold no density, so this is a constant of the code; a
commodity that leans on it is a warning naming it (:func:`check_litre_masses`)."""
WATER_KG_PER_LITRE = 1.0
"""A litre of water's mass: what a litre of a commodity not fuel weighs when none is given."""


def _check_rate_key(name: str, rate: Rate | None) -> None:
    """Refuse an empty planning-factor key (a number's range is its record's check)."""
    if isinstance(rate, str) and not rate.strip():
        raise ArgumentError(f"{name} must be a number or a planning-factor key, not empty")


def _check_fuel_in_litres(unit: DemandUnit, vehicle_fuel: bool) -> None:
    """Refuse vehicle fuel counted in kg or t: the vehicles burn litres (module docstring).

    Its litres (km/day × L/100 km) are weighed by the commodity's mass of a litre, which
    only a commodity counted in L has: taken as kilograms, 1,000 L of diesel were 1 t, and
    in t, 1,000 t, for 0.84 t; and a kg_per_demand_unit of 0.84 given with kg is refused
    (a kg weighs 1 kg).
    """
    if vehicle_fuel and unit is not DemandUnit.L:
        raise ArgumentError(
            f"vehicle_fuel(=true) burns litres (km_per_day × fuel_l_per_100km), and a "
            f"commodity counted in {unit.value} has no mass of a litre to weigh them by: "
            "write demand_unit L with kg_per_demand_unit the fuel's kg a litre (0.84 for "
            "diesel), and its other rates in litres"
        )


def _check_unit_mass(unit: DemandUnit, kg: float | None) -> None:
    """Refuse a litre's mass given per m³, or a mass that contradicts a kg or a t."""
    if kg is not None and unit is DemandUnit.L and kg > MAX_KG_PER_LITRE:
        raise ArgumentError(
            f"kg_per_demand_unit(={kg:g}) is more than {MAX_KG_PER_LITRE:g} kg a litre "
            f"(kg per litre, not per m³: {kg / 1000:g}?)"
        )
    mass = _MASS_UNITS.get(unit)
    if kg is not None and mass is not None and kg != mass:
        raise ArgumentError(
            f"kg_per_demand_unit(={kg:g}) contradicts demand_unit {unit.value}, "
            f"which is {mass:,.0f} kg (leave it out; it is for litres)"
        )


def _check_not_reserved(commodity_id: str) -> None:
    for prefix in RESERVED_PREFIXES:
        written = commodity_id[: len(prefix)]
        if written.lower() == prefix:
            raise ArgumentError(
                f"commodity id {commodity_id!r} starts with {written!r}, which is kept (in any "
                "letter case) for the units' own lift (plans name it 'deploy:<unit id>', and "
                "its people 'deploy-pax:<unit id>'); give the commodity another id, such as "
                f"{commodity_id.replace(':', '-', 1)!r}"
            )


_RULES: tuple[tuple[tuple[str, ...], Callable[..., None]], ...] = (
    (("id",), _check_not_reserved),
    (("demand_unit", "kg_per_demand_unit"), _check_unit_mass),
    (("demand_unit", "vehicle_fuel"), _check_fuel_in_litres),
)
"""A commodity's rules across its fields, each with the fields it reads, in order."""


def commodity_problems(fields: Mapping[str, Any]) -> list[ArgumentError]:
    """What a commodity's rules say of the fields given; a rule missing a field is not asked.

    :class:`Commodity` raises the first of these; a reader asks them of an entry with an
    error elsewhere, whose commodity is never built, so that one run says all of an
    entry's mistakes (a tester's ``deploy:`` id waited for a wrong priority to be mended).

    >>> [str(e)[:30] for e in commodity_problems({"id": "deploy:x", "vehicle_fuel": True})]
    ["commodity id 'deploy:x' starts"]
    """
    found: list[ArgumentError] = []
    for names, rule in _RULES:
        if all(fields.get(name) is not None for name in names):
            try:
                rule(*(fields[name] for name in names))
            except ArgumentError as error:
                found.append(error)
    return found


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Commodity:
    """A thing that is consumed and moved, counted in tonnes in every plan."""

    id: CommodityId
    name: str
    supply_class: SupplyClass
    priority: int = 3
    """1 is the most important; shortfall of priority 1 is penalised most."""
    volume_m3_per_t: float | None = None
    demand_unit: DemandUnit = DemandUnit.KG
    kg_per_demand_unit: float | None = None
    """Kilograms in one litre, for a commodity counted in L (None: 1.0, as water). A kg and a
    t weigh what they say: given with them, it must say the same (1 or 1,000)."""
    per_person_per_day: Rate | None = None
    per_vehicle_per_day: Rate | None = None
    vehicle_fuel: bool = False
    activity_scaled: bool = False

    def __post_init__(self) -> None:
        check_record(self, "commodity")  # each number in scenario.yaml's range, its words
        if not self.id:
            raise ArgumentError("commodity id must not be empty")
        for names, rule in _RULES:
            rule(*(getattr(self, name) for name in names))
        _check_rate_key("per_person_per_day", self.per_person_per_day)
        _check_rate_key("per_vehicle_per_day", self.per_vehicle_per_day)

    @property
    def kg_per_unit(self) -> float:
        """Kilograms in one demand unit: 1 for kg, 1,000 for t, ``kg_per_demand_unit`` for L.

        A tester's ration of 0.1 t a person came out as 0.1 kg: a t counted as a kg.
        """
        mass = _MASS_UNITS.get(self.demand_unit)
        if mass is not None:
            return mass
        if self.kg_per_demand_unit is not None:
            return self.kg_per_demand_unit
        return FUEL_KG_PER_LITRE if self.is_fuel else WATER_KG_PER_LITRE

    @property
    def is_fuel(self) -> bool:
        """Whether this is a fuel: of the fuel class, or burnt by the units' vehicles."""
        return self.supply_class is SupplyClass.FUEL or self.vehicle_fuel

    @property
    def is_consumed(self) -> bool:
        """Whether units consume this commodity every day (else it is only moved)."""
        return (
            self.per_person_per_day is not None
            or self.per_vehicle_per_day is not None
            or self.vehicle_fuel
        )


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class VehicleClass:
    """A class of the units' own vehicles, for fuel consumption (not the supply trucks)."""

    id: str
    name: str
    fuel_l_per_100km: Rate
    km_per_day: float
    """Distance driven on a normal-activity day; activity levels scale it."""

    def __post_init__(self) -> None:
        check_record(self, "vehicle class")  # each number in scenario.yaml's range, its words
        if not self.id:
            raise ArgumentError("vehicle class id must not be empty")
        _check_rate_key("fuel_l_per_100km", self.fuel_l_per_100km)


def check_litre_masses(commodities: Iterable[Commodity]) -> list[Finding]:
    """Warn of each commodity consumed by the litre that gives no litre's mass to weigh it by.

    Its litres are weighed at :data:`FUEL_KG_PER_LITRE` (a fuel) or as water, and the
    planner is told which and where to give the true one. Water in litres is not said:
    1.0 kg is its mass. Nor is a commodity only moved, never consumed: its stocks are in
    tonnes already.

    >>> fuel = Commodity(id="fuel", name="Diesel", supply_class=SupplyClass.FUEL,
    ...                  demand_unit=DemandUnit.L, vehicle_fuel=True)
    >>> print(check_litre_masses([fuel])[0].message)  # doctest: +ELLIPSIS
    commodity 'fuel' is consumed by the litre (demand_unit L) but gives no kg_per_demand_unit: ...
    """
    found = []
    for c in commodities:
        if (
            c.demand_unit is not DemandUnit.L
            or c.kg_per_demand_unit is not None
            or c.supply_class is SupplyClass.WATER
            or not c.is_consumed
        ):
            continue
        if c.is_fuel:
            assumed = (
                f"{FUEL_KG_PER_LITRE:g} kg a litre, the heavy end of fuels (diesel 0.820–0.845 "
                "at 15 °C, JP-8 0.775–0.840, petrol about 0.74)"
            )
        else:
            assumed = f"{WATER_KG_PER_LITRE:g} kg a litre, as water"
        found.append(
            Finding(
                entity="commodity",
                entity_id=c.id,
                field="kg_per_demand_unit",
                severity=Severity.WARNING,
                message=f"commodity {c.id!r} is consumed by the litre (demand_unit L) but gives "
                f"no kg_per_demand_unit: its litres are weighed at {assumed}: give the "
                "commodity kg_per_demand_unit, its kg a litre, to weigh them right",
            )
        )
    return found

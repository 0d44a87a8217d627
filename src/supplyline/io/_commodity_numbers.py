"""The numbers of a commodity entry in scenario.yaml, checked beyond their bounds.

A litre's mass against what is shipped by the litre, and the planning-factor key a rate's
message offers (one of the field's own kind: a vehicle's fuel rate was offered a food key).
"""

from __future__ import annotations

from typing import Any

from supplyline.domain import DemandUnit, SupplyClass
from supplyline.domain.commodities import MAX_KG_PER_LITRE, USUAL_KG_PER_LITRE
from supplyline.domain.field_ranges import FIELD_RANGES
from supplyline.io._cells import BadValue, parse_float
from supplyline.io._source import Fields

__all__ = ["FUEL_KEY_EXAMPLE", "check_litre_mass", "kg_text", "litre_mass", "rate_key_example"]

FILE = "scenario.yaml"
_KG = FIELD_RANGES["commodity"]["kg_per_demand_unit"]
"""The one range of a demand unit's mass, which a script's commodity is held to as well."""
_RATE_KEYS = {
    SupplyClass.FOOD: "food.wfp.full_ration_net_kg_ppd",
    SupplyClass.WATER: "water.mil.unit_sustaining_temperate_lppd",
}
"""A planning-factor key a person's daily rate may name, by supply class, for a message
(offered where the commodity's demand_unit is the key's, :data:`_RATE_UNITS`)."""
_RATE_UNITS = {SupplyClass.FOOD: DemandUnit.KG, SupplyClass.WATER: DemandUnit.L}
FUEL_KEY_EXAMPLE = "fuel.medium_truck.payload_16t_l_per_100km"
"""A vehicle class's fuel key, offered in its messages (a food key was, to a tester)."""


def rate_key_example(supply_class: SupplyClass | None, unit: DemandUnit | None) -> str | None:
    """A factor key for a person's daily rate of this class and unit; ``None`` if none fits.

    >>> rate_key_example(SupplyClass.WATER, DemandUnit.L)
    'water.mil.unit_sustaining_temperate_lppd'
    >>> rate_key_example(SupplyClass.MEDICAL, DemandUnit.KG) is None
    True
    """
    if supply_class is None or unit is not _RATE_UNITS.get(supply_class):
        return None
    return _RATE_KEYS[supply_class]


def litre_mass(value: Any) -> float:
    """A litre's mass in kg: more than 0; a mistake said in a litre's range, not 1,000,000 kg.

    A tester's 0 for diesel read "(more than 0, up to 1,000,000 kg)", though a litre's
    mass is at most :data:`MAX_KG_PER_LITRE` (above that :func:`check_litre_mass` says it).
    """
    try:
        return parse_float(value, hi=_KG.hi, unit=_KG.unit, above_lo=_KG.above_lo)
    except BadValue:
        return parse_float(value, hi=MAX_KG_PER_LITRE, unit="kg a litre", above_lo=True)


def kg_text(kg: float) -> str:
    """A mass as given, every digit that tells it from its neighbour: ``25.000001``, not ``25``.

    >>> kg_text(25.000001), kg_text(840.0), kg_text(0.84)
    ('25.000001', '840', '0.84')
    """
    short = f"{kg:g}"
    return short if float(short) == kg else repr(kg)


def check_litre_mass(f: Fields, kg: float) -> None:
    """A litre's mass against what is shipped by the litre: an error above the densest.

    The bound of every number "catches a unit slip", but 1,000,000 let through a tester's
    diesel at 840 (kg/m³ typed for kg/L): requirements asked 44,506 t of fuel for 44.5 t.
    Above :data:`MAX_KG_PER_LITRE` it is an error; outside :data:`USUAL_KG_PER_LITRE`, a
    warning. Each offers the value a slip by 1,000 would have meant, where that is usual.
    """
    low, high = USUAL_KG_PER_LITRE
    column = "kg_per_demand_unit"
    usual = f"water 1.0, diesel 0.84, petrol 0.74; the usual {low:g} to {high:g}"
    if kg > MAX_KG_PER_LITRE:
        meant = kg / 1000
        guess = f"did you mean {meant:g}? " if low <= meant <= high else ""
        f.fail(
            column,
            f"{kg_text(kg)} kg a litre is denser than anything shipped by the litre (at most "
            f"{MAX_KG_PER_LITRE:g}: {usual}): {guess}kg per litre, not per m³",
        )
    elif not low <= kg <= high:
        if kg > high:
            what, hint = "heavier", "check that it is kg per litre"
        else:
            meant = kg * 1000
            what = "lighter"
            hint = (
                f"did you mean {meant:g}? kg per litre, not tonnes"
                if low <= meant <= high
                else "check that it is kg per litre"
            )
        f.report.warning(
            FILE,
            f"{kg_text(kg)} kg a litre is {what} than what is usually shipped by the litre "
            f"({usual}): {hint}",
            f.origin.line_of(column),
            f.origin.column(column),
        )
